package rate

import (
	"cmp"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/stat/decompose"
)

// Group is one group's counts and populations per stratum.
type Group struct {
	Name  string
	Count []float64
	Pop   []float64
}

// Input is what [Compare] standardizes: groups over the same strata, an
// optional standard population and the reference group.
type Input struct {
	// Strata names the strata, in the order of the groups' slices.
	Strata []string
	Groups []Group
	// Std is the standard population per stratum; nil means the pooled
	// population of all groups.
	Std []float64
	// StdName describes the standard ("pooled", a column name, "esp2013").
	StdName string
	// Ref names the reference group; "" means the first name in sorted
	// order.
	Ref string
	// Caveats concern the input data; they are returned with the result.
	Caveats []baserate.Caveat
	// Factors and Sizes, when set, say that the strata are the cross
	// classification of these factors (row-major, last fastest); Compare
	// then adds the Das Gupta decomposition of each gap by factor.
	Factors []string
	Sizes   []int
	// StdMapping says how a standard by age was laid onto the strata
	// (see [AgeStandard]); it is returned with the result.
	StdMapping *Mapping
}

// GroupResult is one group's rates and its comparison with the reference.
// The field names are the JSON interface of "baserate standardize".
type GroupResult struct {
	Group      string   `json:"group"`
	Count      float64  `json:"count"`
	Pop        float64  `json:"pop"`
	CrudeRate  float64  `json:"crude_rate"`
	CrudeCI    Interval `json:"crude_ci"`
	DSR        float64  `json:"dsr"`
	DSRCI      Interval `json:"dsr_ci"`
	SMR        float64  `json:"smr"`
	SMRCI      Interval `json:"smr_ci"`
	CrudeRatio float64  `json:"crude_ratio"`
	DSRRatio   float64  `json:"dsr_ratio"`
	// RateEffect + CompositionEffect == CrudeGap (Kitagawa), except when
	// events lie in strata without population (warning
	// "gap-not-decomposed").
	RateEffect        float64            `json:"rate_effect"`
	CompositionEffect float64            `json:"composition_effect"`
	Warnings          []baserate.Warning `json:"warnings"`

	Expected     float64             `json:"expected"`
	ISR          float64             `json:"isr"`
	CrudeGap     float64             `json:"crude_gap"`
	CrudeRatioCI Interval            `json:"crude_ratio_ci"`
	DSRRatioCI   Interval            `json:"dsr_ratio_ci"`
	DSRVar       float64             `json:"dsr_var"`
	DSRIntervals map[Method]Interval `json:"dsr_intervals"`
	IsReference  bool                `json:"is_reference,omitempty"`
	// DasGupta splits the crude gap into a rate effect and one
	// composition effect per stratum factor (when the factors are known).
	DasGupta *decompose.DasGuptaResult `json:"das_gupta,omitempty"`
}

// Comparison is the result of [Compare].
type Comparison struct {
	Groups    []GroupResult     `json:"groups"`
	Caveats   []baserate.Caveat `json:"caveats"`
	Reference string            `json:"reference"`
	Standard  string            `json:"standard"`
	StdTotal  float64           `json:"standard_total"`
	Per       float64           `json:"per"`
	Conf      float64           `json:"conf"`
	Method    Method            `json:"method"`
	Strata    []string          `json:"strata"`
	// StdMapping says how a standard by age was laid onto the strata.
	StdMapping *Mapping `json:"standard_mapping,omitempty"`
	// Warnings concern the comparison as a whole (a single group); the
	// groups' own warnings are in each GroupResult.
	Warnings []baserate.Warning `json:"warnings"`
}

