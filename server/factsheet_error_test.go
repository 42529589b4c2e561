package server

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// The API's error for a year a key lacks says which years the key has and
// names no CLI command (the CLI adds its own hint).
func TestFactsheetYearErrorNamesNoCommand(t *testing.T) {
	ts := testServer(t)
	resp, err := http.Get(ts.URL + "/api/v1/factsheet?year=1990&offence=890000")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Fatalf("status %s\n%s", resp.Status, b)
	}
	p := problemOf(t, resp, b)
	if !strings.Contains(p.Detail, "key 890000 has figures for 2002-2024") || strings.Contains(p.Detail, "baserate factsheet") {
		t.Errorf("detail %q", p.Detail)
	}
}
