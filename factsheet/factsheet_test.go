package factsheet_test

import (
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/factsheet"
)

func round(x float64, d int) float64 {
	p := math.Pow(10, float64(d))
	return math.Round(x*p) / p
}

func hasCaveat(cs []baserate.Caveat, code string) bool {
	for _, c := range cs {
		if c.Code == code {
			return true
		}
	}
	return false
}

// The published figures of issue 2, reproduced from the bundled data.
func TestMustShow2023(t *testing.T) {
	ctx := context.Background()
	s, err := factsheet.Compute(ctx, 2023, "890000")
	if err != nil {
		t.Fatal(err)
	}
	if s.NonGerman.Suspects != 694981 || s.German.Suspects != 1322571 {
		t.Errorf("suspects %v / %v", s.NonGerman.Suspects, s.German.Suspects)
	}
	if s.NonGerman.Population != 12108988 || s.German.Population != 71347057 {
		t.Errorf("population %v / %v", s.NonGerman.Population, s.German.Population)
	}
	if got := round(s.NonGerman.RatePer1000, 1); got != 57.4 {
		t.Errorf("non-German rate per 1,000 = %v, want 57.4", got)
	}
	if got := round(s.German.RatePer1000, 1); got != 18.5 {
		t.Errorf("German rate per 1,000 = %v, want 18.5", got)
	}
	if got := round(s.RateRatio.Ratio, 2); got != 3.10 {
		t.Errorf("crude ratio = %v, want 3.10", got)
	}
	if !(s.RateRatio.CI[0] < s.RateRatio.Ratio && s.RateRatio.Ratio < s.RateRatio.CI[1]) {
		t.Errorf("ratio CI %v", s.RateRatio.CI)
	}
	if len(s.Standardized) != 1 {
		t.Fatalf("%d standardizations for 2023", len(s.Standardized))
	}
	st := s.Standardized[0]
	if got := round(st.CrudeRatio, 2); got != 3.10 {
		t.Errorf("crude ratio over the standardization's populations = %v", got)
	}
	// "about 2.43" (stats README): the SMR with German age-specific rates
	// and the register's age profile rescaled to 12,108,988 is 2.4365.
	if math.Abs(st.IndirectRatio-2.43) > 0.01 {
		t.Errorf("indirect age-standardized ratio = %v, want about 2.43", st.IndirectRatio)
	}
	if st.DirectRatio >= st.CrudeRatio || st.IndirectRatio >= st.CrudeRatio {
		t.Errorf("standardization did not shrink the ratio: %+v", st)
	}
	k := st.Kitagawa
	if math.Abs(k.RateEffect+k.CompositionEffect-k.CrudeGap) > 1e-9*k.CrudeGap {
		t.Errorf("Kitagawa does not add up: %+v", k)
	}
	if k.CompositionEffect <= 0 {
		t.Errorf("a younger population should give a positive composition effect: %+v", k)
	}
	if !strings.Contains(st.Denominator.Source, "12521-0003") || !hasCaveat(s.Caveats, "azr-rescaled") {
		t.Errorf("the denominator is not named: %+v %v", st.Denominator, s.Caveats)
	}
	for _, code := range []string{"pks-890000-excludes-725000", "denominator-coverage"} {
		if !hasCaveat(s.Caveats, code) {
			t.Errorf("caveat %s missing", code)
		}
	}
	if hasCaveat(s.Caveats, "pks-2009-counting-rule") {
		t.Error("the 2009 caveat is attached to a 2023 sheet")
	}

	all, err := factsheet.Compute(ctx, 2023, "------")
	if err != nil {
		t.Fatal(err)
	}
	if all.NonGerman.Suspects != 923269 || all.German.Suspects+all.NonGerman.Suspects != 2246767 {
		t.Errorf("all offences: %v of %v", all.NonGerman.Suspects, all.German.Suspects+all.NonGerman.Suspects)
	}
	if got := round(all.ShareOfSuspects.Share*100, 1); got != 41.1 {
		t.Errorf("non-German share 2023 = %v%%, want 41.1", got)
	}
	v, err := factsheet.Compute(ctx, 2023, "892000")
	if err != nil {
		t.Fatal(err)
	}
	if v.NonGerman.Suspects != 79088 || v.German.Suspects+v.NonGerman.Suspects != 190605 {
		t.Errorf("violent: %v of %v", v.NonGerman.Suspects, v.German.Suspects+v.NonGerman.Suspects)
	}
	if got := round(v.ShareOfSuspects.Share*100, 1); got != 41.5 {
		t.Errorf("violent share = %v%%, want 41.5", got)
	}
	sh, _, err := factsheet.NonNationalShare(ctx, 2023, "892000")
	if err != nil || sh.Share != v.ShareOfSuspects.Share {
		t.Errorf("NonNationalShare = %v, %v", sh, err)
	}
}

