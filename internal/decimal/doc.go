// Package decimal converts the numbers of statistical files to float64
// exactly as strconv.ParseFloat does, with a fast path for the plain
// decimals ("236.96", "-0.001", "+12") that make up nearly all of them.
package decimal
