package glm_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/stat/glm"
)

// auditData is a small Poisson table: y ~ x + offset(log(pop)), with a
// cluster variable of four groups and one that is constant.
func auditData(clusters ...glm.Factor) *glm.Data {
	y := []float64{3, 4, 2, 7, 1, 5, 6}
	x := []float64{0.5, 1.5, 2.5, 2.5, 0.1, 1.0, 1.2}
	pop := []float64{100, 200, 150, 300, 120, 220, 260}
	one := make([]float64, len(y))
	off := make([]float64, len(y))
	for i := range y {
		one[i] = 1
		off[i] = math.Log(pop[i])
	}
	return &glm.Data{Y: y, X: [][]float64{one, x}, Names: []string{"(Intercept)", "x"}, Offset: off, Clusters: clusters}
}

var (
	auditC   = glm.Factor{Name: "c", Codes: []int32{0, 0, 1, 1, 2, 2, 3}, Levels: []string{"1", "2", "3", "4"}}
	auditOne = glm.Factor{Name: "one", Codes: make([]int32, 7), Levels: []string{"k"}}
)

// TestOneClusterIsNotEstimable: with a single cluster the scores sum to
// the gradient, 0 at the maximum, and G/(G-1) is infinite, so CR1 errors
// do not exist: R's sandwich::vcovCL stops ("non-conformable arrays") and
// statsmodels raises ZeroDivisionError on the same data. The fit used a
// factor of 1 instead and reported the rounding error of the gradient as
// the standard error (5e-12, z = -7e11, p < 1e-4). Two-way clustering
// with one constant dimension is the same (V1 ≈ 0, V12 = V2).
//
// With four clusters the errors are those of R 4.2.2, sandwich 3.0-2:
//
//	d <- read.csv("col.csv")   # the table of auditData, c = 1,1,2,2,3,3,4
//	m <- glm(y ~ x + offset(log(pop)), poisson, d, control = glm.control(epsilon = 1e-14))
//	sprintf("%.10g", sqrt(diag(vcovCL(m, cluster = ~c, type = "HC1"))))
//	# 0.2743270774 0.1468223325
func TestOneClusterIsNotEstimable(t *testing.T) {
	ctx := context.Background()
	res, err := glm.Fit(ctx, auditData(auditC), glm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{0.2743270774, 0.1468223325} {
		if got := res.Coefficients[i].StdError; !closeTo(got, want, 1e-8) {
			t.Errorf("four clusters: SE(%s) = %.10g, R %.10g", res.Coefficients[i].Term, got, want)
		}
	}
	for _, cl := range [][]glm.Factor{{auditOne}, {auditOne, auditC}, {auditC, auditOne}} {
		res, err := glm.Fit(ctx, auditData(cl...), glm.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range res.Coefficients {
			if !math.IsNaN(c.StdError) || !math.IsNaN(c.Z) || !math.IsNaN(c.P) {
				t.Errorf("clusters %s: %s has SE %g, z %g, p %g; want NaN (not estimable)", cl[0].Name, c.Term, c.StdError, c.Z, c.P)
			}
			if math.IsNaN(c.Estimate) {
				t.Errorf("%s: the estimate is lost", c.Term)
			}
		}
		if !hasWarning(res, "one-cluster") {
			t.Errorf("clusters %v: no one-cluster warning in %v", len(cl), res.Warnings)
		}
	}
}

// TestQuasiPoissonNoResidualDF: a saturated quasi-Poisson fit has no
// residual degrees of freedom, so the dispersion is not estimable. R's
// summary.glm reports NaN for it and for the errors, t and p:
//
//	d <- data.frame(y = c(3, 5), x = c(0, 1))
//	summary(glm(y ~ x, quasipoisson, d))   # dispersion NaN, SE NaN
//
// The fit divided by 0 and reported an infinite dispersion, infinite
// errors, z = 0 and p = 1, which reads as "no effect".
func TestQuasiPoissonNoResidualDF(t *testing.T) {
	d := &glm.Data{Y: []float64{3, 5}, X: [][]float64{{1, 1}, {0, 1}}, Names: []string{"(Intercept)", "x"}}
	res, err := glm.Fit(context.Background(), d, glm.Options{Family: glm.QuasiPoisson})
	if err != nil {
		t.Fatal(err)
	}
	if res.DFResidual != 0 || !math.IsNaN(res.Dispersion) {
		t.Errorf("df %v, dispersion %v; want 0 and NaN", res.DFResidual, res.Dispersion)
	}
	for i, want := range []float64{math.Log(3), math.Log(5.0 / 3)} {
		c := res.Coefficients[i]
		if !closeTo(c.Estimate, want, 1e-9) {
			t.Errorf("%s = %v, want %v", c.Term, c.Estimate, want)
		}
		if !math.IsNaN(c.StdError) || !math.IsNaN(c.Z) || !math.IsNaN(c.P) {
			t.Errorf("%s: SE %v z %v p %v; want NaN as R", c.Term, c.StdError, c.Z, c.P)
		}
	}
}

// TestOptionsAreChecked: a negative iteration limit crashed the fit
// (index out of range in finalize) and a negative or NaN tolerance ran
// every iteration to report non-convergence; both are invalid options.
func TestOptionsAreChecked(t *testing.T) {
	for _, opt := range []glm.Options{
		{MaxIter: -1},
		{Family: glm.NegBin, MaxIter: -5},
		{Tol: -1},
		{Tol: math.NaN()},
		{DemeanTol: -1e-8},
		{Level: math.NaN()},
	} {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%+v: panic %v", opt, r)
				}
			}()
			_, err := glm.Fit(context.Background(), auditData(), opt)
			if err == nil || baserate.KindOf(err) != baserate.KindInvalid {
				t.Errorf("%+v: error %v (kind %v), want an invalid-option error", opt, err, baserate.KindOf(err))
			}
		}()
	}
	// The defaults (zero values) and ordinary settings still fit.
	for _, opt := range []glm.Options{{}, {MaxIter: 1}, {Tol: 1e-6, MaxIter: 50}} {
		if _, err := glm.Fit(context.Background(), auditData(), opt); err != nil {
			t.Errorf("%+v: %v", opt, err)
		}
	}
}

