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
// whose ratios and SMR are 1 by construction, is not told any of them is
// undefined (its SMR was 0 with "the SMR is undefined").
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
			if g.CrudeRatio != 1 || g.DSRRatio != 1 || g.SMR != 1 || msgs != "" {
				t.Errorf("reference b: ratios %v, %v, SMR %v, undefined-ratio warnings %q", g.CrudeRatio, g.DSRRatio, g.SMR, msgs)
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
// and Direct and Indirect (or SelfSMR) each say, in their own
// events-without-pop warning, what they did with them.
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
	msgs := codes(a.Warnings, "events-without-pop")
	if len(msgs) != 2 || !strings.Contains(msgs[0], "left out of the standardized rate") || !strings.Contains(msgs[1], "every group's expected count misses them") || !strings.Contains(msgs[1], "1 by definition") {
		t.Errorf("reference a: events-without-pop %q, want the DSR's and one saying the SMR is 1 by definition", msgs)
	}

	in.Ref = "b"
	if c, err = rate.Compare(in, rate.Options{}); err != nil {
		t.Fatal(err)
	}
	a = group(t, c, "a")
	if math.Abs(a.SMR-0.75) > 1e-12 || math.Abs(a.SMRCI[0]-0.4197693) > 1e-7 || math.Abs(a.SMRCI[1]-1.2370109) > 1e-7 {
		t.Errorf("a against b: SMR %v %v, want 0.75 [0.4197693, 1.2370109]", a.SMR, a.SMRCI)
	}
	msgs = codes(a.Warnings, "events-without-pop")
	if len(msgs) != 2 || !strings.Contains(msgs[0], "left out of the standardized rate") || !strings.Contains(msgs[1], "5 events without population in old are counted as observed in the SMR") {
		t.Errorf("a: events-without-pop %q, want the DSR's and the SMR's", msgs)
	}
	if msgs := codes(a.Warnings, "reference-events-without-pop"); len(msgs) != 0 {
		t.Errorf("a: reference-events-without-pop %q, but the reference b has population in every stratum", msgs)
	}
	if b := group(t, c, "b"); b.SMR != 1 {
		t.Errorf("reference b: SMR %v, want 1", b.SMR)
	}
}

