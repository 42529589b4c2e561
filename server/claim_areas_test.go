package server

import (
	"encoding/json"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/baserate/baserate/claim"
)

func claimAPI(t *testing.T, text string) ClaimResult {
	t.Helper()
	ts := testServer(t)
	resp, b := get(t, ts.URL+"/api/v1/claim?text="+url.QueryEscape(text))
	if resp.StatusCode != 200 {
		t.Fatalf("%q: %s: %s", text, resp.Status, b)
	}
	var res ClaimResult
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	return res
}

// A claim about a Land or city without a year gets one note on its year,
// the area's, not also "the latest year in the data"; and "crime" in a
// Land gets one note on its key, not also "key 890000".
func TestClaimAreaNotesOnce(t *testing.T) {
	for _, tt := range []struct{ text, year string }{
		{"Foreigners commit 40% of crimes in Bavaria", "for Bayern the latest year with figures is 2020"},
		{"Ausländer begehen in München 40% der Straftaten", "for München the latest year with figures is 2022"},
	} {
		res := claimAPI(t, tt.text)
		for what, notes := range map[string][]string{"notes": res.Notes, "framing": res.Assessment.Framing} {
			all := strings.Join(notes, "\n")
			if strings.Contains(all, claim.Note("no-year")) || strings.Count(all, "names no year") != 1 || !strings.Contains(all, tt.year) {
				t.Errorf("%q: %s on the year:\n%s", tt.text, what, all)
			}
			if res.Offence == claim.AllOffences && strings.Contains(all, claim.Note("offence-all")) {
				t.Errorf("%q: %s say key 890000 and key ------:\n%s", tt.text, what, all)
			}
		}
	}
}

// A city-state whose Land lacks the offence or year is checked against its
// city's district, and says so; where the Land has them, the Land.
func TestClaimCityState(t *testing.T) {
	for _, tt := range []struct {
		text, area, say string
		year            int
	}{
		{"Two thirds of burglary suspects in Berlin are non-Germans", "11000", "Berlin, a city-state", 2022},
		{"Ausländer begehen 40% der Einbrüche in Hamburg im Jahr 2020", "02000", "Hamburg, a city-state", 2020},
		{"Ausländer begehen 40% der Einbrüche in Bremen", "04011", "Bremerhaven (AGS 04012) belongs to it too", 2022},
		{"Ausländer begehen 40% der Straftaten in Berlin 2015", "11", "For Berlin, crime in general is taken as all offences", 2015},
	} {
		res := claimAPI(t, tt.text)
		all := strings.Join(res.Assessment.Framing, "\n")
		if res.Area != tt.area || res.Year != tt.year || res.Assessment.Verdict == claim.Uncheckable || !strings.Contains(all, tt.say) {
			t.Errorf("%q: area %s year %d, %s (%s); want %s %d saying %q; framing:\n%s", tt.text, res.Area, res.Year, res.Assessment.Verdict, res.Assessment.Summary, tt.area, tt.year, tt.say, all)
		}
		if res.Area != "11" && strings.Contains(all, claim.Note("area-land")) {
			t.Errorf("%q: checked against a district but says the Land's figures:\n%s", tt.text, all)
		}
	}
	// The claim page says which figures the area part is checked against.
	ts := testServer(t)
	_, b := get(t, ts.URL+"/claim?text="+url.QueryEscape("Two thirds of burglary suspects in Berlin are non-Germans"))
	if !strings.Contains(string(b), "Berlin (Land, AGS 11), checked as the district of its city (AGS 11000)") {
		t.Errorf("the page does not say Berlin is checked as its district:\n%s", excerpt(string(b), "claim-parts"))
	}
}

// "Rose from 30% in 2015 to 41% in 2023": the later value is the claim's
// number, the earlier one is checked against 2015.
func TestClaimFromTo(t *testing.T) {
	res := claimAPI(t, "The share of foreign suspects rose from 30% in 2015 to 41% in 2023")
	a := res.Assessment
	if res.Year != 2023 || a.Verdict != claim.Overstates || !strings.Contains(a.Summary, "The claim's earlier value, 30.0% in 2015, agrees with the police figure for that year") {
		t.Errorf("year %d, %s: %q", res.Year, a.Verdict, a.Summary)
	}
	if len(a.Rows) < 2 || a.Rows[1].Label != "Non-German share of suspects in 2015" {
		t.Errorf("rows %+v", a.Rows)
	}
}

// On the claim page, asylum seekers and refugees are approximated by the
// non-German citizens, not taken for them.
func TestClaimPageSubsetGroup(t *testing.T) {
	ts := testServer(t)
	for _, text := range []string{"Asylum seekers commit 30% of all crimes", "Flüchtlinge begehen 60 Prozent aller Straftaten"} {
		_, b := get(t, ts.URL+"/claim?"+url.Values{"text": {text}}.Encode())
		parts := html.UnescapeString(excerpt(string(b), "claim-parts"))
		if !strings.Contains(parts, "approximated by non-German citizens (the statistics do not separate") {
			t.Errorf("%q: the group part is not said to be approximated:\n%s", text, parts)
		}
	}
	_, b := get(t, ts.URL+"/claim?"+url.Values{"text": {"Ausländer begehen 40% der Straftaten"}}.Encode())
	if parts := html.UnescapeString(excerpt(string(b), "claim-parts")); !strings.Contains(parts, "→ non-German citizens") {
		t.Errorf("foreigners are not the non-German citizens:\n%s", parts)
	}
}
