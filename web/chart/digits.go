package chart

import (
	"math"
	"regexp"
	"strconv"
)

// A chart states the format its numbers usually need (Options.Format,
// such as ",.1f" for rates per 100,000); every chart kind raises it where
// the numbers it draws need more digits, so that a rare offence's rate of
// 0.0014 per 100,000 does not read "0.0", on a value label or on an axis
// whose ticks are 0.01 apart. A chart whose numbers the stated format shows
// keeps it unchanged.

// fixedFormat is a d3 format of the kind the charts state: an optional
// thousands separator, a precision, and type f (fixed) or % (percent).
type fixedFormat struct {
	comma   bool
	digits  int // decimals in the text: of the percentage for type %
	percent bool
}

var fixedFormatRE = regexp.MustCompile(`^(,?)\.(\d+)([f%])$`)

func parseFixed(s string) (fixedFormat, bool) {
	m := fixedFormatRE.FindStringSubmatch(s)
	if m == nil {
		return fixedFormat{}, false
	}
	d, _ := strconv.Atoi(m[2])
	return fixedFormat{comma: m[1] == ",", digits: d, percent: m[3] == "%"}, true
}

func (f fixedFormat) String() string {
	s := "." + strconv.Itoa(f.digits) + "f"
	if f.percent {
		s = s[:len(s)-1] + "%"
	}
	if f.comma {
		s = "," + s
	}
	return s
}

// shift is how many decimals of the value the format moves before the
// point: 2 for a percentage.
func (f fixedFormat) shift() int {
	if f.percent {
		return 2
	}
	return 0
}

// valueDigits is the number of decimals of the value (not of the
// percentage) the format shows.
func (f fixedFormat) valueDigits() int { return f.digits + f.shift() }

// atLeast returns f with at least d decimals of the value.
func (f fixedFormat) atLeast(d int) fixedFormat {
	f.digits = max(f.digits, min(d, maxDigits)-f.shift())
	return f
}

// maxDigits bounds the decimals of the value a chart shows.
const maxDigits = 12

// ticks is the number of ticks Vega-Lite asks of a value axis
// (ceil(size/40)) at the smallest and the largest size the chart is drawn.
type ticks struct{ fewest, most int }

// containerTicks are the ticks of an axis across a chart fitted to its
// container: about 200 pixels on a 375px phone, about 1,050 in the widest
// page column (main is 1,100px wide).
var containerTicks = ticks{5, 27}

// ticksFor is the ticks of an axis of fixed size in pixels.
func ticksFor(size int) ticks {
	n := max(1, (size+39)/40)
	return ticks{n, n}
}

// domain is the extent of a continuous scale as given to Vega, before
// its nice rounding, and whether it is niced.
type domain struct {
	lo, hi float64
	nice   bool
}

// extent returns the domain over the finite values, with zero when zero
// is set; ok is false when no value is finite.
func extent(values []float64, zero bool) (d domain, ok bool) {
	d = domain{lo: math.Inf(1), hi: math.Inf(-1), nice: true}
	if zero {
		d.lo, d.hi = 0, 0
		ok = true
	}
	for _, v := range values {
		if finite(v) {
			d.lo, d.hi = math.Min(d.lo, v), math.Max(d.hi, v)
			ok = true
		}
	}
	return d, ok
}

// axisFormat returns the format and the minimum tick step (0: none) of a
// value axis over the domain, so that its tick labels show the ticks'
// values: the format has the decimals of the tick step at the fewest
// ticks (and at least the stated format's), and the minimum step keeps
// a wider chart from drawing ticks closer than those decimals can tell
// apart (",.1f" labelled ticks 2.25 and 2.30 "2.3" and "2.3").
func axisFormat(format string, d domain, t ticks) (string, float64) {
	f, ok := parseFixed(format)
	if !ok || !finite(d.lo) || !finite(d.hi) || d.hi <= d.lo {
		return format, 0
	}
	lo, hi := d.lo, d.hi
	if d.nice {
		lo, hi = niceDomain(lo, hi, 10)
	}
	f = f.atLeast(stepDigits(tickStep(hi-lo, t.fewest)))
	minStep := 0.0
	if stepDigits(tickStep(hi-lo, t.most)) > f.valueDigits() {
		minStep = math.Pow10(-f.valueDigits())
	}
	return f.String(), minStep
}

// axis returns the Vega-Lite axis properties of a value axis: its format
// and, where needed, its minimum tick step (see [axisFormat]).
func axis(format string, d domain, t ticks) Obj {
	f, step := axisFormat(format, d, t)
	a := Obj{"format": f}
	if step > 0 {
		a["tickMinStep"] = step
	}
	return a
}

// stepDigits is the number of decimals of a tick step (1, 2 or 5 times a
// power of 10).
func stepDigits(step float64) int {
	if !(step > 0) || math.IsInf(step, 0) {
		return 0
	}
	return max(0, -int(math.Floor(math.Log10(step)+1e-9)))
}

// niceDomain extends [lo, hi] to multiples of the tick step of count
// ticks, as d3's linear.nice (which Vega applies to a scale with nice:
// true) does.
func niceDomain(lo, hi float64, count int) (float64, float64) {
	prev := 0.0
	for range 10 {
		step := tickStep(hi-lo, count)
		if !(step > 0) || math.IsInf(step, 0) || step == prev {
			break
		}
		if step >= 1 {
			lo, hi = math.Floor(lo/step)*step, math.Ceil(hi/step)*step
		} else {
			// As d3, by the inverse step: 0.3/0.1 is 2.9999999999999996.
			inv := math.Round(1 / step)
			lo, hi = math.Floor(lo*inv)/inv, math.Ceil(hi*inv)/inv
		}
		prev = step
	}
	return lo, hi
}

// tickStep is the step of d3's ticks (d3-array tickIncrement) over a span
// with about count ticks: 1, 2 or 5 times a power of 10.
func tickStep(span float64, count int) float64 {
	raw := span / float64(count)
	step := math.Pow(10, math.Floor(math.Log10(raw)))
	switch e := raw / step; {
	case e >= math.Sqrt(50):
		step *= 10
	case e >= math.Sqrt(10):
		step *= 5
	case e >= math.Sqrt(2):
		step *= 2
	}
	return step
}

// labelFormat returns the format of numbers written out (value labels and
// tooltips): the stated format, with more decimals where it would round a
// value to 0 (a rate of 0.03 per 100,000 read "0.0"), or a share below 1
// to 100%. Such a value gets two significant digits (0.0014, 0.39), the
// remainder of a share to 1 one (99.96%). Values smaller than a
// billionth of the largest are taken for rounding noise, such as a
// decomposition's part that is zero.
func labelFormat(format string, values ...float64) string {
	f, ok := parseFixed(format)
	if !ok {
		return format
	}
	largest := 0.0
	for _, v := range values {
		if finite(v) {
			largest = math.Max(largest, math.Abs(v))
		}
	}
	for _, v := range values {
		a := math.Abs(v)
		if !finite(v) || a <= largest*1e-9 {
			continue
		}
		scale := math.Pow10(f.valueDigits())
		if math.Round(a*scale) == 0 {
			f = f.atLeast(1 - int(math.Floor(math.Log10(a))))
		}
		if r := 1 - v; f.percent && r > 0 && math.Round(v*scale) == scale {
			f = f.atLeast(-int(math.Floor(math.Log10(r))))
		}
	}
	return f.String()
}
