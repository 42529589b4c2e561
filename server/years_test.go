package server

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

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
