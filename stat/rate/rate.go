package rate

import (
	"fmt"
	"math"

	"github.com/baserate/baserate"
	"gonum.org/v1/gonum/stat/distuv"
)

// Interval is a confidence interval [lower, upper].
type Interval [2]float64

// Options set the multiplier, the confidence level and the DSR interval
// method. The zero value means per 100,000, 95% and Fay–Feuer.
type Options struct {
	Per    float64 // rates are per this many people; 0 means 100000
	Conf   float64 // confidence level in (0,1); 0 means 0.95
	Method Method  // DSR interval method; "" means FayFeuer
}

// Method is the interval method of a directly standardized rate.
type Method string

// The DSR interval methods.
const (
	FayFeuer    Method = "fay-feuer"    // Fay & Feuer 1997 gamma; epitools::ageadjust.direct
	Tiwari      Method = "tiwari"       // Tiwari, Clegg & Zou 2006 modified gamma
	Dobson      Method = "dobson"       // Dobson et al. 1991 with Byar's count interval; PHEindicatormethods
	DobsonExact Method = "dobson-exact" // Dobson et al. 1991 with the exact (Garwood) count interval
)

// Methods lists the DSR interval methods.
var Methods = []Method{FayFeuer, Tiwari, Dobson, DobsonExact}

// SmallCount is the number of events below which a rate gets warning
// "small-count" (the NCHS and PHE convention of 20).
const SmallCount = 20

// Defaults returns o with zero fields replaced by the defaults, or an error
// naming a bad field.
func (o Options) Defaults() (Options, error) {
	if o.Per == 0 {
		o.Per = 100000
	}
	if o.Conf == 0 {
		o.Conf = 0.95
	}
	if o.Method == "" {
		o.Method = FayFeuer
	}
	if !(o.Per > 0) || math.IsInf(o.Per, 0) {
		return o, baserate.E("rate", baserate.KindInvalid, fmt.Sprintf("multiplier %v must be a positive number", o.Per))
	}
	if !(o.Conf > 0 && o.Conf < 1) {
		return o, baserate.E("rate", baserate.KindInvalid, fmt.Sprintf("confidence level %v must be between 0 and 1", o.Conf))
	}
	ok := false
	for _, m := range Methods {
		ok = ok || m == o.Method
	}
	if !ok {
		return o, baserate.E("rate", baserate.KindInvalid, fmt.Sprintf("unknown interval method %q (want fay-feuer, tiwari, dobson or dobson-exact)", o.Method))
	}
	return o, nil
}

func (o Options) alpha() float64 { return 1 - o.Conf }

func (o Options) z() float64 {
	return distuv.UnitNormal.Quantile(1 - o.alpha()/2)
}

// gammaQ is the p-quantile of a gamma distribution with the given shape and
// scale.
func gammaQ(p, shape, scale float64) float64 {
	// gonum's quantile search does not return for a NaN or infinite shape
	// or scale (a shape of 0/0 hung standardize): no quantile, NaN.
	if math.IsNaN(shape) || math.IsInf(shape, 0) || math.IsNaN(scale) || math.IsInf(scale, 0) {
		return math.NaN()
	}
	return distuv.Gamma{Alpha: shape, Beta: 1 / scale}.Quantile(p)
}

// Garwood returns the exact (Garwood 1936) two-sided interval for the mean
// of a Poisson count x at confidence level conf. A zero count has lower
// limit 0.
func Garwood(x, conf float64) Interval {
	a := 1 - conf
	var lo float64
	if x > 0 {
		lo = gammaQ(a/2, x, 1)
	}
	return Interval{lo, gammaQ(1-a/2, x+1, 1)}
}

// Byar returns Byar's approximation to the exact Poisson interval for a
// count x, as PHEindicatormethods computes it.
func Byar(x, conf float64) Interval {
	z := distuv.UnitNormal.Quantile(1 - (1-conf)/2)
	var lo float64
	if x > 0 {
		lo = x * math.Pow(1-1/(9*x)-z/(3*math.Sqrt(x)), 3)
	}
	up := (x + 1) * math.Pow(1-1/(9*(x+1))+z/(3*math.Sqrt(x+1)), 3)
	return Interval{lo, up}
}

// warn appends a warning.
func warn(ws []baserate.Warning, code, format string, args ...any) []baserate.Warning {
	return append(ws, baserate.Warning{Code: code, Message: fmt.Sprintf(format, args...)})
}

// Crude is a crude rate: events per Per people.
type Crude struct {
	Count float64  `json:"count"`
	Pop   float64  `json:"pop"`
	Rate  float64  `json:"rate"`
	CI    Interval `json:"ci"`
	Per   float64  `json:"per"`
	// Warnings are remarks about this rate.
	Warnings []baserate.Warning `json:"warnings,omitempty"`
}

