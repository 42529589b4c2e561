package server

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

// Flensburg 2022, residence-law offences (725000): 296 non-German and no
// German suspects. The rate ratio is undefined; the JSON reports it as 0
// with the warning "undefined-ratio", and everything that shows the
// number without the warning must show it as missing, not as a ratio of
// 0 with the interval 352–0.
const undefinedRatioQuery = "year=2022&offence=725000&area=01001"

func TestUndefinedRatioJSONKeepsEngineConvention(t *testing.T) {
	ts := testServer(t)
	resp, b := get(t, ts.URL+"/api/v1/factsheet?"+undefinedRatioQuery)
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %s", resp.Status, b)
	}
	var sh struct {
		German    struct{ Suspects float64 }
		RateRatio struct {
			Ratio    float64
			Warnings []struct{ Code string }
		} `json:"rate_ratio"`
	}
	json.Unmarshal(b, &sh)
	if sh.German.Suspects != 0 || sh.RateRatio.Ratio != 0 || len(sh.RateRatio.Warnings) == 0 || sh.RateRatio.Warnings[0].Code != "undefined-ratio" {
		t.Fatalf("the fixture is no longer an undefined ratio: %+v", sh)
	}
}

func TestUndefinedRatioCSVIsEmpty(t *testing.T) {
	ts := testServer(t)
	for _, path := range []string{"/api/v1/factsheet?" + undefinedRatioQuery + "&format=csv"} {
		resp, b := get(t, ts.URL+path)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %s", path, resp.Status)
		}
		recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][2]string{}
		for _, r := range recs[1:] {
			got[r[3]] = [2]string{r[4], r[5]}
		}
		for m, want := range map[string][2]string{
			"rate_ratio":         {"", "."},
			"rate_ratio_ci_high": {"", "."},
			"german_suspects":    {"0", ""},
		} {
			if got[m] != want {
				t.Errorf("%s: %s = %q, want %q", path, m, got[m], want)
			}
		}
		if lo := got["rate_ratio_ci_low"]; !strings.HasPrefix(lo[0], "352.2") || lo[1] != "" {
			t.Errorf("%s: the lower limit, which is defined, is %q", path, lo)
		}
	}
	// The chart's data: no point at 0, no interval from 352 down to 0.
	_, b := get(t, ts.URL+"/charts/factsheet-ratios?"+undefinedRatioQuery+"&format=csv")
	if want := "crude,,,352.2"; !bytes.Contains(b, []byte(want)) {
		t.Errorf("chart data %q lacks %q", b, want)
	}
}

func TestUndefinedRatioPage(t *testing.T) {
	ts := testServer(t)
	resp, b := get(t, ts.URL+"/factsheet?"+undefinedRatioQuery)
	if resp.StatusCode != 200 {
		t.Fatalf("%s", resp.Status)
	}
	for _, bad := range []string{"0.00×", `data-key="rate_ratio.ratio"`, `data-key="rate_ratio.ci.1"`} {
		if bytes.Contains(b, []byte(bad)) {
			t.Errorf("the page shows the undefined ratio as a number: %q", bad)
		}
	}
	if want := "undefined: there are no German suspects to compare with; 95% lower limit 352.22, no upper limit"; !bytes.Contains(b, []byte(want)) {
		t.Errorf("the page lacks %q", want)
	}
	// A defined ratio keeps its numbers.
	_, b = get(t, ts.URL+"/factsheet?year=2022&offence=111000&area=01001")
	if !bytes.Contains(b, []byte(`data-key="rate_ratio.ratio"`)) || !bytes.Contains(b, []byte(`data-key="rate_ratio.ci.1"`)) {
		t.Errorf("a defined ratio lost its numbers")
	}
}
