package factsheet_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/baserate/baserate/bundle"
	"github.com/baserate/baserate/factsheet"
	"github.com/baserate/baserate/pks"
)

// Every key whose suspects include residence-law offences (725000), which
// in the main only non-Germans can commit, carries the caveat that says
// so: all offences, the summary keys above 725000 (700000, 720000), 725000
// and its sub-keys. Keys beside it (726000 weapons, 730000 drugs) and
// 890000 do not.
func TestResidenceLawCaveat(t *testing.T) {
	ctx := context.Background()
	totals, err := bundle.SuspectTotals()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		key  string
		want bool
	}{
		{"------", true}, {"700000", true}, {"720000", true}, {"725000", true}, {"725700", true},
		{"726000", false}, {"730000", false}, {"710000", false}, {"890000", false}, {"892000", false},
	} {
		s, err := factsheet.Compute(ctx, 2023, tc.key)
		if err != nil {
			t.Fatal(err)
		}
		if got := hasCaveat(s.Caveats, "pks-725000-only-foreigners"); got != tc.want {
			t.Errorf("key %s: residence-law caveat %v, want %v", tc.key, got, tc.want)
		}
		_, cs, err := factsheet.NonNationalShare(ctx, 2023, tc.key)
		if err != nil {
			t.Fatal(err)
		}
		if got := hasCaveat(cs, "pks-725000-only-foreigners"); got != tc.want {
			t.Errorf("key %s: share caveat %v, want %v", tc.key, got, tc.want)
		}
		// The data agree: a key that includes 725000 has at least its
		// suspects in every year, German and non-German.
		if tc.want && tc.key != "725000" && !strings.HasPrefix(tc.key, "725") {
			for y := 1987; y <= 2024; y++ {
				ys := strconv.Itoa(y)
				for _, c := range []string{pks.German, pks.NonGerman} {
					if totals.At(tc.key, ys, c) < totals.At("725000", ys, c) {
						t.Errorf("%s %s %s: %v < 725000's %v", tc.key, ys, c, totals.At(tc.key, ys, c), totals.At("725000", ys, c))
					}
				}
			}
		}
	}
}

// The trend marks 1990: the population of 31 December 1990 is that of all
// Germany while the PKS covers the old Länder until 1990 (and adds Berlin
// in 1991), so the rates fall by about a fifth from 1989 to 1990 for no
// change in suspects.
func TestTrendMarks1990(t *testing.T) {
	tr, err := factsheet.Trend(context.Background(), "------")
	if err != nil {
		t.Fatal(err)
	}
	var p89, p90 factsheet.TrendPoint
	for _, p := range tr.Points {
		switch p.Year {
		case 1989:
			p89 = p
		case 1990:
			p90 = p
		}
	}
	if p90.BreakCode != "pks-1993-territory" || !strings.Contains(p90.Break, "1990") {
		t.Errorf("1990 not marked as a break: %q %q", p90.BreakCode, p90.Break)
	}
	if p89.Break != "" {
		t.Errorf("1989 marked: %q", p89.Break)
	}
	// 1,034,951 German suspects / 57,671,874 Germans in 1989 against
	// 1,054,340 / 74,170,870 in 1990 (Destatis 12411).
	if r := p90.German.Rate / p89.German.Rate; r > 0.8 {
		t.Errorf("German rate 1990/1989 = %v: the population territory break is not in the data", r)
	}
}

// Eisenach (16056) joined the Wartburgkreis (16063) on 1 July 2021: the
// district tables have them apart in 2020 and together in 2022. The
// Wartburgkreis sheets say so instead of showing one series, and asking
// for Eisenach in 2022 says where it went.
func TestKreisTerritoryChange(t *testing.T) {
	ctx := context.Background()
	var pops []float64
	for _, y := range []int{2020, 2022} {
		s, err := factsheet.Default.Compute(ctx, factsheet.Query{Year: y, Offence: "------", Area: "16063"})
		if err != nil {
			t.Fatal(err)
		}
		pops = append(pops, s.German.Population+s.NonGerman.Population)
		var msg string
		for _, c := range s.Caveats {
			if c.Code == "kreis-territory-change" {
				msg = c.Message
			}
		}
		if !strings.Contains(msg, "took in Eisenach (16056) on 2021-07-01") || !strings.Contains(msg, "2020 and for 2022 cover different territories") {
			t.Errorf("Wartburgkreis %d: territory caveat %q", y, msg)
		}
		if s.Area == nil || s.Area.TerritoryChange == "" {
			t.Errorf("Wartburgkreis %d: area %+v", y, s.Area)
		}
	}
	if pops[0] != 117967 || pops[1] != 159539 {
		t.Errorf("Wartburgkreis residents %v, want 117,967 (2020) and 159,539 (2022)", pops)
	}
	// Other districts carry no such caveat.
	s, err := factsheet.Default.Compute(ctx, factsheet.Query{Year: 2022, Offence: "------", Area: "16064"})
	if err != nil {
		t.Fatal(err)
	}
	if hasCaveat(s.Caveats, "kreis-territory-change") || s.Area.TerritoryChange != "" {
		t.Errorf("Unstrut-Hainich-Kreis: %+v", s.Area)
	}
	_, err = factsheet.Default.Compute(ctx, factsheet.Query{Year: 2022, Offence: "------", Area: "16056"})
	if err == nil || !strings.Contains(err.Error(), "Eisenach (16056) joined Wartburgkreis (16063) on 2021-07-01") {
		t.Errorf("Eisenach 2022: %v", err)
	}
}
