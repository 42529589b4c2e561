package claim

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/baserate/baserate"
)

func TestParse(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		text       string
		lang       string
		group, ref string
		offence    string
		year       int
		kind       Kind
		value      float64
		cmp        string
		unparsed   string // the unparsed runs joined with "|"
		notes      []string
	}{
		{"migrants commit 40% of rapes", "en", "nichtdeutsch", "", "111000", 0, KindShare, 0.40, "", "", []string{"frame-migrants", "no-year"}},
		{"Migrants commit 40 percent of all rapes in 2023", "en", "nichtdeutsch", "", "111000", 2023, KindShare, 0.40, "", "", []string{"frame-migrants"}},
		{"Ausländer sind dreimal so kriminell", "de", "nichtdeutsch", "", "890000", 0, KindRatio, 3, "", "", []string{"frame-foreigners", "offence-all"}},
		{"Ausländer sind dreimal so kriminell wie Deutsche", "de", "nichtdeutsch", "deutsch", "890000", 0, KindRatio, 3, "", "", nil},
		{"Ausländer sind 3-mal so kriminell wie Deutsche", "de", "nichtdeutsch", "deutsch", "890000", 0, KindRatio, 3, "", "", nil},
		{"Foreigners are three times as criminal as Germans", "en", "nichtdeutsch", "deutsch", "890000", 0, KindRatio, 3, "", "", nil},
		{"foreigners are 3x more likely to commit violent crime", "en", "nichtdeutsch", "", "892000", 0, KindRatio, 3, "", "", nil},
		{"Jeder zweite Tatverdächtige bei Gewaltkriminalität ist Ausländer", "de", "nichtdeutsch", "", "892000", 0, KindShare, 0.5, "", "", []string{"frame-suspects"}},
		{"one in three suspects is a foreigner", "en", "nichtdeutsch", "", "", 0, KindShare, 1.0 / 3, "", "", []string{"no-offence"}},
		{"Mehr als 40,5 Prozent der Tatverdächtigen waren 2023 Nichtdeutsche", "de", "nichtdeutsch", "", "", 2023, KindShare, 0.405, ">", "", nil},
		{"Flüchtlinge begehen die meisten Messerangriffe", "de", "nichtdeutsch", "", "222000", 0, KindShare, 0.5, ">", "", []string{"frame-asylum", "frame-knife", "no-number"}},
		{"refugees are over-represented among suspects of sexual offences", "en", "nichtdeutsch", "", "100000", 0, KindRatio, 1, ">", "", nil},
		{"non-Germans: 57 per 1,000 residents, last year", "en", "nichtdeutsch", "", "", 0, KindRate, 57, "", "", []string{"latest-year"}},
		{"Ausländer begehen dreiundvierzig Prozent der Raubdelikte", "de", "nichtdeutsch", "", "210000", 0, KindShare, 0.43, "", "", nil},
		{"Asylbewerber sind doppelt so oft tatverdächtig", "de", "nichtdeutsch", "", "", 0, KindRatio, 2, "", "", nil},
		{"migrants commit 40% of frobnications", "en", "nichtdeutsch", "", "", 0, KindShare, 0.40, "", "frobnications", nil},
		{"the moon is made of cheese", "en", "", "", "", 0, KindNone, nan, "", "moon|made|cheese", nil},
		{"Ausländer stellen fast 35 % der Tatverdächtigen", "de", "nichtdeutsch", "", "", 0, KindShare, 0.35, "~<", "", nil},
		{"Foreigners commit more crimes than Germans", "en", "nichtdeutsch", "deutsch", "890000", 0, KindRatio, 1, ">", "", []string{"no-number"}},
		{"Every third rapist is a refugee", "en", "nichtdeutsch", "", "111000", 0, KindShare, 1.0 / 3, "", "", nil},
		{"Knapp die Hälfte der Tatverdächtigen bei Raub sind Ausländer", "de", "nichtdeutsch", "", "210000", 0, KindShare, 0.5, "~<", "", nil},
		{"foreign nationals make up 14% of the population but 41% of suspects", "en", "nichtdeutsch", "", "", 0, KindShare, 0.41, "", "", []string{"population-share"}},
		{"Ausländer sind 15 Prozent der Bevölkerung, aber 41 Prozent der Tatverdächtigen", "de", "nichtdeutsch", "", "", 0, KindShare, 0.41, "", "", []string{"population-share"}},
		{"Syrians are five times more likely to be suspects", "en", "", "", "", 0, KindRatio, 5, "", "Syrians", nil},
	}
	for _, tt := range tests {
		c, err := Parse(tt.text)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.text, err)
			continue
		}
		var un []string
		for _, s := range c.Unparsed {
			un = append(un, s.Text)
			if tt.text[s.Start:s.End] != s.Text {
				t.Errorf("Parse(%q): unparsed span %d:%d is %q, text says %q", tt.text, s.Start, s.End, s.Text, tt.text[s.Start:s.End])
			}
		}
		got := strings.Join(un, "|")
		sameValue := c.Value == tt.value || (math.IsNaN(c.Value) && math.IsNaN(tt.value)) || math.Abs(c.Value-tt.value) < 1e-12
		if c.Lang != tt.lang || c.Group != tt.group || c.Reference != tt.ref || c.Offence != tt.offence || c.Year != tt.year ||
			c.Kind != tt.kind || !sameValue || c.Comparator != tt.cmp || got != tt.unparsed {
			t.Errorf("Parse(%q) =\n lang %q group %q ref %q offence %q year %d kind %q value %v cmp %q unparsed %q\nwant\n lang %q group %q ref %q offence %q year %d kind %q value %v cmp %q unparsed %q\nparts %+v",
				tt.text, c.Lang, c.Group, c.Reference, c.Offence, c.Year, c.Kind, c.Value, c.Comparator, got,
				tt.lang, tt.group, tt.ref, tt.offence, tt.year, tt.kind, tt.value, tt.cmp, tt.unparsed, c.Parts)
		}
		for _, n := range tt.notes {
			found := false
			for _, h := range c.Notes {
				found = found || h == n
			}
			if !found {
				t.Errorf("Parse(%q): notes %v lack %q", tt.text, c.Notes, n)
			}
		}
		for _, p := range c.Parts {
			if tt.text[p.Start:p.End] != p.Text {
				t.Errorf("Parse(%q): part %+v does not match its span", tt.text, p)
			}
		}
	}
}