// Compare computes, for every group, the crude rate with its exact
// interval, the directly standardized rate with the chosen interval, the
// SMR against the reference group's stratum rates, and the crude and
// standardized ratios and the Kitagawa decomposition of the crude gap to
// the reference. Groups come out in sorted order.
func Compare(in Input, o Options) (*Comparison, error) {
	const op = "rate.Compare"
	o, err := o.Defaults()
	if err != nil {
		return nil, err
	}
	if len(in.Groups) == 0 {
		return nil, baserate.E(op, baserate.KindInvalid, "no groups")
	}
	k := len(in.Strata)
	groups := slices.Clone(in.Groups)
	sortGroups(groups)
	for i, g := range groups {
		if len(g.Count) != k || len(g.Pop) != k {
			return nil, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("group %q has %d counts and %d populations for %d strata", g.Name, len(g.Count), len(g.Pop), k))
		}
		if i > 0 && groups[i-1].Name == g.Name {
			return nil, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("group %q appears twice", g.Name))
		}
	}
	ref := in.Ref
	if ref == "" {
		ref = groups[0].Name
	}
	ri := slices.IndexFunc(groups, func(g Group) bool { return g.Name == ref })
	if ri < 0 {
		names := make([]string, len(groups))
		for i, g := range groups {
			names[i] = g.Name
		}
		return nil, baserate.E(op, baserate.KindNotFound, fmt.Sprintf("reference group %q is not among the groups %v", ref, names))
	}
	std := in.Std
	stdName := in.StdName
	if std == nil {
		std = make([]float64, k)
		for _, g := range groups {
			for i, p := range g.Pop {
				std[i] += p
			}
		}
		if stdName == "" {
			stdName = "pooled"
		}
	} else if len(std) != k {
		return nil, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("%d standard populations for %d strata", len(std), k))
	}
	if sum(std) == 0 {
		if in.Std == nil {
			return nil, baserate.E(op, baserate.KindInvalid, "the groups have no population in any stratum")
		}
		return nil, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("the standard population (%s) is 0 in every stratum", stdName))
	}
	c := &Comparison{Reference: ref, Standard: stdName, Per: o.Per, Conf: o.Conf, Method: o.Method, Strata: in.Strata,
		Caveats: slices.Clone(in.Caveats), StdMapping: in.StdMapping}
	c.Warnings = []baserate.Warning{}
	if len(groups) == 1 {
		c.Warnings = append(c.Warnings, baserate.Warning{Code: "one-group", Message: fmt.Sprintf(
			"the table has only one group (%q): there is nothing to compare its rates with, so the ratios are 1 and the gap 0 by construction; check the group column", groups[0].Name)})
	}
	if c.Caveats == nil {
		c.Caveats = []baserate.Caveat{}
	}
	r := groups[ri]
	refDSR, err := Direct(r.Count, r.Pop, std, in.Strata, o)
	if err != nil {
		return nil, err
	}
	refCrude := sum(r.Count)
	refPop := sum(r.Pop)
	for _, g := range groups {
		gr := GroupResult{Group: g.Name, Count: sum(g.Count), Pop: sum(g.Pop), IsReference: g.Name == ref, Warnings: []baserate.Warning{}}
		cr, err := CrudeRate(gr.Count, gr.Pop, o)
		if err != nil {
			return nil, err
		}
		gr.CrudeRate, gr.CrudeCI = cr.Rate, cr.CI
		gr.Warnings = append(gr.Warnings, cr.Warnings...)
		d, err := Direct(g.Count, g.Pop, std, in.Strata, o)
		if err != nil {
			return nil, err
		}
		c.StdTotal = d.StdTotal
		gr.DSR, gr.DSRCI, gr.DSRVar, gr.DSRIntervals = d.Rate, d.CI, d.Var, d.Intervals
		gr.Warnings = mergeWarnings(gr.Warnings, d.Warnings)
		if zs := zeroCountStrata(g, in.Strata); zs != "" {
			gr.Warnings = warn(gr.Warnings, "zero-count-stratum", "no events in %s: these strata's rates are 0", zs)
		}
		var s SMR
		if gr.IsReference {
			// Against itself the SMR is 1, as every ratio.
			s, err = SelfSMR(g.Count, g.Pop, in.Strata, o)
		} else {
			s, err = Indirect(g.Count, g.Pop, r.Count, r.Pop, in.Strata, o)
		}
		if err != nil {
			return nil, err
		}
		gr.SMR, gr.SMRCI, gr.Expected, gr.ISR = s.SMR, s.CI, s.Expected, s.ISR
		gr.Warnings = mergeWarnings(gr.Warnings, s.Warnings)
		rr, err := RateRatio(gr.Count, gr.Pop, refCrude, refPop, o.Conf)
		if err != nil {
			return nil, err
		}
		gr.CrudeRatio, gr.CrudeRatioCI = rr.Ratio, rr.CI
		dr := DSRRatio(d, refDSR, o.Conf)
		gr.DSRRatio, gr.DSRRatioCI = dr.Ratio, dr.CI
		if gr.IsReference {
			// Against itself every ratio is 1, also when its rate is 0.
			gr.CrudeRatio, gr.DSRRatio = 1, 1
			gr.CrudeRatioCI, gr.DSRRatioCI = Interval{1, 1}, Interval{1, 1}
		} else {
			gr.Warnings = mergeWarnings(gr.Warnings, rr.Warnings)
			gr.Warnings = mergeWarnings(gr.Warnings, dr.Warnings)
		}
		kg, err := decompose.KitagawaGap(g.Count, g.Pop, r.Count, r.Pop, o.Per)
		if err != nil {
			return nil, err
		}
		gr.RateEffect, gr.CompositionEffect, gr.CrudeGap = kg.RateEffect, kg.CompositionEffect, kg.CrudeGap
		if !gr.IsReference {
			gr.Warnings = mergeWarnings(gr.Warnings, kg.Warnings)
		}
		if n := len(in.Factors); n > 0 && n <= decompose.MaxFactors && len(in.Sizes) == n {
			dg := decompose.DasGuptaResult{Composition: make([]decompose.Effect, n)}
			if gr.IsReference {
				// Against itself every effect is 0.
				for i, f := range in.Factors {
					dg.Composition[i].Factor = f
				}
			} else if dg, err = decompose.DasGupta(in.Factors, in.Sizes, g.Count, g.Pop, r.Count, r.Pop, o.Per); err != nil {
				return nil, err
			}
			gr.DasGupta = &dg
		}
		c.Groups = append(c.Groups, gr)
	}
	if p := nonFinite(reflect.ValueOf(c), "comparison"); p != "" {
		// Counts, populations or per so large that a rate, an interval or
		// a variance overflows.
		return nil, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("the numbers are too large to compute with (%s): give counts, populations and per of ordinary size", p))
	}
	return c, nil
}

