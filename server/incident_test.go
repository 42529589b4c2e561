package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/factsheet"
	"github.com/baserate/baserate/store"
)

const violentText = "Am Dienstagabend schlug ein 31-jähriger marokkanischer Staatsangehöriger am Hauptbahnhof einem 45-jährigen Mann mit einer Flasche auf den Kopf und verletzte ihn schwer. Die Bundespolizei ermittelt wegen gefährlicher Körperverletzung."

func postIncident(t *testing.T, base, text, date string) (*IncidentResult, []byte) {
	t.Helper()
	resp, err := http.PostForm(base+"/api/v1/incident", url.Values{"text": {text}, "date": {date}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("incident: %s\n%s", resp.Status, b)
	}
	var res IncidentResult
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	return &res, b
}

// The incident's base rate is the fact sheet of its offence family's key
// in its year: suspects, the non-German share, the crude and the
// standardized ratio. Coverage is that of the offence family when the
// bundled media index has family rows (bench/media/corpus writes them),
// else all crime items, and the answer says so.
func TestIncidentBaseRate(t *testing.T) {
	ts := testServer(t)
	for _, c := range []struct {
		date string
		year int
		std  bool
	}{{"2023-06-14", 2023, true}, {"2021-03-02", 2021, false}} {
		res, _ := postIncident(t, ts.URL, violentText, c.date)
		if res.Family != "violent" || res.Offence != "892000" || res.Year != c.year || res.Sheet == nil {
			t.Fatalf("%s: family %q key %q year %d sheet %v", c.date, res.Family, res.Offence, res.Year, res.Sheet != nil)
		}
		want, err := factsheet.Compute(context.Background(), c.year, "892000")
		if err != nil {
			t.Fatal(err)
		}
		got := res.Sheet
		if got.NonGerman.Suspects != want.NonGerman.Suspects || got.German.Suspects != want.German.Suspects ||
			got.ShareOfSuspects.Share != want.ShareOfSuspects.Share || got.RateRatio.Ratio != want.RateRatio.Ratio ||
			len(got.Standardized) != len(want.Standardized) || (len(got.Standardized) > 0) != c.std {
			t.Errorf("%s: base rate differs from the fact sheet", c.date)
		}
		if c.std && got.Standardized[0].IndirectRatio != want.Standardized[0].IndirectRatio {
			t.Errorf("%s: standardized ratio %v, want %v", c.date, got.Standardized[0].IndirectRatio, want.Standardized[0].IndirectRatio)
		}
		m := res.Media
		byFam := bundledHasFamily(t, "violent")
		if m == nil || m.ByFamily != byFam || len(m.Rows) == 0 || !byFam && !strings.Contains(m.Note, "no breakdown by offence family") {
			t.Fatalf("%s: media %+v", c.date, m)
		}
		for _, r := range m.Rows {
			if r.Period != "all" || byFam && r.Family != "violent" || !byFam && !allFamilies(r.MediaRow) {
				t.Errorf("%s: media row %+v", c.date, r)
			}
		}
		// The page shows the standardized ratio, or says why there is none.
		resp, b := get(t, ts.URL+"/incident?"+url.Values{"text": {violentText}, "date": {c.date}}.Encode())
		page := string(b)
		if resp.StatusCode != 200 || !strings.Contains(page, `id="std-card"`) || !strings.Contains(page, fmt.Sprintf(`data-by-family="%v"`, byFam)) {
			t.Errorf("%s: page %s lacks the standardized card or the coverage note", c.date, resp.Status)
		}
		if c.std != strings.Contains(page, `data-key="standardized.`) {
			t.Errorf("%s: page shows a standardized ratio: %v, want %v", c.date, !c.std, c.std)
		}
	}
}

// bundledHasFamily: the bundled media index has rows for the family.
func bundledHasFamily(t *testing.T, family string) bool {
	t.Helper()
	rows, err := bundledMedia().Rows(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Family == family {
			return true
		}
	}
	return false
}

// familyMedia is the bundled media index with rows for one offence
// family added, as the media engine may write them.
type familyMedia struct {
	MediaIndex
	family string
}

func (f familyMedia) Rows(ctx context.Context) ([]MediaRow, error) {
	rows, err := f.MediaIndex.Rows(ctx)
	if err != nil {
		return nil, err
	}
	out := append([]MediaRow(nil), rows...)
	for _, r := range rows {
		if r.Period == "all" {
			fr := r
			fr.Family, fr.CrimeItems, fr.OriginItems, fr.OriginShare = f.family, r.CrimeItems/4, r.OriginItems/3, float64(r.OriginItems/3)/float64(r.CrimeItems/4)
			out = append(out, fr)
		}
	}
	return out, nil
}

// When the media index has rows for the incident's family, the incident
// uses them, and the media page still shows only the rows of all items.
func TestIncidentUsesFamilyRowsWhenPresent(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	eng, err := DefaultEngines()
	if err != nil {
		t.Fatal(err)
	}
	eng.Media = familyMedia{eng.Media, "violent"}
	s, err := New(Config{Store: st, Engines: eng})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	res, _ := postIncident(t, ts.URL, violentText, "2023-06-14")
	m := res.Media
	if m == nil || !m.ByFamily || len(m.Rows) == 0 || !strings.Contains(m.Note, "violent") {
		t.Fatalf("media %+v", m)
	}
	for _, r := range m.Rows {
		if r.Family != "violent" {
			t.Errorf("row %+v is not the family's", r)
		}
	}
	// The rows' indexes point into /api/v1/media/index, as the page's
	// numbers are checked against it.
	_, b := get(t, ts.URL+"/api/v1/media/index")
	var rep struct {
		Rows    []MediaRow        `json:"rows"`
		Caveats []baserate.Caveat `json:"caveats"`
	}
	json.Unmarshal(b, &rep)
	// The index carries the coder's blind accuracy under the codes media
	// index gives it.
	var codes []string
	for _, c := range rep.Caveats {
		codes = append(codes, c.Code)
	}
	if len(codes) < 2 || codes[0] != "media-coding-automatic" || codes[1] != "media-victims-as-suspects" {
		t.Errorf("media index caveats %v, want media-coding-automatic and media-victims-as-suspects first", codes)
	}
	for _, r := range m.Rows {
		if r.Index >= len(rep.Rows) || rep.Rows[r.Index].Family != "violent" || rep.Rows[r.Index].CrimeItems != r.CrimeItems {
			t.Errorf("row index %d does not point at the family row", r.Index)
		}
	}
	_, b = get(t, ts.URL+"/incident?"+url.Values{"text": {violentText}, "date": {"2023-06-14"}}.Encode())
	if !strings.Contains(string(b), `data-by-family="true"`) || !strings.Contains(string(b), "violent offences") {
		t.Errorf("incident page does not use the family rows")
	}
	_, b = get(t, ts.URL+"/charts/media-origin-share?format=csv")
	if strings.Count(string(b), "\n") < 10 {
		t.Errorf("media chart: %.200s", b)
	}
}
