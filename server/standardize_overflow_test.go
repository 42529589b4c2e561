package server

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// Numbers so large that a rate or interval overflows are the request's
// fault: a 400 that says so, never a 500 from the JSON encoder.
func TestStandardizeOverflowIsBadRequest(t *testing.T) {
	ts := testServer(t)
	for _, c := range []struct{ query, body string }{
		{"&per=1e308", "g,s,c,p\na,1,2,3\nb,1,2,3\n"},
		{"", "g,s,c,p\na,1,1e300,1e300\nb,1,2,3\n"},
	} {
		path := "/api/v1/standardize?group=g&strata=s&count=c&pop=p" + c.query
		resp, err := http.Post(ts.URL+path, "text/csv", strings.NewReader(c.body))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 400 {
			t.Errorf("%s %q: %s, want 400\n%s", path, c.body, resp.Status, b)
			continue
		}
		if p := problemOf(t, resp, b); !strings.Contains(p.Detail, "too large") {
			t.Errorf("%s: detail %q", path, p.Detail)
		}
	}
}
