package claim

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// A change from one value to another ("rose from 30% to 41%") is a claim
// about the later value, with the earlier one and its year kept apart: the
// earlier number is no change ("change 0.3") and no word is left over.
func TestParseFromTo(t *testing.T) {
	for _, tt := range []struct {
		text           string
		value, from    float64
		year, yearFrom int
		latest         bool
	}{
		{"The share of foreign suspects rose from 30% to 41%", 0.41, 0.30, 0, 0, false},
		{"Der Anteil ausländischer Tatverdächtiger stieg von 30 auf 41 Prozent", 0.41, 0.30, 0, 0, false},
		{"Der Anteil ausländischer Tatverdächtiger ist von 30 Prozent auf 41 Prozent gestiegen", 0.41, 0.30, 0, 0, false},
		{"The share of foreign suspects rose from 30% in 2015 to 41% in 2023", 0.41, 0.30, 2023, 2015, false},
		{"Der Anteil der Ausländer an den Tatverdächtigen stieg von 30 Prozent im Jahr 2015 auf 41 Prozent 2023", 0.41, 0.30, 2023, 2015, false},
		{"The share of foreign suspects rose from 30% in 2015 to 41%", 0.41, 0.30, 0, 2015, true},
	} {
		c, err := Parse(tt.text)
		if err != nil {
			t.Fatal(err)
		}
		if c.Kind != KindShare || c.Value != tt.value || c.ValueFrom == nil || *c.ValueFrom != tt.from ||
			c.Year != tt.year || c.YearFrom != tt.yearFrom || c.LatestYear != tt.latest {
			from := math.NaN()
			if c.ValueFrom != nil {
				from = *c.ValueFrom
			}
			t.Errorf("%q: %s %v from %v, years %d-%d latest %v; want share %v from %v, years %d-%d latest %v",
				tt.text, c.Kind, c.Value, from, c.YearFrom, c.Year, c.LatestYear, tt.value, tt.from, tt.yearFrom, tt.year, tt.latest)
		}
		if len(c.Unparsed) > 0 || len(c.Problems) > 0 {
			t.Errorf("%q: unparsed %v, problems %v", tt.text, c.Unparsed, c.Problems)
		}
		for i, p := range c.Parts {
			if p.Role == "change" {
				t.Errorf("%q: the earlier value is read as a change: %+v", tt.text, p)
			}
			if i > 0 && p.Start < c.Parts[i-1].Start {
				t.Errorf("%q: parts out of text order: %+v", tt.text, c.Parts)
			}
		}
	}
	// Without a change, "from 30 to 40 percent" stays a range.
	c, _ := Parse("From 30 to 40 percent of suspects are foreigners")
	if c.ValueFrom != nil {
		t.Errorf("a range read as a change: %+v", c)
	}
}

// The earlier value is checked against its year's figures, when there are
// any; the verdict stays that of the later value.
func TestCheckEarlierValue(t *testing.T) {
	c, _ := Parse("The share of foreign suspects rose from 30% in 2015 to 41% in 2023")
	f := figures2023
	e := figures2023
	e.Year, e.Share = 2015, 0.276
	f.Earlier = &e
	a := Check(c, f)
	if a.Verdict != Overstates || !strings.Contains(a.Summary, "The claim's earlier value, 30.0% in 2015, agrees with the police figure for that year (27.6%).") {
		t.Errorf("verdict %s, summary %q", a.Verdict, a.Summary)
	}
	if len(a.Rows) < 2 || a.Rows[1].Label != "Non-German share of suspects in 2015" || a.Rows[1].Claimed != "30.0%" || a.Rows[1].Key != "" {
		t.Errorf("rows %+v", a.Rows)
	}
	f.Earlier = nil
	if a := Check(c, f); !slices.Contains(a.Framing, "The claim's earlier value, 30.0% in 2015, is not checked: the bundled figures for the claim's offence and place do not have that year.") {
		t.Errorf("no note on the unchecked earlier value: %q", a.Framing)
	}
	c, _ = Parse("The share of foreign suspects rose from 30% to 41%")
	if a := Check(c, figures2023); !slices.Contains(a.Framing, "The claim gives an earlier value, 30.0%, without its year; only the later value is checked.") {
		t.Errorf("no note on the earlier value without a year: %q", a.Framing)
	}
}

