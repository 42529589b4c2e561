package glm_test

import (
	"context"
	"encoding/json"
	"flag"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/baserate/baserate/frame"
	"github.com/baserate/baserate/internal/sharedtest"
	"github.com/baserate/baserate/stat/glm"
)

var update = flag.Bool("update", false, "rerun the reference scripts (testdata/generate.sh; needs R and statsmodels) before comparing")

// The golden comparisons require this relative agreement (plus a tiny
// absolute slack for numbers that are zero in theory).
const goldenTol = 1e-7

func TestMain(m *testing.M) {
	flag.Parse()
	if *update {
		cmd := exec.Command("sh", "generate.sh")
		cmd.Dir = "testdata"
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			panic("testdata/generate.sh: " + err.Error())
		}
	}
	os.Exit(m.Run())
}

// shared returns the path of a file under ../shared beside the repository.
// Without it the test fails in CI and skips elsewhere.
func shared(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", rel)
	sharedtest.Need(t, p)
	return p
}

type refModel struct {
	Params     map[string]*float64 `json:"params"`
	BSE        map[string]*float64 `json:"bse"`
	BSEHC0     map[string]*float64 `json:"bse_hc0"`
	BSECluster map[string]*float64 `json:"bse_cluster"`
	Deviance   *float64            `json:"deviance"`
	LLF        *float64            `json:"llf"`
	Scale      *float64            `json:"scale"`
	Theta      *float64            `json:"theta"`
	SETheta    *float64            `json:"se_theta"`
	Alpha      *float64            `json:"alpha"`
	Pearson    *float64            `json:"pearson_chi2"`
	NObs       *float64            `json:"nobs"`
	DFResid    *float64            `json:"df_resid"`
}

