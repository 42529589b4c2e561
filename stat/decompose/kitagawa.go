package decompose

import (
	"fmt"
	"math"

	"github.com/baserate/baserate"
)

// Kitagawa is the two-part decomposition of a crude-rate gap, in units of
// the multiplier: CrudeGap == RateEffect + CompositionEffect up to rounding.
type Kitagawa struct {
	CrudeGap          float64 `json:"crude_gap"`
	RateEffect        float64 `json:"rate_effect"`
	CompositionEffect float64 `json:"composition_effect"`
	// CompositionShare is CompositionEffect / CrudeGap (0 when the gap is 0).
	CompositionShare float64 `json:"composition_share"`
}

// KitagawaGap decomposes crude(1) − crude(0) over strata, where group 1 has
// counts x1 and populations n1 and group 0 (the reference) x0 and n0:
//
//	rate effect        = Σ (r1 − r0)·(c1 + c0)/2
//	composition effect = Σ (c1 − c0)·(r1 + r0)/2
//
// with r the stratum rates and c the population shares. Both are multiplied
// by per.
func KitagawaGap(x1, n1, x0, n0 []float64, per float64) (Kitagawa, error) {
	if err := sameLen(x1, n1, x0, n0); err != nil {
		return Kitagawa{}, err
	}
	r1, c1, crude1 := ratesShares(x1, n1)
	r0, c0, crude0 := ratesShares(x0, n0)
	var k Kitagawa
	for i := range x1 {
		k.RateEffect += (r1[i] - r0[i]) * (c1[i] + c0[i]) / 2
		k.CompositionEffect += (c1[i] - c0[i]) * (r1[i] + r0[i]) / 2
	}
	k.CrudeGap = (crude1 - crude0) * per
	k.RateEffect *= per
	k.CompositionEffect *= per
	if k.CrudeGap != 0 {
		k.CompositionShare = k.CompositionEffect / k.CrudeGap
	}
	return k, nil
}

// ratesShares returns stratum rates x/n (0 where n is 0), population shares
// n/N (0 when N is 0) and the crude rate.
func ratesShares(x, n []float64) (r, c []float64, crude float64) {
	r = make([]float64, len(x))
	c = make([]float64, len(x))
	var X, N float64
	for i := range x {
		X += x[i]
		N += n[i]
		if n[i] > 0 {
			r[i] = x[i] / n[i]
		}
	}
	if N > 0 {
		for i := range n {
			c[i] = n[i] / N
		}
		crude = X / N
	}
	return r, c, crude
}

func sameLen(vs ...[]float64) error {
	for _, v := range vs {
		if len(v) != len(vs[0]) {
			return baserate.E("decompose", baserate.KindInvalid, fmt.Sprintf("strata lengths differ: %d and %d", len(vs[0]), len(v)))
		}
		for _, x := range v {
			if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
				return baserate.E("decompose", baserate.KindInvalid, fmt.Sprintf("value %v is not a finite number >= 0", x))
			}
		}
	}
	if len(vs[0]) == 0 {
		return baserate.E("decompose", baserate.KindInvalid, "no strata")
	}
	return nil
}