// "Kaum mehr als 10%", "hardly more than 10%", "knapp über 40%": about the
// number, at most a little over it; understood, and a far higher figure
// refutes them.
func TestParseJustOver(t *testing.T) {
	for _, tt := range []struct {
		text    string
		value   float64
		verdict string
	}{
		{"Ausländer stellen kaum mehr als 10% der Tatverdächtigen", 0.10, Understates},
		{"Foreigners are hardly more than 10% of suspects", 0.10, Understates},
		{"Ausländer stellen knapp über 34% der Tatverdächtigen", 0.34, Matches},
		{"Foreigners are just over 35% of suspects", 0.35, Matches},
		{"Foreigners are just over 40% of suspects", 0.40, Overstates},
	} {
		c, _ := Parse(tt.text)
		if c.Comparator != "~>" || c.Value != tt.value || len(c.Unparsed) > 0 {
			t.Errorf("%q: comparator %q value %v unparsed %v", tt.text, c.Comparator, c.Value, c.Unparsed)
			continue
		}
		if a := Check(c, figures2023); a.Verdict != tt.verdict {
			t.Errorf("%q: %s (%s), want %s", tt.text, a.Verdict, a.Summary, tt.verdict)
		}
	}
}

// Restatements agree in number: "1 suspect ... per 10 residents".
func TestSaysSingular(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Jeder zehnte Ausländer ist kriminell", ": 1 suspect of "},
		{"One in ten migrants is a criminal", ": 1 suspect of "},
		{"Zwei von zehn Ausländern sind kriminell", ": 2 suspects of "},
		{"Ausländer: 5.600 Tatverdächtige pro 100.000 Einwohner", " per 100000 residents in "},
	} {
		c, _ := Parse(tt.text)
		a := Check(c, figures2023)
		if !strings.Contains(a.Says, tt.want) || strings.Contains(a.Says, "1 suspects") {
			t.Errorf("%q says %q; want %q", tt.text, a.Says, tt.want)
		}
	}
}

// A city-state's Land lacks the offence or the year: its city's district
// stands in when it has them.
func TestFigureArea(t *testing.T) {
	has := func(area, key string, year int) bool {
		switch len(area) {
		case 2:
			return key == AllOffences && (year == 0 || year >= 2010 && year <= 2020)
		case 5:
			return key != "999999" && (year == 0 || year == 2020 || year == 2022)
		}
		return false
	}
	for _, tt := range []struct {
		land, key string
		year      int
		want      string
		rest      bool
	}{
		{"11", "435*00", 0, "11000", false},
		{"11", GeneralCrime, 2022, "11000", false},
		{"02", "111000", 2020, "02000", false},
		{"04", "435*00", 0, "04011", true},
		// The Land has it: the Land.
		{"11", AllOffences, 2015, "11", false},
		// Neither has it: the Land, and no figures.
		{"11", "435*00", 2015, "11", false},
		{"11", "999999", 0, "11", false},
		// Not a city-state.
		{"09", "435*00", 0, "09", false},
	} {
		got, cs := FigureArea(tt.land, tt.key, tt.year, has)
		if got != tt.want || (cs != nil) != (got != tt.land) || cs != nil && (cs.Rest != "") != tt.rest {
			t.Errorf("FigureArea(%s, %s, %d) = %s, %+v; want %s", tt.land, tt.key, tt.year, got, cs, tt.want)
		}
	}
	if m := CityStateNote("Bremen", &CityState{District: "04011", Rest: "Bremerhaven (AGS 04012)"}); !strings.Contains(m, "AGS 04011") || !strings.Contains(m, "Bremerhaven") {
		t.Errorf("note %q", m)
	}
}

