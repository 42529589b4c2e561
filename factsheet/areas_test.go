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

func TestAreaSheets(t *testing.T) {
	ctx := context.Background()
	// München, violent crime 2022: 3,981 suspects, 2,167 non-German (BKA
	// KR-F-01-T01); 1,512,491 residents, 422,627 foreigners at 31.12.2022.
	s, err := factsheet.Default.Compute(ctx, factsheet.Query{Year: 2022, Offence: "892000", Area: "09162"})
	if err != nil {
		t.Fatal(err)
	}
	if s.NonGerman.Suspects != 2167 || s.German.Suspects != 3981-2167 || s.NonGerman.Population != 422627 || s.German.Population != 1512491-422627 {
		t.Errorf("München: %+v %+v", s.German, s.NonGerman)
	}
	if s.Area == nil || s.Area.Name != "München" || s.Area.Level != factsheet.LevelKreis || s.Area.Settlement != "urban" {
		t.Errorf("area %+v", s.Area)
	}
	if len(s.Standardized) != 0 || !strings.Contains(s.NoAgeBreakdown, "no suspects by age") || s.Settlement != nil {
		t.Errorf("a district sheet standardizes: %+v %q", s.Standardized, s.NoAgeBreakdown)
	}
	for _, c := range []string{"kreis-suspects-per-district", "area-suspects-not-residents", "kreise-population-census-2011"} {
		if !hasCaveat(s.Caveats, c) {
			t.Errorf("caveat %s missing", c)
		}
	}
	if !strings.Contains(s.Attribution, "KR-F-01-T01") {
		t.Errorf("attribution %q", s.Attribution)
	}
	// The same by name, unique among districts and Länder.
	by, err := factsheet.Default.Compute(ctx, factsheet.Query{Year: 2022, Offence: "892000", Area: "Flensburg"})
	if err != nil || by.Area.ID != "01001" {
		t.Errorf("by name: %v %+v", err, by)
	}
	// Bayern 2020, all offences: the Länder panel.
	b, err := factsheet.Default.Compute(ctx, factsheet.Query{Year: 2020, Offence: "------", Area: "09"})
	if err != nil {
		t.Fatal(err)
	}
	if b.NonGerman.Suspects != 113968 || b.German.Suspects != 280275-113968 || b.German.Population != 11340229 || b.NonGerman.Population != 1792231 {
		t.Errorf("Bayern: %+v %+v", b.German, b.NonGerman)
	}
	if !hasCaveat(b.Caveats, "laender-panel-compilation") || !hasCaveat(b.Caveats, "population-annual-average") || !hasCaveat(b.Caveats, "pks-725000-only-foreigners") {
		t.Errorf("Bayern caveats %v", b.Caveats)
	}
	for _, q := range []struct {
		q   factsheet.Query
		err string
	}{
		{factsheet.Query{Year: 2022, Offence: "890000", Area: "XX"}, `no area "XX": the bundle has DE (Germany, 1987-2024), the Länder by two-digit AGS (01 Schleswig-Holstein`},
		{factsheet.Query{Year: 2022, Offence: "890000", Area: "München"}, `area "München" is ambiguous: 09162 (kreis), 09184 (kreis)`},
		{factsheet.Query{Year: 2023, Offence: "890000", Area: "09162"}, "no figures for 09162 München in 2023: the bundle has it for 2020 and 2022"},
		{factsheet.Query{Year: 2020, Offence: "890000", Area: "09"}, "no figures for key 890000 in 09 Bayern: the bundle has it for keys ------"},
		{factsheet.Query{Year: 2009, Offence: "------", Area: "09"}, "the bundle has it for 2010-2020"},
	} {
		_, err := factsheet.Default.Compute(ctx, q.q)
		if baserate.KindOf(err) != baserate.KindNotFound || !strings.Contains(err.Error(), q.err) {
			t.Errorf("%+v: %v, want %q", q.q, err, q.err)
		}
	}
	as, err := factsheet.Areas()
	if err != nil || len(as) != 1+16+401 {
		t.Errorf("%d areas, %v", len(as), err)
	}
}

// For Germany in 2020 and 2022 the sheet compares the groups over urban and
// rural districts, on the district tables' basis.
func TestSettlement(t *testing.T) {
	ctx := context.Background()
	s, err := factsheet.Compute(ctx, 2022, "890000")
	if err != nil {
		t.Fatal(err)
	}
	st := s.Settlement
	if st == nil || st.Strata != 2 || st.Basis == "" || len(st.DasGupta.Composition) != 1 || st.DasGupta.Composition[0].Factor != "settlement" {
		t.Fatalf("settlement: %+v", st)
	}
	k := st.Kitagawa
	if math.Abs(k.RateEffect+k.CompositionEffect-k.CrudeGap) > 1e-9*k.CrudeGap || k.CompositionEffect <= 0 {
		t.Errorf("non-Germans live more in cities, so composition should be positive: %+v", k)
	}
	// The district sums: 2,106,635 suspects of 890000, 695,781 non-German;
	// 84,358,845 residents, 12,324,195 foreigners.
	de := (2106635.0 - 695781) / (84358845 - 12324195)
	nd := 695781.0 / 12324195
	if math.Abs(st.CrudeRatio-nd/de) > 1e-12 {
		t.Errorf("crude ratio over the districts %v, want %v", st.CrudeRatio, nd/de)
	}
	if !hasCaveat(st.Caveats, "settlement-kreis-basis") || !hasCaveat(st.Caveats, "kreis-suspects-per-district") {
		t.Errorf("caveats %v", st.Caveats)
	}
	if !strings.Contains(s.Attribution, "12411-03-03-4") {
		t.Errorf("attribution %q", s.Attribution)
	}
	for _, y := range []int{2021, 2023} {
		o, err := factsheet.Compute(ctx, y, "890000")
		if err != nil || o.Settlement != nil {
			t.Errorf("%d: settlement %v %v", y, o.Settlement, err)
		}
		b, _ := json.Marshal(o)
		if strings.Contains(string(b), `"settlement"`) || strings.Contains(string(b), `"area"`) {
			t.Errorf("%d: JSON has settlement or area", y)
		}
	}
	if o, err := factsheet.Compute(ctx, 2022, "100000"); err != nil || o.Settlement != nil {
		t.Errorf("key without district figures: %v %v", o.Settlement, err)
	}
}
