package rate_test

import (
	"encoding/json"
	"math"
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

// evPop has 5 events of group a in a stratum where a has no population
// (an "age unknown" row).
var evPop = rate.Input{Strata: []string{"young", "old"}, Groups: []rate.Group{
	{Name: "a", Count: []float64{10, 5}, Pop: []float64{1000, 0}},
	{Name: "b", Count: []float64{20, 30}, Pop: []float64{1000, 2000}}}}

func group(t *testing.T, c *rate.Comparison, name string) rate.GroupResult {
	t.Helper()
	for _, g := range c.Groups {
		if g.Group == name {
			return g
		}
	}
	t.Fatalf("no group %q", name)
	return rate.GroupResult{}
}

// TestReferenceSMRIsOne checks that the reference's SMR against itself is
// 1 when it has events in a stratum without population: those events have
// no stratum rate, so none are expected, and counting them as observed
// gave 15/10 = 1.5. Its interval is that of the 10 events the expected
// count covers (R 4.2.2):
//
//	poisson.test(10)$conf.int / 10   # 0.4795389 1.8390356
//
// Another group's SMR still counts all its events, as
// epitools::ageadjust.indirect does (R 4.2.2, epitools 0.5-10.1):
//
//	ageadjust.indirect(count = c(10, 5), pop = c(1000, 0),
//	    stdcount = c(20, 30), stdpop = c(1000, 2000))$sir   # observed 15, exp 20, sir 0.75
//	poisson.test(15)$conf.int / 20   # 0.4197693 1.2370109
//
// and the events-without-pop warning says how the SMR treats them.
func TestReferenceSMRIsOne(t *testing.T) {
	in := evPop
	in.Ref = "a"
	c, err := rate.Compare(in, rate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := group(t, c, "a")
	if a.SMR != 1 || math.Abs(a.SMRCI[0]-0.4795389) > 1e-7 || math.Abs(a.SMRCI[1]-1.8390356) > 1e-7 || a.Expected != 10 {
		t.Errorf("reference a: SMR %v %v, expected %v; want 1 [0.4795389, 1.8390356], 10", a.SMR, a.SMRCI, a.Expected)
	}
	if msgs := codes(a.Warnings, "events-without-pop"); len(msgs) != 1 || !strings.Contains(msgs[0], "SMR") || !strings.Contains(msgs[0], "1 by definition") {
		t.Errorf("reference a: events-without-pop %q does not say the SMR is 1 by definition", msgs)
	}

	in.Ref = "b"
	if c, err = rate.Compare(in, rate.Options{}); err != nil {
		t.Fatal(err)
	}
	a = group(t, c, "a")
	if math.Abs(a.SMR-0.75) > 1e-12 || math.Abs(a.SMRCI[0]-0.4197693) > 1e-7 || math.Abs(a.SMRCI[1]-1.2370109) > 1e-7 {
		t.Errorf("a against b: SMR %v %v, want 0.75 [0.4197693, 1.2370109]", a.SMR, a.SMRCI)
	}
	if msgs := codes(a.Warnings, "events-without-pop"); len(msgs) != 1 || !strings.Contains(msgs[0], "the SMR counts them as observed") {
		t.Errorf("a: events-without-pop %q does not say how the SMR counts them", msgs)
	}
	if b := group(t, c, "b"); b.SMR != 1 {
		t.Errorf("reference b: SMR %v, want 1", b.SMR)
	}
}

// TestSmallCountSaysWhichRate checks that a group with events in a
// stratum without population, whose crude rate counts 15 events and whose
// DSR counts 10, gets one small-count warning for each that names its
// rate (they were "fewer than 20 events (15)" and "(10)", both "the rate").
func TestSmallCountSaysWhichRate(t *testing.T) {
	for _, ref := range []string{"a", "b"} {
		in := evPop
		in.Ref = ref
		c, err := rate.Compare(in, rate.Options{})
		if err != nil {
			t.Fatal(err)
		}
		msgs := codes(group(t, c, "a").Warnings, "small-count")
		if len(msgs) != 2 {
			t.Fatalf("ref %s: small-count warnings %q, want two", ref, msgs)
		}
		crude, dsr := msgs[0], msgs[1]
		if !strings.Contains(crude, "(15, 5 of them in strata without population)") || !strings.Contains(crude, "crude rate") {
			t.Errorf("ref %s: %q does not say it is the crude rate's 15 events", ref, crude)
		}
		if smr := strings.Contains(crude, "SMR"); smr != (ref == "b") {
			t.Errorf("ref %s: %q names the SMR: %v, want %v", ref, crude, smr, ref == "b")
		}
		if !strings.Contains(dsr, "(10 of 15)") || !strings.Contains(dsr, "standardized rate") {
			t.Errorf("ref %s: %q does not say it is the standardized rate's 10 events", ref, dsr)
		}
	}
	// Without such events the one message stays as it was.
	d, err := rate.Direct([]float64{3, 4}, []float64{100, 100}, []float64{1, 1}, nil, rate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if msgs := codes(d.Warnings, "small-count"); len(msgs) != 1 || msgs[0] != "fewer than 20 events (7): the rate is unreliable and its interval wide" {
		t.Errorf("small-count %q", msgs)
	}
}

// TestOverflowIsAnError: counts and populations so large that a result
// overflows (1e300) gave NaN in the interval, which the CLI then failed to
// encode ("json: unsupported value: NaN"); Compare refuses the input and
// names the first result it could not compute.
func TestOverflowIsAnError(t *testing.T) {
	in := rate.Input{Strata: []string{"1"}, Groups: []rate.Group{
		{Name: "a", Count: []float64{1e300}, Pop: []float64{1e300}},
		{Name: "b", Count: []float64{2}, Pop: []float64{3}}}}
	_, err := rate.Compare(in, rate.Options{})
	if err == nil || baserate.KindOf(err) != baserate.KindInvalid || !strings.Contains(err.Error(), "too large to compute with (comparison.groups[") {
		t.Errorf("error %v, want an invalid-input error naming the result", err)
	}
	// Ordinary numbers stay fine.
	in.Groups[0].Count, in.Groups[0].Pop = []float64{10}, []float64{1000}
	if _, err := rate.Compare(in, rate.Options{}); err != nil {
		t.Errorf("ordinary input: %v", err)
	}
}
