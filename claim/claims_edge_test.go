package claim

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// A number that counts part of a group ("jeder zehnte Ausländer ist
// kriminell", "5% of refugees are criminals") is a rate: suspects per
// members of the group, not the group's share of suspects. A number that
// counts suspects or offences stays a share.
func TestParseRateOfGroup(t *testing.T) {
	for _, tt := range []struct {
		text  string
		kind  Kind
		cmp   string
		value float64
		per   float64
	}{
		{"Jeder zehnte Ausländer ist kriminell", KindRate, "", 1, 10},
		{"One in ten migrants is a criminal", KindRate, "", 1, 10},
		{"3 out of 10 foreigners are criminals", KindRate, "", 3, 10},
		{"57 von 1000 Ausländern sind tatverdächtig", KindRate, "", 57, 1000},
		{"Nur 5 Prozent der Flüchtlinge sind kriminell", KindRate, "", 5, 100},
		{"Only 5% of refugees are criminals", KindRate, "", 5, 100},
		{"Ein Drittel der Ausländer ist kriminell", KindRate, "", 1, 3},
		{"Every second foreigner is a suspect", KindRate, "", 1, 2},
		{"Die meisten Migranten sind kriminell", KindRate, ">", 50, 100},
		{"Most migrants are criminals", KindRate, ">", 50, 100},
		{"Most refugees are not criminals", KindRate, "<", 50, 100},
		{"Die meisten Flüchtlinge sind nicht kriminell", KindRate, "<", 50, 100},
		{"90% of refugees are not criminals", KindRate, "", 10, 100},
		{"Jeder hundertste Ausländer ist tatverdächtig", KindRate, "", 1, 100},
		{"Pro 100.000 Einwohner gibt es 5.600 ausländische Tatverdächtige", KindRate, "", 5600, 100000},
		// Shares: the number counts suspects or offences.
		{"Jeder zweite Tatverdächtige ist Ausländer", KindShare, "", 0.5, 0},
		{"One in three rapists is a foreigner", KindShare, "", 1.0 / 3, 0},
		{"Ein Drittel der ausländischen Tatverdächtigen", KindShare, "", 1.0 / 3, 0},
		{"Every tenth foreign suspect is a rapist", KindShare, "", 0.1, 0},
		{"Straftaten werden zu 40 Prozent von Ausländern begangen", KindShare, "", 0.4, 0},
		{"Die meisten Messerangriffe werden von Migranten begangen", KindShare, ">", 0.5, 0},
	} {
		c, err := Parse(tt.text)
		if err != nil {
			t.Fatal(err)
		}
		if c.Kind != tt.kind || c.Comparator != tt.cmp || math.Abs(c.Value-tt.value) > 1e-12 || c.Per != tt.per || c.Group != "nichtdeutsch" || len(c.Unparsed) > 0 {
			t.Errorf("Parse(%q) = %s %q %v per %v group %q unparsed %+v, want %s %q %v per %v (parts %+v)",
				tt.text, c.Kind, c.Comparator, c.Value, c.Per, c.Group, c.Unparsed, tt.kind, tt.cmp, tt.value, tt.per, c.Parts)
		}
	}
	// Checked as a rate: 1 in 10 against 574 per 10,000.
	c, _ := Parse("One in ten migrants is a criminal")
	if a := Check(c, figures2023); a.Verdict != Overstates || a.Rows[0].Key != "non_german.rate" {
		t.Errorf("Check(%q) = %s (%s), rows %+v", c.Text, a.Verdict, a.Summary, a.Rows)
	}
}

