package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFetchCommand runs "baserate fetch" against recorded responses on a
// local server (never the network), then inspects what it wrote.
func TestFetchCommand(t *testing.T) {
	js, err := os.ReadFile(filepath.Join("..", "..", "fetch", "testdata", "eurostat_crim_just_ctz.json"))
	if err != nil {
		t.Fatal(err)
	}
	ffcsv, _ := os.ReadFile(filepath.Join("..", "..", "fetch", "testdata", "genesis_12411-0001.csv"))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /statistics/1.0/data/crim_just_ctz", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query()["geo"][1] != "AT" {
			t.Errorf("query %s", r.URL.RawQuery)
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(js)
	})
	mux.HandleFunc("POST /data/tablefile", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("username") != "u" || r.Header.Get("password") != "p" {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"Status":{"Code":15,"Content":"Sie sind nicht angemeldet.","Type":"Fehler"}}`))
			return
		}
		w.Write(ffcsv)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	dir := t.TempDir()
	run1 := func(getenv map[string]string, args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		e := stdEnv()
		e.stdout, e.stderr = &out, &errb
		e.getenv = func(k string) string { return getenv[k] }
		code := run(context.Background(), args, e)
		return code, out.String(), errb.String()
	}
	out := filepath.Join(dir, "c.json")
	code, stdout, stderr := run1(nil, "fetch", "eurostat", "crim_just_ctz", "--filter", "geo=DE,AT", "--out", out, "--base", srv.URL)
	if code != 0 || !strings.Contains(stdout, out+": ") || !strings.Contains(stderr, "c.json: ") {
		t.Fatalf("eurostat: %d %q %q", code, stdout, stderr)
	}
	code, stdout, _ = run1(nil, "inspect", out, "--format", "json")
	if code != 0 || !strings.Contains(stdout, `"cells":4,"missing":0`) {
		t.Errorf("inspect: %d %s", code, stdout)
	}
	out = filepath.Join(dir, "g.csv")
	code, _, stderr = run1(map[string]string{"GENESIS_USER": "u", "GENESIS_PASSWORD": "p"}, "fetch", "genesis", "12411-0001", "--out", out, "--base", srv.URL, "--quiet")
	if code != 0 || stderr != "" {
		t.Fatalf("genesis: %d %q", code, stderr)
	}
	code, stdout, _ = run1(nil, "inspect", out, "--format", "json")
	if code != 0 || !strings.Contains(stdout, `"format":"genesis-csv"`) {
		t.Errorf("inspect genesis: %d %s", code, stdout)
	}
	code, _, stderr = run1(map[string]string{"GENESIS_USER": "u", "GENESIS_PASSWORD": "wrong"}, "fetch", "genesis", "12411-0001", "--out", filepath.Join(dir, "x.csv"), "--base", srv.URL, "--quiet")
	if code != 1 || !strings.Contains(stderr, "GENESIS answered Fehler 15: Sie sind nicht angemeldet.") {
		t.Errorf("bad login: %d %q", code, stderr)
	}
	// Fetching the table again with a bad login keeps the earlier download.
	code, _, stderr = run1(map[string]string{"GENESIS_USER": "u", "GENESIS_PASSWORD": "wrong"}, "fetch", "genesis", "12411-0001", "--out", out, "--base", srv.URL, "--quiet")
	if got, err := os.ReadFile(out); code != 1 || err != nil || !bytes.Equal(got, ffcsv) {
		t.Errorf("bad login over an earlier download: %d %q; the file is now %.60q (%v)", code, stderr, got, err)
	}
	code, _, stderr = run1(nil, "fetch", "genesis", "12411-0001", "--out", filepath.Join(dir, "x.csv"), "--base", srv.URL)
	if code != 1 || !strings.Contains(stderr, "needs a user name or API token") {
		t.Errorf("no user: %d %q", code, stderr)
	}
	code, _, stderr = run1(nil, "fetch", "eurostat", "crim_just_ctz")
	if code != 2 || !strings.Contains(stderr, "--out FILE is required") {
		t.Errorf("no out: %d %q", code, stderr)
	}
	code, _, stderr = run1(nil, "fetch", "eurostat", "x", "--out", "y", "--filter", "geo")
	if code != 2 || !strings.Contains(stderr, "not DIM=VALUE") {
		t.Errorf("bad filter: %d %q", code, stderr)
	}
}
