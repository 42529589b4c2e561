package rate_test

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/baserate/baserate/stat/rate"
)

func hasWarning(ws []string, code string) bool {
	for _, w := range ws {
		if w == code {
			return true
		}
	}
	return false
}

// Every edge case yields finite JSON and the documented warning.
func TestEdgeCasesAreFiniteWithWarnings(t *testing.T) {
	cases := []struct {
		name string
		in   rate.Input
		want map[string]string // group -> warning code expected
	}{
		{"zero count group", rate.Input{Strata: []string{"y", "o"}, Groups: []rate.Group{
			{"a", []float64{0, 0}, []float64{300, 500}}, {"b", []float64{4, 9}, []float64{1000, 2000}}}},
			map[string]string{"a": "zero-count", "b": "small-count"}},
		{"zero pop stratum", rate.Input{Strata: []string{"y", "o"}, Groups: []rate.Group{
			{"a", []float64{3, 0}, []float64{300, 0}}, {"b", []float64{40, 90}, []float64{1000, 2000}}}},
			map[string]string{"a": "zero-pop-stratum"}},
		{"zero reference", rate.Input{Strata: []string{"y", "o"}, Ref: "b", Groups: []rate.Group{
			{"a", []float64{3, 1}, []float64{300, 200}}, {"b", []float64{0, 0}, []float64{1000, 2000}}}},
			map[string]string{"a": "undefined-ratio"}},
		{"all pop zero", rate.Input{Strata: []string{"y"}, Groups: []rate.Group{
			{"a", []float64{0}, []float64{0}}, {"b", []float64{2}, []float64{10}}}},
			map[string]string{"a": "zero-pop"}},
	}
	for _, tc := range cases {
		for _, m := range rate.Methods {
			t.Run(tc.name+"/"+string(m), func(t *testing.T) {
				c, err := rate.Compare(tc.in, rate.Options{Method: m})
				if err != nil {
					t.Fatal(err)
				}
				b, err := json.Marshal(c)
				if err != nil {
					t.Fatalf("JSON: %v", err)
				}
				if s := string(b); strings.Contains(s, "NaN") || strings.Contains(s, "Inf") {
					t.Fatalf("non-finite value in %s", s)
				}
				for _, g := range c.Groups {
					var codes []string
					for _, w := range g.Warnings {
						codes = append(codes, w.Code)
					}
					if g.IsReference && g.SMR != 1 {
						t.Errorf("reference %s: SMR %v, want 1 by definition", g.Group, g.SMR)
					}
					if want, ok := tc.want[g.Group]; ok && !hasWarning(codes, want) {
						t.Errorf("group %s warnings %v, want %q", g.Group, codes, want)
					}
					for _, iv := range []rate.Interval{g.CrudeCI, g.DSRCI, g.SMRCI} {
						if iv[0] > iv[1] || iv[0] < 0 {
							t.Errorf("group %s: bad interval %v", g.Group, iv)
						}
					}
				}
			})
		}
	}
}

