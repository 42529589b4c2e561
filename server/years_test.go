package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/factsheet"
	"github.com/baserate/baserate/store"
)

// The first request to need the years may be cancelled (the client went
// away, or the deadline passed) while the years are read; that must not
// leave the server without years for every later request.
func TestYearsSurviveCancelledFirstRequest(t *testing.T) {
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
	s, err := New(Config{Store: st, Engines: eng})
	if err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/years", nil).WithContext(cctx))
	if w.Code == http.StatusOK {
		t.Logf("the cancelled request was answered: %d", w.Code)
	}
	for _, path := range []string{"/api/v1/years", "/api/v1/overview", "/"} {
		w = httptest.NewRecorder()
		s.Handler().ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		if w.Code != http.StatusOK {
			t.Errorf("%s after a cancelled first request: %d %.200s", path, w.Code, w.Body)
		}
	}
}

// The year selector of a page holds the year the page shows: the overview
// and the sheets of keys with figures before 2002 go back to 1987, and a
// sheet of 890000 (from 2002) offers no year it lacks.
func TestYearSelectorHoldsShownYear(t *testing.T) {
	ts := testServer(t)
	for _, c := range []struct {
		path      string
		want, not []string
	}{
		{"/?year=1990", []string{`<option value="1990" selected>`, `<option value="1987">`}, nil},
		{"/factsheet?year=1990&offence=------", []string{`<option value="1990" selected>`, `<option value="1987">`}, nil},
		{"/factsheet?year=2023&offence=890000", []string{`<option value="2023" selected>`, `<option value="2002">`}, []string{`<option value="2001">`}},
	} {
		resp, b := get(t, ts.URL+c.path)
		if resp.StatusCode != 200 {
			t.Errorf("%s: %s", c.path, resp.Status)
			continue
		}
		for _, w := range c.want {
			if !bytes.Contains(b, []byte(w)) {
				t.Errorf("%s: page lacks %q", c.path, w)
			}
		}
		for _, w := range c.not {
			if bytes.Contains(b, []byte(w)) {
				t.Errorf("%s: page offers %q", c.path, w)
			}
		}
	}
}

// /api/v1/years gives every year with figures (Germany's, as in
// /api/v1/areas and the overview) and, for one key, that key's years.
func TestYearsEndpoint(t *testing.T) {
	ts := testServer(t)
	type yearList struct {
		Years   []int  `json:"years"`
		Latest  int    `json:"latest"`
		Offence string `json:"offence"`
		Note    string `json:"note"`
	}
	years := func(path string) yearList {
		t.Helper()
		resp, b := get(t, ts.URL+path)
		var yl yearList
		if err := json.Unmarshal(b, &yl); err != nil || resp.StatusCode != 200 {
			t.Fatalf("%s: %s %v\n%s", path, resp.Status, err, b)
		}
		if len(yl.Years) == 0 || yl.Latest != yl.Years[len(yl.Years)-1] || yl.Note == "" {
			t.Fatalf("%s: %+v", path, yl)
		}
		return yl
	}
	all := years("/api/v1/years")
	_, b := get(t, ts.URL+"/api/v1/areas?level=country")
	var areas AreaList
	if err := json.Unmarshal(b, &areas); err != nil || len(areas.Areas) != 1 {
		t.Fatalf("areas: %v %s", err, b)
	}
	if !slices.Equal(all.Years, areas.Areas[0].Years) || all.Years[0] != 1987 || all.Offence != "" {
		t.Errorf("/api/v1/years has %d-%d (offence %q), Germany in /api/v1/areas %v", all.Years[0], all.Latest, all.Offence, areas.Areas[0].Years)
	}
	for _, c := range []struct {
		path, key   string
		first, last int
	}{
		{"/api/v1/years?offence=890000", "890000", 2002, 2024},
		{"/api/v1/years?key=------", "------", 1987, 2024},
		{"/api/v1/years?offence=892000", "892000", 1987, 2024},
	} {
		yl := years(c.path)
		if yl.Offence != c.key || yl.Years[0] != c.first || yl.Latest != c.last {
			t.Errorf("%s: key %q, %d-%d, want %q %d-%d", c.path, yl.Offence, yl.Years[0], yl.Latest, c.key, c.first, c.last)
		}
	}
}

