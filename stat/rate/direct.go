package rate

import (
	"fmt"
	"math"

	"github.com/baserate/baserate"
)

// DSR is a directly standardized rate: Σ_i (s_i/S)·x_i/n_i per Per people,
// with standard population s, counts x and populations n.
type DSR struct {
	Rate float64 `json:"rate"`
	// Var is the variance of Rate under Poisson counts, Σ w_i² x_i, in the
	// units of Rate squared.
	Var    float64  `json:"var"`
	CI     Interval `json:"ci"`
	Method Method   `json:"method"`
	// Intervals holds the interval of every method.
	Intervals map[Method]Interval `json:"intervals"`
	Count     float64             `json:"count"`
	Pop       float64             `json:"pop"`
	// StdTotal is the total of the standard population.
	StdTotal float64            `json:"std_total"`
	Warnings []baserate.Warning `json:"warnings,omitempty"`
}

// Direct standardizes counts x over populations n to the standard
// population std, stratum by stratum. names label the strata in warnings
// and may be nil. A stratum with no population contributes nothing (warning
// "zero-pop-stratum"); zero totals give finite results with warnings.
func Direct(x, n, std []float64, names []string, o Options) (DSR, error) {
	o, err := o.Defaults()
	if err != nil {
		return DSR{}, err
	}
	if err := checkStrata(x, n, std); err != nil {
		return DSR{}, err
	}
	d := DSR{Method: o.Method, Intervals: map[Method]Interval{}}
	for i := range x {
		d.StdTotal += std[i]
		d.Count += x[i]
		d.Pop += n[i]
	}
	if d.StdTotal <= 0 {
		return DSR{}, baserate.E("rate.Direct", baserate.KindInvalid, "the standard population is 0 in every stratum")
	}
	w := make([]float64, len(x))
	var y, v, wmax, wsum, w2sum, events float64
	valid := 0
	var zeroPop, lost []string
	var nLost float64
	for i := range x {
		if n[i] == 0 {
			if std[i] > 0 {
				zeroPop = append(zeroPop, name(names, i))
			}
			if x[i] > 0 {
				lost = append(lost, name(names, i))
				nLost += x[i]
			}
			continue
		}
		valid++
		w[i] = std[i] / d.StdTotal / n[i]
		y += w[i] * x[i]
		v += w[i] * w[i] * x[i]
		wmax = math.Max(wmax, w[i])
		wsum += w[i]
		w2sum += w[i] * w[i]
		events += x[i]
	}
	if len(zeroPop) > 0 {
		d.Warnings = warn(d.Warnings, "zero-pop-stratum", "no population in %s: these strata's rates are undefined and they add nothing to the standardized rate, which is therefore too low by their share of the standard", list(zeroPop))
	}
	if len(lost) > 0 {
		d.Warnings = warn(d.Warnings, "events-without-pop", "%g events without population in %s were left out of the standardized rate", nLost, list(lost))
	}
	if events == d.Count {
		d.Warnings = smallCount(d.Warnings, events)
	} else {
		// The crude rate counts every event: say which count this is, or
		// the group shows two small-count warnings with different counts.
		switch {
		case events == 0:
			d.Warnings = warn(d.Warnings, "zero-count", "no events in the strata with population (0 of %g): the standardized rate is 0 and only the upper limit of its interval is informative", d.Count)
		case events < SmallCount:
			d.Warnings = warn(d.Warnings, "small-count", "fewer than %d events in the strata with population (%g of %g): the standardized rate is unreliable and its interval wide", SmallCount, events, d.Count)
		}
	}
	// Without a stratum that has both a population and a standard weight
	// (wmax == 0) the gamma intervals have shape 0/0.
	if valid == 0 || wmax == 0 {
		d.Warnings = warn(d.Warnings, "no-valid-stratum", "no stratum has both a population and a standard population: the standardized rate is undefined; it is reported as 0")
		for _, m := range Methods {
			d.Intervals[m] = Interval{}
		}
		return d, nil
	}
	a := o.alpha()
	gammaCI := func(ys, vs float64) Interval {
		var lo float64
		if y > 0 {
			lo = gammaQ(a/2, y*y/v, v/y)
		}
		return Interval{lo, gammaQ(1-a/2, ys*ys/vs, vs/ys)}
	}
	ff := gammaCI(y+wmax, v+wmax*wmax)
	mw, mw2 := wsum/float64(valid), w2sum/float64(valid)
	tcz := gammaCI(y+mw, v+mw2)
	dobson := func(cl Interval) Interval {
		if events == 0 {
			return ff
		}
		// Not cut at 0: PHEindicatormethods and ref_std.R report the
		// formula's value, and a lower limit below 0 is itself the warning
		// that the interval does not suit these weights (see below).
		s := math.Sqrt(v / events)
		return Interval{y + s*(cl[0]-events), y + s*(cl[1]-events)}
	}
	scale := func(iv Interval) Interval { return Interval{iv[0] * o.Per, iv[1] * o.Per} }
	d.Intervals[FayFeuer] = scale(ff)
	d.Intervals[Tiwari] = scale(tcz)
	d.Intervals[Dobson] = scale(dobson(Byar(events, o.Conf)))
	d.Intervals[DobsonExact] = scale(dobson(Garwood(events, o.Conf)))
	if events == 0 && (o.Method == Dobson || o.Method == DobsonExact) {
		d.Warnings = warn(d.Warnings, "dobson-zero", "the Dobson interval is undefined without events; the Fay-Feuer interval is reported")
	}
	if (o.Method == Dobson || o.Method == DobsonExact) && d.Intervals[o.Method][0] < 0 {
		d.Warnings = warn(d.Warnings, "dobson-negative", "the Dobson lower limit is below 0 (%.4g): a few events carry large standard weights, and the interval's normal approximation fails; it is reported as computed, as PHEindicatormethods does; prefer fay-feuer here", d.Intervals[o.Method][0])
	}
	d.Rate = y * o.Per
	d.Var = v * o.Per * o.Per
	d.CI = d.Intervals[o.Method]
	return d, nil
}

