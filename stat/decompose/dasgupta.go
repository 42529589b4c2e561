package decompose

import (
	"fmt"
	"math"

	"github.com/baserate/baserate"
)

// Effect is one factor's share of a crude-rate gap.
type Effect struct {
	Factor string  `json:"factor"`
	Effect float64 `json:"effect"`
	// Share is Effect / CrudeGap (0 when the gap is 0).
	Share float64 `json:"share"`
}

// DasGuptaResult splits a crude-rate gap into a rate effect and one
// composition effect per factor. RateEffect plus the sum of the composition
// effects equals CrudeGap up to rounding.
type DasGuptaResult struct {
	CrudeGap    float64  `json:"crude_gap"`
	RateEffect  float64  `json:"rate_effect"`
	Composition []Effect `json:"composition"`
	// CompositionEffect is the sum of the composition effects.
	CompositionEffect float64 `json:"composition_effect"`
	// Warnings say when the effects do not add up to the gap (events in
	// strata without population; code "gap-not-decomposed").
	Warnings []baserate.Warning `json:"warnings,omitempty"`
}

// MaxFactors is the largest number of compositional factors DasGupta
// accepts (the work grows with factorial and power of two in it).
const MaxFactors = 5

// DasGupta decomposes crude(1) − crude(0) for populations cross-classified
// by factors (such as age, sex, settlement type) with the given names and
// sizes. x1, n1, x0, n0 hold counts and populations per cell, row-major with
// the last factor varying fastest.
//
// Each group's population composition t (cell shares) is written as a
// product of one factor per compositional variable, the geometric mean over
// all orders of the chain rule (Das Gupta 1993, eqs. 5.3 and 6.4 for two and
// three factors): for age, sex and settlement type,
// α_ijk = t_i..^(1/3) (t_ij./t_.j.)^(1/6) (t_i.k/t_..k)^(1/6) (t_ijk/t_.jk)^(1/3).
// The crude rate is then Σ α·β·γ·r over cells, and each factor's effect is
// Das Gupta's symmetric average over the other factors' values in the two
// groups (the Shapley value), so the effects add up to the gap exactly.
// With one factor the result equals [KitagawaGap].
func DasGupta(factors []string, sizes []int, x1, n1, x0, n0 []float64, per float64) (DasGuptaResult, error) {
	var res DasGuptaResult
	if len(factors) != len(sizes) || len(factors) == 0 || len(factors) > MaxFactors {
		return res, baserate.E("decompose", baserate.KindInvalid, fmt.Sprintf("need 1 to %d factors with one size each, got %d names and %d sizes", MaxFactors, len(factors), len(sizes)))
	}
	cells := 1
	for _, s := range sizes {
		if s <= 0 {
			return res, baserate.E("decompose", baserate.KindInvalid, "a factor has no categories")
		}
		cells *= s
	}
	if err := sameLen(x1, n1, x0, n0); err != nil {
		return res, err
	}
	if len(x1) != cells {
		return res, baserate.E("decompose", baserate.KindInvalid, fmt.Sprintf("%d cells for factor sizes %v (want %d)", len(x1), sizes, cells))
	}
	P := len(factors)
	f1 := compFactors(sizes, n1)
	f0 := compFactors(sizes, n0)
	r1, _, crude1 := ratesShares(x1, n1)
	r0, _, crude0 := ratesShares(x0, n0)
	f1 = append(f1, r1)
	f0 = append(f0, r0)
	m := P + 1
	// value(T) = Σ_cells Π_{g in T} f1_g Π_{g not in T} f0_g, T a bit set.
	val := make([]float64, 1<<m)
	for T := range val {
		s := 0.0
		for c := 0; c < cells; c++ {
			p := 1.0
			for g := 0; g < m; g++ {
				if T&(1<<g) != 0 {
					p *= f1[g][c]
				} else {
					p *= f0[g][c]
				}
			}
			s += p
		}
		val[T] = s
	}
	fact := func(n int) float64 {
		f := 1.0
		for i := 2; i <= n; i++ {
			f *= float64(i)
		}
		return f
	}
	effects := make([]float64, m)
	for g := 0; g < m; g++ {
		for S := range val {
			if S&(1<<g) != 0 {
				continue
			}
			s := popcount(S)
			w := fact(s) * fact(m-s-1) / fact(m)
			effects[g] += w * (val[S|1<<g] - val[S])
		}
	}
	res.CrudeGap = (crude1 - crude0) * per
	res.RateEffect = effects[P] * per
	for g := 0; g < P; g++ {
		e := Effect{Factor: factors[g], Effect: effects[g] * per}
		if res.CrudeGap != 0 {
			e.Share = e.Effect / res.CrudeGap
		}
		res.Composition = append(res.Composition, e)
		res.CompositionEffect += e.Effect
	}
	res.Warnings = gapWarnings(x1, n1, x0, n0, per, res.CrudeGap, res.RateEffect+res.CompositionEffect)
	return res, nil
}

