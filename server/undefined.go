package server

import (
	"math"
	"slices"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/stat/rate"
)

// The rates engine (stat/rate) reports a ratio or share it cannot compute
// (no German suspects to divide by, an unbounded upper limit, a whole of
// 0) as 0 with a warning; the JSON carries both. Everything that shows
// the number without its warning (the pages, the charts, the CSV and
// Parquet downloads) shows it as missing instead, so that an undefined
// ratio is never read as a ratio of 0.

// shownRatio returns r with its undefined parts set to NaN.
func shownRatio(r rate.Ratio) rate.Ratio {
	if !hasWarning(r.Warnings, "undefined-ratio") {
		return r
	}
	if r.Ratio == 0 {
		// The ratio itself is undefined (rate.RateRatio sets it only when
		// it is); so is a lower limit of 0.
		r.Ratio = math.NaN()
		if r.CI[0] == 0 {
			r.CI[0] = math.NaN()
		}
	}
	if r.CI[1] == 0 {
		r.CI[1] = math.NaN()
	}
	return r
}

// shownShare returns s with share and interval NaN when the whole is 0.
func shownShare(s rate.Share) rate.Share {
	if hasWarning(s.Warnings, "zero-whole") {
		s.Share, s.CI = math.NaN(), rate.Interval{math.NaN(), math.NaN()}
	}
	return s
}

func hasWarning(ws []baserate.Warning, code string) bool {
	return slices.ContainsFunc(ws, func(w baserate.Warning) bool { return w.Code == code })
}
