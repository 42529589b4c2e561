package csv

import (
	"context"
	"strings"
	"testing"
)

// Semicolon- and tab-separated files as spreadsheets export them in
// decimal-comma locales read by the column's evidence; ambiguous or mixed
// columns are refused with the line.
func TestNumberStyles(t *testing.T) {
	spec := Spec{Dims: []string{"g"}, Measures: []string{"n", "pop"}}
	for _, c := range []struct {
		name, in string
		want     []float64 // n then pop, per row
		err      string
	}{
		{"german", "g;n;pop\na;1.234;12.108.988\nb;12,5;1.000\n", []float64{1234, 12108988, 12.5, 1000}, ""},
		{"german tab", "g\tn\tpop\na\t3,25\t694.981\nb\t4\t1.322.571\n", []float64{3.25, 694981, 4, 1322571}, ""},
		{"points in semicolon file", "g;n;pop\na;1.5;1000\nb;2.000;0.125\n", []float64{1.5, 1000, 2, 0.125}, ""},
		{"integers", "g;n;pop\na;1;2\nb;-3;4e3\n", []float64{1, 2, -3, 4000}, ""},
		{"comma file", "g,n,pop\na,1.000,2\nb,3,4\n", []float64{1, 2, 3, 4}, ""},
		{"ambiguous", "g;n;pop\na;1;1.000\nb;2;2.500\n", nil, `x.csv:2: field "pop": "1.000" is ambiguous in a semicolon-separated file`},
		{"mixed", "g;n;pop\na;1;1.000.000\nb;2;2.5\n", nil, `x.csv:3: field "pop": the column mixes decimal commas or dots between thousands (line 2: "1.000.000") with decimal points (line 3: "2.5")`},
		{"hex", "g,n,pop\na,0x1p4,2\n", nil, `x.csv:2: field "n": "0x1p4" is not a number`},
		{"underscore", "g,n,pop\na,1_000,2\n", nil, `"1_000" is not a number`},
		{"inf", "g,n,pop\na,Inf,2\n", nil, `"Inf" is not a number`},
		{"us thousands quoted", "g,n,pop\na,\"1,234\",2\n", nil, `"1,234" is not a number`},
		{"german thousands in comma style", "g;n;pop\na;1,234,567;2\n", nil, `"1,234,567" is not a number`},
	} {
		tab, err := Read(context.Background(), strings.NewReader(c.in), "x.csv", spec)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: error %v, want %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if len(tab.Values) != len(c.want) {
			t.Errorf("%s: %v", c.name, tab.Values)
			continue
		}
		for i, v := range tab.Values {
			if v != c.want[i] {
				t.Errorf("%s: values %v, want %v", c.name, tab.Values, c.want)
				break
			}
		}
	}
}