// CrudeRate returns count/pop*Per with the exact Garwood interval. A zero
// population gives rate and interval 0 with warning "zero-pop".
func CrudeRate(count, pop float64, o Options) (Crude, error) {
	o, err := o.Defaults()
	if err != nil {
		return Crude{}, err
	}
	if err := checkCount("count", count); err != nil {
		return Crude{}, err
	}
	if err := checkCount("population", pop); err != nil {
		return Crude{}, err
	}
	c := Crude{Count: count, Pop: pop, Per: o.Per}
	if pop == 0 {
		c.Warnings = warn(c.Warnings, "zero-pop", "the population is 0, so the rate is undefined; it is reported as 0")
		return c, nil
	}
	g := Garwood(count, o.Conf)
	c.Rate = count / pop * o.Per
	c.CI = Interval{g[0] / pop * o.Per, g[1] / pop * o.Per}
	c.Warnings = smallCount(c.Warnings, count)
	return c, nil
}

func smallCount(ws []baserate.Warning, count float64) []baserate.Warning {
	switch {
	case count == 0:
		return warn(ws, "zero-count", "no events: the rate is 0 and only the upper limit of its interval is informative")
	case count < SmallCount:
		return warn(ws, "small-count", "fewer than %d events (%g): the rate is unreliable and its interval wide", SmallCount, count)
	}
	return ws
}

func checkCount(what string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return baserate.E("rate", baserate.KindInvalid, fmt.Sprintf("%s %v must be a finite number >= 0", what, v))
	}
	return nil
}

// Share is part/whole with the exact (Clopper–Pearson) binomial interval.
type Share struct {
	Part     float64            `json:"part"`
	Whole    float64            `json:"whole"`
	Share    float64            `json:"share"`
	CI       Interval           `json:"ci"`
	Warnings []baserate.Warning `json:"warnings,omitempty"`
}

// ShareOf returns part/whole (a proportion in [0,1]) with the
// Clopper–Pearson interval at level conf (0 means 0.95). A zero whole gives
// share 0 with warning "zero-whole".
func ShareOf(part, whole, conf float64) (Share, error) {
	if conf == 0 {
		conf = 0.95
	}
	if err := checkCount("part", part); err != nil {
		return Share{}, err
	}
	if err := checkCount("whole", whole); err != nil {
		return Share{}, err
	}
	if part > whole {
		return Share{}, baserate.E("rate", baserate.KindInvalid, fmt.Sprintf("part %v exceeds whole %v", part, whole))
	}
	s := Share{Part: part, Whole: whole}
	if whole == 0 {
		s.Warnings = warn(s.Warnings, "zero-whole", "the whole is 0, so the share is undefined; it is reported as 0")
		return s, nil
	}
	a := 1 - conf
	s.Share = part / whole
	s.CI = Interval{0, 1}
	if part > 0 {
		s.CI[0] = distuv.Beta{Alpha: part, Beta: whole - part + 1}.Quantile(a / 2)
	}
	if part < whole {
		s.CI[1] = distuv.Beta{Alpha: part + 1, Beta: whole - part}.Quantile(1 - a/2)
	}
	return s, nil
}

// Ratio is a ratio of two rates with its interval.
type Ratio struct {
	Ratio    float64            `json:"ratio"`
	CI       Interval           `json:"ci"`
	Method   string             `json:"method"`
	Warnings []baserate.Warning `json:"warnings,omitempty"`
}

// RateRatio returns (x1/n1)/(x0/n0) with the exact conditional interval:
// given x1+x0 events, x1 is binomial, and the Clopper–Pearson limits of its
// proportion p map to p/(1-p)*n0/n1 (R's poisson.test). Undefined ratios and
// limits are reported as 0 with warning "undefined-ratio".
func RateRatio(x1, n1, x0, n0, conf float64) (Ratio, error) {
	r := Ratio{Method: "exact-conditional"}
	for _, v := range []float64{x1, n1, x0, n0} {
		if err := checkCount("count or population", v); err != nil {
			return r, err
		}
	}
	if n1 == 0 || n0 == 0 || x0 == 0 {
		r.Warnings = warn(r.Warnings, "undefined-ratio", "the reference rate or a population is 0, so the rate ratio is undefined; it is reported as 0")
		if n1 > 0 && n0 > 0 && x1 > 0 {
			s, _ := ShareOf(x1, x1+x0, conf)
			r.CI[0] = s.CI[0] / (1 - s.CI[0]) * n0 / n1
		}
		return r, nil
	}
	r.Ratio = (x1 / n1) / (x0 / n0)
	s, err := ShareOf(x1, x1+x0, conf)
	if err != nil {
		return r, err
	}
	f := n0 / n1
	r.CI[0] = s.CI[0] / (1 - s.CI[0]) * f
	if s.CI[1] < 1 {
		r.CI[1] = s.CI[1] / (1 - s.CI[1]) * f
	} else {
		r.Warnings = warn(r.Warnings, "undefined-ratio", "the upper limit of the rate ratio is unbounded; it is reported as 0")
	}
	return r, nil
}
