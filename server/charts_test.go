package server

import (
	"encoding/json"
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
