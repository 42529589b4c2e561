package index

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/baserate/baserate"
)

func origins(n, foreign int) []baserate.Coding {
	var cs []baserate.Coding
	for i := 0; i < n; i++ {
		o := []string{"DE"}
		if i < foreign {
			o = []string{"SY"}
		}
		cs = append(cs, baserate.Coding{ID: fmt.Sprint(i), Crime: true, OriginNamed: true, SuspectOrigins: o, Categories: []string{"violent"}, Source: "s", Date: "2023-01-01"})
	}
	return cs
}

// When more resamples than the interval's tail name only foreigners, the
// odds ratio's upper bound is infinite (not undefined), and a warning says
// so, since JSON carries it as null.
func TestOddsRatioUpperBoundInfinite(t *testing.T) {
	res, err := Compute(context.Background(), origins(40, 39), Options{Home: "DE", Police: 0.344, Reps: 2000})
	if err != nil {
		t.Fatal(err)
	}
	if ci := res.OddsRatioCI; !(ci[0] > 1 && ci[0] < res.OddsRatio) || !math.IsInf(ci[1], 1) {
		t.Errorf("odds ratio %v interval %v, want a finite lower bound and +Inf", res.OddsRatio, ci)
	}
	if !hasWarning(res.Cell, "odds-ratio-unbounded") {
		t.Errorf("warnings %+v, want odds-ratio-unbounded", res.Warnings)
	}
	// Every text naming a foreigner: the estimate and both bounds are +Inf.
	res, err = Compute(context.Background(), origins(40, 40), Options{Home: "DE", Police: 0.344, Reps: 200})
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsInf(res.OddsRatio, 1) || !math.IsInf(res.OddsRatioCI[0], 1) || !math.IsInf(res.OddsRatioCI[1], 1) {
		t.Errorf("all foreign: odds ratio %v interval %v, want +Inf throughout", res.OddsRatio, res.OddsRatioCI)
	}
	b, err := json.Marshal(res)
	if err != nil || strings.Contains(string(b), "Inf") || strings.Contains(string(b), "NaN") {
		t.Errorf("JSON %v: %.200s", err, b)
	}
}

func TestPctInfinite(t *testing.T) {
	inf := math.Inf(1)
	for _, c := range []struct {
		v    []float64
		want [2]float64
	}{
		{[]float64{1, 2, 3, inf, inf}, [2]float64{1.1, inf}},
		{[]float64{inf, inf, inf}, [2]float64{inf, inf}},
		{[]float64{1, 2, 3, 4, inf}, [2]float64{1.1, inf}},
		{[]float64{0, 0, 0}, [2]float64{0, 0}},
	} {
		got := pct(append([]float64(nil), c.v...), 0.95)
		if math.Abs(got[0]-c.want[0]) > 1e-9 && got[0] != c.want[0] || got[1] != c.want[1] && math.Abs(got[1]-c.want[1]) > 1e-9 {
			t.Errorf("pct(%v) = %v, want %v", c.v, got, c.want)
		}
	}
}

// The home code is a code of the codings: "de" is DE, and a code no
// lexicon knows ("XX", a country name, a status word) is an error, not an
// index where every suspect is foreign.
func TestHomeCode(t *testing.T) {
	cs := origins(60, 40)
	want, err := Compute(context.Background(), cs, Options{Home: "DE", Police: 0.344, Reps: 100})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Compute(context.Background(), cs, Options{Home: " de", Police: 0.344, Reps: 100})
	if err != nil || got.ForeignItems != want.ForeignItems || got.Home != "DE" {
		t.Errorf("home \" de\": %v, foreign %d home %q, want %d as for DE", err, got.ForeignItems, got.Home, want.ForeignItems)
	}
	for _, h := range []string{"XX", "Germany", "FOREIGN", "D"} {
		if _, err := Compute(context.Background(), cs, Options{Home: h, Police: 0.344, Reps: 100}); err == nil || !strings.Contains(err.Error(), h) {
			t.Errorf("home %q: %v, want an error naming it", h, err)
		}
	}
}

// A grouping asked for twice is reported once.
func TestGroupsTwice(t *testing.T) {
	res, err := Compute(context.Background(), hestermann(), Options{Home: "DE", Police: 0.344, Reps: 50, Groups: []string{"period", "period"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Groups) != 1 || res.Groups[0].Period != "2023" {
		t.Errorf("%d groups, want one (2023): %+v", len(res.Groups), res.Groups)
	}
}

func hasWarning(c Cell, code string) bool {
	for _, w := range c.Warnings {
		if w.Code == code {
			return true
		}
	}
	return false
}
