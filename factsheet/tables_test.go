package factsheet_test

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/factsheet"
	"github.com/baserate/baserate/format"
	"github.com/baserate/baserate/internal/sharedtest"
	"github.com/baserate/baserate/pks"
)

func shared(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", "data", "stats", rel)
	sharedtest.Need(t, p)
	return p
}

func open(t *testing.T, path string) factsheet.Input {
	t.Helper()
	if strings.HasSuffix(path, ".xlsx") {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		tb, err := pks.ReadTimeSeries(context.Background(), bytes.NewReader(b), path)
		if err != nil {
			t.Fatal(err)
		}
		return factsheet.Input{File: path, Table: tb}
	}
	tables, _, err := format.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return factsheet.Input{File: path, Table: tables[0]}
}

func relClose(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(math.Abs(a), math.Abs(b)) }

// Feeding the original workbooks and GENESIS files gives the bundled
// sheet's numbers.
func TestTablesReproduceBundle(t *testing.T) {
	ctx := context.Background()
	t40 := open(t, shared(t, "de-bka-pks-zeitreihen/ZR-TV-04-T40-TV-insg-deutsch_xls.xlsx"))
	t50 := open(t, shared(t, "de-bka-pks-zeitreihen/ZR-TV-07-T50-TV-insg-nichtdeutsch_xls.xlsx"))
	g12411 := open(t, shared(t, "de-destatis-population/destatis_12411_bevoelkerung_nationalitaet_1984_2024.csv"))
	de2023 := open(t, shared(t, "de-destatis-pop-age-nationality/de_pop_germans_sex_age_2023.csv"))
	azr2023 := open(t, shared(t, "de-destatis-pop-age-nationality/de_azr_foreigners_sex_age_2023_allnationalities.csv"))
	old := open(t, shared(t, "de-destatis-pop-age-nationality/de_pop_nationality_sex_age_1980_2019.csv"))

	m, err := factsheet.ParseMapping([]string{"nationality:nichtdeutsch_azr=nichtdeutsch"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m.Rescale = true
	cases := []struct {
		year int
		key  string
		pop  []factsheet.Input
		m    factsheet.Mapping
	}{
		{2023, "890000", []factsheet.Input{g12411, de2023, azr2023}, m},
		{2023, "------", []factsheet.Input{g12411}, factsheet.Mapping{}},
		{1995, "892000", []factsheet.Input{g12411, old}, factsheet.Mapping{Roles: map[string]string{"stichtag": "-"}}},
	}
	for _, c := range cases {
		src, err := factsheet.NewTableSource([]factsheet.Input{t40, t50}, c.pop, c.m)
		if err != nil {
			t.Fatal(err)
		}
		got, err := factsheet.New(src, "test").Compute(ctx, factsheet.Query{Year: c.year, Offence: c.key})
		if err != nil {
			t.Fatalf("%d %s: %v", c.year, c.key, err)
		}
		want, err := factsheet.Compute(ctx, c.year, c.key)
		if err != nil {
			t.Fatal(err)
		}
		if got.German != want.German || got.NonGerman != want.NonGerman || got.RateRatio.Ratio != want.RateRatio.Ratio || got.RateRatio.CI != want.RateRatio.CI || got.ShareOfSuspects.Share != want.ShareOfSuspects.Share || got.ShareOfSuspects.CI != want.ShareOfSuspects.CI {
			t.Errorf("%d %s: crude numbers differ:\n got %+v %+v\nwant %+v %+v", c.year, c.key, got.German, got.NonGerman, want.German, want.NonGerman)
		}
		if got.Offence.Label != want.Offence.Label {
			t.Errorf("label %q, want %q", got.Offence.Label, want.Offence.Label)
		}
		if len(c.pop) == 1 {
			if len(got.Standardized) != 0 || !strings.Contains(got.NoAgeBreakdown, "no population by age") {
				t.Errorf("without population by age: %d standardizations, %q", len(got.Standardized), got.NoAgeBreakdown)
			}
			continue
		}
		if len(got.Standardized) != len(want.Standardized) {
			t.Fatalf("%d %s: %d standardizations, bundle %d (%s)", c.year, c.key, len(got.Standardized), len(want.Standardized), got.NoAgeBreakdown)
		}
		for i, g := range got.Standardized {
			w := want.Standardized[i]
			for _, p := range [][2]float64{{g.IndirectRatio, w.IndirectRatio}, {g.DirectRatio, w.DirectRatio}, {g.CrudeRatio, w.CrudeRatio},
				{g.Kitagawa.CompositionEffect, w.Kitagawa.CompositionEffect}, {g.Expected, w.Expected}, {g.GermanDSR, w.GermanDSR}} {
				if !relClose(p[0], p[1]) {
					t.Errorf("%d %s: standardized %v, bundle %v", c.year, c.key, p[0], p[1])
				}
			}
			if g.Strata != w.Strata {
				t.Errorf("strata %d, bundle %d", g.Strata, w.Strata)
			}
		}
		if c.year == 2023 && c.key == "890000" {
			if math.Abs(got.Standardized[0].IndirectRatio-2.4365) > 1e-4 {
				t.Errorf("indirect ratio %v", got.Standardized[0].IndirectRatio)
			}
			if !hasCaveat(got.Caveats, "structure-rescaled") {
				t.Errorf("rescaling not said: %v", got.Caveats)
			}
		}
		if c.year == 1995 && len(got.Warnings) != 0 {
			t.Errorf("1995: warnings %v", got.Warnings)
		}
	}
}

// A small JSON-stat pair gives the numbers worked out by hand.
func TestJSONStatTables(t *testing.T) {
	ctx := context.Background()
	sus := open(t, "testdata/suspects.json")
	pop := open(t, "testdata/population.json")
	src, err := factsheet.NewTableSource([]factsheet.Input{sus}, []factsheet.Input{pop}, factsheet.Mapping{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := factsheet.New(src, "test").Compute(ctx, factsheet.Query{Year: 2023, Offence: "ALL"})
	if err != nil {
		t.Fatal(err)
	}
	if s.German.Suspects != 600 || s.NonGerman.Suspects != 200 || s.German.Population != 100000 || s.NonGerman.Population != 20000 {
		t.Fatalf("counts %+v %+v", s.German, s.NonGerman)
	}
	if s.German.Rate != 600 || s.NonGerman.Rate != 1000 || !relClose(s.RateRatio.Ratio, 1000.0/600) || s.ShareOfSuspects.Share != 0.25 {
		t.Errorf("rates %v %v ratio %v share %v", s.German.Rate, s.NonGerman.Rate, s.RateRatio.Ratio, s.ShareOfSuspects.Share)
	}
	if s.Offence.Label != "All offences" || s.Denominator.Date != "2023" {
		t.Errorf("label %q, date %q", s.Offence.Label, s.Denominator.Date)
	}
	// Suspects' bands <20, 20-39, 40+ against population <20, 20-29,
	// 30-39, 40+: the shared bands are the suspects'.
	if len(s.Standardized) != 1 || s.Standardized[0].Strata != 3 {
		t.Fatalf("standardized %+v (%s)", s.Standardized, s.NoAgeBreakdown)
	}
	st := s.Standardized[0]
	rde := []float64{100.0 / 20000, 300.0 / 20000, 200.0 / 60000}
	rnd := []float64{60.0 / 4000, 120.0 / 6000, 20.0 / 10000}
	pnd := []float64{4000, 6000, 10000}
	std := []float64{24000, 26000, 70000}
	var expected, dsrDE, dsrND float64
	for i := range rde {
		expected += pnd[i] * rde[i]
		dsrDE += std[i] * rde[i]
		dsrND += std[i] * rnd[i]
	}
	if !relClose(st.Expected, expected) || !relClose(st.IndirectRatio, 200/expected) {
		t.Errorf("expected %v (want %v), SMR %v (want %v)", st.Expected, expected, st.IndirectRatio, 200/expected)
	}
	if !relClose(st.DirectRatio, dsrND/dsrDE) || !relClose(st.GermanDSR, dsrDE/120000*1e5) {
		t.Errorf("direct ratio %v (want %v), German DSR %v", st.DirectRatio, dsrND/dsrDE, st.GermanDSR)
	}
	if !relClose(st.Kitagawa.CrudeGap, 400) || !relClose(st.Kitagawa.RateEffect+st.Kitagawa.CompositionEffect, 400) {
		t.Errorf("Kitagawa %+v", st.Kitagawa)
	}
	if s.Attribution != "test" {
		t.Errorf("attribution %q", s.Attribution)
	}
	// The other year of the population table is used for 2022 suspects,
	// which the suspects table lacks.
	if _, err := factsheet.New(src, "").Compute(ctx, factsheet.Query{Year: 2022, Offence: "ALL"}); baserate.KindOf(err) != baserate.KindNotFound || !strings.Contains(err.Error(), `no category for 2022`) {
		t.Errorf("2022: %v", err)
	}
	if _, err := factsheet.New(src, "").Compute(ctx, factsheet.Query{Year: 2023, Offence: "ALL", Area: "FR"}); baserate.KindOf(err) != baserate.KindNotFound {
		t.Errorf("area FR: %v", err)
	}
}

// Bad mappings are refused with errors that say what to do.
func TestBadMappings(t *testing.T) {
	sus := open(t, "testdata/suspects.json")
	pop := open(t, "testdata/population.json")
	cases := []struct {
		maps, sel []string
		err       string
	}{
		{maps: []string{"citizen=colour"}, err: `unknown role "colour"`},
		{maps: []string{"citizen"}, err: "--map wants DIM=ROLE or DIM:CAT=ID"},
		{maps: []string{"citizen=-"}, err: "no dimension of table suspects is the citizenship"},
		{maps: []string{"citizen:NAT=german"}, err: "citizenship categories map to deutsch, nichtdeutsch or total"},
		{maps: []string{"citizen:FOR=deutsch"}, err: `categories "NAT" and "FOR" of dimension "citizen" both mean "deutsch"`},
		{maps: []string{"nosuch=age"}, err: "no input table has the dimension or category named in --map nosuch=age"},
		{maps: []string{"citizen:XX=total"}, err: "--map citizen:XX=total"},
		{maps: []string{"age=year"}, err: `dimension "time" (2 categories: 2022, 2023) plays no role in a population table`},
		{maps: []string{"unit=-"}, sel: []string{"unit=EUR"}, err: `--select unit=EUR: dimension "unit" has no category "EUR" (it has NR)`},
		{sel: []string{"geo=DE"}, err: `dimension "geo" is the area; --select is for dimensions with no role`},
		{maps: []string{"age:Y20-39=20-30"}, err: `no age band starts at 31, after "20-30"`},
		{maps: []string{"age:Y20-39=20-45"}, err: `age label "Y_GE40" (read as 40+) overlaps the bands`},
	}
	for _, c := range cases {
		m, err := factsheet.ParseMapping(c.maps, c.sel)
		if err == nil {
			_, err = factsheet.NewTableSource([]factsheet.Input{sus}, []factsheet.Input{pop}, m)
		}
		if err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("--map %v --select %v: error %v, want %q", c.maps, c.sel, err, c.err)
		}
	}
	// A dimension with several categories and no role must be fixed.
	two := pop.Table.Clone()
	ud, _ := two.Dim("unit")
	ud.Categories = append(ud.Categories, baserate.Category{ID: "PC"})
	two.Values = append(two.Values, two.Values...)
	for i := range two.Values {
		two.Values[i] = float64(i + 1)
	}
	if _, err := factsheet.NewTableSource([]factsheet.Input{sus}, []factsheet.Input{{File: "two.json", Table: two}}, factsheet.Mapping{}); err == nil ||
		!strings.Contains(err.Error(), `two.json: dimension "unit" (2 categories: NR, PC) plays no role in a population table; fix one category with --select unit=NR`) {
		t.Errorf("unfixed dimension: %v", err)
	}
	// Two dimensions named like the year.
	yy := baserate.New("yy", baserate.NewDimension("year", "2022", "2023"), baserate.NewDimension("jahr", "2022", "2023"), baserate.NewDimension("citizenship", "deutsch", "nichtdeutsch"))
	if _, err := factsheet.NewTableSource([]factsheet.Input{sus}, []factsheet.Input{{File: "yy.csv", Table: yy}}, factsheet.Mapping{}); err == nil ||
		!strings.Contains(err.Error(), `yy.csv: dimensions "year" and "jahr" both look like the year (by name); say which with --map jahr=year --map year=-`) {
		t.Errorf("two years: %v", err)
	}
	// Age bands that cannot be matched.
	closed := sus.Table.Clone()
	ad, _ := closed.Dim("age")
	ad.Categories[2].ID = "Y40-89"
	src, err := factsheet.NewTableSource([]factsheet.Input{{File: "closed.json", Table: closed}}, []factsheet.Input{pop}, factsheet.Mapping{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := factsheet.New(src, "").Compute(context.Background(), factsheet.Query{Year: 2023, Offence: "ALL"}); err == nil || !strings.Contains(err.Error(), "cannot be matched") || !strings.Contains(err.Error(), "oldest age band") {
		t.Errorf("unmatched ages: %v", err)
	}
	// The same citizenship twice.
	if src, err := factsheet.NewTableSource([]factsheet.Input{sus, sus}, []factsheet.Input{pop}, factsheet.Mapping{}); err != nil {
		t.Fatal(err)
	} else if _, err := factsheet.New(src, "").Compute(context.Background(), factsheet.Query{Year: 2023, Offence: "ALL"}); err == nil || !strings.Contains(err.Error(), "are in both") {
		t.Errorf("twice: %v", err)
	}
}
