package glm_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/baserate/baserate/stat/glm"
)

// panelData draws n rows of an overdispersed count panel with two fixed
// effects of l1 and l2 levels, two regressors, an offset and a cluster
// variable: large enough that the projections take several
// conjugate-gradient iterations.
func panelData(n, l1, l2 int, seed uint64) *glm.Data {
	r := rand.New(rand.NewPCG(seed, 29))
	a, b := make([]float64, l1), make([]float64, l2)
	for i := range a {
		a[i] = 0.5 * r.NormFloat64()
	}
	for i := range b {
		b[i] = 0.5 * r.NormFloat64()
	}
	d := &glm.Data{Y: make([]float64, n), X: [][]float64{make([]float64, n), make([]float64, n)}, Names: []string{"x1", "x2"},
		Offset: make([]float64, n)}
	f1, f2, cl := make([]int32, n), make([]int32, n), make([]int32, n)
	for i := 0; i < n; i++ {
		f1[i], f2[i] = int32(r.IntN(l1)), int32(r.IntN(l2))
		cl[i] = f2[i] % 50
		d.X[0][i], d.X[1][i] = r.NormFloat64(), r.NormFloat64()+0.3*b[f2[i]]
		d.Offset[i] = math.Log(1 + 4*r.Float64())
		// A gamma-mixed Poisson (shape 2): overdispersed.
		mu := math.Exp(0.5*d.X[0][i]-0.3*d.X[1][i]+a[f1[i]]+b[f2[i]]+d.Offset[i]) * (r.ExpFloat64() + r.ExpFloat64()) / 2
		u, p, k := r.Float64(), math.Exp(-mu), 0
		for c := p; u > c && k < 1000; c += p {
			k++
			p *= mu / float64(k)
		}
		d.Y[i] = float64(k)
	}
	names := func(prefix string, k int) []string {
		out := make([]string, k)
		for i := range out {
			out[i] = fmt.Sprintf("%s%d", prefix, i)
		}
		return out
	}
	d.FixedEffects = []glm.Factor{{Name: "f1", Codes: f1, Levels: names("a", l1)}, {Name: "f2", Codes: f2, Levels: names("b", l2)}}
	d.Clusters = []glm.Factor{{Name: "c", Codes: cl, Levels: names("c", 50)}}
	return d
}

// TestDefaultTolerancesMatchTight checks that the fit at the default
// tolerances (whose IRLS projects the working residual after the first
// iteration, and whose final projection for model-based errors stops at
// the square root of the tolerance) equals a fit at tolerances of 1e-13
// to 1e-10 in every coefficient, standard error and the deviance, for
// each family and kind of standard error.
func TestDefaultTolerancesMatchTight(t *testing.T) {
	d := panelData(20_000, 6_000, 150, 7)
	for _, fam := range []glm.Family{glm.Poisson, glm.QuasiPoisson, glm.NegBin} {
		for _, se := range []glm.SE{glm.SEModel, glm.SECluster} {
			opt := glm.Options{Family: fam, SE: se, NoAggregate: true}
			got, err := glm.Fit(context.Background(), d, opt)
			if err != nil {
				t.Fatal(err)
			}
			opt.Tol, opt.DemeanTol = 1e-13, 1e-13
			want, err := glm.Fit(context.Background(), d, opt)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Converged || !want.Converged {
				t.Fatalf("%s %s: not converged", fam, se)
			}
			worst := 0.0
			for i, c := range got.Coefficients {
				w := want.Coefficients[i]
				worst = math.Max(worst, math.Max(math.Abs(c.Estimate-w.Estimate)/math.Abs(w.Estimate), math.Abs(c.StdError-w.StdError)/w.StdError))
			}
			worst = math.Max(worst, math.Abs(got.Deviance-want.Deviance)/want.Deviance)
			t.Logf("%s %s: %d iterations, largest relative difference %.1e", fam, se, got.Iterations, worst)
			if worst > 1e-10 {
				t.Errorf("%s %s: largest relative difference from the tight fit %.1e, want at most 1e-10", fam, se, worst)
			}
		}
	}
}
