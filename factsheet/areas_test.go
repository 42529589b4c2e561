package factsheet_test

import (
	"context"
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
	if len(s.Standardized) != 0 || !strings.Contains(s.NoAgeBreakdown, "no suspects by age") {
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
