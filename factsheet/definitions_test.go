package factsheet_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/factsheet"
)

func caveatOf(cs []baserate.Caveat, code string) (baserate.Caveat, bool) {
	for _, c := range cs {
		if c.Code == code {
			return c, true
		}
	}
	return baserate.Caveat{}, false
}

// Key 111000 was redefined by the 2016 sexual-offence reform (catalogue
// 2017 and 2018): the trend marks those years as breaks, as it marks the
// census years, and its caveat names the old and the new name.
func TestTrendMarksKeyDefinitionChanges(t *testing.T) {
	ctx := context.Background()
	tr, err := factsheet.Trend(ctx, "111000")
	if err != nil {
		t.Fatal(err)
	}
	marked := map[int]factsheet.TrendPoint{}
	for _, p := range tr.Points {
		if slices.Contains(p.BreakCodes, "pks-key-definition-change") {
			marked[p.Year] = p
		}
	}
	for _, y := range []int{1998, 1999, 2017, 2018} {
		if _, ok := marked[y]; !ok {
			t.Errorf("111000: %d not marked", y)
		}
	}
	if len(marked) != 4 {
		t.Errorf("111000: marked %v", marked)
	}
	if p := marked[2017]; !strings.Contains(p.Break, "Vergewaltigung und sexuelle Nötigung/Übergriffe") || p.BreakCode != "pks-key-definition-change" {
		t.Errorf("2017: %q %q", p.BreakCode, p.Break)
	}
	c, ok := caveatOf(tr.Caveats, "pks-key-definition-change")
	if !ok {
		t.Fatal("no caveat pks-key-definition-change")
	}
	for _, s := range []string{"in 2017, from \"Vergewaltigung und sexuelle Nötigung §§ 177 Abs. 2, 3 und 4, 178 StGB\" to \"Vergewaltigung und sexuelle Nötigung/Übergriffe", "in 2018", "not one series"} {
		if !strings.Contains(c.Message, s) {
			t.Errorf("caveat lacks %q: %s", s, c.Message)
		}
	}

	// 730000 kept its name in 2024; the cannabis law is in the hand-judged
	// file, with the reason in the caveat.
	tr, err = factsheet.Trend(ctx, "730000")
	if err != nil {
		t.Fatal(err)
	}
	last := tr.Points[len(tr.Points)-1]
	if last.Year != 2024 || last.BreakCode != "pks-key-definition-change" {
		t.Errorf("730000 2024: %q", last.BreakCode)
	}
	if c, ok := caveatOf(tr.Caveats, "pks-key-definition-change"); !ok || !strings.Contains(c.Message, "Cannabisgesetz") {
		t.Errorf("730000 caveat: %+v", c)
	}

	// A change in a census year: both breaks, both codes.
	tr, err = factsheet.Trend(ctx, "131000")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range tr.Points {
		if p.Year == 2022 && (p.BreakCode != "destatis-census-basis" || !slices.Equal(p.BreakCodes, []string{"destatis-census-basis", "pks-key-definition-change"}) || !strings.Contains(p.Break, "census") || !strings.Contains(p.Break, "176-176e")) {
			t.Errorf("131000 2022: %q %q %q", p.BreakCode, p.BreakCodes, p.Break)
		}
	}

	// All offences never changed what they count.
	tr, err = factsheet.Trend(ctx, "------")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := caveatOf(tr.Caveats, "pks-key-definition-change"); ok {
		t.Error("------ has a definition-change caveat")
	}
	for _, p := range tr.Points {
		if slices.Contains(p.BreakCodes, "pks-key-definition-change") {
			t.Errorf("------ %d marked", p.Year)
		}
	}
}

// A fact sheet names the key by its latest name; a sheet of a year before
// a change says so, a sheet after the last change does not.
func TestSheetCaveatKeyDefinitionChange(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		year int
		key  string
		want []string // parts of the message; nil: no caveat
	}{
		{2016, "111000", []string{"in 2017", "in 2018"}},
		{2017, "111000", []string{"in 2018"}},
		{2018, "111000", nil},
		{2023, "730000", []string{"in 2024", "Cannabisgesetz"}},
		{2024, "730000", nil},
		{2023, "------", nil},
	} {
		s, err := factsheet.Compute(ctx, c.year, c.key)
		if err != nil {
			t.Fatal(err)
		}
		cv, ok := caveatOf(s.Caveats, "pks-key-definition-change")
		if ok != (c.want != nil) {
			t.Errorf("%s %d: caveat %v, want %v", c.key, c.year, ok, c.want != nil)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(cv.Message, w) {
				t.Errorf("%s %d: caveat lacks %q: %s", c.key, c.year, w, cv.Message)
			}
		}
		if c.year == 2017 && strings.Contains(cv.Message, "in 2017") {
			t.Errorf("111000 2017: the 2017 change is before the sheet: %s", cv.Message)
		}
	}
}

// The error for a year a key lacks says the key's years and names no
// command: the API passes it on as it is.
func TestYearErrorIsNeutral(t *testing.T) {
	_, err := factsheet.Compute(context.Background(), 2025, "890000")
	var ye *factsheet.YearError
	if !errors.As(err, &ye) || ye.Key != "890000" || ye.Year != 2025 || ye.Years[0] != 2002 {
		t.Fatalf("error %v (%T)", err, err)
	}
	if baserate.KindOf(err) != baserate.KindNotFound {
		t.Errorf("kind %v", baserate.KindOf(err))
	}
	want := "no PKS suspects for key 890000 in 2025: key 890000 has figures for 2002-2024"
	if got := baserate.Message(err); got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}
