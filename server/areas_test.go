package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/baserate/baserate/factsheet"
)

// sameJSON compares two JSON documents after a round trip, so field order
// and spacing do not matter.
func sameJSON(t *testing.T, what string, got []byte, want any) {
	t.Helper()
	wb, _ := json.Marshal(want)
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	json.Unmarshal(wb, &w)
	gb, _ := json.Marshal(g)
	eb, _ := json.Marshal(w)
	if !bytes.Equal(gb, eb) {
		t.Errorf("%s differs from the rates engine:\napi    %.600s\nengine %.600s", what, gb, eb)
	}
}

// An area's fact sheet is the rates engine's, for a district, a Land
// (also by name and with the defaults) and Germany's settlement
// comparison.
func TestAreaFactsheets(t *testing.T) {
	ts := testServer(t)
	ctx := context.Background()
	for _, c := range []struct {
		path string
		q    factsheet.Query
	}{
		{"/api/v1/factsheet?year=2022&offence=892000&area=09162", factsheet.Query{Year: 2022, Offence: "892000", Area: "09162"}},
		{"/api/v1/factsheet?year=2020&offence=------&area=09", factsheet.Query{Year: 2020, Offence: "------", Area: "09"}},
		{"/api/v1/factsheet?area=Bayern", factsheet.Query{Year: 2020, Offence: "------", Area: "09"}},
		{"/api/v1/factsheet?area=flensburg", factsheet.Query{Year: 2022, Offence: "890000", Area: "01001"}},
		{"/api/v1/factsheet?year=2022&offence=890000&area=DE", factsheet.Query{Year: 2022, Offence: "890000"}},
		{"/api/v1/factsheet?year=2020&offence=730000", factsheet.Query{Year: 2020, Offence: "730000"}},
	} {
		resp, b := get(t, ts.URL+c.path)
		if resp.StatusCode != 200 {
			t.Errorf("%s: %s\n%s", c.path, resp.Status, b)
			continue
		}
		want, err := factsheet.Default.Compute(ctx, c.q)
		if err != nil {
			t.Fatal(err)
		}
		sameJSON(t, c.path, b, want)
		var sh factsheet.Sheet
		json.Unmarshal(b, &sh)
		if c.q.Area != "" && (sh.Area == nil || sh.Area.ID != c.q.Area) {
			t.Errorf("%s: area %+v, want %s", c.path, sh.Area, c.q.Area)
		}
		if c.q.Area == "" && c.q.Year == 2022 && sh.Settlement == nil {
			t.Errorf("%s: no settlement comparison", c.path)
		}
	}
	// The decomposition carries the settlement comparison with its basis.
	resp, b := get(t, ts.URL+"/api/v1/decomposition?year=2022&offence=890000")
	var dec struct {
		Settlement *factsheet.Standardization `json:"settlement"`
	}
	if err := json.Unmarshal(b, &dec); err != nil || resp.StatusCode != 200 || dec.Settlement == nil || dec.Settlement.Basis == "" || len(dec.Settlement.Caveats) == 0 {
		t.Errorf("decomposition 2022: %s %+v %v", resp.Status, dec.Settlement, err)
	}
	// The CSV download names the area.
	resp, b = get(t, ts.URL+"/api/v1/factsheet?year=2022&offence=892000&area=09162&format=csv")
	if resp.StatusCode != 200 || !bytes.HasPrefix(b, []byte("year,area,offence,measure,value,status\n2022,09162,892000,german_suspects,")) ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "factsheet-2022-892000-09162.csv") {
		t.Errorf("area CSV: %s %q %.120q", resp.Status, resp.Header.Get("Content-Disposition"), b)
	}
	resp, b = get(t, ts.URL+"/api/v1/factsheet?year=2022&offence=890000&format=csv")
	if !bytes.Contains(b, []byte("settlement_basis_indirect_ratio")) {
		t.Errorf("2022 CSV lacks the settlement comparison: %s", resp.Status)
	}
}

func TestAreasEndpoint(t *testing.T) {
	ts := testServer(t)
	as, err := factsheet.Areas()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		level string
		n     int
	}{{"", len(as)}, {"land", 16}, {"country", 1}, {"kreis", len(as) - 17}} {
		resp, b := get(t, ts.URL+"/api/v1/areas?level="+c.level)
		var l AreaList
		if err := json.Unmarshal(b, &l); err != nil || resp.StatusCode != 200 {
			t.Fatalf("areas?level=%s: %s %v", c.level, resp.Status, err)
		}
		if len(l.Areas) != c.n || l.Note == "" {
			t.Errorf("areas?level=%s: %d areas, want %d", c.level, len(l.Areas), c.n)
		}
		for _, a := range l.Areas {
			if c.level != "" && a.Level != c.level || len(a.Years) == 0 {
				t.Errorf("areas?level=%s: %+v", c.level, a)
			}
		}
	}
}

