package chart

import (
	"math"
	"strconv"
	"testing"
)

// TestAxisFormat: a value axis keeps the stated format where it shows the
// ticks (the usual rates, ratios and shares), and gets the decimals of its
// tick step, and a minimum step for wide charts, where it does not.
func TestAxisFormat(t *testing.T) {
	for _, c := range []struct {
		name     string
		format   string
		d        domain
		t        ticks
		want     string
		wantStep float64
	}{
		{"890000 rates", ",.1f", domain{1850.5, 6500, true}, containerTicks, ",.1f", 0},
		{"890000 ratios", ".2f", domain{1, 3.5, true}, containerTicks, ".2f", 0},
		{"shares", ".1%", domain{0, 1, false}, containerTicks, ".1%", 0},
		// 050000, 2017: rates 0.0014 and 0, intervals to 0.038; the axis
		// read 0.0, 0.0, 0.0.
		{"050000 rates", ",.1f", domain{0, 0.0381, true}, containerTicks, ",.2f", 0.01},
		// 896000, 2024: ticks 2.25, 2.30 read "2.3", "2.3" at 1,000px.
		{"896000 rates", ",.1f", domain{1.9, 2.9, true}, containerTicks, ",.1f", 0.1},
		// 000000, 2024: a gap of 8.9 split into parts; ticks 0.5 apart
		// read 0, 1, 1, 2, 2.
		{"000000 decomposition", ",.0f", domain{0, 10.72, true}, containerTicks, ",.0f", 1},
		{"050000 trend", ",.0f", domain{0, 0.0013742, true}, ticksFor(260), ",.4f", 0},
		{"111500 trend", ",.0f", domain{0, 0.109, true}, ticksFor(260), ",.2f", 0},
		{"890000 trend", ",.0f", domain{0, 6736.6, true}, ticksFor(260), ",.0f", 0},
		{"small shares", ".0%", domain{0, 0.02, true}, ticksFor(260), ".1%", 0},
		{"fixed width", ",.0f", domain{0, 0.5, true}, ticksFor(400), ",.2f", 0},
		{"not fixed", "d", domain{0, 0.5, true}, containerTicks, "d", 0},
		{"empty", ",.1f", domain{0, 0, true}, containerTicks, ",.1f", 0},
		{"infinite", ",.1f", domain{0, math.Inf(1), true}, containerTicks, ",.1f", 0},
	} {
		got, step := axisFormat(c.format, c.d, c.t)
		if got != c.want || step != c.wantStep {
			t.Errorf("%s: axisFormat(%q, %v, %v) = %q, %v; want %q, %v", c.name, c.format, c.d, c.t, got, step, c.want, c.wantStep)
		}
	}
}

// TestAxisLabelsShowTicks follows Vega over many domains and every width
// of a chart fitted to its container: the tick count is ceil(width/40),
// cut by tickMinStep as Vega's tickCount does, and the ticks are d3's. With
// the format and minimum step of [axisFormat] every tick label must show
// its tick's value exactly, and the axis must keep at least two ticks.
func TestAxisLabelsShowTicks(t *testing.T) {
	for _, hi := range []float64{0.0004, 0.0013742, 0.0381, 0.109, 0.5, 0.95, 2.9, 9.5, 10.72, 48, 730, 6736.6, 2.4e6} {
		for _, lo := range []float64{0, hi / 3, -hi / 2, hi * 0.9} {
			for _, format := range []string{",.0f", ",.1f", ".2f"} {
				d := domain{lo, hi, true}
				f, minStep := axisFormat(format, d, containerTicks)
				ff, _ := parseFixed(f)
				nlo, nhi := niceDomain(lo, hi, 10)
				span := nhi - nlo
				for n := containerTicks.fewest; n <= containerTicks.most; n++ {
					count := n
					if minStep > 0 {
						count = max(1, min(count, int(math.Floor(span/minStep))))
					}
					step := tickStep(span, count)
					if stepDigits(step) > ff.valueDigits() {
						t.Errorf("[%g, %g] %s, %d ticks: step %g, format %s", lo, hi, format, n, step, f)
					}
					if step > span*(1+1e-9) {
						t.Errorf("[%g, %g] %s, %d ticks: step %g, one tick over [%g, %g]", lo, hi, format, n, step, nlo, nhi)
					}
					// The label of the tick nearest zero but not zero.
					tick := math.Ceil(nlo/step+1e-9) * step
					if tick == 0 {
						tick = step
					}
					label, _ := strconv.ParseFloat(strconv.FormatFloat(tick, 'f', ff.valueDigits(), 64), 64)
					if math.Abs(label-tick) > 1e-9*math.Abs(tick) {
						t.Errorf("[%g, %g] %s, %d ticks: tick %g labelled %g", lo, hi, f, n, tick, label)
					}
				}
			}
		}
	}
}

