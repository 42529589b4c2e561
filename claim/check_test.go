package claim

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// figures2023 are the 2023 key-890000 numbers the README of ../shared
// reports (suspects and population), enough to exercise the comparisons.
var figures2023 = Figures{
	Year: 2023, Offence: "890000", OffenceLabel: "all offences without residence-law offences",
	Share: 694981.0 / (694981 + 1322571), ShareLo: 0.344, ShareHi: 0.345, PopShare: 12108988.0 / (12108988 + 71347057),
	RateGerman: 1853.7, RateNonGerman: 5739.4, Ratio: 3.10, RatioLo: 3.09, RatioHi: 3.11,
	StdRatio: 2.43, StdLabel: "age", SuspectsGerman: 1322571, SuspectsNonGerman: 694981,
}

func TestCheck(t *testing.T) {
	tests := []struct {
		text    string
		verdict string
	}{
		{"Ausländer sind dreimal so kriminell", Matches},      // 3 vs 3.10
		{"foreigners are five times as criminal", Overstates}, // 5 vs 3.10
		{"foreigners are twice as criminal", Understates},
		{"foreigners are over-represented among suspects", Matches},
		{"migrants commit 34% of crimes", Matches}, // 34.4%
		{"migrants commit 60% of crimes", Overstates},
		{"more than 30% of suspects are foreigners", Matches},
		{"more than 40% of suspects are foreigners", Overstates},
		{"most suspects are foreigners", Overstates},
		{"non-Germans: 57 per 1,000 residents", Matches},
		{"Germans are 66% of suspects", Matches},
		{"the moon is made of cheese", Uncheckable},
	}
	for _, tt := range tests {
		c, err := Parse(tt.text)
		if err != nil {
			t.Fatal(err)
		}
		a := Check(c, figures2023)
		if a.Verdict != tt.verdict {
			t.Errorf("Check(%q) = %s (%s), want %s; claim %+v", tt.text, a.Verdict, a.Summary, tt.verdict, c)
		}
		if tt.verdict != Uncheckable && (a.Says == "" || len(a.Rows) == 0 || len(a.Framing) == 0) {
			t.Errorf("Check(%q): says %q, %d rows, %d framing notes", tt.text, a.Says, len(a.Rows), len(a.Framing))
		}
	}
}

func TestCheckRatioFraming(t *testing.T) {
	c, _ := Parse("Ausländer sind dreimal so kriminell wie Deutsche")
	a := Check(c, figures2023)
	if !strings.Contains(a.Framing[0], "2.43") {
		t.Errorf("framing does not give the standardized ratio first: %q", a.Framing)
	}
	f := figures2023
	f.StdRatio = math.NaN()
	a = Check(c, f)
	for _, r := range a.Rows {
		if strings.Contains(r.Label, "standardization") {
			t.Error("a missing standardized ratio is shown as a row")
		}
	}
}

func TestCheckUncheckableNamesParts(t *testing.T) {
	c, _ := Parse("the moon is made of cheese")
	a := Check(c, figures2023)
	if !strings.Contains(a.Summary, `"moon"`) || !strings.Contains(a.Summary, "group") {
		t.Errorf("summary %q does not name what was not understood", a.Summary)
	}
}

func TestJSONWithoutNumbers(t *testing.T) {
	c, _ := Parse("the moon is made of cheese")
	if _, err := json.Marshal(c); err != nil {
		t.Errorf("claim without a number: %v", err)
	}
	c, _ = Parse("Ausländer sind dreimal so kriminell")
	f := figures2023
	f.StdRatio = math.NaN()
	b, err := json.Marshal(Check(c, f))
	if err != nil || !strings.Contains(string(b), `"lo":null`) {
		t.Errorf("assessment JSON = %s, %v", b, err)
	}
}

// Every example on the page must be understood.
func TestExamplesUnderstood(t *testing.T) {
	ex := Examples()
	if len(ex) < 6 {
		t.Fatalf("%d examples", len(ex))
	}
	for _, e := range ex {
		c, err := Parse(e.Text)
		if err != nil || !c.Understood() || len(c.Unparsed) > 0 || c.Lang != e.Lang {
			t.Errorf("example %q: understood %v, unparsed %v, lang %s (want %s), err %v", e.Text, c.Understood(), c.Unparsed, c.Lang, e.Lang, err)
		}
	}
}

