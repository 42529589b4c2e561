package glm

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
)

// TestAbsorberPathsAgree partials two fixed effects out of random vectors
// with the segment-wise and the row-linear passes and with plain
// alternating projections, and checks that the results agree and are
// orthogonal to every fixed-effect level.
func TestAbsorberPathsAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for _, tc := range []struct{ n, l1, l2 int }{{3000, 1500, 40}, {3000, 100, 40}} {
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
		base := [][]float64{vec(), vec()}
		run := func(rowLinear, plain bool) [][]float64 {
			vs := [][]float64{append([]float64(nil), base[0]...), append([]float64(nil), base[1]...)}
			saved := abs.fe0
			if !rowLinear {
				abs.fe0 = nil
			}
			abs.plain = plain
			abs.setWeights(wt)
			if _, ok, err := abs.demean(context.Background(), vs, make([][]float64, 2), 1e-12, 100000); err != nil || !ok {
				t.Fatalf("demean: %v %v", ok, err)
			}
			abs.fe0, abs.plain = saved, false
			return vs
		}
		if tc.n >= 8*tc.l1 == abs.rowLinear() {
			t.Fatalf("case %+v: rowLinear %v", tc, abs.rowLinear())
		}
		seg, lin, plain := run(false, false), run(true, false), run(false, true)
		for c := range seg {
			for i := range seg[c] {
				if math.Abs(seg[c][i]-lin[c][i]) > 1e-8 || math.Abs(seg[c][i]-plain[c][i]) > 1e-6 {
					t.Fatalf("case %+v vector %d row %d: segments %v, row-linear %v, plain %v", tc, c, i, seg[c][i], lin[c][i], plain[c][i])
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