func hasWarning(r *glm.Result, code string) bool {
	for _, w := range r.Warnings {
		if w.Code == code {
			return true
		}
	}
	return false
}

// TestNonIntegerResponseWarns: rates fitted as counts get a warning, as
// R's poisson family and glm.nb give one ("non-integer x = 2.5"), naming
// how many and the first; quasi-Poisson and whole counts get none.
func TestNonIntegerResponseWarns(t *testing.T) {
	ctx := context.Background()
	code := func(res *glm.Result) string {
		for _, w := range res.Warnings {
			if w.Code == "non-integer-response" {
				return w.Message
			}
		}
		return ""
	}
	d := auditData()
	res, err := glm.Fit(ctx, d, glm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if m := code(res); m != "" {
		t.Errorf("whole counts warned: %s", m)
	}
	d.Y[2], d.Y[4] = 2.5, 1.25
	for _, fam := range []glm.Family{glm.Poisson, glm.NegBin, glm.QuasiPoisson} {
		res, err := glm.Fit(ctx, d, glm.Options{Family: fam})
		if err != nil {
			t.Fatal(fam, err)
		}
		m := code(res)
		switch {
		case fam == glm.QuasiPoisson && m != "":
			t.Errorf("quasipoisson warned: %s", m)
		case fam != glm.QuasiPoisson && !strings.Contains(m, "2 responses are not whole numbers (the first 2.5, data row 3)"):
			t.Errorf("%s: warning %q", fam, m)
		}
	}
}

// TestSaturatedDevianceNotNegative: a saturated fit (one coefficient per
// observation) has deviance 0, and every unit deviance is ≥ 0, but the
// sum came out -2.2e-15 and -1.8e-15 here and was printed as
// "deviance -2.22045e-15", which reads as a bug. R gives rounding-sized
// values too (R 4.2.2):
//
//	d <- data.frame(y = c(3, 7), g = c("a", "b"), pop = c(100, 200))
//	deviance(glm(y ~ g + offset(log(pop)), poisson, d))   # -3.281661e-28
//	d <- data.frame(y = c(3, 7, 5), g = c("a", "b", "c"))
//	deviance(glm(y ~ g, poisson, d))                      # 2.220446e-16
//
// A negative sum is now reported as 0; the estimates are unchanged.
func TestSaturatedDevianceNotNegative(t *testing.T) {
	two := &glm.Data{Y: []float64{3, 7}, X: [][]float64{{1, 1}, {0, 1}}, Names: []string{"(Intercept)", "gb"},
		Offset: []float64{math.Log(100), math.Log(200)}}
	three := &glm.Data{Y: []float64{3, 7, 5}, X: [][]float64{{1, 1, 1}, {0, 1, 0}, {0, 0, 1}}, Names: []string{"(Intercept)", "gb", "gc"}}
	for _, tc := range []struct {
		name string
		d    *glm.Data
		want []float64
	}{
		{"two with offset", two, []float64{math.Log(3.0 / 100), math.Log(7.0 / 200 * 100 / 3)}},
		{"three", three, []float64{math.Log(3), math.Log(7.0 / 3), math.Log(5.0 / 3)}},
	} {
		for _, fam := range []glm.Family{glm.Poisson, glm.QuasiPoisson} {
			res, err := glm.Fit(context.Background(), tc.d, glm.Options{Family: fam})
			if err != nil {
				t.Fatal(err)
			}
			if !(res.Deviance >= 0 && res.Deviance < 1e-12) {
				t.Errorf("%s, %v: deviance %v, want 0 up to rounding and not negative", tc.name, fam, res.Deviance)
			}
			for i, w := range tc.want {
				if c := res.Coefficients[i]; !closeTo(c.Estimate, w, 1e-9) {
					t.Errorf("%s, %v: %s = %v, want %v", tc.name, fam, c.Term, c.Estimate, w)
				}
			}
		}
	}
}
