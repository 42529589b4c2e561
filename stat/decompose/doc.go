// Package decompose splits the gap between two crude rates into the part
// due to different stratum rates and the parts due to different population
// composition, such that the parts add up to the gap exactly.
//
// [Kitagawa] gives the two-part split (rate effect and composition effect)
// in the average-weights form of Kitagawa (1955). [DasGupta] splits the
// composition effect further by factor (age, sex, settlement type, ...)
// with the symmetric method of Das Gupta (1993, ch. 5 and 6).
//
// Inputs are per-stratum counts and populations; a stratum with no
// population has rate 0 and weight 0 in that group; its events, if any,
// are in the crude rate but in no effect (warning "gap-not-decomposed").
package decompose
