package glm_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/baserate/baserate/stat/glm"
)

// singletonData draws a Poisson panel whose first fixed effect has about
// 1.5 rows per level, so that many rows are alone in their level, with
// clusters of which some only singletons have.
func singletonData(seed uint64) *glm.Data {
	r := rand.New(rand.NewPCG(seed, 17))
	const n, l1, l2, g1, g2 = 300, 200, 5, 150, 12
	a := make([]float64, l1)
	for i := range a {
		a[i] = 0.5 * r.NormFloat64()
	}
	d := &glm.Data{Y: make([]float64, n), X: [][]float64{make([]float64, n), make([]float64, n)}, Names: []string{"x1", "x2"},
		Offset: make([]float64, n)}
	f1, f2, c1, c2 := make([]int32, n), make([]int32, n), make([]int32, n), make([]int32, n)
	for i := 0; i < n; i++ {
		f1[i], f2[i] = int32(r.IntN(l1)), int32(r.IntN(l2))
		c1[i], c2[i] = int32(r.IntN(g1)), int32(r.IntN(g2))
		d.X[0][i], d.X[1][i] = r.NormFloat64(), r.NormFloat64()
		d.Offset[i] = math.Log(1 + 4*r.Float64())
		mu := math.Exp(0.3 + 0.4*d.X[0][i] - 0.2*d.X[1][i] + a[f1[i]] + 0.3*float64(f2[i]) + d.Offset[i])
		// Poisson by inversion.
		u, p, k := r.Float64(), math.Exp(-mu), 0
		for c := p; u > c; c += p {
			k++
			p *= mu / float64(k)
		}
		d.Y[i] = float64(k)
	}
	names := func(prefix string, k int) []string {
		out := make([]string, k)
		for i := range out {
			out[i] = fmt.Sprintf("%s%03d", prefix, i)
		}
		return out
	}
	d.FixedEffects = []glm.Factor{{Name: "f1", Codes: f1, Levels: names("a", l1)}, {Name: "f2", Codes: f2, Levels: names("b", l2)}}
	d.Clusters = []glm.Factor{{Name: "c1", Codes: c1, Levels: names("c", g1)}, {Name: "c2", Codes: c2, Levels: names("d", g2)}}
	return d
}

// dummies returns d with its fixed effects as dummy columns (and an
// intercept) instead of absorbed.
func dummies(d *glm.Data) *glm.Data {
	n := len(d.Y)
	out := *d
	out.FixedEffects = nil
	out.X = append([][]float64(nil), d.X...)
	out.Names = append([]string(nil), d.Names...)
	one := make([]float64, n)
	for i := range one {
		one[i] = 1
	}
	out.X = append(out.X, one)
	out.Names = append(out.Names, "(Intercept)")
	for _, f := range d.FixedEffects {
		for l := 1; l < len(f.Levels); l++ {
			col := make([]float64, n)
			for i, c := range f.Codes {
				if int(c) == l {
					col[i] = 1
				}
			}
			out.X = append(out.X, col)
			out.Names = append(out.Names, f.Name+f.Levels[l])
		}
	}
	return &out
}

// TestSingletonsAreExact fits data where about a third of the rows are
// alone in their level, absorbed (singletons set aside) and as a
// dummy-variable fit (every row in the iterations): estimates, model-based,
// HC1, one- and two-way clustered errors, quasi-Poisson errors, deviance,
// likelihood, AIC, degrees of freedom, cluster counts and separated rows
// must agree.
func TestSingletonsAreExact(t *testing.T) {
	ctx := context.Background()
	for _, seed := range []uint64{1, 2, 3} {
		d := singletonData(seed)
		dd := dummies(d)
		for _, tc := range []struct {
			fam      glm.Family
			se       glm.SE
			clusters int
		}{
			{glm.Poisson, glm.SEModel, 0}, {glm.Poisson, glm.SEHC1, 0}, {glm.Poisson, glm.SECluster, 1},
			{glm.Poisson, glm.SECluster, 2}, {glm.QuasiPoisson, glm.SEModel, 0},
		} {
			a, b := *d, *dd
			a.Clusters, b.Clusters = d.Clusters[:tc.clusters], d.Clusters[:tc.clusters]
			opt := glm.Options{Family: tc.fam, SE: tc.se, NoAggregate: true, Tol: 1e-12}
			ra, err := glm.Fit(ctx, &a, opt)
			if err != nil {
				t.Fatal(err)
			}
			rb, err := glm.Fit(ctx, &b, opt)
			if err != nil {
				t.Fatal(err)
			}
			name := fmt.Sprintf("seed %d %s %s clusters %d", seed, tc.fam, tc.se, tc.clusters)
			if ra.Singletons < 50 {
				t.Fatalf("%s: only %d singletons set aside", name, ra.Singletons)
			}
			for _, c := range ra.Coefficients {
				cb, _ := rb.Coef(c.Term)
				if !closeTo(c.Estimate, cb.Estimate, 1e-8) || !closeTo(c.StdError, cb.StdError, 1e-8) {
					t.Errorf("%s %s: %.12g (%.12g), dummy fit %.12g (%.12g)", name, c.Term, c.Estimate, c.StdError, cb.Estimate, cb.StdError)
				}
			}
			if ra.NObs != rb.NObs || ra.DFResidual != rb.DFResidual || !closeTo(ra.Deviance, rb.Deviance, 1e-8) ||
				(tc.fam == glm.Poisson && (!closeTo(ra.LogLik, rb.LogLik, 1e-10) || !closeTo(ra.AIC, rb.AIC, 1e-10))) {
				t.Errorf("%s: nobs %d/%d df %v/%v deviance %v/%v loglik %v/%v AIC %v/%v", name, ra.NObs, rb.NObs,
					ra.DFResidual, rb.DFResidual, ra.Deviance, rb.Deviance, ra.LogLik, rb.LogLik, ra.AIC, rb.AIC)
			}
			if !slices.Equal(ra.Separated, rb.Separated) {
				t.Errorf("%s: separated %v, dummy fit %v", name, ra.Separated, rb.Separated)
			}
			for j := range ra.Clusters {
				if ra.Clusters[j] != rb.Clusters[j] {
					t.Errorf("%s: clusters %+v, dummy fit %+v", name, ra.Clusters[j], rb.Clusters[j])
				}
			}
			if ra.SE != rb.SE {
				t.Errorf("%s: se_type %q, dummy fit %q", name, ra.SE, rb.SE)
			}
		}
	}
}