// A claim that names a Land is checked against the Land's sheet: its
// latest year, and all offences, the only key the Länder have.
func TestClaimAboutALand(t *testing.T) {
	ts := testServer(t)
	for _, c := range []struct {
		text, area, offence string
		year                int
		verdict             string
	}{
		{"In Bayern sind 40 Prozent der Tatverdächtigen Ausländer", "09", "------", 2020, "matches"},
		{"In Nordrhein-Westfalen begehen Ausländer 60 % aller Straftaten", "05", "------", 2020, "overstates"},
		{"Foreigners in Bavaria are four times as criminal as Germans in 2015", "09", "------", 2015, ""},
		{"Foreigners in Bavaria commit 40% of rapes", "09", "111000", 2020, "uncheckable"},
	} {
		resp, b := get(t, ts.URL+"/api/v1/claim?text="+url.QueryEscape(c.text))
		var res ClaimResult
		if err := json.Unmarshal(b, &res); err != nil || resp.StatusCode != 200 {
			t.Fatalf("%s: %s %v\n%s", c.text, resp.Status, err, b)
		}
		if res.Area != c.area || res.Offence != c.offence || res.Year != c.year {
			t.Errorf("%q: checked against %s/%s/%d, want %s/%s/%d", c.text, res.Area, res.Offence, res.Year, c.area, c.offence, c.year)
		}
		if c.verdict != "" && res.Assessment.Verdict != c.verdict {
			t.Errorf("%q: verdict %s (%s), want %s", c.text, res.Assessment.Verdict, res.Assessment.Summary, c.verdict)
		}
		if c.verdict == "uncheckable" {
			if !strings.Contains(res.Assessment.Summary, "------") {
				t.Errorf("%q: the summary does not say which key the Land has: %s", c.text, res.Assessment.Summary)
			}
			continue
		}
		if res.Sheet == nil || res.Sheet.Area == nil || res.Sheet.Area.ID != c.area {
			t.Errorf("%q: sheet area %+v", c.text, res.Sheet)
		}
		if !strings.Contains(res.Assessment.Says, "Bayern") && !strings.Contains(res.Assessment.Says, "Nordrhein") {
			t.Errorf("%q: says %q without the Land", c.text, res.Assessment.Says)
		}
	}
}

// The page shows an area's sheet; a year or key the area lacks is
// changed to one it has, and the page says so.
func TestAreaPage(t *testing.T) {
	ts := testServer(t)
	for _, c := range []struct {
		path   string
		status int
		want   []string
	}{
		{"/factsheet?year=2022&offence=892000&area=09162", 200, []string{"München", `id="area-note"`, `data-api="/api/v1/factsheet?area=09162&amp;offence=892000&amp;year=2022"`, `<option value="09162" selected>`}},
		{"/factsheet?year=2023&offence=890000&area=09", 200, []string{`id="adjusted"`, "showing 2020", "showing ------"}},
		{"/factsheet?year=2022&offence=890000", 200, []string{`id="settlement"`, "different data basis", `data-key="settlement.indirect_ratio"`, "chart-factsheet-settlement"}},
		{"/factsheet?year=2023&offence=890000", 200, []string{"chart-trend-rates"}},
		{"/factsheet?area=Atlantis", 404, []string{"Atlantis", "09 Bayern"}},
	} {
		resp, b := get(t, ts.URL+c.path)
		if resp.StatusCode != c.status {
			t.Errorf("%s: %s", c.path, resp.Status)
		}
		for _, w := range c.want {
			if !bytes.Contains(b, []byte(w)) {
				t.Errorf("%s: page lacks %q", c.path, w)
			}
		}
	}
}

// TestFactsheetDenominatorOnce checks the denominator callout of 2024: the
// numbers with thousands separators, and the population of the age and
// the age-and-sex standardizations (the same tables) described once.
func TestFactsheetDenominatorOnce(t *testing.T) {
	ts := testServer(t)
	_, b := get(t, ts.URL+"/factsheet?year=2024&offence=890000")
	for _, w := range []string{"71,184,865 Germans and 12,392,275 foreigners", "(71,347,057, official estimate)", "The standardization by age and sex uses the same population."} {
		if !bytes.Contains(b, []byte(w)) {
			t.Errorf("page lacks %q", w)
		}
	}
	if n := bytes.Count(b, []byte("Germans by sex and age at 2023-12-31")); n != 1 {
		t.Errorf("the age population is described %d times", n)
	}
}

// TestDatasetsPageSources checks that the Data & API page names the
// producers and the licence of the bundled tables, not their file paths.
func TestDatasetsPageSources(t *testing.T) {
	ts := testServer(t)
	_, b := get(t, ts.URL+"/datasets")
	_, src, _ := bytes.Cut(b, []byte(`id="sources-h"`))
	for _, w := range []string{"Bundeskriminalamt, Polizeiliche Kriminalstatistik", "Statistisches Bundesamt (Destatis)", "licence: dl-de/by-2-0"} {
		if !bytes.Contains(src, []byte(w)) {
			t.Errorf("sources lack %q", w)
		}
	}
	if bytes.Contains(src, []byte("<li>data/")) {
		t.Errorf("sources list bare file paths:\n%s", src)
	}
}

// TestClaimPageNamesTheAreaLevel: a city is checked against its district,
// and the claim page says so ("München (district, AGS 09162)"), not
// "(Land, ...)" as it said of every area.
func TestClaimPageNamesTheAreaLevel(t *testing.T) {
	ts := testServer(t)
	for _, c := range []struct{ text, want string }{
		{"In München ist jeder zweite Tatverdächtige Ausländer", "München (district, AGS 09162)"},
		{"In Bayern sind 40 Prozent der Tatverdächtigen Ausländer", "Bayern (Land, AGS 09)"},
	} {
		_, b := get(t, ts.URL+"/claim?text="+url.QueryEscape(c.text))
		if !strings.Contains(string(b), c.want) {
			t.Errorf("%q: the page does not say %q", c.text, c.want)
		}
	}
}
