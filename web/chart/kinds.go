package chart

import (
	"math"
	"slices"
	"strings"
)

// Estimate is one number with its interval, as drawn by [Intervals]:
// a category on the y axis and, when several series share a category, the
// series that tells them apart.
type Estimate struct {
	Category string
	Series   string
	Value    float64
	// Lo and Hi bound the interval; NaN when there is none.
	Lo, Hi float64
}

// Options adjust a chart.
type Options struct {
	// Unit titles the value axis, such as "suspects per 100,000".
	Unit string
	// Format is the d3 number format of values, such as ",.1f" or ".1%".
	Format string
	// Ref draws a vertical reference line at this value when not NaN (for
	// ratios, 1). RefLabel labels it.
	Ref      float64
	RefLabel string
	// Width and Height in pixels; zero uses the container's width and a
	// height from the number of rows.
	Width, Height int
}

// NoRef is the Ref of a chart without a reference line.
var NoRef = math.NaN()

func (o Options) format() string {
	if o.Format == "" {
		return ",.2f"
	}
	return o.Format
}

func nanToNil(f float64) any {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return f
}

func size(s *Spec, o Options, rows int) {
	s.Width = "container"
	if o.Width > 0 {
		s.Width = o.Width
	}
	h := 28*rows + 20
	if h < 80 {
		h = 80
	}
	if o.Height > 0 {
		h = o.Height
	}
	s.Height = h
}