// A checker's message replaces the claim's note of the same code.
func TestNoteForReplaced(t *testing.T) {
	f := Figures{Notes: map[string]string{"no-year": "for Bayern the latest year is 2020", "offence-all": ""}}
	if got := NoteFor("no-year", f); got != "for Bayern the latest year is 2020" {
		t.Errorf("no-year: %q", got)
	}
	if got := NoteFor("offence-all", f); got != "" {
		t.Errorf("offence-all: %q", got)
	}
	if got := NoteFor("frame-suspects", f); got != Note("frame-suspects") {
		t.Errorf("frame-suspects: %q", got)
	}
	c, _ := Parse("Foreigners commit 40% of crimes in Bavaria")
	a := Check(c, Figures{Year: 2020, Offence: AllOffences, Area: "Bayern", Share: 0.4, Notes: f.Notes})
	all := strings.Join(a.Framing, "\n")
	if strings.Contains(all, Note("no-year")) || strings.Contains(all, Note("offence-all")) || !strings.Contains(all, "for Bayern the latest year is 2020") {
		t.Errorf("framing %q", a.Framing)
	}
}

// An earlier value after the claim's number ("40% of crimes, up from 30%
// in 2015", "2015 waren es noch 30 Prozent"), a fraction ("from a third
// to a half") or a count without a unit ("von 200.000 auf 400.000") is a
// change too: the later value is the claim's number, the earlier one is
// ValueFrom with its year, and neither is a second number.
func TestParseChange(t *testing.T) {
	for _, tt := range []struct {
		text           string
		kind           Kind
		value, from    float64
		year, yearFrom int
		latest         bool
	}{
		{"Migrants commit 40% of crimes, up from 30% in 2015", KindShare, 0.40, 0.30, 0, 2015, true},
		{"Migrants commit 40% of crimes in 2023, up from 30% in 2015", KindShare, 0.40, 0.30, 2023, 2015, false},
		{"Migrants commit 40% of crimes in 2023, up from 30%", KindShare, 0.40, 0.30, 2023, 0, false},
		{"Ausländer stellen 41 Prozent der Tatverdächtigen, 2015 waren es noch 30 Prozent", KindShare, 0.41, 0.30, 0, 2015, true},
		{"Ausländer stellten 2023 41 Prozent der Tatverdächtigen, 2015 noch 30 Prozent", KindShare, 0.41, 0.30, 2023, 2015, false},
		{"Ausländer stellen 41 Prozent der Tatverdächtigen, gegenüber 30 Prozent im Jahr 2015", KindShare, 0.41, 0.30, 0, 2015, true},
		{"Ausländer sind dreimal so kriminell, gegenüber zweimal 2015", KindRatio, 3, 2, 0, 2015, true},
		{"Es gibt 700.000 ausländische Tatverdächtige, 2015 waren es erst 400.000", KindCount, 700000, 400000, 0, 2015, true},
		{"The share of foreign suspects rose from a third to a half", KindShare, 0.5, 1.0 / 3, 0, 0, false},
		{"Der Anteil ausländischer Tatverdächtiger stieg von einem Drittel auf die Hälfte", KindShare, 0.5, 1.0 / 3, 0, 0, false},
		{"Der Anteil stieg von zwei Dritteln auf 70 Prozent bei ausländischen Tatverdächtigen", KindShare, 0.7, 2.0 / 3, 0, 0, false},
		{"The share of foreign suspects rose from a quarter in 2015 to a third in 2023", KindShare, 1.0 / 3, 0.25, 2023, 2015, false},
		{"Die Zahl ausländischer Tatverdächtiger stieg von 200.000 auf 400.000", KindCount, 400000, 200000, 0, 0, false},
		{"The number of foreign suspects rose from 200,000 in 2015 to 400,000 in 2023", KindCount, 400000, 200000, 2023, 2015, false},
	} {
		c, err := Parse(tt.text)
		if err != nil {
			t.Fatal(err)
		}
		from := math.NaN()
		if c.ValueFrom != nil {
			from = *c.ValueFrom
		}
		if c.Kind != tt.kind || c.Value != tt.value || math.Abs(from-tt.from) > 1e-9 ||
			c.Year != tt.year || c.YearFrom != tt.yearFrom || c.LatestYear != tt.latest {
			t.Errorf("%q: %s %v from %v, years %d-%d latest %v; want %s %v from %v, years %d-%d latest %v",
				tt.text, c.Kind, c.Value, from, c.YearFrom, c.Year, c.LatestYear, tt.kind, tt.value, tt.from, tt.yearFrom, tt.year, tt.latest)
		}
		if len(c.Unparsed) > 0 || len(c.Problems) > 0 {
			t.Errorf("%q: unparsed %v, problems %v", tt.text, c.Unparsed, c.Problems)
		}
		for i, p := range c.Parts {
			if p.Role == "second number" || p.Role == "change" {
				t.Errorf("%q: part %+v", tt.text, p)
			}
			if i > 0 && p.Start < c.Parts[i-1].Start {
				t.Errorf("%q: parts out of text order: %+v", tt.text, c.Parts)
			}
		}
	}
	// Without a word that makes it earlier, a second number for one
	// thing stays a contradiction; a plain "noch" is no earlier value.
	for _, text := range []string{"Migrants commit 40% of crimes, they commit 30%", "Ausländer stellen 41 Prozent der Tatverdächtigen, es sind 30 Prozent"} {
		if c, _ := Parse(text); c.ValueFrom != nil || len(c.Problems) == 0 {
			t.Errorf("%q: value_from %v, problems %v", text, c.ValueFrom, c.Problems)
		}
	}
	if c, _ := Parse("Flüchtlinge stellen noch 10 Prozent"); c.ValueFrom != nil || c.Value != 0.1 {
		t.Errorf("a plain 'noch' read as an earlier value: %+v", c)
	}
}

