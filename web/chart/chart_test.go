package chart

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"math"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

var (
	schemaOnce sync.Once
	schema     *jsonschema.Schema
	schemaErr  error
)

// vegaLiteSchema compiles the official Vega-Lite JSON schema of the
// vendored version (testdata/vega-lite-schema.json.gz, written by
// web/npm/update.sh).
func vegaLiteSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	schemaOnce.Do(func() {
		f, err := os.Open("testdata/vega-lite-schema.json.gz")
		if err != nil {
			schemaErr = err
			return
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			schemaErr = err
			return
		}
		doc, err := jsonschema.UnmarshalJSON(zr)
		if err != nil {
			schemaErr = err
			return
		}
		c := jsonschema.NewCompiler()
		if err := c.AddResource("vega-lite.json", doc); err != nil {
			schemaErr = err
			return
		}
		schema, schemaErr = c.Compile("vega-lite.json")
	})
	if schemaErr != nil {
		t.Fatal(schemaErr)
	}
	return schema
}

// Validate checks a marshalled spec against the Vega-Lite schema.
func validate(t *testing.T, c *Chart) {
	t.Helper()
	b, err := c.SpecJSON()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if err := vegaLiteSchema(t).Validate(doc); err != nil {
		t.Errorf("%s: spec does not validate against the Vega-Lite schema: %v\n%s", c.ID, err, b)
	}
}

func testCharts() []*Chart {
	nan := math.NaN()
	return []*Chart{
		Intervals("rates", "Suspects per 100,000", []Estimate{
			{Category: "German", Value: 1853.7, Lo: 1850.5, Hi: 1856.9},
			{Category: "non-German", Value: 5739.4, Lo: 5725.9, Hi: 5752.9},
		}, Options{Unit: "per 100,000", Format: ",.1f", Ref: NoRef}),
		Intervals("ratio", "Rate ratio", []Estimate{
			{Category: "crude", Value: 3.10, Lo: 3.09, Hi: 3.11},
			{Category: "age-standardized", Value: 2.43, Lo: nan, Hi: nan},
		}, Options{Format: ".2f", Ref: 1, RefLabel: "no difference"}),
		Intervals("shares", "Non-German share", []Estimate{
			{Category: "violent", Series: "suspects", Value: 0.415, Lo: nan, Hi: nan},
			{Category: "violent", Series: "population", Value: 0.145, Lo: nan, Hi: nan},
		}, Options{Format: ".1%", Ref: NoRef}),
		Decomposition("decomp", "Gap per 100,000", []Part{
			{"age", 900, "composition"}, {"rate", 2985, "rate"}, {"total", 3885, "total"},
		}, Options{Format: ",.0f"}),
		Intervals("undefined", "Rate ratio", []Estimate{
			{Category: "crude", Value: nan, Lo: 352.2, Hi: nan},
		}, Options{Format: ".2f", Ref: 1, RefLabel: "same rate", Unit: "rate ratio (1 = same rate)"}),
		Trend("trend", "Suspects per 100,000", []Point{
			{Year: 2008, Series: "German", Value: 10, Lo: nan, Hi: nan},
			{Year: 2009, Series: "German", Value: 11, Lo: 10, Hi: 12},
		}, []Break{{2009, "counting rule"}}, Options{Format: ",.0f"}),
	}
}

func TestSpecsValidate(t *testing.T) {
	for _, c := range testCharts() {
		validate(t, c)
	}
}

