package decimal

import (
	"math"
	"strconv"
)

// pow10 holds the powers of ten that float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// Fast converts a plain decimal: an optional sign, digits and at most one
// point, at least one digit. When its significant digits make an integer
// below 2^53 and it has at most 22 digits after the point, both are exact
// in float64 and one division rounds correctly, so the result is
// strconv.ParseFloat's. ok is false for anything else, numbers or not:
// the caller then parses b the slow way, which also rejects what is no
// number in its format.
func Fast(b []byte) (f float64, ok bool) {
	f, st := scan(b)
	return f, st == exact
}

// The outcomes of scan.
const (
	exact    = iota // a plain decimal converted exactly
	noNumber        // signs and points only ("-", ".", "..": a statistical symbol)
	slowPath        // anything else: strconv decides
)

// scan reads b once: its value when the fast path converts it exactly,
// else whether it is a bare symbol or a case for strconv.
func scan(b []byte) (float64, int) {
	i, neg := 0, false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg, i = b[0] == '-', 1
	}
	var mant uint64
	digits, frac, nd := 0, 0, 0 // significant digits, digits after the point, all digits
	dot, other := false, false
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c >= '0' && c <= '9':
			nd++
			if digits == 19 {
				return 0, slowPath // the mantissa could overflow uint64
			}
			mant = mant*10 + uint64(c-'0')
			if mant != 0 {
				digits++
			}
			if dot {
				frac++
			}
		case c == '.' && !dot:
			dot = true
		case c == '.' || c == '-' || c == '+':
			other = true // "..", "+-": no plain decimal, perhaps no number
		default:
			return 0, slowPath
		}
	}
	switch {
	case nd == 0:
		return 0, noNumber // ParseFloat needs a digit, or letters ("Inf")
	case other || mant >= 1<<53 || frac > 22:
		return 0, slowPath
	}
	f := float64(mant) / pow10[frac]
	if neg {
		f = -f
	}
	return f, exact
}

// Parse converts b as strconv.ParseFloat does and rejects what it
// rejects, and infinities and NaN too (a value that overflows float64
// is an error in a statistical file, not a number).
func Parse(b []byte) (float64, bool) {
	switch f, st := scan(b); st {
	case exact:
		return f, true
	case noNumber:
		return 0, false
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}