func TestNoAgeBreakdown(t *testing.T) {
	s, err := factsheet.Compute(context.Background(), 2021, "890000")
	if err != nil {
		t.Fatal(err)
	}
	if s.NoAgeBreakdown == "" || len(s.Standardized) != 0 {
		t.Errorf("2021 should say there is no age breakdown: %q %v", s.NoAgeBreakdown, s.Standardized)
	}
	if s.NonGerman.Rate <= 0 {
		t.Error("crude numbers missing")
	}
	b, _ := json.Marshal(s)
	if !strings.Contains(string(b), `"standardized":[]`) {
		t.Errorf("JSON: %s", b)
	}
}

func TestAgeSex2024AndOldYears(t *testing.T) {
	s, err := factsheet.Compute(context.Background(), 2024, "890000")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Standardized) != 2 || len(s.Standardized[1].Factors) != 2 {
		t.Fatalf("2024 standardizations: %+v", s.Standardized)
	}
	dg := s.Standardized[1].DasGupta
	sum := dg.RateEffect
	for _, e := range dg.Composition {
		sum += e.Effect
	}
	if math.Abs(sum-dg.CrudeGap) > 1e-9*dg.CrudeGap {
		t.Errorf("Das Gupta effects %v != gap %v", sum, dg.CrudeGap)
	}
	if !hasCaveat(s.Caveats, "population-previous-year") {
		t.Error("2024 uses the 2023 age structure without saying so")
	}
	old, err := factsheet.Compute(context.Background(), 1995, "892000")
	if err != nil {
		t.Fatal(err)
	}
	if len(old.Standardized) != 1 || !hasCaveat(old.Caveats, "pks-2009-counting-rule") || hasCaveat(old.Caveats, "pks-1993-territory") {
		t.Errorf("1995: %d standardizations, caveats %v", len(old.Standardized), old.Caveats)
	}
	if _, err := factsheet.Compute(context.Background(), 2023, "99999x"); baserate.KindOf(err) != baserate.KindNotFound {
		t.Errorf("unknown key: %v", err)
	}
	if _, err := factsheet.Compute(context.Background(), 1950, "890000"); baserate.KindOf(err) != baserate.KindNotFound {
		t.Errorf("unknown year: %v", err)
	}
}

func TestOverviewAndTrend(t *testing.T) {
	o, err := factsheet.Overview(context.Background(), 2023)
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Families) != 9 || o.All.ShareOfSuspects == nil || round(o.All.ShareOfSuspects.Share*100, 1) != 41.1 {
		t.Fatalf("overview: %+v", o)
	}
	for _, f := range o.Families {
		if f.Family == "traffic" {
			if f.ShareOfSuspects != nil {
				t.Error("traffic has a PKS share")
			}
			continue
		}
		if f.ShareOfSuspects == nil || f.Representation <= 0 {
			t.Errorf("family %s: %+v", f.Family, f)
		}
	}
	tr, err := factsheet.Trend(context.Background(), "892000")
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Points) != 38 || tr.Points[0].Year != 1987 || tr.Points[37].Year != 2024 {
		t.Fatalf("trend has %d points", len(tr.Points))
	}
	marked := 0
	for _, p := range tr.Points {
		if p.Break != "" {
			marked++
		}
		if p.Year == 2009 && (!strings.Contains(p.Break, "2009") || p.BreakCode != "pks-2009-counting-rule") {
			t.Errorf("2009 break: %q", p.Break)
		}
	}
	if marked != 6 { // 1990, 1991, 1993, 2009, 2011, 2022
		t.Errorf("%d years marked as breaks", marked)
	}
	offs, err := factsheet.Offences()
	if err != nil || len(offs) < 500 {
		t.Errorf("offences: %d, %v", len(offs), err)
	}
}

// TestDenominatorTextAndUnknownTrendKey checks that the denominators are
// written with thousands separators, as English text does, and that an
// unknown key for the trend points to --list like the other unknown keys.
func TestDenominatorTextAndUnknownTrendKey(t *testing.T) {
	s, err := factsheet.Compute(context.Background(), 2024, "890000")
	if err != nil {
		t.Fatal(err)
	}
	if d := s.Denominator.Description; !strings.Contains(d, "71,184,865 Germans and 12,392,275 foreigners") {
		t.Errorf("denominator: %q", d)
	}
	if d := s.Standardized[0].Denominator.Description; !strings.Contains(d, "(71,347,057, official estimate)") || !strings.Contains(d, "(13,892,310) rescaled to the official 12,108,988") {
		t.Errorf("age denominator: %q", d)
	}
	_, err = factsheet.Trend(context.Background(), "999999")
	if baserate.KindOf(err) != baserate.KindNotFound || !strings.Contains(err.Error(), `no PKS offence key "999999" (see "baserate factsheet --list")`) {
		t.Errorf("unknown trend key: %v", err)
	}
	if _, err := factsheet.Compute(context.Background(), 1990, "890000"); err == nil || !strings.Contains(err.Error(), "2002-2024") {
		t.Errorf("year before the key's series: %v", err)
	}
}
