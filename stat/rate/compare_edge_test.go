package rate_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/stat/rate"
)

func codes(ws []baserate.Warning, code string) []string {
	var msgs []string
	for _, w := range ws {
		if w.Code == code {
			msgs = append(msgs, w.Message)
		}
	}
	return msgs
}

// TestDirectWithoutWeightedStratum checks that a group whose population
// lies only in strata the standard gives no weight returns (it used to
// hang in a gamma quantile of shape 0/0) with a DSR of 0, finite
// intervals and warning "no-valid-stratum".
func TestDirectWithoutWeightedStratum(t *testing.T) {
	for _, m := range rate.Methods {
		done := make(chan struct{})
		var d rate.DSR
		var err error
		go func() {
			defer close(done)
			d, err = rate.Direct([]float64{10, 0}, []float64{1000, 0}, []float64{0, 500}, []string{"young", "old"}, rate.Options{Method: m})
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: Direct did not return within 5s", m)
		}
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		b, err := json.Marshal(d)
		if err != nil || strings.Contains(string(b), "NaN") {
			t.Fatalf("%s: not finite: %s (%v)", m, b, err)
		}
		if d.Rate != 0 || d.CI != (rate.Interval{}) || len(codes(d.Warnings, "no-valid-stratum")) != 1 || len(codes(d.Warnings, "zero-pop-stratum")) != 1 {
			t.Errorf("%s: rate %v CI %v warnings %+v", m, d.Rate, d.CI, d.Warnings)
		}
	}
}

// TestEveryUndefinedRatioIsSaid checks that when the reference has no
// events the SMR, the crude ratio and the DSR ratio each carry their own
// "undefined-ratio" message (they used to be merged into the SMR's, so
// crude and DSR ratios of 0 went unexplained), and that the reference,
// whose ratios are 1 by construction, is not told its ratios are undefined.
func TestEveryUndefinedRatioIsSaid(t *testing.T) {
	in := rate.Input{Strata: []string{"y", "o"}, Ref: "b", Groups: []rate.Group{
		{Name: "a", Count: []float64{3, 1}, Pop: []float64{300, 200}},
		{Name: "b", Count: []float64{0, 0}, Pop: []float64{1000, 2000}}}}
	c, err := rate.Compare(in, rate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range c.Groups {
		msgs := strings.Join(codes(g.Warnings, "undefined-ratio"), " | ")
		switch g.Group {
		case "a":
			for _, want := range []string{"SMR", "rate ratio", "ratio of standardized rates"} {
				if !strings.Contains(msgs, want) {
					t.Errorf("group a: undefined-ratio warnings %q do not mention the %s", msgs, want)
				}
			}
		case "b":
			if g.CrudeRatio != 1 || g.DSRRatio != 1 || strings.Contains(msgs, "rate ratio") || strings.Contains(msgs, "standardized rates") {
				t.Errorf("reference b: ratios %v, %v, warnings %q", g.CrudeRatio, g.DSRRatio, msgs)
			}
		}
	}
}

// TestGapNotDecomposedReachesGroup checks that events in a stratum
// without population (here the reference's 5 in "old"), which break
// rate effect + composition effect == crude gap, are reported with the
// group as warning "gap-not-decomposed".
func TestGapNotDecomposedReachesGroup(t *testing.T) {
	in := rate.Input{Strata: []string{"young", "old"}, Groups: []rate.Group{
		{Name: "a", Count: []float64{10, 5}, Pop: []float64{1000, 0}},
		{Name: "b", Count: []float64{20, 30}, Pop: []float64{1000, 2000}}}}
	c, err := rate.Compare(in, rate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range c.Groups {
		n := len(codes(g.Warnings, "gap-not-decomposed"))
		if g.IsReference && n != 0 || !g.IsReference && n != 1 {
			t.Errorf("group %s (reference %v): %d gap-not-decomposed warnings in %+v", g.Group, g.IsReference, n, g.Warnings)
		}
	}
}

// TestZeroStandardNamesIt checks that a standard population that is 0 in
// every stratum is refused with its name (a column or a file), not only
// "the standard population".
func TestZeroStandardNamesIt(t *testing.T) {
	in := rate.Input{Strata: []string{"y", "o"}, Std: []float64{0, 0}, StdName: "std.csv", Groups: []rate.Group{
		{Name: "a", Count: []float64{3, 1}, Pop: []float64{300, 200}},
		{Name: "b", Count: []float64{2, 5}, Pop: []float64{1000, 2000}}}}
	if _, err := rate.Compare(in, rate.Options{}); err == nil || !strings.Contains(err.Error(), "std.csv") {
		t.Errorf("error %v does not name the standard std.csv", err)
	}
}

// TestStandardLabelsDifferSaysWhich checks that a standard whose labels
// are neither the strata's nor ages is refused with both sets of labels.
func TestStandardLabelsDifferSaysWhich(t *testing.T) {
	in := rate.Input{Strata: []string{"age=young", "age=old"}, Factors: []string{"age"}, Sizes: []int{2}, Groups: []rate.Group{
		{Name: "a", Count: []float64{3, 1}, Pop: []float64{300, 200}}}}
	s, err := rate.ReadStandard("std.csv", "", []string{"young", "old", "mid"}, []float64{100, 200, 50}, rate.AgeAuto)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = rate.AgeStandard(in, 0, []string{"young", "old"}, s, rate.AgeAuto)
	if err == nil || !strings.Contains(err.Error(), "young, old, mid") || !strings.Contains(err.Error(), "(young, old)") {
		t.Errorf("error %v does not show both sets of labels", err)
	}
}
