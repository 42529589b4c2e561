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
	// Warnings say when the effects do not add up to the gap (events in
	// strata without population; code "gap-not-decomposed").
	Warnings []baserate.Warning `json:"warnings,omitempty"`
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
	k.Warnings = gapWarnings(x1, n1, x0, n0, per, k.CrudeGap, k.RateEffect+k.CompositionEffect)
	return k, nil
}

// gapWarnings returns warning "gap-not-decomposed" when either group has
// events in a stratum without population. Such events count in the crude
// rate but have no stratum rate, so the effects (which add up to
// explained) miss their part of the crude gap; when the two groups' lost
// parts cancel (explained equals gap up to rounding), nothing is missed
// and there is no warning.
func gapWarnings(x1, n1, x0, n0 []float64, per, gap, explained float64) []baserate.Warning {
	if math.Abs(gap-explained) <= 1e-9*math.Max(math.Abs(gap), math.Abs(explained)) {
		return nil
	}
	var lost1, lost0 float64
	for i := range x1 {
		if n1[i] == 0 {
			lost1 += x1[i]
		}
		if n0[i] == 0 {
			lost0 += x0[i]
		}
	}
	if lost1 == 0 && lost0 == 0 {
		return nil
	}
	return []baserate.Warning{{Code: "gap-not-decomposed", Message: fmt.Sprintf(
		"events in strata without population (%g of the group, %g of the reference) count in the crude rates but have no stratum rate: the effects add up to %.4g per %g, not to the crude gap of %.4g",
		lost1, lost0, explained, per, gap)}}
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
