package glm_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/baserate/baserate/frame"
	"github.com/baserate/baserate/stat/glm"
)

// sepCase is one ppmlhdfe separation dataset: y on the x* columns with the
// id* columns as fixed effects, and the rows its authors mark separated.
type sepCase struct {
	file    string
	formula string
	want    []int
	data    *frame.Frame
}

func separationCases(t *testing.T) []sepCase {
	dir := shared(t, "data/models/ppmlhdfe-separation")
	files, _ := filepath.Glob(filepath.Join(dir, "[0-9][0-9].csv"))
	if len(files) != 18 {
		t.Fatalf("%d separation datasets, want 18", len(files))
	}
	var out []sepCase
	for _, path := range files {
		f := readFrame(t, path)
		var xs, ids []string
		for _, n := range f.Names() {
			switch {
			case strings.HasPrefix(n, "x"):
				xs = append(xs, n)
			case strings.HasPrefix(n, "id"):
				ids = append(ids, n)
			}
		}
		if len(xs) == 0 {
			xs = []string{"1"}
		}
		form := "y ~ " + strings.Join(xs, " + ")
		if len(ids) > 0 {
			form += " | " + strings.Join(ids, " + ")
		}
		sep, err := f.Numeric("separated")
		if err != nil {
			t.Fatal(err)
		}
		want := []int{}
		for i, v := range sep {
			if v == 1 {
				want = append(want, i+1)
			}
		}
		out = append(out, sepCase{file: filepath.Base(path), formula: form, want: want, data: f})
	}
	return out
}

// TestSeparationDatasets checks that on each of the 18 ppmlhdfe datasets
// exactly the rows marked separated are dropped, the fit converges, and
// its estimates equal R's glm on the remaining rows.
func TestSeparationDatasets(t *testing.T) {
	var ref map[string]struct {
		Params   map[string]*float64 `json:"params"`
		BSE      map[string]*float64 `json:"bse"`
		Deviance *float64            `json:"deviance"`
		NObs     int                 `json:"nobs"`
		Aliased  strList             `json:"aliased"`
	}
	readJSON(t, "testdata/golden/separation_R.json", &ref)
	for _, c := range separationCases(t) {
		for _, path := range []string{"dense", "cg"} {
			t.Run(c.file+"/"+path, func(t *testing.T) {
				if path == "cg" {
					defer glm.SetLargeLimits(0, 0)()
				}
				res := fit(t, c.data, glm.Model{Formula: c.formula}, glm.Options{})
				if !slices.Equal(res.Separated, c.want) {
					t.Errorf("%s: separated %v, want %v", c.formula, res.Separated, c.want)
				}
				r := ref[c.file]
				if res.NObs != r.NObs {
					t.Errorf("nobs %d, want %d", res.NObs, r.NObs)
				}
				check(t, "deviance", res.Deviance, r.Deviance)
				var ours, theirs []string
				for _, c := range res.Coefficients {
					if c.Aliased {
						ours = append(ours, c.Term)
					}
				}
				for _, a := range r.Aliased {
					if _, ok := r.Params[a]; ok {
						theirs = append(theirs, a)
					}
				}
				if !slices.Equal(ours, theirs) {
					// R keeps a regressor collinear with the fixed effects
					// and drops a dummy instead; we absorb the fixed effects
					// first. The coefficients then mean different things.
					t.Logf("collinear terms differ from R's (ours %v, R %v): coefficients not compared", ours, theirs)
					return
				}
				for name, want := range r.Params {
					got, ok := res.Coef(name)
					if !ok || want == nil {
						continue
					}
					check(t, name, got.Estimate, want)
					check(t, name+" SE", got.StdError, r.BSE[name])
				}
			})
		}
	}
}

// TestSeparationOffFails shows what the checks prevent: without them the
// fit on dataset 01 does not converge or reports fitted means of zero.
func TestSeparationOffFails(t *testing.T) {
	cases := separationCases(t)
	res, err := glm.FitFormula(context.Background(), cases[0].data, glm.Model{Formula: cases[0].formula}, glm.Options{NoSeparation: true, MaxIter: 50})
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	for _, w := range res.Warnings {
		codes[w.Code] = true
	}
	if !codes["not-converged"] && !codes["fitted-zero"] {
		t.Errorf("no warning without separation checks: %+v", res.Warnings)
	}
}

func TestSeparationReport(t *testing.T) {
	// Group b of fe has only zeros; row 5 (x = 1, y = 0) is separated by x.
	csv := "y,x,fe\n1,0,a\n2,0,a\n0,0,b\n0,0,b\n0,1,a\n3,0,c\n1,0,c\n"
	f, err := frame.ReadCSV(context.Background(), strings.NewReader(csv), "s.csv", frame.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := fit(t, f, glm.Model{Formula: "y ~ x | fe"}, glm.Options{})
	if !slices.Equal(res.Separated, []int{3, 4, 5}) {
		t.Errorf("separated = %v, want [3 4 5]", res.Separated)
	}
	zg := res.Separation.ZeroGroups
	if len(zg) != 1 || zg[0].FixedEffect != "fe" || zg[0].Groups != 1 || zg[0].Rows != 2 || res.Separation.ReLURows != 1 {
		t.Errorf("report = %+v", res.Separation)
	}
	if c, _ := res.Coef("x"); !c.Aliased {
		t.Errorf("x should be collinear once row 5 is dropped: %+v", c)
	}
	if res.NObs != 4 || res.Dropped.Separated != 3 {
		t.Errorf("nobs %d dropped %+v", res.NObs, res.Dropped)
	}
}

// strList reads a JSON string or array of strings (jsonlite unboxes
// one-element vectors).
type strList []string

func (s *strList) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*s = []string{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*s = many
	return nil
}