// Intervals draws one point per estimate with a rule for its interval, one
// row per category, series told apart by colour. It suits rates per
// 100,000, ratios (with Ref 1) and shares.
func Intervals(id, title string, est []Estimate, o Options) *Chart {
	c := &Chart{ID: id, Title: title, Fields: []Field{
		{"category", "Category", "nominal"},
		{"series", "Series", "nominal"},
		{"value", title, "quantitative"},
		{"lo", "Interval low", "quantitative"},
		{"hi", "Interval high", "quantitative"},
	}}
	var cats, series []string
	for _, e := range est {
		c.Rows = append(c.Rows, Row{"category": e.Category, "series": e.Series,
			"value": nanToNil(e.Value), "lo": nanToNil(e.Lo), "hi": nanToNil(e.Hi)})
		if !slices.Contains(cats, e.Category) {
			cats = append(cats, e.Category)
		}
		if !slices.Contains(series, e.Series) {
			series = append(series, e.Series)
		}
	}
	f := o.format()
	var values, bounds []float64
	for _, e := range est {
		values = append(values, e.Value)
		bounds = append(bounds, e.Value, e.Lo, e.Hi)
	}
	labelF, tipF := labelFormat(f, values...), labelFormat(f, bounds...)
	y := &Channel{Field: "category", Type: "nominal", Title: nil, Sort: cats, Axis: Obj{"title": nil, "labelLimit": 260}}
	var color, yOff *Channel
	if len(series) > 1 {
		color = &Channel{Field: "series", Type: "nominal", Title: nil, Sort: series, Legend: Obj{"orient": "bottom", "title": nil, "labelLimit": 420, "columns": 2}}
		yOff = &Channel{Field: "series", Type: "nominal", Sort: series}
	}
	tip := []Channel{
		{Field: "category", Type: "nominal", Title: "Category"},
		{Field: "series", Type: "nominal", Title: "Series"},
		{Field: "value", Type: "quantitative", Title: o.Unit, Format: tipF},
		{Field: "lo", Type: "quantitative", Title: "low", Format: tipF},
		{Field: "hi", Type: "quantitative", Title: "high", Format: tipF},
	}
	x := &Channel{Field: "value", Type: "quantitative", Title: axisTitle(o.Unit), Scale: Obj{"zero": false}}
	if o.Format == ".1%" || o.Format == ".0%" {
		x.Scale = Obj{"domain": []float64{0, 1}}
	} else if lo, hi, ok := fixedDomain(est, o.Ref); ok {
		// A field with no number in any row (an undefined ratio) has no
		// extent: Vega warns and draws no axis unless the domain is given.
		x.Scale = Obj{"domain": []float64{lo, hi}}
	} else if hi, ok := labelRoom(est, o.Ref); ok {
		// The value labels are drawn right of their points; the largest
		// would be cut off at the plot's right edge without this room.
		x.Scale = Obj{"zero": false, "domainMax": hi}
	}
	x.Axis = axis(f, intervalsDomain(est, o.Ref, x.Scale.(Obj)), widthTicks(o))
	// Series are told apart by shape as well as colour, so that the chart
	// and its legend read without colour vision.
	var shape *Channel
	if color != nil {
		shape = &Channel{Field: "series", Type: "nominal", Title: nil, Sort: series, Legend: color.Legend}
	}
	ruleX := &Channel{Field: "lo", Type: "quantitative"}
	if _, fixed := x.Scale.(Obj)["domain"]; fixed {
		// Every layer names the domain: Vega-Lite would otherwise unite
		// it with the extent of the interval's fields.
		ruleX.Scale = x.Scale
	}
	layers := []*Spec{
		{
			// Only whole intervals: a rule from a lower limit to no upper
			// one (an undefined ratio's) would be drawn off the plot, and
			// the chart, fitted to its container, shrinks to nothing.
			Transform: []Obj{{"filter": "isValid(datum.lo) && isFinite(datum.lo) && isValid(datum.hi) && isFinite(datum.hi)"}},
			Mark:      &Mark{Type: "rule", StrokeWidth: 2},
			Encoding:  &Encoding{Y: y, YOffset: yOff, Color: color, X: ruleX, X2: &Channel{Field: "hi"}},
		},
		{
			Mark:     &Mark{Type: "point", Filled: ptr(true), Size: 80, Tooltip: true},
			Encoding: &Encoding{Y: y, YOffset: yOff, Color: color, Shape: shape, X: x, Tooltip: tip},
		},
		{
			Mark:     &Mark{Type: "text", Align: "left", DX: 8, DY: -8, FontSize: 11},
			Encoding: &Encoding{Y: y, YOffset: yOff, X: &Channel{Field: "value", Type: "quantitative", Scale: ruleX.Scale}, Text: &Channel{Field: "value", Type: "quantitative", Format: labelF}},
		},
	}
	if slices.ContainsFunc(est, func(e Estimate) bool { return !finite(e.Value) }) {
		// A category without a value (an undefined ratio) says so in its
		// row instead of being an empty row.
		layers = append(layers, &Spec{
			Transform: []Obj{{"filter": "!isValid(datum.value) || !isFinite(datum.value)"}},
			Mark:      &Mark{Type: "text", Align: "left", Baseline: "middle", DX: 4, FontSize: 11, Color: "#555"},
			Encoding:  &Encoding{Y: y, YOffset: yOff, X: &Channel{Value: 0}, Text: &Channel{Value: Undefined}},
		})
	}
	if !math.IsNaN(o.Ref) {
		ref := []*Spec{{
			Mark:     &Mark{Type: "rule", StrokeDash: []int{4, 4}, Color: "#666"},
			Encoding: &Encoding{X: &Channel{Datum: o.Ref, Type: "quantitative"}},
		}}
		if o.RefLabel != "" {
			ref = append(ref, &Spec{
				Data: &Data{Values: []Row{{"ref": o.Ref, "label": o.RefLabel}}},
				// Above the plot, where no value label of the first row
				// can run into it (on a phone they overlapped).
				Mark:     &Mark{Type: "text", Align: "left", Baseline: "bottom", DX: 3, DY: -2, FontSize: 10, Color: "#555"},
				Encoding: &Encoding{X: &Channel{Field: "ref", Type: "quantitative"}, Y: &Channel{Value: 0}, Text: &Channel{Field: "label", Type: "nominal"}},
			})
		}
		layers = append(ref, layers...)
	}
	s := &Spec{Layer: layers}
	size(s, o, len(cats)*max(1, len(series)))
	if len(series) > 1 {
		s.Height = 34*len(cats)*len(series) + 60
	}
	c.Spec = s
	return c
}

