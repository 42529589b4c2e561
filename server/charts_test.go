package server

import (
	"encoding/json"
	"fmt"
	"testing"
)

// The trend's rate axis keeps whole numbers for the usual keys and has
// the decimals a rare offence's rates need: 050000 (below 0.002 per
// 100,000) and 111500 (below 0.11) read "0, 0, 0" with ",.0f".
func TestTrendRatesAxisFormat(t *testing.T) {
	ts := testServer(t)
	for key, want := range map[string]string{"890000": ",.0f", "892000": ",.0f", "050000": ",.4f", "111500": ",.2f"} {
		resp, b := get(t, ts.URL+"/charts/trend-rates?format=vl&offence="+key)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %s\n%.300s", key, resp.Status, b)
		}
		var spec struct {
			Layer []struct {
				Encoding struct {
					Y *struct {
						Field string `json:"field"`
						Axis  struct {
							Format string `json:"format"`
						} `json:"axis"`
					} `json:"y"`
				} `json:"encoding"`
			} `json:"layer"`
		}
		if err := json.Unmarshal(b, &spec); err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		got := ""
		for _, l := range spec.Layer {
			if y := l.Encoding.Y; y != nil && y.Field == "value" {
				got = y.Axis.Format
			}
		}
		if got != want {
			t.Errorf("trend-rates of %s: axis format %q, want %q", key, got, want)
		}
	}
}

// The fact sheet's rates chart keeps ",.1f" for the usual keys and takes
// the digits a rare offence's rates need (050000, 2017: 0.0014 and 0 per
// 100,000, intervals to 0.038), whose axis and labels read "0.0".
func TestFactsheetRatesChartDigits(t *testing.T) {
	ts := testServer(t)
	for _, c := range []struct {
		query                 string
		axis, labels, minStep string
	}{
		{"year=2023&offence=890000", ",.1f", ",.1f", "<nil>"},
		{"year=2023&offence=892000", ",.1f", ",.1f", "<nil>"},
		{"year=2017&offence=050000", ",.2f", ",.4f", "0.01"},
	} {
		resp, b := get(t, ts.URL+"/charts/factsheet-rates?format=vl&"+c.query)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %s\n%.300s", c.query, resp.Status, b)
		}
		var spec struct {
			Layer []struct {
				Encoding struct {
					X *struct {
						Axis map[string]any `json:"axis"`
					} `json:"x"`
					Text *struct {
						Format string `json:"format"`
					} `json:"text"`
				} `json:"encoding"`
			} `json:"layer"`
		}
		if err := json.Unmarshal(b, &spec); err != nil {
			t.Fatalf("%s: %v", c.query, err)
		}
		var axis map[string]any
		labels := ""
		for _, l := range spec.Layer {
			if x := l.Encoding.X; x != nil && x.Axis != nil {
				axis = x.Axis
			}
			if tx := l.Encoding.Text; tx != nil && tx.Format != "" {
				labels = tx.Format
			}
		}
		if got := fmt.Sprint(axis["format"]); got != c.axis || fmt.Sprint(axis["tickMinStep"]) != c.minStep || labels != c.labels {
			t.Errorf("factsheet-rates of %s: axis %v, labels %q; want axis %s (tickMinStep %s), labels %s", c.query, axis, labels, c.axis, c.minStep, c.labels)
		}
	}
}

// TestBreakLabels: a chart's break rule says what broke, from the
// caveat codes, also for a change of what the key counts (it read
// "series break") and for two breaks in one year.
func TestBreakLabels(t *testing.T) {
	for _, c := range []struct {
		codes []string
		want  string
	}{
		{[]string{"pks-2009-counting-rule"}, "2009: new counting rule"},
		{[]string{"pks-key-definition-change"}, "2009: key redefined"},
		{[]string{"destatis-census-basis", "pks-key-definition-change"}, "2009: census basis, key redefined"},
		{[]string{"something-new"}, "2009: series break"},
	} {
		if got := breakLabel(2009, c.codes); got != c.want {
			t.Errorf("%v: %q, want %q", c.codes, got, c.want)
		}
	}
}
