package districts_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/districts"
)

// pval prints a p-value as examples/kreise does.
func pval(p float64) string {
	if p < 0.001 {
		return "<0.001"
	}
	return fmt.Sprintf("%.3f", p)
}

// table prints a model's coefficients as examples/kreise prints them.
func table(m districts.Model) []string {
	var out []string
	for _, c := range m.Coefficients {
		out = append(out, fmt.Sprintf("%s %.3f %.3f–%.3f %s", c.Term, c.IRR, c.IRRLow, c.IRRHigh, pval(c.P)))
	}
	return append(out, fmt.Sprintf("deviance %.1f on %g df; theta %.2f (SE %.2f)", m.Fit.Deviance, m.Fit.DFResidual, *m.Fit.Theta, *m.Fit.ThetaSE))
}

// The full model (e) and the model per foreign resident of 2022, key
// 892000, fitted from the bundle, print the tables of examples/kreise
// (examples/README.md, which fits them from ../shared) to the digit, and
// the full model agrees with the R reference of the example to 1e-7.
func TestFullModelMatchesExample(t *testing.T) {
	r, err := districts.Fit(context.Background(), districts.Query{Year: 2022, Offence: "892000"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Districts != 400 || len(r.Merged) != 0 {
		t.Errorf("%d districts, merged %v", r.Districts, r.Merged)
	}
	// Copied from examples/README.md, "violent crime, all residents (NB2)"
	// and "non-German suspects per foreign resident (NB2)".
	for _, tc := range []struct {
		m    districts.Model
		want string
	}{
		{r.Full, `foreign_share    1.035  1.027–1.043  <0.001
log(settlement)  1.300  1.170–1.445  <0.001
log(income)      0.586  0.410–0.837  0.003
young_share      1.080  1.058–1.103  <0.001
old_share        1.070  1.049–1.093  <0.001
deviance 403.9 on 379 df; theta 23.32 (SE 1.80)`},
		{r.PerForeignResident, `foreign_share    0.985  0.975–0.994  0.001
log(settlement)  1.249  1.048–1.488  0.013
log(income)      0.648  0.369–1.138  0.131
young_share      1.052  1.018–1.087  0.003
old_share        1.048  1.030–1.066  <0.001
deviance 408.2 on 379 df; theta 15.70 (SE 1.32)`},
	} {
		var want []string
		for _, l := range strings.Split(tc.want, "\n") {
			want = append(want, strings.Join(strings.Fields(l), " "))
		}
		if got := table(tc.m); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s:\n%s\nexamples/README.md:\n%s", tc.m.Title, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if tc.m.Fit.NObs != 400 || tc.m.Fit.Dropped != 0 || tc.m.Fit.Clusters != 16 || !tc.m.Fit.Converged {
			t.Errorf("%s: %+v", tc.m.Title, tc.m.Fit)
		}
	}
	if e := r.Specifications[len(r.Specifications)-1]; e.ForeignShare != r.Full.Coefficients[0] || !e.FixedEffects {
		t.Errorf("specification e %+v is not the full model's foreign share %+v", e.ForeignShare, r.Full.Coefficients[0])
	}

	raw, err := os.ReadFile("../examples/kreise/testdata/ref_R.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref map[string]struct {
		Params     map[string]float64 `json:"params"`
		BSECluster map[string]float64 `json:"bse_cluster"`
		Theta      float64            `json:"theta"`
	}
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	nb := ref["negbin"]
	for _, c := range r.Full.Coefficients {
		b, se := nb.Params[c.Term], nb.BSECluster[c.Term]
		if math.Abs(c.Estimate-b) > 1e-7*math.Abs(b) || math.Abs(c.StdError-se) > 1e-7*se {
			t.Errorf("%s: %v (%v), R %v (%v)", c.Term, c.Estimate, c.StdError, b, se)
		}
	}
	if math.Abs(*r.Full.Fit.Theta-nb.Theta) > 1e-7*nb.Theta {
		t.Errorf("theta %v, R %v", *r.Full.Fit.Theta, nb.Theta)
	}
}

// Every specification nests the one before, each fits all districts, and
// the reading's percentages are the rate ratios'.
func TestSpecifications(t *testing.T) {
	r, err := districts.Fit(context.Background(), districts.Query{Year: 2022, Offence: "892000"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Specifications) != 5 {
		t.Fatalf("%d specifications", len(r.Specifications))
	}
	prev := 0
	for i, s := range r.Specifications {
		terms := strings.Count(s.Formula, "+") - 1 // the offset
		if i > 0 && terms < prev || i < 4 && s.FixedEffects {
			t.Errorf("%s %s: %s", s.ID, s.Label, s.Formula)
		}
		prev = terms
		c := s.ForeignShare
		if c.Term != "foreign_share" || !(c.IRRLow < c.IRR && c.IRR < c.IRRHigh) || s.Fit.NObs != 400 || s.Fit.Clusters != 16 || s.Fit.Theta == nil {
			t.Errorf("%s: %+v %+v", s.ID, c, s.Fit)
		}
	}
	crude := r.Specifications[0].ForeignShare
	if got, want := r.Reading.Crude.Pct, 100*(crude.IRR-1); got != want {
		t.Errorf("crude reading %v, want %v", got, want)
	}
	// Crude: violent crime per resident 3.9% higher per point of foreign share.
	if got := fmt.Sprintf("%.1f %.1f %.1f", r.Reading.Crude.Pct, r.Reading.Adjusted.Pct, r.Reading.PerForeignResident.Pct); got != "3.9 3.5 -1.5" {
		t.Errorf("reading %s", got)
	}
	if len(r.Caveats) < 8 || r.Caveats[0].Code != "models-ecological-inference" {
		t.Errorf("caveats %v", r.Caveats)
	}
	if _, err := json.Marshal(r); err != nil {
		t.Error(err)
	}
}

// In 2020 Eisenach, which joined the Wartburgkreis in 2021, is added to
// it: the covariates are on the territory of 2022.
func TestTerritoryChange2020(t *testing.T) {
	ds, err := districts.Districts(2020, "892000")
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 400 {
		t.Fatalf("%d districts", len(ds))
	}
	for _, d := range ds {
		if d.AGS == "16056" {
			t.Error("Eisenach is a district of its own")
		}
		if d.AGS == "16063" && (len(d.Merged) != 1 || !strings.HasPrefix(d.Merged[0], "16056")) {
			t.Errorf("Wartburgkreis: merged %v", d.Merged)
		}
	}
	r, err := districts.Fit(context.Background(), districts.Query{Year: 2020, Offence: "892000"})
	if err != nil {
		t.Fatal(err)
	}
	var tc string
	for _, c := range r.Caveats {
		if c.Code == "kreis-territory-change" {
			tc = c.Message
		}
	}
	if len(r.Merged) != 1 || !strings.Contains(tc, "Eisenach") {
		t.Errorf("merged %v; caveat %q", r.Merged, tc)
	}
}

// Every year and key of the district tables fits.
func TestEveryYearAndKeyFits(t *testing.T) {
	keys, err := districts.Keys()
	if err != nil {
		t.Fatal(err)
	}
	for _, y := range districts.Years {
		for _, k := range keys {
			r, err := districts.Fit(context.Background(), districts.Query{Year: y, Offence: k})
			if err != nil {
				t.Errorf("%d %s: %v", y, k, err)
				continue
			}
			for _, s := range r.Specifications {
				// A fit that did not converge (2022, 725000: theta
				// alternates by 5e-11) must say so in the warnings.
				warned := slices.ContainsFunc(r.Warnings, func(w baserate.Warning) bool {
					return strings.HasPrefix(w.Message, strings.Replace(s.Formula, " + offset(log(pop))", "", 1)+":")
				})
				if !s.Fit.Converged && !warned || math.IsNaN(s.ForeignShare.IRRLow) {
					t.Errorf("%d %s %s: %+v; warnings %v", y, k, s.ID, s, r.Warnings)
				}
			}
		}
	}
}

func TestUnknownYearOrKey(t *testing.T) {
	for _, q := range []districts.Query{{2021, "892000"}, {2022, "999999"}} {
		_, err := districts.Fit(context.Background(), q)
		if baserate.KindOf(err) != baserate.KindNotFound {
			t.Errorf("%+v: %v", q, err)
		}
	}
}