// DSRRatio returns a.Rate/b.Rate with the log-normal interval
// exp(log ratio ± z·sqrt(Var_a/a² + Var_b/b²)). A zero rate makes the ratio
// undefined: it is reported as 0 with warning "undefined-ratio".
func DSRRatio(a, b DSR, conf float64) Ratio {
	r := Ratio{Method: "log-normal"}
	if a.Rate <= 0 || b.Rate <= 0 {
		r.Warnings = warn(r.Warnings, "undefined-ratio", "a standardized rate is 0, so the ratio of standardized rates (or its interval) is undefined; it is reported as 0")
		if b.Rate > 0 {
			r.Ratio = a.Rate / b.Rate
		}
		return r
	}
	o, _ := Options{Conf: conf}.Defaults()
	r.Ratio = a.Rate / b.Rate
	se := math.Sqrt(a.Var/(a.Rate*a.Rate) + b.Var/(b.Rate*b.Rate))
	z := o.z()
	r.CI = Interval{math.Exp(math.Log(r.Ratio) - z*se), math.Exp(math.Log(r.Ratio) + z*se)}
	return r
}

// SMR is the result of indirect standardization: observed events over the
// events expected if the group had the reference stratum rates.
type SMR struct {
	Observed float64  `json:"observed"`
	Expected float64  `json:"expected"`
	SMR      float64  `json:"smr"`
	CI       Interval `json:"ci"`
	// ISR is the indirectly standardized rate, SMR × the reference crude
	// rate, per Per people, with its exact interval.
	ISR      float64            `json:"isr"`
	ISRCI    Interval           `json:"isr_ci"`
	Warnings []baserate.Warning `json:"warnings,omitempty"`
}

// Indirect compares counts x over populations n with the stratum rates of a
// reference (counts rx over populations rn). The SMR interval is the exact
// Poisson interval of the observed count divided by the expected count.
//
// The observed count is every event of the group, also those in strata
// where it has no population, as epitools::ageadjust.indirect counts them;
// none are expected there (warning "events-without-pop"). A reference
// stratum without population has no rate: it adds nothing to the expected
// count, and where the group has population it is taken as 0 (warning
// "zero-pop-reference"). Events of the reference in such strata are in
// none of its stratum rates, so the expected count misses them (warning
// "reference-events-without-pop").
//
// A group compared with its own stratum rates is [SelfSMR].
func Indirect(x, n, rx, rn []float64, names []string, o Options) (SMR, error) {
	o, err := o.Defaults()
	if err != nil {
		return SMR{}, err
	}
	if err := checkStrata(x, n, rx, rn); err != nil {
		return SMR{}, err
	}
	var s SMR
	var RX, RN, lost, refLost float64
	var zero, lostIn, refLostIn []string
	for i := range x {
		s.Observed += x[i]
		RX += rx[i]
		RN += rn[i]
		if n[i] == 0 && x[i] > 0 {
			lost += x[i]
			lostIn = append(lostIn, name(names, i))
		}
		if rn[i] == 0 {
			if rx[i] > 0 {
				refLost += rx[i]
				refLostIn = append(refLostIn, name(names, i))
			}
			if n[i] > 0 {
				zero = append(zero, name(names, i))
			}
			continue
		}
		s.Expected += n[i] * rx[i] / rn[i]
	}
	if lost > 0 {
		s.Warnings = warn(s.Warnings, "events-without-pop", "%g events without population in %s are counted as observed in the SMR (as epitools::ageadjust.indirect does), though none are expected where there is no population", lost, list(lostIn))
	}
	if refLost > 0 {
		high := ": it is too low, and the SMR too high"
		if s.Expected == 0 {
			high = ""
		}
		s.Warnings = warn(s.Warnings, "reference-events-without-pop", "the reference's %g events without population in %s are in none of its stratum rates, so the expected count misses them%s", refLost, list(refLostIn), high)
	}
	if len(zero) > 0 {
		s.Warnings = warn(s.Warnings, "zero-pop-reference", "the reference has no population in %s: its rate there is taken as 0", list(zero))
	}
	if s.Expected == 0 {
		s.Warnings = warn(s.Warnings, "undefined-ratio", "no events are expected from the reference rates, so the SMR is undefined; it is reported as 0")
		return s, nil
	}
	g := Garwood(s.Observed, o.Conf)
	s.SMR = s.Observed / s.Expected
	s.CI = Interval{g[0] / s.Expected, g[1] / s.Expected}
	if RN > 0 {
		ref := RX / RN * o.Per
		s.ISR = s.SMR * ref
		s.ISRCI = Interval{s.CI[0] * ref, s.CI[1] * ref}
	}
	s.Warnings = smallCount(s.Warnings, s.Observed)
	return s, nil
}

