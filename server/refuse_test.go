package server

import (
	"strings"
	"testing"
)

// A body of a type the endpoint does not read is a 415 with the types it
// reads, as a problem document (API) or the error page (incident page);
// the types it reads still pass.
func TestUnsupportedBodyTypeIs415(t *testing.T) {
	ts := testServer(t)
	for _, c := range []struct {
		path, ctype, body string
		status            int
		accept            string
	}{
		{"/api/v1/claim", "application/xml", "<text>Ausländer sind dreimal so kriminell</text>", 415, "application/json"},
		{"/api/v1/media/code", "image/png", "x", 415, "text/plain"},
		{"/api/v1/incident", "text/csv", "text\nx\n", 415, "application/x-www-form-urlencoded"},
		{"/api/v1/standardize?group=g&strata=s&count=c&pop=p", "application/json", `{"g":"a"}`, 415, "text/csv"},
		{"/incident", "application/xml", "<text/>", 415, ""},
		{"/api/v1/claim", "text/plain; charset=utf-8", "Ausländer sind dreimal so kriminell", 200, ""},
		{"/api/v1/claim", "application/json", `{"text":"Ausländer sind dreimal so kriminell"}`, 200, ""},
		{"/api/v1/standardize?group=g&strata=s&count=c&pop=p", "text/csv", "g,s,c,p\na,1,2,30\nb,1,2,30\n", 200, ""},
		{"/api/v1/standardize?group=g&strata=s&count=c&pop=p", "", "g,s,c,p\na,1,2,30\nb,1,2,30\n", 200, ""},
	} {
		resp, b := send(t, "POST", ts.URL+c.path, c.ctype, c.body)
		if resp.StatusCode != c.status {
			t.Errorf("POST %s as %s: %s, want %d\n%.300s", c.path, c.ctype, resp.Status, c.status, b)
			continue
		}
		if c.status != 415 {
			continue
		}
		if !strings.HasPrefix(c.path, "/api/") {
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") || !strings.Contains(string(b), "Unsupported Media Type") {
				t.Errorf("POST %s as %s: %s page %.200s", c.path, c.ctype, ct, b)
			}
			continue
		}
		p := problemOf(t, resp, b)
		if p.Type != "/api/v1/problems/unsupported-media-type" || !strings.Contains(p.Detail, c.ctype) || !strings.Contains(p.Detail, c.accept) {
			t.Errorf("POST %s as %s: problem %+v", c.path, c.ctype, p)
		}
		if !strings.Contains(resp.Header.Get("Accept-Post"), c.accept) {
			t.Errorf("POST %s as %s: Accept-Post %q lacks %s", c.path, c.ctype, resp.Header.Get("Accept-Post"), c.accept)
		}
	}
	if resp, b := get(t, ts.URL+"/api/v1/problems/unsupported-media-type"); resp.StatusCode != 200 {
		t.Errorf("the problem type does not resolve: %s %s", resp.Status, b)
	}
}

// A static file that is not there gets the server's error page, like any
// other missing page, not net/http's plain text; files that are there are
// served as before.
func TestMissingStaticFileIsErrorPage(t *testing.T) {
	ts := testServer(t)
	for _, path := range []string{"/static/nope.css", "/static/js/", "/static/vendor/nope.js", "/static/../static/nope"} {
		resp, b := get(t, ts.URL+path)
		page := string(b)
		if resp.StatusCode != 404 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
			!strings.Contains(page, "<title>Not Found") || !strings.Contains(page, `href="/static/app.css"`) || resp.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("%s: %s %s\n%.300s", path, resp.Status, resp.Header.Get("Content-Type"), page)
		}
	}
	if resp, _ := get(t, ts.URL+"/static/app.css"); resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
		t.Errorf("/static/app.css: %s %s", resp.Status, resp.Header.Get("Content-Type"))
	}
}

// A chart refuses a parameter given twice, as the API does, instead of
// drawing the first; key names the offence as in the API.
func TestChartRefusesRepeatedParams(t *testing.T) {
	ts := testServer(t)
	for _, c := range []struct {
		path, param string
	}{
		{"/charts/factsheet-rates?year=2023&year=2022", "year"},
		{"/charts/factsheet-ratios?year=2023&offence=890000&offence=892000", "offence"},
		{"/charts/trend-rates?offence=890000&format=csv&format=json", "format"},
		{"/charts/overview-shares?year=2020&year=2020", "year"},
		{"/charts/factsheet-rates?offence=890000&key=892000", "key"},
	} {
		resp, b := get(t, ts.URL+c.path)
		if resp.StatusCode != 400 {
			t.Errorf("%s: %s, want 400\n%.200s", c.path, resp.Status, b)
			continue
		}
		if p := problemOf(t, resp, b); len(p.Params) != 1 || p.Params[0].Name != c.param {
			t.Errorf("%s: params %+v, want %s", c.path, p.Params, c.param)
		}
	}
	_, one := get(t, ts.URL+"/charts/factsheet-rates?year=2023&offence=892000&format=csv")
	resp, aliased := get(t, ts.URL+"/charts/factsheet-rates?year=2023&key=892000&format=csv")
	if resp.StatusCode != 200 || string(one) != string(aliased) {
		t.Errorf("key=892000: %s\n%.300s\nwant\n%.300s", resp.Status, aliased, one)
	}
}