type refDoc struct {
	Models map[string]refModel `json:"models"`
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// jsonlite writes NaN (a negative variance) as the string "NaN".
	raw = []byte(strings.ReplaceAll(string(raw), `"NaN"`, "null"))
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func close(got, want float64) bool {
	return math.Abs(got-want) <= goldenTol*math.Abs(want)+1e-10
}

// maxRel records, per test, the largest relative difference checked, which
// the test logs at its end (go test -v shows the agreement reached).
var maxRel = map[*testing.T]*float64{}
var maxWhat = map[*testing.T]string{}

func check(t *testing.T, what string, got float64, want *float64) {
	t.Helper()
	if want == nil {
		t.Errorf("%s: reference has no value", what)
		return
	}
	if maxRel[t] == nil {
		v := 0.0
		maxRel[t] = &v
		t.Cleanup(func() {
			t.Logf("largest relative difference from the reference: %.1e (%s)", *maxRel[t], maxWhat[t])
			delete(maxRel, t)
			delete(maxWhat, t)
		})
	}
	if d := math.Abs(got-*want) / math.Abs(*want); math.Abs(*want) > 1e-8 && d > *maxRel[t] {
		*maxRel[t], maxWhat[t] = d, what
	}
	if !close(got, *want) {
		t.Errorf("%s = %.15g, reference %.15g (rel. diff %.2g)", what, got, *want, math.Abs(got-*want)/math.Abs(*want))
	}
}

// statsmodelsName maps patsy's names to R's: C(age)[T.14-17] -> age14-17,
// Intercept -> (Intercept), np.log(x) -> log(x).
var patsyLevel = regexp.MustCompile(`^C\(([^)]*)\)\[T\.(.*)\]$`)

func rName(s string, factorCols ...string) string {
	if s == "Intercept" {
		return "(Intercept)"
	}
	if m := patsyLevel.FindStringSubmatch(s); m != nil {
		if slices.Contains(factorCols, m[1]) {
			return "factor(" + m[1] + ")" + m[2]
		}
		return m[1] + m[2]
	}
	return strings.ReplaceAll(s, "np.log(", "log(")
}

func fit(t *testing.T, src *frame.Frame, m glm.Model, opt glm.Options) *glm.Result {
	t.Helper()
	res, err := glm.FitFormula(context.Background(), src, m, opt)
	if err != nil {
		t.Fatalf("%s (%s): %v", m.Formula, opt.Family, err)
	}
	if !res.Converged {
		t.Errorf("%s (%s): not converged", m.Formula, opt.Family)
	}
	return res
}

func readFrame(t *testing.T, path string) *frame.Frame {
	t.Helper()
	f, err := frame.ReadFile(context.Background(), path, frame.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// compare checks each reference coefficient (mapped to R's names) that the
// fit also estimates.
func compare(t *testing.T, label string, res *glm.Result, ref map[string]*float64, field func(glm.Coefficient) float64, mapName func(string) string) {
	t.Helper()
	n := 0
	for name, want := range ref {
		c, ok := res.Coef(mapName(name))
		if !ok || want == nil {
			continue
		}
		n++
		check(t, label+" "+c.Term, field(c), want)
	}
	if n == 0 {
		t.Errorf("%s: no coefficient in common with the reference", label)
	}
}

func est(c glm.Coefficient) float64 { return c.Estimate }
func se(c glm.Coefficient) float64  { return c.StdError }
func same(s string) string          { return s }

// TestCellsAgainstStatsmodels compares the dummy-variable fit of the
// synthetic cells (gen_data.py) with statsmodels.
func TestCellsAgainstStatsmodels(t *testing.T) {
	var ref refDoc
	readJSON(t, "testdata/golden/cells_statsmodels.json", &ref)
	src := readFrame(t, "testdata/cells.csv")
	model := glm.Model{Formula: "count ~ age + sex + cit + region + factor(year)", Offset: "log(pop)", Cluster: []string{"region"}}
	name := func(s string) string { return rName(s, "year") }

	pm := ref.Models["poisson"]
	r := fit(t, src, model, glm.Options{Family: glm.Poisson, SE: glm.SEModel})
	if len(r.Coefficients) != len(pm.Params) {
		t.Errorf("%d coefficients, statsmodels %d", len(r.Coefficients), len(pm.Params))
	}
	compare(t, "poisson estimate", r, pm.Params, est, name)
	compare(t, "poisson model SE", r, pm.BSE, se, name)
	check(t, "poisson deviance", r.Deviance, pm.Deviance)
	check(t, "poisson loglik", r.LogLik, pm.LLF)
	check(t, "poisson Pearson", r.Pearson, pm.Pearson)
	r = fit(t, src, model, glm.Options{Family: glm.Poisson, SE: glm.SEHC0})
	compare(t, "poisson HC0 SE", r, pm.BSEHC0, se, name)
	r = fit(t, src, model, glm.Options{Family: glm.Poisson})
	compare(t, "poisson cluster SE", r, pm.BSECluster, se, name)

	qm := ref.Models["quasipoisson"]
	r = fit(t, src, model, glm.Options{Family: glm.QuasiPoisson, SE: glm.SEModel})
	compare(t, "quasi SE", r, qm.BSE, se, name)
	check(t, "quasi dispersion", r.Dispersion, qm.Scale)

	nb := ref.Models["nb2_glm_fixed"]
	r = fit(t, src, model, glm.Options{Family: glm.NegBin, SE: glm.SEModel})
	compare(t, "negbin estimate", r, nb.Params, est, name)
	compare(t, "negbin SE (theta fixed)", r, nb.BSE, se, name)
	alpha := 1 / *r.Theta
	check(t, "negbin alpha", alpha, ref.Models["nb2"].Alpha)
}

// TestCellsAgainstR compares the same fit (year numeric, as R reads it)
// with R's glm, glm.nb and sandwich.
func TestCellsAgainstR(t *testing.T) {
	var ref refDoc
	readJSON(t, "testdata/golden/cells_R.json", &ref)
	src := readFrame(t, "testdata/cells.csv")
	model := glm.Model{Formula: "count ~ age + sex + cit + region + year", Offset: "log(pop)", Cluster: []string{"region"}}
	checkR(t, src, model, ref, true)
}

// TestFixedEffectsEqualDummies fits the cells with region and year
// absorbed and compares with R's fit of the same model with dummies.
func TestFixedEffectsEqualDummies(t *testing.T) {
	var ref refDoc
	readJSON(t, "testdata/golden/cells_fe_R.json", &ref)
	src := readFrame(t, "testdata/cells.csv")
	model := glm.Model{Formula: "count ~ age + sex + cit | region + year", Offset: "log(pop)", Cluster: []string{"region"}}
	checkR(t, src, model, ref, true)

	var extra struct {
		Poisson struct {
			Params      map[string]*float64 `json:"params"`
			BSEHC1      map[string]*float64 `json:"bse_hc1"`
			BSECluster1 map[string]*float64 `json:"bse_cluster1"`
			BSECluster2 map[string]*float64 `json:"bse_cluster2"`
		} `json:"poisson"`
		NegBin struct {
			BSEHC0      map[string]*float64 `json:"bse_hc0"`
			BSECluster1 map[string]*float64 `json:"bse_cluster1"`
		} `json:"negbin"`
	}
	readJSON(t, "testdata/golden/cells_fe_extra_R.json", &extra)
	r := fit(t, src, model, glm.Options{SE: glm.SEHC1})
	compare(t, "poisson HC1 SE", r, extra.Poisson.BSEHC1, se, same)
	two := model
	two.Cluster = []string{"region", "year"}
	r = fit(t, src, two, glm.Options{})
	compare(t, "poisson two-way CR1 SE", r, extra.Poisson.BSECluster2, se, same)
	if !strings.Contains(r.SE, "two-way") {
		t.Errorf("SE label %q does not name the two-way convention", r.SE)
	}
	r = fit(t, src, model, glm.Options{Family: glm.NegBin, SE: glm.SEHC0})
	compare(t, "negbin HC0 SE", r, extra.NegBin.BSEHC0, se, same)
	r = fit(t, src, model, glm.Options{Family: glm.NegBin})
	compare(t, "negbin CR1 SE", r, extra.NegBin.BSECluster1, se, same)
}

// TestLaenderPanel compares a Poisson and quasi-Poisson panel regression
// with Land and year fixed effects on the real Länder panel with R (dummy
// fit) and statsmodels.
func TestLaenderPanel(t *testing.T) {
	path := shared(t, "data/stats/de-laender-panel-2010-2020/laender_panel_2010_2020.csv")
	src := readFrame(t, path)
	var ref, py refDoc
	readJSON(t, "testdata/golden/laender_fe_R.json", &ref)
	readJSON(t, "testdata/golden/laender_statsmodels.json", &py)
	model := glm.Model{Formula: "non_german_abs ~ log(Foreigners) + ilo_unemployment_rate_pct | region + year",
		Offset: "log(population_total)", Cluster: []string{"region"}}
	checkR(t, src, model, ref, false)
	name := func(s string) string { return rName(s) }
	pm := py.Models["poisson"]
	r := fit(t, src, model, glm.Options{SE: glm.SEModel})
	compare(t, "statsmodels poisson estimate", r, pm.Params, est, name)
	compare(t, "statsmodels poisson SE", r, pm.BSE, se, name)
	check(t, "statsmodels deviance", r.Deviance, pm.Deviance)
	r = fit(t, src, model, glm.Options{})
	compare(t, "statsmodels cluster SE", r, pm.BSECluster, se, name)

	// glm.nb stops at its alternation limit on this panel (theta near 89;
	// its 1e-12 criterion is below what theta.ml's step rule reaches), so
	// the negative binomial is compared with the statsmodels NB2 MLE and
	// the GLM-NB at that theta instead.
	nb := py.Models["nb2_glm_fixed"]
	r = fit(t, src, model, glm.Options{Family: glm.NegBin, SE: glm.SEModel})
	compare(t, "statsmodels negbin estimate", r, nb.Params, est, name)
	compare(t, "statsmodels negbin SE", r, nb.BSE, se, name)
	check(t, "statsmodels negbin alpha", 1 / *r.Theta, py.Models["nb2"].Alpha)
}

// checkR compares Poisson (model, HC0, cluster), quasi-Poisson and
// negative-binomial fits of model with R's reference document.
func checkR(t *testing.T, src *frame.Frame, model glm.Model, ref refDoc, negbin bool) {
	t.Helper()
	pm := ref.Models["poisson"]
	r := fit(t, src, model, glm.Options{SE: glm.SEModel})
	compare(t, "poisson estimate", r, pm.Params, est, same)
	compare(t, "poisson model SE", r, pm.BSE, se, same)
	check(t, "poisson deviance", r.Deviance, pm.Deviance)
	check(t, "poisson loglik", r.LogLik, pm.LLF)
	check(t, "poisson residual df", r.DFResidual, pm.DFResid)
	check(t, "poisson nobs", float64(r.NObs), pm.NObs)
	r = fit(t, src, model, glm.Options{SE: glm.SEHC0})
	compare(t, "poisson HC0 SE", r, pm.BSEHC0, se, same)
	r = fit(t, src, model, glm.Options{})
	compare(t, "poisson CR1 SE", r, pm.BSECluster, se, same)

	qm := ref.Models["quasipoisson"]
	r = fit(t, src, model, glm.Options{Family: glm.QuasiPoisson, SE: glm.SEModel})
	compare(t, "quasi estimate", r, qm.Params, est, same)
	compare(t, "quasi SE", r, qm.BSE, se, same)
	// R's summary.glm computes the dispersion with the working weights of
	// the last iteration's start (a lag that shows at 1e-7 on large
	// counts); the Pearson statistic of the final fit over the residual df
	// is the exact value, which statsmodels also reports.
	check(t, "quasi dispersion", r.Dispersion, ptr(*pm.Pearson / *pm.DFResid))
	if !negbin {
		return
	}
	nm := ref.Models["negbin"]
	r = fit(t, src, model, glm.Options{Family: glm.NegBin, SE: glm.SEModel})
	compare(t, "negbin estimate", r, nm.Params, est, same)
	compare(t, "negbin SE", r, nm.BSE, se, same)
	check(t, "negbin theta", *r.Theta, nm.Theta)
	check(t, "negbin theta SE", *r.ThetaSE, nm.SETheta)
	check(t, "negbin loglik", r.LogLik, nm.LLF)
	check(t, "negbin deviance", r.Deviance, nm.Deviance)
}

func ptr(x float64) *float64 { return &x }