// Each endpoint accepts the years of its data, per key where a key is
// involved, and says in errors which years there are: the overview those
// of all keys, the incident those of its base rate's key (892000 for
// violence: from 1987, not 890000's from 2002).
func TestYearsOfEachEndpoint(t *testing.T) {
	ts := testServer(t)
	for _, c := range []struct {
		method, path, body string
		status             int
		detail             string
	}{
		{"GET", "/api/v1/years?offence=999999", "", 404, `no PKS offence key "999999"`},
		{"GET", "/api/v1/years?offence=89", "", 400, "not a PKS offence key"},
		{"GET", "/api/v1/overview?year=1986", "", 404, "no figures for 1986: the overview has 1987–2024"},
		{"GET", "/charts/overview-shares?year=1986", "", 404, "the overview has 1987–2024"},
		{"GET", "/api/v1/factsheet?year=1990&offence=890000", "", 404, "key 890000 has figures for 2002-2024"},
		// The base rate of a violent incident is key 892000, which has 1990.
		{"POST", "/api/v1/incident", url.Values{"text": {violentText}, "year": {"1980"}}.Encode(), 400, "year: 1980 is not a year with data: the base rate of the text's offence family (violent) is PKS key 892000, which has figures for 1987–2024"},
		{"POST", "/api/v1/incident", url.Values{"text": {violentText}, "year": {"neunzehn"}}.Encode(), 400, "year: \"neunzehn\" is not a whole number"},
	} {
		ctype := ""
		if c.method == "POST" {
			ctype = "application/x-www-form-urlencoded"
		}
		resp, b := send(t, c.method, ts.URL+c.path, ctype, c.body)
		if resp.StatusCode != c.status {
			t.Errorf("%s %s: %s, want %d\n%s", c.method, c.path, resp.Status, c.status, b)
			continue
		}
		if p := problemOf(t, resp, b); !strings.Contains(p.Detail, c.detail) {
			t.Errorf("%s %s: detail %q does not say %q", c.method, c.path, p.Detail, c.detail)
		}
	}
	// 1990 for a violent incident: the base rate is key 892000's sheet of
	// 1990, not a refusal for the years of key 890000.
	resp, err := http.PostForm(ts.URL+"/api/v1/incident", url.Values{"text": {violentText}, "year": {"1990"}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var res IncidentResult
	if err := json.Unmarshal(b, &res); err != nil || resp.StatusCode != 200 {
		t.Fatalf("incident of 1990: %s %v\n%.300s", resp.Status, err, b)
	}
	want, err := factsheet.Compute(context.Background(), 1990, "892000")
	if err != nil {
		t.Fatal(err)
	}
	if res.Year != 1990 || res.Offence != "892000" || res.Sheet == nil || res.Sheet.NonGerman.Suspects != want.NonGerman.Suspects {
		t.Errorf("incident of 1990: year %d key %s sheet %v", res.Year, res.Offence, res.Sheet != nil)
	}
	// A text dated 1995 takes its own year; the page too.
	r2, _ := postIncident(t, ts.URL, violentText, "1995-05-01")
	if r2.Year != 1995 || r2.YearFrom != "the text's date" {
		t.Errorf("incident dated 1995: year %d (%s)", r2.Year, r2.YearFrom)
	}
}

// A claim about crime before 2002, when key 890000 has no figures, is
// checked against all offences (------) and says so in its notes, its
// framing and its caveats; from 2002 it stays on 890000, and a Land's
// claims are as before.
func TestClaimBefore2002(t *testing.T) {
	ts := testServer(t)
	for _, c := range []struct {
		text, offence string
		year          int
		fallback      bool
	}{
		{"migrants commit 40% of crimes in 1990", "------", 1990, true},
		{"Ausländer sind 1995 dreimal so kriminell wie Deutsche", "------", 1995, true},
		{"foreigners are 30% of suspects in 2001", "------", 2001, true},
		{"migrants commit 40% of crimes in 2010", "890000", 2010, false},
		{"migrants commit 40% of rapes in 1990", "111000", 1990, false},
		{"Foreigners in Bavaria are four times as criminal as Germans in 2015", "------", 2015, false},
	} {
		resp, b := get(t, ts.URL+"/api/v1/claim?text="+url.QueryEscape(c.text))
		var res ClaimResult
		if err := json.Unmarshal(b, &res); err != nil || resp.StatusCode != 200 {
			t.Fatalf("%q: %s %v\n%s", c.text, resp.Status, err, b)
		}
		if res.Offence != c.offence || res.Year != c.year || res.Sheet == nil || res.Assessment.Verdict == "uncheckable" {
			t.Errorf("%q: checked against %s/%d (%s: %s), want %s/%d", c.text, res.Offence, res.Year, res.Assessment.Verdict, res.Assessment.Summary, c.offence, c.year)
			continue
		}
		notes, framing := strings.Join(res.Notes, "\n"), strings.Join(res.Assessment.Framing, "\n")
		said := strings.Contains(notes, "checked against all offences (key ------) instead") &&
			strings.HasPrefix(framing, "\"Crime\" in general is read as all offences except residence-law offences (key 890000), but the police statistics have no figures for that key in "+strconv.Itoa(c.year))
		if said != c.fallback {
			t.Errorf("%q: says it fell back to all offences: %v, want %v\nnotes %q\nframing %q", c.text, said, c.fallback, res.Notes, res.Assessment.Framing)
		}
		if !c.fallback {
			continue
		}
		if strings.Contains(notes+framing, "taken as all offences except residence-law offences (key 890000)") {
			t.Errorf("%q: a note still says the figures are key 890000's", c.text)
		}
		if !slices.ContainsFunc(res.Caveats, func(cv baserate.Caveat) bool { return cv.Code == "pks-725000-only-foreigners" }) {
			t.Errorf("%q: no caveat on residence-law offences: %v", c.text, res.Caveats)
		}
		want, err := factsheet.Compute(context.Background(), c.year, "------")
		if err != nil {
			t.Fatal(err)
		}
		if res.Sheet.ShareOfSuspects.Share != want.ShareOfSuspects.Share {
			t.Errorf("%q: share %v, want the all-offences sheet's %v", c.text, res.Sheet.ShareOfSuspects.Share, want.ShareOfSuspects.Share)
		}
	}
	// The page shows the note with the figures.
	_, b := get(t, ts.URL+"/claim?text="+url.QueryEscape("migrants commit 40% of crimes in 1990"))
	if page := html.UnescapeString(string(b)); !strings.Contains(page, "checked against all offences (key ------) instead") {
		t.Error("the claim page does not say that all offences stand in for 890000")
	}
}

// On Germany's sheet the page shows the nearest year of the key where the
// year asked for has no figures for it (the offence selector keeps the
// year: 890000 chosen on a sheet of 1995, 111600 on one of 2023), with a
// note saying so; the API refuses the same query.
func TestGermanSheetPageFallsBackToKeysYears(t *testing.T) {
	ts := testServer(t)
	for _, c := range []struct {
		query, note string
		year        int
	}{
		{"year=1995&offence=890000", "Key 890000 has figures for 2002–2024, not 1995; showing 2002", 2002},
		{"year=2023&offence=111600", "Key 111600 has figures for 2017, not 2023; showing 2017", 2017},
		{"year=2030&offence=890000", "Key 890000 has figures for 2002–2024, not 2030; showing 2024", 2024},
	} {
		resp, b := get(t, ts.URL+"/factsheet?"+c.query)
		page := html.UnescapeString(string(b))
		if resp.StatusCode != 200 {
			t.Errorf("page %s: %s\n%.300s", c.query, resp.Status, page)
			continue
		}
		y := strconv.Itoa(c.year)
		for _, w := range []string{`id="adjusted">` + c.note, `<option value="` + y + `" selected>`, ", " + y + " · baserate</title>"} {
			if !strings.Contains(page, w) {
				t.Errorf("page %s lacks %q", c.query, w)
			}
		}
		resp, b = get(t, ts.URL+"/api/v1/factsheet?"+c.query)
		if resp.StatusCode != 404 {
			t.Errorf("API %s: %s, want 404", c.query, resp.Status)
			continue
		}
		if p := problemOf(t, resp, b); !strings.Contains(p.Detail, "has figures for") {
			t.Errorf("API %s: detail %q does not say which years there are", c.query, p.Detail)
		}
	}
	// A year the key has is shown without a note.
	_, b := get(t, ts.URL+"/factsheet?year=2017&offence=111600")
	if bytes.Contains(b, []byte(`id="adjusted"`)) {
		t.Error("the sheet of 111600 in 2017 has a note on a changed year")
	}
}

// Keys the catalogue lists without figures in any year (89 of 582, such
// as 239100) are not offered in the offence selector, and asked for by
// URL they are a 404 that says so, not "has figures for  (".
func TestKeysWithoutFigures(t *testing.T) {
	ts := testServer(t)
	_, b := get(t, ts.URL+"/factsheet?year=2023&offence=890000")
	page := string(b)
	sel := page[strings.Index(page, `<select class="offence"`):]
	sel = sel[:strings.Index(sel, "</select>")]
	_, b = get(t, ts.URL+"/api/v1/offences")
	var list struct {
		Offences []factsheet.ListedOffence `json:"offences"`
	}
	if err := json.Unmarshal(b, &list); err != nil {
		t.Fatal(err)
	}
	with := 0
	var wrong []string
	for _, o := range list.Offences {
		offered := strings.Contains(sel, `<option value="`+o.Key+`"`)
		if has := o.FirstYear != 0; offered != has {
			wrong = append(wrong, fmt.Sprintf("%s (years: %s, offered: %v)", o.Key, o.YearsText(), offered))
		} else if has {
			with++
		}
	}
	if len(wrong) > 0 {
		t.Errorf("%d keys offered where they have no figures or left out where they have: %s", len(wrong), strings.Join(wrong[:min(len(wrong), 5)], ", "))
	}
	if n := strings.Count(sel, "<option "); n != with || n == 0 || n == len(list.Offences) {
		t.Errorf("the selector offers %d keys; %d of %d have figures", n, with, len(list.Offences))
	}
	for _, path := range []string{"/factsheet?offence=239100", "/factsheet?year=2023&offence=239100", "/api/v1/factsheet?offence=239100", "/charts/factsheet-rates?offence=239100", "/api/v1/years?offence=239100"} {
		resp, b := get(t, ts.URL+path)
		text := html.UnescapeString(string(b))
		if resp.StatusCode != 404 || !strings.Contains(text, "key 239100 has no figures in the bundled data") || strings.Contains(text, "has figures for  (") {
			t.Errorf("%s: %s\n%.400s", path, resp.Status, text)
		}
	}
}

func TestNearestYear(t *testing.T) {
	for _, c := range []struct {
		ys      []int
		y, want int
	}{
		{[]int{2002, 2003, 2024}, 1995, 2002},
		{[]int{2002, 2003, 2024}, 2030, 2024},
		{[]int{2017}, 2023, 2017},
		{[]int{2020, 2022}, 2021, 2022},
		{[]int{2010, 2020}, 2014, 2010},
		{[]int{2020, 2022}, 2020, 2020},
	} {
		if got := nearestYear(c.ys, c.y); got != c.want {
			t.Errorf("nearestYear(%v, %d) = %d, want %d", c.ys, c.y, got, c.want)
		}
	}
}

// Without a year, Germany's sheet and decomposition of a key are for the
// key's own latest year, not for a year of other keys that it lacks (74
// keys end before 2024, such as 111100 and 050000): the client asked for
// no year, so there is no year to refuse.
func TestKeyWithoutYearIsItsLatest(t *testing.T) {
	ts := testServer(t)
	var offs struct {
		Offences []struct {
			Key       string `json:"key"`
			FirstYear int    `json:"first_year"`
			LastYear  int    `json:"last_year"`
		} `json:"offences"`
	}
	var all YearList
	for path, v := range map[string]any{"/api/v1/offences": &offs, "/api/v1/years": &all} {
		if _, b := get(t, ts.URL+path); json.Unmarshal(b, v) != nil {
			t.Fatalf("%s: %.300s", path, b)
		}
	}
	checked := 0
	for _, o := range offs.Offences {
		if o.FirstYear == 0 || o.LastYear == all.Latest {
			continue
		}
		if checked++; checked > 3 {
			break
		}
		for _, path := range []string{"/api/v1/factsheet?offence=", "/api/v1/decomposition?offence="} {
			resp, b := get(t, ts.URL+path+url.QueryEscape(o.Key))
			if resp.StatusCode != 200 {
				t.Errorf("%s%s: %s, want the sheet of %d\n%.300s", path, o.Key, resp.Status, o.LastYear, b)
				continue
			}
			var sh struct{ Year int }
			if err := json.Unmarshal(b, &sh); err != nil || sh.Year != o.LastYear {
				t.Errorf("%s%s: year %d (%v), want %d", path, o.Key, sh.Year, err, o.LastYear)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no key ends before the last year: the test checks nothing")
	}
}