func TestSpecCarriesDataAndSource(t *testing.T) {
	c := testCharts()[1]
	c.Source = "PKS 2023"
	b, err := c.SpecJSON()
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Schema string `json:"$schema"`
		Data   struct {
			Values []map[string]any `json:"values"`
		} `json:"data"`
		Usermeta map[string]map[string]string `json:"usermeta"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Schema != SchemaURL || len(got.Data.Values) != 2 || got.Usermeta["baserate"]["source"] != "PKS 2023" {
		t.Errorf("spec = %s", b)
	}
	// NaN becomes null, never an invalid JSON token.
	if v, ok := got.Data.Values[1]["lo"]; !ok || v != nil {
		t.Errorf("missing interval encoded as %v, want null", v)
	}
}

func TestCSV(t *testing.T) {
	c := testCharts()[1]
	var buf bytes.Buffer
	if err := c.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	want := "category,series,value,lo,hi\ncrude,,3.1,3.09,3.11\nage-standardized,,2.43,,\n"
	if buf.String() != want {
		t.Errorf("CSV =\n%s\nwant\n%s", buf.String(), want)
	}
	d, err := c.DataJSON()
	if err != nil || !strings.Contains(string(d), `"lo":null`) {
		t.Errorf("DataJSON = %s, %v", d, err)
	}
}

// The schema check must be able to fail: a spec with an unknown mark and a
// misspelt channel property is refused.
func TestSchemaRefusesBadSpec(t *testing.T) {
	bad := []byte(`{"$schema":"` + SchemaURL + `","data":{"values":[]},"mark":"bogus","encoding":{"x":{"feild":"a"}}}`)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
	if err != nil {
		t.Fatal(err)
	}
	if err := vegaLiteSchema(t).Validate(doc); err == nil {
		t.Error("schema accepted an invalid spec")
	}
}

// TestIntervalsLeaveRoomForLabels checks that the x domain of an
// interval chart reaches past the largest point by a fifth of the data's
// span, so that its value label, drawn right of it, is not cut off (the
// fact sheet's ratios 3.10 and 3.23 were).
func TestIntervalsLeaveRoomForLabels(t *testing.T) {
	c := Intervals("r", "Rate ratio", []Estimate{
		{Category: "crude", Value: 3.10, Lo: 3.09, Hi: 3.11},
		{Category: "direct", Value: 2.41, Lo: 2.41, Hi: 2.42},
	}, Options{Format: ".2f", Ref: 1})
	var x *Channel
	for _, l := range c.Spec.Layer {
		if l.Encoding != nil && l.Encoding.X != nil && l.Encoding.X.Scale != nil {
			x = l.Encoding.X
		}
	}
	if x == nil {
		t.Fatal("no x scale")
	}
	sc := x.Scale.(Obj)
	max, ok := sc["domainMax"].(float64)
	if want := 3.10 + (3.11-1)/5; !ok || max < want-1e-9 {
		t.Errorf("domainMax = %v, want at least %v", sc["domainMax"], want)
	}
}

// TestBreakLabelsStayInside: a break in the right half of a trend's years
// is labelled to the left of its rule (the e2e check found "2022: census
// basis" running 1px past the chart's edge with another machine's font);
// one in the left half to the right of it.
func TestBreakLabelsStayInside(t *testing.T) {
	var pts []Point
	for y := 2013; y <= 2024; y++ {
		pts = append(pts, Point{Year: y, Series: "s", Value: 1, Lo: math.NaN(), Hi: math.NaN()})
	}
	c := Trend("t", "T", pts, []Break{{Year: 2016, Label: "2016: new counting rule"}, {Year: 2022, Label: "2022: census basis"}}, Options{})
	align := map[string]string{}
	for _, l := range c.Spec.Layer {
		if l.Mark == nil || l.Mark.Type != "text" || l.Data == nil {
			continue
		}
		for _, r := range l.Data.Values {
			align[r["label"].(string)] = l.Mark.Align
			if (l.Mark.Align == "right") != (l.Mark.DX < 0) {
				t.Errorf("%v: align %s with dx %g", r["label"], l.Mark.Align, l.Mark.DX)
			}
		}
	}
	if align["2016: new counting rule"] != "left" || align["2022: census basis"] != "right" {
		t.Errorf("label alignment %v, want 2016 left and 2022 right", align)
	}
}

// An interval chart whose values are all undefined (a district without
// German suspects has no rate ratio, only a lower limit) names its x
// domain on every layer that draws data, so that Vega neither warns of an
// infinite extent nor shrinks the plot to fit a rule drawn to nowhere; it
// draws only whole intervals, and says in the category's row that there is
// nothing to draw.
func TestIntervalsUndefined(t *testing.T) {
	nan := math.NaN()
	c := Intervals("r", "Rate ratio", []Estimate{{Category: "crude", Value: nan, Lo: 352.2, Hi: nan}}, Options{Format: ".2f", Ref: 1})
	validate(t, c)
	said := false
	for i, l := range c.Spec.Layer {
		if l.Encoding == nil || l.Encoding.X == nil {
			continue
		}
		if x := l.Encoding.X; x.Field == "lo" || x.Field == "value" {
			sc, _ := x.Scale.(Obj)
			if d, ok := sc["domain"].([]float64); !ok || len(d) != 2 || !(d[0] <= 1 && 1 <= d[1] && d[0] < d[1]) {
				t.Errorf("layer %d (%s of %s): scale %v, want a domain around the reference 1", i, l.Mark.Type, x.Field, x.Scale)
			}
		}
		if l.Mark.Type == "rule" && l.Encoding.X.Field == "lo" && (len(l.Transform) == 0 || !strings.Contains(l.Transform[0]["filter"].(string), "datum.hi")) {
			t.Errorf("interval rule draws rows without an upper limit: %v", l.Transform)
		}
		if l.Encoding.Text != nil && l.Encoding.Text.Value == Undefined {
			said = true
		}
	}
	if !said {
		t.Error("no layer says the value is undefined")
	}
	// A defined chart keeps its data-driven domain.
	c = testCharts()[0]
	for _, l := range c.Spec.Layer {
		if l.Encoding != nil && l.Encoding.X != nil && l.Encoding.X.Scale != nil {
			if _, ok := l.Encoding.X.Scale.(Obj)["domain"]; ok {
				t.Errorf("defined chart got a fixed domain: %v", l.Encoding.X.Scale)
			}
		}
	}
}

// Series are told apart by shape as well as colour (WCAG 1.4.1).
func TestSeriesHaveShapes(t *testing.T) {
	for _, c := range []*Chart{testCharts()[2], testCharts()[5]} {
		n := 0
		for _, l := range c.Spec.Layer {
			if l.Encoding != nil && l.Encoding.Shape != nil && l.Encoding.Shape.Field == "series" {
				n++
			}
		}
		if n == 0 {
			t.Errorf("%s: no layer encodes the series by shape", c.ID)
		}
	}
}

// A long x axis title is set in lines short enough for a phone's chart.
func TestAxisTitleLines(t *testing.T) {
	got := axisTitle("share of suspects (dashed: share of the population)")
	lines, ok := got.([]string)
	if !ok || len(lines) != 2 || strings.Join(lines, " ") != "share of suspects (dashed: share of the population)" {
		t.Fatalf("axisTitle = %#v", got)
	}
	for _, l := range lines {
		if len(l) > titleLine {
			t.Errorf("line %q longer than %d", l, titleLine)
		}
	}
	if got := axisTitle("rate ratio (1 = same rate)"); got != "rate ratio (1 = same rate)" {
		t.Errorf("short title changed: %#v", got)
	}
}