// For a part of the non-Germans (asylum seekers, refugees), the figure of
// all non-Germans bounds the earlier value as it bounds the later one: an
// earlier value above it is refuted, one below it is neither confirmed
// nor refuted.
func TestCheckEarlierSubset(t *testing.T) {
	e := figures2023
	e.Year, e.Share, e.SuspectsNonGerman = 2015, 0.276, 500000
	f := figures2023
	f.Earlier = &e
	for _, tt := range []struct {
		text, verdict, want string
	}{
		// The from-to form read before: only the check is new.
		{"The share of asylum seekers among suspects rose from 40% in 2015 to 45% in 2023", Overstates,
			"The claim's earlier value, 40.0% in 2015, is above the share of suspects of all non-German citizens that year, 27.6%"},
		{"Der Anteil der Flüchtlinge an den Tatverdächtigen stieg von 20 Prozent im Jahr 2015 auf 30 Prozent im Jahr 2023", Uncheckable,
			"The claim's earlier value, 20.0% in 2015, lies within the upper bound for that year"},
		{"Asylum seekers commit 30% of crimes, up from 40% in 2015", Uncheckable,
			"The claim's earlier value, 40.0% in 2015, is above the share of suspects of all non-German citizens that year, 27.6%, which is an upper bound for the part the claim speaks of."},
		{"Asylum seekers commit 30% of crimes, up from 20% in 2015", Uncheckable,
			"The claim's earlier value, 20.0% in 2015, lies within the upper bound for that year, the share of suspects of all non-German citizens (27.6%), so these figures can neither confirm nor refute it."},
		{"Flüchtlinge stellen 50 Prozent der Tatverdächtigen, 2015 waren es noch 20 Prozent", Overstates,
			"The claim's earlier value, 20.0% in 2015, lies within the upper bound"},
		{"Die Zahl der Tatverdächtigen unter Flüchtlingen stieg von 600.000 im Jahr 2015 auf 650.000 im Jahr 2023", Uncheckable,
			"The claim's earlier value, 600000 in 2015, is above the number of suspects of all non-German citizens that year, 500000"},
	} {
		c, _ := Parse(tt.text)
		if c.ValueFrom == nil || c.YearFrom != 2015 || c.Subset() == "" {
			t.Errorf("%q: value_from %v, year_from %d, subset %q", tt.text, c.ValueFrom, c.YearFrom, c.Subset())
			continue
		}
		a := Check(c, f)
		if a.Verdict != tt.verdict || !strings.Contains(a.Summary, tt.want) {
			t.Errorf("%q: %s, summary %q; want %s and %q", tt.text, a.Verdict, a.Summary, tt.verdict, tt.want)
		}
		if len(a.Rows) < 2 || !strings.HasSuffix(a.Rows[1].Label, " in 2015") {
			t.Errorf("%q: no row for the earlier year: %+v", tt.text, a.Rows)
		}
	}
}