func TestZeroCountIntervals(t *testing.T) {
	c, err := rate.CrudeRate(0, 1000, rate.Options{Per: 1000})
	if err != nil {
		t.Fatal(err)
	}
	// The exact upper limit for 0 events is -log(0.025) = 3.6889 events.
	if c.CI[0] != 0 || math.Abs(c.CI[1]-3.6888794541139363) > 1e-12 {
		t.Errorf("CI for 0/1000 per 1000 = %v", c.CI)
	}
	d, err := rate.Direct([]float64{0, 0}, []float64{100, 300}, []float64{1, 1}, nil, rate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Fay-Feuer with y=0, v=0: shape 1, scale max weight = 0.5/100.
	if d.Rate != 0 || d.CI[0] != 0 || math.Abs(d.CI[1]-3.6888794541139363*0.005*1e5) > 1e-8 {
		t.Errorf("DSR of zero counts = %v %v", d.Rate, d.CI)
	}
}

func TestOptionsRefused(t *testing.T) {
	for _, o := range []rate.Options{{Per: -1}, {Conf: 1.5}, {Method: "wald"}} {
		if _, err := rate.CrudeRate(1, 10, o); err == nil {
			t.Errorf("options %+v accepted", o)
		}
	}
	if _, err := rate.CrudeRate(-1, 10, rate.Options{}); err == nil {
		t.Error("a negative count was accepted")
	}
}

func TestESP2013(t *testing.T) {
	s := rate.ESP2013()
	if len(s.Bands) != 20 || !strings.Contains(s.Source, "Eurostat") {
		t.Fatalf("ESP2013: %d bands, source %q", len(s.Bands), s.Source)
	}
	var total float64
	for _, v := range s.Pop {
		total += v
	}
	if total != 100000 {
		t.Errorf("ESP2013 sums to %v", total)
	}
	// PKS age bands: 0-5 takes 0 (1000), 1-4 (4000) and one fifth of 5-9.
	got, err := s.Rebin([]rate.AgeBand{{0, 5}, {6, 13}, {14, 20}, {21, 59}, {60, -1}}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got[0]-(1000+4000+1100)) > 1e-9 {
		t.Errorf("0-5 = %v", got[0])
	}
	if math.Abs(got[4]-(6000+5500+5000+4000+2500+1500+1000)) > 1e-9 {
		t.Errorf("60+ = %v", got[4])
	}
	if _, err := s.Rebin([]rate.AgeBand{{0, 50}}, 10); err == nil {
		t.Error("Rebin with a gap succeeded")
	}
}

// The reference group's ratios to itself are 1, even when its rate is 0
// and the other groups' ratios are undefined.
func TestReferenceRatiosAreOne(t *testing.T) {
	in := rate.Input{Strata: []string{"y", "o"}, Groups: []rate.Group{
		{"a", []float64{0, 0}, []float64{300, 500}}, {"b", []float64{4, 9}, []float64{1000, 2000}}}}
	c, err := rate.Compare(in, rate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ref := c.Groups[0]
	if !ref.IsReference || ref.Group != "a" {
		t.Fatalf("reference is %q", ref.Group)
	}
	if ref.CrudeRatio != 1 || ref.DSRRatio != 1 || ref.RateEffect != 0 || ref.CompositionEffect != 0 {
		t.Errorf("reference against itself: crude ratio %v, DSR ratio %v, effects %v %v; want 1, 1, 0, 0",
			ref.CrudeRatio, ref.DSRRatio, ref.RateEffect, ref.CompositionEffect)
	}
}

// A Dobson lower limit below 0 is reported as computed (the numbers of
// PHEindicatormethods and ref_std.R; see testdata/golden/dobson_neg.csv),
// with a warning.
func TestDobsonNegativeWarns(t *testing.T) {
	// Group a of dobson_neg.csv: 25 events, most of the standard on
	// strata of 103-162 people.
	d, err := rate.Direct([]float64{2, 6, 1, 16}, []float64{162, 2003, 103, 2282}, []float64{73060, 89503, 15073, 7919},
		nil, rate.Options{Method: rate.Dobson, Conf: 0.99})
	if err != nil {
		t.Fatal(err)
	}
	if d.CI[0] >= 0 {
		t.Fatalf("lower limit %v, want below 0", d.CI[0])
	}
	var codes []string
	for _, w := range d.Warnings {
		codes = append(codes, w.Code)
	}
	if !hasWarning(codes, "dobson-negative") {
		t.Errorf("warnings %v lack dobson-negative", codes)
	}
	ff, err := rate.Direct([]float64{2, 6, 1, 16}, []float64{162, 2003, 103, 2282}, []float64{73060, 89503, 15073, 7919},
		nil, rate.Options{Method: rate.FayFeuer, Conf: 0.99})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range ff.Warnings {
		if w.Code == "dobson-negative" {
			t.Errorf("fay-feuer result warns about the Dobson interval")
		}
	}
}

// Group names that are all numbers sort as numbers, as R sorts a numeric
// column and as glm orders numeric factor levels: the reference of 9, 10
// and 100 is 9. Other names sort bytewise.
func TestNumericGroupOrder(t *testing.T) {
	mk := func(names ...string) rate.Input {
		in := rate.Input{Strata: []string{"y", "o"}}
		for i, n := range names {
			in.Groups = append(in.Groups, rate.Group{Name: n, Count: []float64{float64(3 + i), 5}, Pop: []float64{100, 200}})
		}
		return in
	}
	for _, tc := range []struct {
		in   []string
		want []string
	}{
		{[]string{"100", "10", "9"}, []string{"9", "10", "100"}},
		{[]string{"2", "-1", "1.5"}, []string{"-1", "1.5", "2"}},
		{[]string{"x10", "x9", "x1"}, []string{"x1", "x10", "x9"}},
		{[]string{"10", "9", "a"}, []string{"10", "9", "a"}},
	} {
		c, err := rate.Compare(mk(tc.in...), rate.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, g := range c.Groups {
			got = append(got, g.Group)
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") || c.Reference != tc.want[0] {
			t.Errorf("%v: order %v, reference %q; want %v", tc.in, got, c.Reference, tc.want)
		}
	}
}