// Claims that cannot be true, or that name a nationality, get no verdict
// on their number, and the summary says why.
func TestCheckProblemsAndNationality(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Ausländer stellen 120 Prozent der Tatverdächtigen", "120%"},
		{"Jeder zweite Tatverdächtige ist Ausländer, also rund 20 Prozent", "two different numbers"},
		{"Non-Germans are overrepresented but only half as likely to be suspects", "contradicts itself"},
		{"Syrians commit 10% of all knife crime", "(Syrian)"},
		{"Afghanen begehen ein Drittel aller Messerangriffe", "separate only German and non-German"},
	} {
		c, err := Parse(tt.text)
		if err != nil {
			t.Fatal(err)
		}
		a := Check(c, figures2023)
		if a.Verdict != Uncheckable || !strings.Contains(a.Summary, tt.want) || strings.Contains(a.Summary, "%!") {
			t.Errorf("Check(%q) = %s: %q; want uncheckable saying %q", tt.text, a.Verdict, a.Summary, tt.want)
		}
	}
}

// Ranges, "up to", negated directions and the year taken for "last year"
// and for year ranges.
func TestCheckRangesAndYears(t *testing.T) {
	for _, tt := range []struct {
		text, verdict, framing string
	}{
		{"Foreigners commit between 30 and 40 percent of crimes", Matches, ""},          // 34.4%
		{"Ausländer begehen 40 bis 50 Prozent aller Straftaten", Overstates, ""},        // above the range
		{"Ausländer begehen 10-20% aller Straftaten", Understates, ""},                  // below
		{"Up to 30% of suspects are foreigners", Understates, ""},                       // 34.4% > 30%
		{"Flüchtlinge sind nicht krimineller als Deutsche", Understates, ""},            // ratio 3.1 > 1
		{"Refugees are less likely to commit crimes than Germans", Understates, ""},     // 3.1 is not < 1
		{"Last year, foreigners were about 35% of all crime suspects", Matches, "2023"}, // says the year
		{"Drogenhandel: 2015 bis 2019 waren über 30% der Tatverdächtigen Ausländer", Matches, "2015 to 2019"},
		{"Since 2015, migrants have committed over 30 percent of crimes", Matches, "since 2015"},
	} {
		c, err := Parse(tt.text)
		if err != nil {
			t.Fatal(err)
		}
		a := Check(c, figures2023)
		if a.Verdict != tt.verdict {
			t.Errorf("Check(%q) = %s (%s), want %s", tt.text, a.Verdict, a.Summary, tt.verdict)
		}
		if tt.framing != "" && !strings.Contains(strings.Join(a.Framing, " "), tt.framing) {
			t.Errorf("Check(%q): framing %q does not say %q", tt.text, a.Framing, tt.framing)
		}
	}
}

// A claim about another country is not checked against Germany's figures.
func TestCheckOtherCountry(t *testing.T) {
	for _, text := range []string{"migrants commit 40% of rapes in the UK", "In Schweden begehen Migranten 60 Prozent der Vergewaltigungen"} {
		c, _ := Parse(text)
		a := Check(c, figures2023)
		if c.Country == "" || a.Verdict != Uncheckable || !strings.Contains(a.Summary, "Germany's") {
			t.Errorf("Check(%q): country %q, %s: %q", text, c.Country, a.Verdict, a.Summary)
		}
	}
}

// A claim of which nothing is understood still has the lists of its JSON
// (parts, unparsed, missing, notes, problems) as arrays: the API's schema
// requires them, and clients iterate over them.
func TestJSONListsNeverNull(t *testing.T) {
	for _, text := range []string{"foo", "x", "the moon is made of cheese"} {
		c, err := Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		json.Unmarshal(b, &m)
		for _, k := range []string{"parts", "unparsed", "missing", "notes", "problems"} {
			if _, ok := m[k].([]any); !ok {
				t.Errorf("Parse(%q): %q is %v, want an array", text, k, m[k])
			}
		}
	}
}
