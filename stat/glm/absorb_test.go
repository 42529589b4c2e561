package glm

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
)

// TestAbsorberPathsAgree partials two fixed effects out of random vectors
// with the passes written for two fixed effects, with those for any number
// and with plain alternating projections, and checks that the results
// agree and are orthogonal to every fixed-effect level.
func TestAbsorberPathsAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for _, tc := range []struct{ n, l1, l2, m int }{{3000, 1500, 40, 2}, {3000, 100, 40, 6}, {3000, 1500, 40, 5}, {240_000, 120_000, 50, 2}, {240_000, 2_000, 50, 3}} {
		f1 := make([]int32, tc.n)
		f2 := make([]int32, tc.n)
		for i := range f1 {
			f1[i] = int32(r.IntN(tc.l1))
			f2[i] = int32(r.IntN(tc.l2))
		}
		w := newWork(&Data{Y: make([]float64, tc.n), FixedEffects: []Factor{
			{Name: "a", Codes: f1, Levels: make([]string, tc.l1)}, {Name: "b", Codes: f2, Levels: make([]string, tc.l2)}}})
		s, abs, _ := w.sortByFE(nil)
		wt := make([]float64, s.n)
		for i := range wt {
			wt[i] = 0.5 + r.Float64()
		}
		vec := func() []float64 {
			v := make([]float64, s.n)
			for i := range v {
				v[i] = r.NormFloat64()
			}
			return v
		}
		var base [][]float64
		for range tc.m {
			base = append(base, vec())
		}
		run := func(two, plain bool) [][]float64 {
			var vs [][]float64
			for _, v := range base {
				vs = append(vs, append([]float64(nil), v...))
			}
			abs.generic = !two
			abs.plain = plain
			abs.setWeights(wt)
			// A rough first solve gives the second a warm start (the
			// passes that start from one differ from those that do not).
			warm := make([][]float64, tc.m)
			var rough [][]float64
			for _, v := range base {
				rough = append(rough, append([]float64(nil), v...))
			}
			if _, _, err := abs.demean(context.Background(), rough, warm, 1e-3, 100000); err != nil {
				t.Fatal(err)
			}
			if _, ok, err := abs.demean(context.Background(), vs, warm, 1e-12, 100000); err != nil || !ok {
				t.Fatalf("demean: %v %v", ok, err)
			}
			abs.generic, abs.plain = false, false
			return vs
		}
		// (The large cases, split over the cores, converge slowly without
		// acceleration: the plain projections check only the small ones.)
		seg, lin := run(false, false), run(true, false)
		plain := lin
		if tc.n < 10_000 {
			plain = run(false, true)
		}
		for c := range seg {
			for i := range seg[c] {
				if math.Abs(seg[c][i]-lin[c][i]) > 1e-8 || math.Abs(seg[c][i]-plain[c][i]) > 1e-6 {
					t.Fatalf("case %+v vector %d row %d: any number %v, two %v, plain %v", tc, c, i, seg[c][i], lin[c][i], plain[c][i])
				}
			}
			// The residual is W-orthogonal to every level of both fixed effects.
			for j, f := range s.fe {
				sums := make([]float64, len(f.Levels))
				for i, k := range f.Codes {
					sums[k] += wt[i] * lin[c][i]
				}
				for k, v := range sums {
					if math.Abs(v) > 1e-7 {
						t.Fatalf("case %+v: fixed effect %d level %d: weighted sum %v", tc, j, k, v)
					}
				}
			}
		}
	}
}