// intervalsDomain is the domain of the x scale of [Intervals]: the
// scale's own, or the extent of the values, the whole intervals and the
// reference line, up to the domainMax that leaves room for the labels.
func intervalsDomain(est []Estimate, ref float64, scale Obj) domain {
	if d, ok := scale["domain"].([]float64); ok {
		return domain{lo: d[0], hi: d[1]}
	}
	vs := []float64{ref}
	for _, e := range est {
		vs = append(vs, e.Value)
		if finite(e.Lo) && finite(e.Hi) {
			vs = append(vs, e.Lo, e.Hi)
		}
	}
	d, _ := extent(vs, false)
	if m, ok := scale["domainMax"].(float64); ok {
		d.hi = m
	}
	return d
}

// widthTicks is the ticks of the x axis of a chart of o's width.
func widthTicks(o Options) ticks {
	if o.Width > 0 {
		return ticksFor(o.Width)
	}
	return containerTicks
}

// Undefined is the label of [Intervals] in the row of a category that has
// no value to draw.
const Undefined = "undefined: no value to draw"

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// fixedDomain returns the x domain of [Intervals] when no row has a value
// or none has a whole interval: Vega takes a scale's domain from the
// extent of every field on it, and an empty extent is infinite (Vega
// warns, and draws no axis). The domain spans the values, the intervals that have both
// limits and the reference line, with room for the value labels; with
// nothing to span it is [0, 2×ref] (a ratio's 1 in the middle) or [0, 1].
func fixedDomain(est []Estimate, ref float64) (lo, hi float64, ok bool) {
	var anyValue, anyInterval bool
	for _, e := range est {
		anyValue = anyValue || finite(e.Value)
		anyInterval = anyInterval || finite(e.Lo) && finite(e.Hi)
	}
	if anyValue && anyInterval {
		return 0, 0, false
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	span := func(v float64) {
		if finite(v) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	for _, e := range est {
		span(e.Value)
		if finite(e.Lo) && finite(e.Hi) {
			span(e.Lo)
			span(e.Hi)
		}
	}
	span(ref)
	switch {
	case math.IsInf(lo, 1) || lo == hi && lo == 0:
		return 0, 1, true
	case lo == hi:
		return lo - math.Abs(lo), hi + math.Abs(hi), true
	}
	if top, ok := labelRoom(est, ref); ok {
		hi = math.Max(hi, top)
	}
	return lo, hi, true
}

// labelRoom returns the upper end of the x domain of [Intervals] that
// leaves room, right of the largest point, for its value label: a fifth of
// the data's span (about 40 pixels of a 200-pixel plot, the narrowest a
// phone shows). The label of a point whose interval reaches further right
// sits inside the interval's span and needs no room.
func labelRoom(est []Estimate, ref float64) (float64, bool) {
	lo, hi, top := math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, e := range est {
		for _, v := range []float64{e.Value, e.Lo, e.Hi} {
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
		if !math.IsNaN(e.Value) {
			top = math.Max(top, e.Value)
		}
	}
	if !math.IsNaN(ref) {
		lo, hi = math.Min(lo, ref), math.Max(hi, ref)
	}
	if math.IsInf(top, -1) {
		return 0, false
	}
	span := hi - lo
	if span <= 0 {
		span = math.Abs(hi)
	}
	if span == 0 {
		return 0, false
	}
	return math.Max(hi, top+span/5), true
}

func ptr[T any](v T) *T { return &v }

// titleLine is the longest line of an x axis title: about 200 pixels of
// bold 11px text, the width of the plot of an interval chart on a 375px
// phone.
const titleLine = 28

// axisTitle returns an x axis title as lines of at most titleLine bytes
// where it has spaces to break at (Vega draws a list of strings as lines),
// so that a long title such as "share of suspects (dashed: share of the
// population)" is not cut off at the edge of a narrow chart.
func axisTitle(t string) any {
	if len(t) <= titleLine {
		return t
	}
	var lines []string
	line := ""
	for _, w := range strings.Fields(t) {
		if line != "" && len(line)+1+len(w) > titleLine {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}

// nullScale marshals as "scale": null: the field is drawn in pixels.
var nullScale any = jsonNull{}

type jsonNull struct{}

func (jsonNull) MarshalJSON() ([]byte, error) { return []byte("null"), nil }

// Part is one component of a decomposition, such as the part of a gap
// due to age structure.
type Part struct {
	Name  string
	Value float64
	// Kind groups parts for colour: "composition", "rate" or "total".
	Kind string
}

// Decomposition draws the parts of a gap as horizontal bars from zero, in
// the order given, coloured by kind.
func Decomposition(id, title string, parts []Part, o Options) *Chart {
	c := &Chart{ID: id, Title: title, Fields: []Field{
		{"part", "Part", "nominal"},
		{"kind", "Kind", "nominal"},
		{"value", title, "quantitative"},
	}}
	var names []string
	for _, p := range parts {
		c.Rows = append(c.Rows, Row{"part": p.Name, "kind": p.Kind, "value": nanToNil(p.Value)})
		names = append(names, p.Name)
	}
	f := o.format()
	values := make([]float64, len(parts))
	for i, p := range parts {
		values[i] = p.Value
	}
	labelF := labelFormat(f, values...)
	y := &Channel{Field: "part", Type: "nominal", Sort: names, Axis: Obj{"title": nil, "labelLimit": 260}}
	var xScale any
	dom, _ := extent(values, true)
	if hi, ok := barLabelRoom(parts); ok {
		// The value labels are drawn right of their bars; the longest
		// bar's was cut off at the plot's edge on a phone.
		xScale = Obj{"domainMax": hi}
		dom.hi = hi
	}
	s := &Spec{Layer: []*Spec{
		{
			Mark: &Mark{Type: "bar", Tooltip: true},
			Encoding: &Encoding{
				Y: y,
				X: &Channel{Field: "value", Type: "quantitative", Title: axisTitle(o.Unit), Axis: axis(f, dom, widthTicks(o)), Scale: xScale},
				Color: &Channel{Field: "kind", Type: "nominal", Title: nil, Legend: Obj{"orient": "bottom", "title": nil},
					Scale: Obj{"domain": []string{"composition", "rate", "total"}, "range": []string{"#4c78a8", "#f58518", "#54a24b"}}},
				Tooltip: []Channel{{Field: "part", Type: "nominal", Title: "Part"}, {Field: "value", Type: "quantitative", Title: o.Unit, Format: labelF}},
			},
		},
		{
			Mark:     &Mark{Type: "text", Align: "left", DX: 4, FontSize: 11},
			Encoding: &Encoding{Y: y, X: &Channel{Field: "value", Type: "quantitative"}, Text: &Channel{Field: "value", Type: "quantitative", Format: labelF}},
		},
		{
			Mark:     &Mark{Type: "rule", Color: "#333"},
			Encoding: &Encoding{X: &Channel{Datum: 0, Type: "quantitative"}},
		},
	}}
	size(s, o, len(parts))
	c.Spec = s
	return c
}

// barLabelRoom returns the upper end of the x domain of [Decomposition]
// that leaves a fifth of the bars' span (from zero) right of the longest
// bar for its label.
func barLabelRoom(parts []Part) (float64, bool) {
	lo, hi := 0.0, 0.0
	for _, p := range parts {
		if finite(p.Value) {
			lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
		}
	}
	if hi <= 0 {
		return 0, false
	}
	return hi + (hi-lo)/5, true
}

// Point is one value of a series at a year.
type Point struct {
	Year   int
	Series string
	Value  float64
	// Lo and Hi bound the interval; NaN when there is none.
	Lo, Hi float64
}

// Break marks a break in a series, such as a change in the counting rule.
type Break struct {
	Year  int
	Label string
}

// Trend draws series over years as lines with points, an interval band
// where the points have intervals, and a dashed rule at each break.
func Trend(id, title string, pts []Point, breaks []Break, o Options) *Chart {
	c := &Chart{ID: id, Title: title, Fields: []Field{
		{"year", "Year", "quantitative"},
		{"series", "Series", "nominal"},
		{"value", title, "quantitative"},
		{"lo", "Interval low", "quantitative"},
		{"hi", "Interval high", "quantitative"},
	}}
	var series []string
	hasInterval := false
	for _, p := range pts {
		c.Rows = append(c.Rows, Row{"year": p.Year, "series": p.Series, "value": nanToNil(p.Value), "lo": nanToNil(p.Lo), "hi": nanToNil(p.Hi)})
		if !slices.Contains(series, p.Series) {
			series = append(series, p.Series)
		}
		if !math.IsNaN(p.Lo) && !math.IsNaN(p.Hi) {
			hasInterval = true
		}
	}
	f := o.format()
	// The value scale takes in zero (Vega-Lite's default) and the bands.
	var values, all []float64
	for _, p := range pts {
		values = append(values, p.Value)
		all = append(all, p.Value)
		if hasInterval {
			all = append(all, p.Lo, p.Hi)
		}
	}
	dom, _ := extent(all, true)
	height := 260
	if o.Height > 0 {
		height = o.Height
	}
	x := &Channel{Field: "year", Type: "quantitative", Title: nil, Axis: Obj{"format": "d", "tickMinStep": 1}, Scale: Obj{"zero": false}}
	// One column: two columns of long series names ("berlin-polizei:
	// foreign share of origin-naming items") ran past a phone's chart.
	color := &Channel{Field: "series", Type: "nominal", Title: nil, Sort: series, Legend: Obj{"orient": "bottom", "title": nil, "labelLimit": 420, "columns": 1}}
	var layers []*Spec
	if hasInterval {
		layers = append(layers, &Spec{
			Mark: &Mark{Type: "area", Opacity: 0.2},
			Encoding: &Encoding{X: x, Color: color,
				Y:  &Channel{Field: "lo", Type: "quantitative"},
				Y2: &Channel{Field: "hi"}},
		})
	}
	// The points of each series have their own shape too, so that the
	// lines and the legend read without colour vision.
	shape := &Channel{Field: "series", Type: "nominal", Title: nil, Sort: series, Legend: color.Legend}
	layers = append(layers, &Spec{
		Mark: &Mark{Type: "line", Point: true, Tooltip: true},
		Encoding: &Encoding{X: x, Color: color, Shape: shape,
			Y: &Channel{Field: "value", Type: "quantitative", Title: o.Unit, Axis: axis(f, dom, ticksFor(height))},
			Tooltip: []Channel{{Field: "year", Type: "quantitative", Title: "Year", Format: "d"},
				{Field: "series", Type: "nominal", Title: "Series"},
				{Field: "value", Type: "quantitative", Title: o.Unit, Format: labelFormat(f, values...)}}},
	})
	if len(breaks) > 0 {
		// The years the chart spans: a break in its right half is labelled
		// to the left of its rule, so that the label stays inside the chart
		// whatever the font's width.
		lo, hi := math.MaxInt, math.MinInt
		for _, p := range pts {
			lo, hi = min(lo, p.Year), max(hi, p.Year)
		}
		var rows, left, right []Row
		for i, b := range breaks {
			// Labels are staggered so that close breaks do not overlap.
			r := Row{"year": b.Year, "label": b.Label, "row": 2 + 12*(i%3)}
			rows = append(rows, r)
			if lo < hi && 2*(b.Year-lo) > hi-lo {
				right = append(right, r)
			} else {
				left = append(left, r)
			}
		}
		bx := &Channel{Field: "year", Type: "quantitative"}
		layers = append(layers, &Spec{
			Data:     &Data{Values: rows},
			Mark:     &Mark{Type: "rule", StrokeDash: []int{4, 3}, Color: "#888"},
			Encoding: &Encoding{X: bx},
		})
		for _, side := range []struct {
			rows  []Row
			align string
			dx    float64
		}{{left, "left", 3}, {right, "right", -3}} {
			if len(side.rows) == 0 {
				continue
			}
			layers = append(layers, &Spec{
				Data:     &Data{Values: side.rows},
				Mark:     &Mark{Type: "text", Align: side.align, Baseline: "top", DX: side.dx, DY: 2, FontSize: 10, Color: "#555"},
				Encoding: &Encoding{X: bx, Y: &Channel{Field: "row", Type: "quantitative", Scale: nullScale}, Text: &Channel{Field: "label", Type: "nominal"}},
			})
		}
	}
	s := &Spec{Layer: layers}
	s.Width = "container"
	if o.Width > 0 {
		s.Width = o.Width
	}
	s.Height = height
	c.Spec = s
	return c
}