// TestLabelFormat: value labels keep the stated format unless it rounds a
// value to 0 or a share below 1 to 100%.
func TestLabelFormat(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		format string
		values []float64
		want   string
	}{
		{",.1f", []float64{1853.7, 5739.4, 1850.5}, ",.1f"},
		{".2f", []float64{3.10, 2.43, 1}, ".2f"},
		{",.0f", []float64{900, 2985, -12, 3885}, ",.0f"},
		{".1%", []float64{0.415, 0.145, 0.012}, ".1%"},
		// 050000, 2017: "0.0" for a rate of 0.0014.
		{",.1f", []float64{0.001367736782557603, 0}, ",.4f"},
		{",.1f", []float64{0.03, 1.2}, ",.3f"},
		{",.1f", []float64{-0.03}, ",.3f"},
		// 000000, 2024: a part of 0.39 read "0".
		{",.0f", []float64{8.93, 1.90, 0.39, 6.64}, ",.2f"},
		{".1%", []float64{0.0003, 0.2}, ".3%"},
		{".1%", []float64{0.9996, 0.5}, ".2%"},
		{".0%", []float64{1, 0}, ".0%"},
		// A part that is zero but for rounding stays "0".
		{",.0f", []float64{900, 2985, 1e-13}, ",.0f"},
		{",.2f", []float64{nan, math.Inf(1)}, ",.2f"},
		{",.1f", []float64{1e-300}, ",.12f"},
		{"d", []float64{0.5}, "d"},
	} {
		if got := labelFormat(c.format, c.values...); got != c.want {
			t.Errorf("labelFormat(%q, %v) = %q, want %q", c.format, c.values, got, c.want)
		}
	}
}

func TestNiceDomain(t *testing.T) {
	for _, c := range [][4]float64{
		{0, 0.0381, 0, 0.04},
		{0, 0.3, 0, 0.3},
		{1850.5, 6500, 1500, 6500},
		{-0.05, 0.05, -0.05, 0.05},
		{0, 10.72, 0, 11},
	} {
		if lo, hi := niceDomain(c[0], c[1], 10); math.Abs(lo-c[2]) > 1e-12 || math.Abs(hi-c[3]) > 1e-12 {
			t.Errorf("niceDomain(%g, %g) = %g, %g; want %g, %g", c[0], c[1], lo, hi, c[2], c[3])
		}
	}
}

// The charts use the formats: a fact sheet's rates of a rare offence
// (050000, 2017) label their axis and points with the digits they need.
func TestChartsRaiseFormats(t *testing.T) {
	c := Intervals("factsheet-rates", "Suspects per 100,000", []Estimate{
		{Category: "German", Value: 0.001367736782557603, Lo: 0.000034628097233843855, Hi: 0.0076205416050811004},
		{Category: "non-German", Value: 0, Lo: 0, Hi: 0.03811271580637256},
	}, Options{Unit: "per 100,000", Format: ",.1f", Ref: NoRef})
	validate(t, c)
	var axisF, textF, tipF any
	var minStep any
	for _, l := range c.Spec.Layer {
		e := l.Encoding
		if e.X != nil && e.X.Axis != nil {
			axisF, minStep = e.X.Axis.(Obj)["format"], e.X.Axis.(Obj)["tickMinStep"]
		}
		if e.Text != nil {
			textF = e.Text.Format
		}
		for _, tc := range e.Tooltip {
			if tc.Field == "lo" {
				tipF = tc.Format
			}
		}
	}
	if axisF != ",.2f" || minStep != 0.01 || textF != ",.4f" || tipF != ",.6f" {
		t.Errorf("axis %v (tickMinStep %v), labels %v, tooltip %v; want ,.2f (0.01), ,.4f, ,.6f", axisF, minStep, textF, tipF)
	}

	d := Decomposition("d", "Gap", []Part{{"crude gap", 8.93, "total"}, {"composition: sex", 0.39, "composition"}}, Options{Format: ",.0f"})
	validate(t, d)
	bar := d.Spec.Layer[0].Encoding.X.Axis.(Obj)
	if bar["format"] != ",.0f" || bar["tickMinStep"] != 1.0 || d.Spec.Layer[1].Encoding.Text.Format != ",.2f" {
		t.Errorf("decomposition axis %v, labels %q", bar, d.Spec.Layer[1].Encoding.Text.Format)
	}

	tr := Trend("t", "Rates", []Point{{2020, "German", 0.0013742, nan(), nan()}, {2021, "German", 0.0002, nan(), nan()}}, nil, Options{Format: ",.0f"})
	validate(t, tr)
	for _, l := range tr.Spec.Layer {
		if y := l.Encoding.Y; y != nil && y.Field == "value" {
			if f := y.Axis.(Obj)["format"]; f != ",.4f" {
				t.Errorf("trend axis format %v, want ,.4f", f)
			}
		}
	}
}

func nan() float64 { return math.NaN() }