// Hedges, years before "auf 41%", changes after their number, and number
// words the parser missed.
func TestParseHedgesAndTrends(t *testing.T) {
	for _, tt := range []struct {
		text  string
		year  int
		kind  Kind
		cmp   string
		value float64
		notes []string
	}{
		{"Nicht einmal 10% der Straftaten werden von Ausländern begangen", 0, KindShare, "<", 0.1, nil},
		{"Not even 10% of crimes are committed by foreigners", 0, KindShare, "<", 0.1, nil},
		{"Nicht mal 10 Prozent der Tatverdächtigen sind Ausländer", 0, KindShare, "<", 0.1, nil},
		{"Seit 2015 ist die Kriminalität durch Zuwanderer um 50% gestiegen", 0, KindNone, "", math.NaN(), []string{"trend"}},
		{"Die Ausländerkriminalität ist 2023 auf 41% gestiegen", 2023, KindShare, "", 0.41, nil},
		{"Der Anteil der Ausländer an den Tatverdächtigen stieg 2023 auf 41 Prozent", 2023, KindShare, "", 0.41, nil},
		{"The share of foreign suspects rose to 41% in 2023", 2023, KindShare, "", 0.41, nil},
		{"Ausländer sind zweieinhalbmal so kriminell wie Deutsche", 0, KindRatio, "", 2.5, nil},
		{"Flüchtlinge sind anderthalbmal so oft tatverdächtig", 0, KindRatio, "", 1.5, nil},
		{"Migranten sind für die Hälfte aller Messerangriffe verantwortlich", 0, KindShare, "~", 0.5, nil},
	} {
		c, err := Parse(tt.text)
		if err != nil {
			t.Fatal(err)
		}
		same := c.Value == tt.value || math.IsNaN(c.Value) && math.IsNaN(tt.value) || math.Abs(c.Value-tt.value) < 1e-12
		if c.Year != tt.year || c.Kind != tt.kind || c.Comparator != tt.cmp || !same || len(c.Unparsed) > 0 {
			t.Errorf("Parse(%q) = year %d %s %q %v, unparsed %+v; want year %d %s %q %v (parts %+v)",
				tt.text, c.Year, c.Kind, c.Comparator, c.Value, c.Unparsed, tt.year, tt.kind, tt.cmp, tt.value, c.Parts)
		}
		for _, n := range tt.notes {
			if !slices.Contains(c.Notes, n) {
				t.Errorf("Parse(%q): notes %v lack %q", tt.text, c.Notes, n)
			}
		}
	}
}

// A claim about who commits crimes is checked against suspects, and says
// so, whether or not it names the people counted.
func TestSuspectsNotOffenders(t *testing.T) {
	for _, text := range []string{
		"migrants commit 40% of rapes",
		"Ausländer sind dreimal so kriminell wie Deutsche",
		"Zwei Drittel der Einbrecher sind Ausländer",
	} {
		c, _ := Parse(text)
		n := c.Notes
		if !slices.Contains(n, "frame-offenders") && !slices.Contains(n, "frame-suspects") && !slices.Contains(n, "frame-convictions") {
			t.Errorf("Parse(%q): notes %v say nothing about suspects", text, n)
		}
	}
}

// Asylum seekers and refugees are a part of the non-German suspects that
// the figures do not separate: the non-German share and count bound theirs
// from above, so a claim below that bound is neither confirmed nor refuted,
// and a claim above it overstates.
func TestCheckSubsetGroup(t *testing.T) {
	for _, tt := range []struct{ text, verdict, says string }{
		{"Asylum seekers commit 10% of all crimes", Uncheckable, "upper bound"},
		{"Nicht einmal 10% der Straftaten werden von Flüchtlingen begangen", Uncheckable, "upper bound"},
		{"Asylbewerber machen 2 Prozent der Bevölkerung aus, aber 8 Prozent der Tatverdächtigen", Uncheckable, "upper bound"},
		{"Flüchtlinge begehen 60 Prozent aller Straftaten", Overstates, "upper bound"},
		{"Illegal immigrants commit a third of all crimes", Uncheckable, "upper bound"},
		{"Über 900.000 Asylbewerber waren tatverdächtig", Overstates, "upper bound"},
		// Foreigners are the non-Germans: checked as before.
		{"Ausländer begehen 10 Prozent aller Straftaten", Understates, ""},
	} {
		c, _ := Parse(tt.text)
		a := Check(c, figures2023)
		if a.Verdict != tt.verdict || !strings.Contains(a.Summary, tt.says) {
			t.Errorf("Check(%q) = %s: %q; want %s saying %q", tt.text, a.Verdict, a.Summary, tt.verdict, tt.says)
		}
		if tt.verdict == Uncheckable && len(a.Rows) == 0 {
			t.Errorf("Check(%q): the bounding figures are not shown", tt.text)
		}
	}
}

// A claim about a large city is checked against the city's district, not
// Germany's figures.
func TestParseCity(t *testing.T) {
	for _, tt := range []struct{ text, area string }{
		{"In München ist jeder zweite Tatverdächtige Ausländer", "09162"},
		{"In Munich half of all suspects are foreigners", "09162"},
		{"In Köln sind 40 Prozent der Tatverdächtigen Ausländer", "05315"},
		{"Two thirds of robbery suspects in Cologne are migrants", "05315"},
		{"In Frankfurt sind die meisten Tatverdächtigen Ausländer", "06412"},
		{"In Bayern sind 40 Prozent der Tatverdächtigen Ausländer", "09"},
	} {
		c, _ := Parse(tt.text)
		if c.Area != tt.area || len(c.Unparsed) > 0 {
			t.Errorf("Parse(%q): area %q, unparsed %+v; want %q", tt.text, c.Area, c.Unparsed, tt.area)
		}
		land := len(tt.area) == 2
		if slices.Contains(c.Notes, "area-land") != land || slices.Contains(c.Notes, "area-city") == land {
			t.Errorf("Parse(%q): notes %v", tt.text, c.Notes)
		}
	}
}
