// Package claim reads a plain-language claim about migration and crime, in
// English or German, into its parts: the group it is about, the offence,
// the year and the number, with what kind of number it is (a share of
// suspects, a ratio of rates, a rate, a count). It names the words it did
// not understand and the parts the claim lacks, and it attaches framing
// notes (suspects are not convicts; "migrants" are not citizenship).
//
// The phrases it knows are data files in lexicon/, with their sources;
// adding a phrase or a language is a change to data, not to Go. The package
// parses and compares; it computes no statistic: the figures a claim is
// checked against come from the rates engine (see [Check]).
package claim