// TestSmallCountSaysWhichRate checks that a group with events in a
// stratum without population, whose crude rate (and SMR, unless it is the
// reference) counts 15 events and whose DSR counts 10, gets small-count
// warnings that give each count (they were "fewer than 20 events (15)" and
// "(10)", both "the rate"). The reference's SMR counts the 10 events too,
// and its warning says so.
func TestSmallCountSaysWhichRate(t *testing.T) {
	for _, ref := range []string{"a", "b"} {
		in := evPop
		in.Ref = ref
		c, err := rate.Compare(in, rate.Options{})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{
			"fewer than 20 events (15): the rate is unreliable and its interval wide",
			"fewer than 20 events in the strata with population (10 of 15): the standardized rate is unreliable and its interval wide"}
		if ref == "a" {
			want = append(want, "fewer than 20 events in the strata with population (10 of 15): the SMR's interval is wide")
		}
		if msgs := codes(group(t, c, "a").Warnings, "small-count"); strings.Join(msgs, "|") != strings.Join(want, "|") {
			t.Errorf("ref %s: small-count warnings %q, want %q", ref, msgs, want)
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

// TestIdenticalGroupsSMR: groups a and c have the same data, 5 of their 15
// events in a stratum without population, and a is the reference. Both
// crude and standardized ratios are 1. The SMR of c counts all its events
// as observed (as epitools::ageadjust.indirect) over the 10 expected from
// the reference's stratum rates, which miss the reference's own 5 events
// there; the reference's SMR is 1 by definition. c must be told why its
// SMR is not 1: its events without population are counted as observed,
// and the reference's are missing from its expected count (R 4.2.2,
// epitools 0.5-10.1):
//
//	ageadjust.indirect(count = c(10, 5), pop = c(1000, 0),
//	    stdcount = c(10, 5), stdpop = c(1000, 0))$sir
//	#  observed      exp      sir      lci      uci
//	#        15      NaN      NaN      NaN      NaN
//
// R's expected is NaN from 0 people × the rate 5/0 = Inf; with no people
// there nothing is expected, and with that rate given as 0 R agrees:
//
//	ageadjust.indirect(count = c(10, 5), pop = c(1000, 0),
//	    stdcount = c(10, 5), stdpop = c(1000, 0), stdrate = c(10/1000, 0))$sir
//	#  observed        exp        sir        lci        uci
//	# 15.0000000 10.0000000  1.5000000  0.9042988  2.4881156
//	poisson.test(15)$conf.int / 10   # 0.8395386 2.4740219
//	poisson.test(10)$conf.int / 10   # 0.4795389 1.8390356
//
// (lci and uci of ageadjust.indirect are log-normal; the SMR interval here
// is the exact one, as ref_std.R's smr_exact.)
func TestIdenticalGroupsSMR(t *testing.T) {
	in := rate.Input{Strata: []string{"young", "old"}, Ref: "a", Groups: []rate.Group{
		{Name: "a", Count: []float64{10, 5}, Pop: []float64{1000, 0}},
		{Name: "c", Count: []float64{10, 5}, Pop: []float64{1000, 0}}}}
	c, err := rate.Compare(in, rate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, g := group(t, c, "a"), group(t, c, "c")
	if a.SMR != 1 || math.Abs(a.SMRCI[0]-0.4795389) > 1e-7 || math.Abs(a.SMRCI[1]-1.8390356) > 1e-7 || a.Expected != 10 {
		t.Errorf("reference a: SMR %v %v, expected %v; want 1 [0.4795389, 1.8390356], 10", a.SMR, a.SMRCI, a.Expected)
	}
	if g.SMR != 1.5 || math.Abs(g.SMRCI[0]-0.8395386) > 1e-7 || math.Abs(g.SMRCI[1]-2.4740219) > 1e-7 || g.Expected != 10 {
		t.Errorf("c: SMR %v %v, expected %v; want 1.5 [0.8395386, 2.4740219], 10", g.SMR, g.SMRCI, g.Expected)
	}
	if g.CrudeRatio != 1 || g.DSRRatio != 1 {
		t.Errorf("c: crude ratio %v, DSR ratio %v, want 1 and 1", g.CrudeRatio, g.DSRRatio)
	}
	// c is told both halves of why its SMR is 1.5.
	if msgs := codes(g.Warnings, "reference-events-without-pop"); len(msgs) != 1 || !strings.Contains(msgs[0], "5 events") || !strings.Contains(msgs[0], "expected") {
		t.Errorf("c: reference-events-without-pop %q, want one that says the expected count misses the reference's 5 events", msgs)
	}
	if msgs := strings.Join(codes(g.Warnings, "events-without-pop"), " | "); !strings.Contains(msgs, "standardized rate") || !strings.Contains(msgs, "counted as observed in the SMR") {
		t.Errorf("c: events-without-pop %q, want the DSR's and the SMR's", msgs)
	}
	// The reference says the same of its stratum rates and of every
	// group's expected count, and that its own SMR is 1 by definition.
	if msgs := strings.Join(codes(a.Warnings, "events-without-pop"), " | "); !strings.Contains(msgs, "every group's expected count") || !strings.Contains(msgs, "1 by definition") || strings.Contains(msgs, "counted as observed") {
		t.Errorf("reference a: events-without-pop %q", msgs)
	}
	for _, x := range []rate.GroupResult{a, g} {
		if msgs := codes(x.Warnings, "undefined-ratio"); len(msgs) != 0 {
			t.Errorf("%s: undefined-ratio %q, but every ratio is defined", x.Group, msgs)
		}
	}
}

// TestReferenceAllEventsLost: the reference has all its events in a
// stratum without population, so its stratum rates are all 0 and no group
// has expected events. Its SMR against itself is still 1 by definition
// (it was reported as 0 with an "undefined" warning next to one that said
// it was 1 by definition); the other group's SMR is undefined, reported as
// 0, and says why. R has no number for either (5/0 = Inf):
//
//	ageadjust.indirect(count = c(0, 5), pop = c(1000, 0),
//	    stdcount = c(0, 5), stdpop = c(1000, 0))$sir
//	#  observed      exp      sir      lci      uci
//	#         5      NaN      NaN      NaN      NaN
func TestReferenceAllEventsLost(t *testing.T) {
	in := rate.Input{Strata: []string{"young", "old"}, Ref: "a", Groups: []rate.Group{
		{Name: "a", Count: []float64{0, 5}, Pop: []float64{1000, 0}},
		{Name: "b", Count: []float64{20, 30}, Pop: []float64{1000, 2000}}}}
	c, err := rate.Compare(in, rate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, b := group(t, c, "a"), group(t, c, "b")
	if a.SMR != 1 || a.SMRCI != (rate.Interval{1, 1}) || a.CrudeRatio != 1 || a.DSRRatio != 1 {
		t.Errorf("reference a: SMR %v %v, ratios %v %v; want 1 [1, 1], 1, 1", a.SMR, a.SMRCI, a.CrudeRatio, a.DSRRatio)
	}
	if msgs := codes(a.Warnings, "undefined-ratio"); len(msgs) != 0 {
		t.Errorf("reference a: undefined-ratio %q next to an SMR of 1 by definition", msgs)
	}
	if msgs := strings.Join(codes(a.Warnings, "events-without-pop"), " | "); !strings.Contains(msgs, "1 by definition") || !strings.Contains(msgs, "no other group has expected events") {
		t.Errorf("reference a: events-without-pop %q", msgs)
	}
	if b.SMR != 0 || b.Expected != 0 {
		t.Errorf("b: SMR %v, expected %v; want 0 (undefined), 0", b.SMR, b.Expected)
	}
	if msgs := strings.Join(codes(b.Warnings, "undefined-ratio"), " | "); !strings.Contains(msgs, "SMR is undefined") {
		t.Errorf("b: undefined-ratio %q does not say the SMR is undefined", msgs)
	}
	if msgs := codes(b.Warnings, "reference-events-without-pop"); len(msgs) != 1 || !strings.Contains(msgs[0], "5 events") {
		t.Errorf("b: reference-events-without-pop %q, want one naming the reference's 5 events", msgs)
	}
}