// SelfSMR is the SMR of a group (counts x over populations n) against its
// own stratum rates, as [Compare] gives the reference group: 1 by
// definition, as its crude and standardized rate ratios. Observed and
// expected are the events in strata with population, the only ones its
// stratum rates cover; the interval is the exact Poisson interval of that
// count over itself, which is what [Indirect] gives when no events lie in
// strata without population. Without such events (none at all, or all in
// strata without population) the SMR is still 1, with interval [1, 1].
// Events in strata without population are left out of both counts and of
// the stratum rates from which every group's expected count is computed
// (warning "events-without-pop").
func SelfSMR(x, n []float64, names []string, o Options) (SMR, error) {
	o, err := o.Defaults()
	if err != nil {
		return SMR{}, err
	}
	if err := checkStrata(x, n); err != nil {
		return SMR{}, err
	}
	var lost, total, pop float64
	var lostIn []string
	s := SMR{SMR: 1, CI: Interval{1, 1}}
	for i := range x {
		total += x[i]
		pop += n[i]
		if n[i] == 0 {
			if x[i] > 0 {
				lost += x[i]
				lostIn = append(lostIn, name(names, i))
			}
			continue
		}
		s.Observed += x[i]
	}
	s.Expected = s.Observed
	switch {
	case lost > 0 && s.Observed == 0:
		s.Warnings = warn(s.Warnings, "events-without-pop", "all %g events are without population, in %s: the stratum rates are all 0, so no other group has expected events (their SMRs are undefined); the SMR against itself is 1 by definition", lost, list(lostIn))
	case lost > 0:
		s.Warnings = warn(s.Warnings, "events-without-pop", "%g events without population in %s are in none of the stratum rates, so every group's expected count misses them; the SMR against itself leaves them out of the observed count too and is 1 by definition", lost, list(lostIn))
	}
	if s.Observed > 0 {
		g := Garwood(s.Observed, o.Conf)
		s.CI = Interval{g[0] / s.Expected, g[1] / s.Expected}
		if lost == 0 {
			s.Warnings = smallCount(s.Warnings, s.Observed)
		} else if s.Observed < SmallCount {
			s.Warnings = warn(s.Warnings, "small-count", "fewer than %d events in the strata with population (%g of %g): the SMR's interval is wide", SmallCount, s.Observed, total)
		}
	}
	if pop > 0 {
		ref := total / pop * o.Per
		s.ISR = ref
		s.ISRCI = Interval{s.CI[0] * ref, s.CI[1] * ref}
	}
	return s, nil
}

func checkStrata(vs ...[]float64) error {
	if len(vs[0]) == 0 {
		return baserate.E("rate", baserate.KindInvalid, "no strata")
	}
	for _, v := range vs {
		if len(v) != len(vs[0]) {
			return baserate.E("rate", baserate.KindInvalid, fmt.Sprintf("strata lengths differ: %d and %d", len(vs[0]), len(v)))
		}
		for _, x := range v {
			if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
				return baserate.E("rate", baserate.KindInvalid, fmt.Sprintf("value %v is not a finite number >= 0", x))
			}
		}
	}
	return nil
}

func name(names []string, i int) string {
	if i < len(names) && names[i] != "" {
		return names[i]
	}
	return fmt.Sprintf("stratum %d", i+1)
}

func list(s []string) string {
	const max = 5
	if len(s) > max {
		return fmt.Sprintf("%s and %d more", joinComma(s[:max]), len(s)-max)
	}
	return joinComma(s)
}

func joinComma(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += "; "
		}
		out += x
	}
	return out
}
