package chart

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
)

// SchemaURL is the Vega-Lite schema the specs are written against (the
// version vendored in web/static/vendor).
const SchemaURL = "https://vega.github.io/schema/vega-lite/v6.json"

// Obj is a free-form JSON object for the parts of Vega-Lite this package
// does not type (scales, axes, legends, config).
type Obj = map[string]any

// Spec is a Vega-Lite specification: the subset of the grammar baserate's
// charts use. It marshals to JSON that validates against the Vega-Lite
// schema (checked in the tests).
type Spec struct {
	Schema      string    `json:"$schema,omitempty"`
	Title       any       `json:"title,omitempty"`
	Description string    `json:"description,omitempty"`
	Width       any       `json:"width,omitempty"`
	Height      any       `json:"height,omitempty"`
	Data        *Data     `json:"data,omitempty"`
	Transform   []Obj     `json:"transform,omitempty"`
	Mark        *Mark     `json:"mark,omitempty"`
	Encoding    *Encoding `json:"encoding,omitempty"`
	Layer       []*Spec   `json:"layer,omitempty"`
	Resolve     Obj       `json:"resolve,omitempty"`
	Config      Obj       `json:"config,omitempty"`
	Usermeta    Obj       `json:"usermeta,omitempty"`
}

// Data holds the chart's rows inline, so a downloaded spec is complete.
type Data struct {
	Name   string `json:"name,omitempty"`
	Values []Row  `json:"values"`
}

// Row is one data row, keyed by field name.
type Row = map[string]any

// Mark is a mark definition.
type Mark struct {
	Type        string  `json:"type"`
	Tooltip     any     `json:"tooltip,omitempty"`
	Point       any     `json:"point,omitempty"`
	Size        float64 `json:"size,omitempty"`
	Opacity     float64 `json:"opacity,omitempty"`
	StrokeDash  []int   `json:"strokeDash,omitempty"`
	Color       string  `json:"color,omitempty"`
	Align       string  `json:"align,omitempty"`
	Baseline    string  `json:"baseline,omitempty"`
	DX          float64 `json:"dx,omitempty"`
	DY          float64 `json:"dy,omitempty"`
	Angle       float64 `json:"angle,omitempty"`
	FontSize    float64 `json:"fontSize,omitempty"`
	Thickness   float64 `json:"thickness,omitempty"`
	StrokeWidth float64 `json:"strokeWidth,omitempty"`
	Filled      *bool   `json:"filled,omitempty"`
}

// Encoding maps visual channels to fields.
type Encoding struct {
	X       *Channel  `json:"x,omitempty"`
	X2      *Channel  `json:"x2,omitempty"`
	Y       *Channel  `json:"y,omitempty"`
	Y2      *Channel  `json:"y2,omitempty"`
	Color   *Channel  `json:"color,omitempty"`
	Shape   *Channel  `json:"shape,omitempty"`
	YOffset *Channel  `json:"yOffset,omitempty"`
	Text    *Channel  `json:"text,omitempty"`
	Tooltip []Channel `json:"tooltip,omitempty"`
	Detail  *Channel  `json:"detail,omitempty"`
}

// Channel is one encoding channel definition.
type Channel struct {
	Field  string `json:"field,omitempty"`
	Type   string `json:"type,omitempty"`
	Title  any    `json:"title,omitempty"`
	Format string `json:"format,omitempty"`
	Sort   any    `json:"sort,omitempty"`
	Scale  any    `json:"scale,omitempty"`
	Axis   any    `json:"axis,omitempty"`
	Legend any    `json:"legend,omitempty"`
	Value  any    `json:"value,omitempty"`
	Stack  any    `json:"stack,omitempty"`
	Datum  any    `json:"datum,omitempty"`
}

// Field describes one column of a chart's data, for the downloads.
type Field struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	// Type is the Vega-Lite measurement type: quantitative, nominal,
	// ordinal or temporal.
	Type string `json:"type"`
}

// Chart is one chart of a page: its data as a table, for the CSV and JSON
// downloads, and the Vega-Lite spec that draws the same rows.
type Chart struct {
	// ID is stable and URL-safe, such as "factsheet-rates".
	ID    string
	Title string
	// Fields lists the data columns in download order.
	Fields []Field
	Rows   []Row
	// Spec draws the chart; its data is filled from Rows when marshalled.
	Spec *Spec
	// Source names where the numbers come from; it is put into the spec's
	// usermeta and shown under the chart.
	Source string
}

// SpecJSON returns the complete Vega-Lite spec with the rows inline.
func (c *Chart) SpecJSON() ([]byte, error) {
	s := *c.Spec
	s.Schema = SchemaURL
	if s.Title == nil && c.Title != "" {
		s.Title = c.Title
	}
	s.Data = &Data{Values: cleanRows(c.Rows)}
	s.Usermeta = Obj{"baserate": Obj{"chart": c.ID, "source": c.Source}}
	return json.Marshal(&s)
}

// cleanRows replaces non-finite numbers by nil: JSON has no NaN, and a
// missing value is drawn as a gap.
func cleanRows(rows []Row) []Row {
	out := make([]Row, len(rows))
	for i, r := range rows {
		cr := make(Row, len(r))
		for k, v := range r {
			if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
				v = nil
			}
			cr[k] = v
		}
		out[i] = cr
	}
	return out
}

// WriteCSV writes the chart's data as CSV with a header of field names.
// Missing numbers are empty cells.
func (c *Chart) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := make([]string, len(c.Fields))
	for i, f := range c.Fields {
		head[i] = f.Name
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	rec := make([]string, len(c.Fields))
	for _, r := range c.Rows {
		for i, f := range c.Fields {
			rec[i] = cell(r[f.Name])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return ""
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		return strconv.Itoa(x)
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v)
}

// DataJSON returns the chart's data as a JSON object with its fields and
// rows.
func (c *Chart) DataJSON() ([]byte, error) {
	var buf bytes.Buffer
	err := json.NewEncoder(&buf).Encode(struct {
		Chart  string  `json:"chart"`
		Title  string  `json:"title"`
		Source string  `json:"source,omitempty"`
		Fields []Field `json:"fields"`
		Rows   []Row   `json:"rows"`
	}{c.ID, c.Title, c.Source, c.Fields, cleanRows(c.Rows)})
	return buf.Bytes(), err
}