func TestPopulationShare(t *testing.T) {
	c, _ := Parse("foreign nationals make up 14% of the population but 41% of suspects")
	if c.PopulationShare == nil || *c.PopulationShare != 0.14 {
		t.Fatalf("population share %v", c.PopulationShare)
	}
	a := Check(c, figures2023)
	if a.Rows[1].Claimed != "14.0%" || a.Rows[0].Claimed != "41.0%" {
		t.Errorf("rows %+v", a.Rows)
	}
}

func TestParseMissing(t *testing.T) {
	c, err := Parse("the moon is made of cheese")
	if err != nil {
		t.Fatal(err)
	}
	if c.Understood() {
		t.Error("nonsense claim understood")
	}
	if strings.Join(c.Missing, ",") != "group,offence,year,number" {
		t.Errorf("Missing = %v", c.Missing)
	}
	for _, bad := range []string{"", "   ", strings.Repeat("x ", MaxLen)} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%.20q...) accepted", bad)
		} else if k := baserate.KindOf(err); k != baserate.KindInvalid && k != baserate.KindTooLarge {
			t.Errorf("Parse(%.20q): kind %v", bad, k)
		}
	}
}

func TestNotesExist(t *testing.T) {
	for _, e := range lex.entries {
		if e.role == "group" && e.value != "deutsch" && e.value != "nichtdeutsch" {
			t.Errorf("%s.tsv:%d: group value %q", e.lang, e.line, e.value)
		}
	}
	for _, code := range []string{"no-year", "no-offence", "no-number", "latest-year", "offence-all", "share-not-rate", "rate-crude", "denominator"} {
		if Note(code) == "" {
			t.Errorf("note %q missing from notes.tsv", code)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"migrants commit 40% of rapes", "Ausländer sind dreimal so kriminell", "jeder 3. ist", "1,000.5,3 %%", "dreiundundvierzig", "ä-mal 3-fach", "30-40% 2015–2019 drei-mal", "Ausländerkriminalität fünf-mal", "one-third ein Drittel 3 von 10", "fourty pc 40pc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			return
		}
		for _, p := range c.Parts {
			if p.Start < 0 || p.End > len(s) || p.Start > p.End || s[p.Start:p.End] != p.Text {
				t.Fatalf("part %+v outside %q", p, s)
			}
		}
		for _, u := range c.Unparsed {
			if u.Start < 0 || u.End > len(s) || s[u.Start:u.End] != u.Text || !utf8.ValidString(u.Text) {
				t.Fatalf("span %+v outside %q", u, s)
			}
		}
	})
}

// A claim that names a Land carries the Land's official key.
func TestParseArea(t *testing.T) {
	for _, tt := range []struct {
		text, area, offence string
		notes               []string
	}{
		{"In Bayern sind 40 Prozent der Tatverdächtigen Ausländer", "09", "", []string{"area-land", "no-offence-area"}},
		{"Foreigners in Bavaria are four times as criminal as Germans in 2020", "09", "890000", []string{"area-land"}},
		{"In Nordrhein-Westfalen begehen Ausländer 35 % aller Straftaten", "05", "890000", []string{"area-land"}},
		{"migrants commit 30% of crimes in North Rhine-Westphalia", "05", "", []string{"area-land"}},
		{"Berlins Ausländer sind dreimal so kriminell", "11", "890000", []string{"area-land"}},
		{"Ausländer in Sachsen-Anhalt sind doppelt so oft tatverdächtig", "15", "", []string{"area-land", "no-offence-area"}},
		{"migrants commit 40% of rapes", "", "111000", nil},
	} {
		c, err := Parse(tt.text)
		if err != nil {
			t.Fatal(err)
		}
		if c.Area != tt.area {
			t.Errorf("Parse(%q).Area = %q, want %q (parts %+v)", tt.text, c.Area, tt.area, c.Parts)
		}
		if tt.offence != "" && c.Offence != tt.offence {
			t.Errorf("Parse(%q).Offence = %q, want %q", tt.text, c.Offence, tt.offence)
		}
		if len(c.Unparsed) > 0 {
			t.Errorf("Parse(%q): not understood %+v", tt.text, c.Unparsed)
		}
		for _, n := range tt.notes {
			if !strings.Contains(strings.Join(c.Notes, " "), n) {
				t.Errorf("Parse(%q): notes %v lack %q", tt.text, c.Notes, n)
			}
		}
		if tt.area == "" && strings.Contains(strings.Join(c.Notes, " "), "area") {
			t.Errorf("Parse(%q): area notes %v without an area", tt.text, c.Notes)
		}
	}
}