func popcount(x int) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}

// compFactors returns, for each factor, the per-cell compositional factor:
// the geometric mean over all orders of the factors of t(S∪{f})/t(S), where
// t(S) is the marginal share over the factors in S. An order puts the set
// S before f in |S|!(P−1−|S|)! of the P! orders, so the mean runs over the
// 2^(P−1) sets S with those weights, on logarithms of the marginals
// computed once per set.
func compFactors(sizes []int, n []float64) [][]float64 {
	P := len(sizes)
	cells := len(n)
	N := 0.0
	for _, v := range n {
		N += v
	}
	coords := make([]int, cells*P)
	for c := 0; c < cells; c++ {
		off := c
		for i := P - 1; i >= 0; i-- {
			coords[c*P+i] = off % sizes[i]
			off /= sizes[i]
		}
	}
	// logMarg[S][c] = log of the share of cell c's margin over the factors
	// in S; zero[S][c] when that share is 0.
	logMarg := make([][]float64, 1<<P)
	zero := make([][]bool, 1<<P)
	keys := make([]int, cells)
	for S := range logMarg {
		size := 1
		for i := 0; i < P; i++ {
			if S&(1<<i) != 0 {
				size *= sizes[i]
			}
		}
		sums := make([]float64, size)
		for c := 0; c < cells; c++ {
			k := 0
			for i := 0; i < P; i++ {
				if S&(1<<i) != 0 {
					k = k*sizes[i] + coords[c*P+i]
				}
			}
			keys[c] = k
			sums[k] += n[c]
		}
		logs := make([]float64, size)
		zs := make([]bool, size)
		for k, v := range sums {
			if N > 0 && v > 0 {
				logs[k] = math.Log(v / N)
			} else {
				zs[k] = true
			}
		}
		logMarg[S] = make([]float64, cells)
		zero[S] = make([]bool, cells)
		for c := 0; c < cells; c++ {
			logMarg[S][c], zero[S][c] = logs[keys[c]], zs[keys[c]]
		}
	}
	fact := func(n int) float64 {
		f := 1.0
		for i := 2; i <= n; i++ {
			f *= float64(i)
		}
		return f
	}
	out := make([][]float64, P)
	for f := 0; f < P; f++ {
		out[f] = make([]float64, cells)
		var sets []int
		var weights []float64
		for S := 0; S < 1<<P; S++ {
			if S&(1<<f) == 0 {
				k := popcount(S)
				sets = append(sets, S)
				weights = append(weights, fact(k)*fact(P-1-k)/fact(P))
			}
		}
		for c := 0; c < cells; c++ {
			logsum := 0.0
			ok := true
			for i, S := range sets {
				if zero[S][c] || zero[S|1<<f][c] {
					ok = false
					break
				}
				logsum += weights[i] * (logMarg[S|1<<f][c] - logMarg[S][c])
			}
			if ok {
				out[f][c] = math.Exp(logsum)
			}
		}
	}
	return out
}
