package index

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/baserate/baserate"
)

// hestermann builds 1000 origin-naming crime items, 946 naming a
// foreigner (94.6%, Hestermann 2025, TV), plus crime items without origin.
func hestermann() []baserate.Coding {
	var cs []baserate.Coding
	for i := 0; i < 1000; i++ {
		o := []string{"DE"}
		if i < 946 {
			o = []string{"SY"}
		}
		cs = append(cs, baserate.Coding{ID: fmt.Sprint(i), Crime: true, OriginNamed: true, SuspectOrigins: o, Categories: []string{"violent"}, Source: "tv", Date: "2023-05-01"})
	}
	for i := 0; i < 500; i++ {
		cs = append(cs, baserate.Coding{ID: fmt.Sprint("n", i), Crime: true, Categories: []string{"property"}, Source: "tv", Date: "2023-06-01"})
	}
	return cs
}

// TestHestermann: 94.6% against a police share of 34.4% gives the share
// ratio 2.75 ("about threefold") and the odds ratio 33.4.
func TestHestermann(t *testing.T) {
	res, err := Compute(context.Background(), hestermann(), Options{Home: "DE", Police: 0.344, Groups: []string{"family"}})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(res.ShareRatio-2.75) > 0.005 {
		t.Errorf("share ratio %.4f, want 2.75", res.ShareRatio)
	}
	want := (0.946 / 0.054) / (0.344 / 0.656)
	if math.Abs(res.OddsRatio-want) > 1e-9 || math.Abs(res.OddsRatio-33.4) > 0.05 {
		t.Errorf("odds ratio %.4f, want %.4f (≈33)", res.OddsRatio, want)
	}
	if math.Abs(res.OriginShare-1000.0/1500) > 1e-12 || res.ForeignItems != 946 {
		t.Errorf("origin share %v foreign %d", res.OriginShare, res.ForeignItems)
	}
	for name, ci := range map[string][2]float64{"share": res.ShareRatioCI, "odds": res.OddsRatioCI} {
		v := res.ShareRatio
		if name == "odds" {
			v = res.OddsRatio
		}
		if !(ci[0] < v && v < ci[1]) {
			t.Errorf("%s ratio %v outside its interval %v", name, v, ci)
		}
	}
	// Binomial sd of 0.946 with n=1000 is 0.00715: the 95% interval of the
	// share ratio is about ±0.014/0.344 = ±0.041.
	if w := res.ShareRatioCI[1] - res.ShareRatioCI[0]; w < 0.06 || w > 0.11 {
		t.Errorf("share ratio interval width %v, want about 0.08", w)
	}
	// Reproducible with the same seed.
	again, _ := Compute(context.Background(), hestermann(), Options{Home: "DE", Police: 0.344, Groups: []string{"family"}})
	if again.ShareRatioCI != res.ShareRatioCI {
		t.Error("bootstrap not reproducible")
	}
	if err := res.Table.Validate(); err != nil {
		t.Fatal(err)
	}
	if v := res.Table.At("all", "all", "violent", "foreign_share"); math.Abs(v-0.946) > 1e-12 {
		t.Errorf("table violent foreign share %v", v)
	}
	if v := res.Table.At("all", "all", "property", "origin_items"); v != 0 {
		t.Errorf("property origin items %v", v)
	}
}

func TestPoliceFromFunction(t *testing.T) {
	fn := func(ctx context.Context, year int, fam string) (float64, []baserate.Caveat, error) {
		if year != 2023 || fam != "all" {
			return 0, nil, fmt.Errorf("no share for %d %s", year, fam)
		}
		return 0.344, []baserate.Caveat{{Code: "pks", Message: "suspects, not convicts"}}, nil
	}
	res, err := Compute(context.Background(), hestermann(), Options{Home: "DE", PoliceFn: fn, Groups: []string{"period"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Groups) != 1 || math.Abs(res.Groups[0].ShareRatio-2.75) > 0.005 {
		t.Fatalf("groups %+v", res.Groups)
	}
	if len(res.Warnings) == 0 || res.Warnings[0].Code != "no-police-share" {
		t.Errorf("total without a year should warn: %+v", res.Warnings)
	}
}

func TestForeign(t *testing.T) {
	for _, c := range []struct {
		o    []string
		want bool
	}{{[]string{"DE"}, false}, {[]string{"DE", "TR"}, true}, {[]string{"ASYLUM"}, true}, {nil, false}} {
		if Foreign(c.o, "DE") != c.want {
			t.Errorf("Foreign(%v)", c.o)
		}
	}
}

// TestPeriodFamily: the period-family grouping gives one cell per year and
// family, and each family's years add up to its family cell.
func TestPeriodFamily(t *testing.T) {
	cs := hestermann()
	for i := range cs {
		if i%2 == 0 {
			cs[i].Date = "2022-03-01"
		}
	}
	res, err := Compute(context.Background(), cs, Options{Home: "DE", Police: 0.344, Reps: 200, Groups: []string{"family", "period-family"}})
	if err != nil {
		t.Fatal(err)
	}
	fam := map[string]Cell{}
	sum := map[string][3]int{}
	for _, c := range res.Groups {
		switch {
		case c.Period == "all" && c.Family != "all":
			fam[c.Family] = c
		case c.Period != "all" && c.Family != "all":
			s := sum[c.Family]
			s[0], s[1], s[2] = s[0]+c.CrimeItems, s[1]+c.OriginItems, s[2]+c.ForeignItems
			sum[c.Family] = s
			if c.OriginItems > c.CrimeItems || c.ForeignItems > c.OriginItems {
				t.Errorf("%s %s: counts out of order %+v", c.Period, c.Family, c)
			}
		}
	}
	if len(fam) != 2 {
		t.Fatalf("family cells %v, want violent and property", fam)
	}
	for f, c := range fam {
		if got := sum[f]; got != [3]int{c.CrimeItems, c.OriginItems, c.ForeignItems} {
			t.Errorf("%s: years add up to %v, family cell says %v", f, got, [3]int{c.CrimeItems, c.OriginItems, c.ForeignItems})
		}
	}
	if v := fam["violent"]; v.OriginItems != 1000 || v.ForeignItems != 946 {
		t.Errorf("violent: %+v", v)
	}
}

// TestCodingCaveats: every index carries the coder's blind accuracy and
// the rate of victims counted as suspects as caveats, with the figures of
// blind.json.
func TestCodingCaveats(t *testing.T) {
	res, err := Compute(context.Background(), hestermann(), Options{Home: "DE", Police: 0.344, Reps: 50})
	if err != nil {
		t.Fatal(err)
	}
	b, err := BlindAccuracy()
	if err != nil {
		t.Fatal(err)
	}
	msg := map[string]string{}
	for _, c := range res.Caveats {
		msg[c.Code] = c.Message
	}
	auto, vas := msg["media-coding-automatic"], msg["media-victims-as-suspects"]
	if !strings.Contains(auto, fmt.Sprintf("On %d hand-coded texts", b.Texts)) || !strings.Contains(auto, fmt.Sprintf("F1 %.3f", b.OriginNamedF1)) ||
		!strings.Contains(auto, fmt.Sprintf("sets %d-%d", b.From, b.To)) {
		t.Errorf("media-coding-automatic: %q", auto)
	}
	if !strings.Contains(vas, fmt.Sprintf("%d of %d", b.VictimsAsSuspects, b.VictimPairs)) || !strings.Contains(vas, "toward the share foreign among the victims") {
		t.Errorf("media-victims-as-suspects: %q", vas)
	}
}