// sortGroups puts groups in the order whose first is the default
// reference: by value when every name is a number (as R sorts a numeric
// column, and as glm orders numeric factor levels: 9 before 10), else
// bytewise (R's order of text under LC_COLLATE=C).
func sortGroups(groups []Group) {
	vals := make(map[string]float64, len(groups))
	for _, g := range groups {
		v, err := strconv.ParseFloat(g.Name, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || strings.ContainsAny(g.Name, "_xXpP") {
			slices.SortFunc(groups, func(a, b Group) int { return strings.Compare(a.Name, b.Name) })
			return
		}
		vals[g.Name] = v
	}
	slices.SortFunc(groups, func(a, b Group) int {
		if c := cmp.Compare(vals[a.Name], vals[b.Name]); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
}

func zeroCountStrata(g Group, names []string) string {
	var z []string
	for i := range g.Count {
		if g.Count[i] == 0 && g.Pop[i] > 0 {
			z = append(z, name(names, i))
		}
	}
	if len(z) == 0 || len(z) == len(g.Count) {
		return ""
	}
	return list(z)
}

// mergeWarnings appends the warnings in add that are not yet in ws. Two
// warnings with the same code but different messages are both kept: the
// SMR, the crude ratio and the DSR ratio can each be undefined, and each
// says so.
func mergeWarnings(ws, add []baserate.Warning) []baserate.Warning {
	for _, w := range add {
		if !slices.Contains(ws, w) {
			ws = append(ws, w)
		}
	}
	return ws
}

func sum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}
