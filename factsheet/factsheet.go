package factsheet

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/bundle"
	"github.com/baserate/baserate/pks"
	"github.com/baserate/baserate/stat/decompose"
	"github.com/baserate/baserate/stat/rate"
)

// Per is the multiplier of the rates: suspects per 100,000 residents.
const Per = 100000

// Group is one citizenship group's suspects, population and rate.
type Group struct {
	Citizenship string  `json:"citizenship"`
	Suspects    float64 `json:"suspects"`
	Population  float64 `json:"population"`
	// Rate is suspects per 100,000 residents, with the exact interval.
	Rate   float64       `json:"rate"`
	RateCI rate.Interval `json:"rate_ci"`
	// RatePer1000 is the same rate per 1,000 residents.
	RatePer1000 float64 `json:"rate_per_1000"`
}

// Offence is a PKS offence key and its name.
type Offence struct {
	Key   string `json:"key"`
	Label string `json:"label"`
}

// Sheet is the fact sheet for one year and offence.
type Sheet struct {
	Year      int     `json:"year"`
	Offence   Offence `json:"offence"`
	German    Group   `json:"german"`
	NonGerman Group   `json:"non_german"`
	// RateRatio is the non-German over the German crude rate, with the
	// exact conditional interval.
	RateRatio rate.Ratio `json:"rate_ratio"`
	// ShareOfSuspects is the non-German share of the German plus
	// non-German suspects (Clopper–Pearson interval).
	ShareOfSuspects rate.Share `json:"share_of_suspects"`
	// ShareOfPopulation is the foreigners' share of the population.
	ShareOfPopulation float64     `json:"share_of_population"`
	Denominator       Denominator `json:"denominator"`
	// Standardized holds the age (and age-by-sex) standardized comparisons;
	// it is empty when the year has no age breakdown.
	Standardized []Standardization `json:"standardized"`
	// NoAgeBreakdown says why there is no standardization, when there is
	// none.
	NoAgeBreakdown string             `json:"no_age_breakdown,omitempty"`
	Caveats        []baserate.Caveat  `json:"caveats"`
	Warnings       []baserate.Warning `json:"warnings"`
	Attribution    string             `json:"attribution"`
}

// Standardization compares the groups after removing differences in
// composition by the listed factors.
type Standardization struct {
	// Factors are "age" or "age", "sex".
	Factors     []string    `json:"factors"`
	Denominator Denominator `json:"denominator"`
	// CrudeRatio is the non-German/German ratio of crude rates over the
	// same populations as the standardized ratios.
	CrudeRatio float64 `json:"crude_ratio"`
	// IndirectRatio is the SMR: non-German suspects over those expected
	// with German rates in each stratum (exact interval).
	IndirectRatio   float64       `json:"indirect_ratio"`
	IndirectRatioCI rate.Interval `json:"indirect_ratio_ci"`
	Expected        float64       `json:"expected_non_german_suspects"`
	// DirectRatio is the ratio of directly standardized rates with the
	// pooled population of both groups as standard (log-normal interval).
	DirectRatio   float64       `json:"direct_ratio"`
	DirectRatioCI rate.Interval `json:"direct_ratio_ci"`
	GermanDSR     float64       `json:"german_dsr"`
	NonGermanDSR  float64       `json:"non_german_dsr"`
	// Kitagawa splits the crude-rate gap (per 100,000) into rate and
	// composition effects; DasGupta splits the composition effect by
	// factor.
	Kitagawa decompose.Kitagawa       `json:"kitagawa"`
	DasGupta decompose.DasGuptaResult `json:"das_gupta"`
	Strata   int                      `json:"strata"`
	Warnings []baserate.Warning       `json:"warnings"`
}

func notFound(format string, args ...any) error {
	return baserate.E("factsheet", baserate.KindNotFound, fmt.Sprintf(format, args...))
}

// suspects returns the German and non-German suspects of key in year.
func suspects(year int, key string) (de, nd float64, err error) {
	t, err := bundle.SuspectTotals()
	if err != nil {
		return 0, 0, err
	}
	kd, _ := t.Dim("key")
	if kd.Index(key) < 0 {
		return 0, 0, notFound("no PKS offence key %q (see \"baserate factsheet --list\")", key)
	}
	ys := strconv.Itoa(year)
	de, nd = t.At(key, ys, pks.German), t.At(key, ys, pks.NonGerman)
	if math.IsNaN(de) || math.IsNaN(nd) {
		return 0, 0, notFound("no PKS suspects for key %s in %d (bundled years 1987-2024)", key, year)
	}
	return de, nd, nil
}

func label(key string) string {
	offs, err := bundle.Offences()
	if err != nil {
		return ""
	}
	i := slices.IndexFunc(offs, func(o bundle.Offence) bool { return o.Key == key })
	if i < 0 {
		return ""
	}
	return offs[i].Label
}

// caveatsFor lists the caveats that concern PKS and population numbers of
// year and key.
func caveatsFor(year int, key string) []baserate.Caveat {
	cs := []baserate.Caveat{bundle.Caveat("denominator-coverage"), bundle.Caveat("pks-suspects-not-convicts")}
	if year < 2009 {
		cs = append(cs, bundle.Caveat("pks-2009-counting-rule"))
	}
	if year < 1993 {
		cs = append(cs, bundle.Caveat("pks-1993-territory"))
	}
	switch {
	case key == "890000":
		cs = append(cs, bundle.Caveat("pks-890000-excludes-725000"))
	case key == "------" || len(key) == 6 && key[:3] == "725":
		cs = append(cs, bundle.Caveat("pks-725000-only-foreigners"))
	}
	return cs
}

func group(cit string, n, pop float64) (Group, []baserate.Warning, error) {
	c, err := rate.CrudeRate(n, pop, rate.Options{Per: Per})
	if err != nil {
		return Group{}, nil, err
	}
	return Group{Citizenship: cit, Suspects: n, Population: pop, Rate: c.Rate, RateCI: c.CI, RatePer1000: c.Rate / (Per / 1000)}, c.Warnings, nil
}

// Compute returns the fact sheet for suspects of offence key in year, from
// the bundled data. The error is of kind NotFound for a year or key the
// bundle lacks.
func Compute(ctx context.Context, year int, key string) (*Sheet, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	de, nd, err := suspects(year, key)
	if err != nil {
		return nil, err
	}
	pde, pnd, denom, err := popTotals(year)
	if err != nil {
		return nil, err
	}
	s := &Sheet{Year: year, Offence: Offence{Key: key, Label: label(key)}, Denominator: denom,
		Caveats: caveatsFor(year, key), Warnings: []baserate.Warning{}, Standardized: []Standardization{}, Attribution: bundle.Attribution}
	var w1, w2 []baserate.Warning
	if s.German, w1, err = group(pks.German, de, pde); err != nil {
		return nil, err
	}
	if s.NonGerman, w2, err = group(pks.NonGerman, nd, pnd); err != nil {
		return nil, err
	}
	s.Warnings = append(append(s.Warnings, w1...), w2...)
	if s.RateRatio, err = rate.RateRatio(nd, pnd, de, pde, 0.95); err != nil {
		return nil, err
	}
	s.Warnings = append(s.Warnings, s.RateRatio.Warnings...)
	if s.ShareOfSuspects, err = rate.ShareOf(nd, nd+de, 0.95); err != nil {
		return nil, err
	}
	s.ShareOfPopulation = pnd / (pnd + pde)

	st, why, err := structureFor(year)
	if err != nil {
		return nil, err
	}
	if st == nil {
		s.NoAgeBreakdown = why
		return s, nil
	}
	age, err := bundle.SuspectsByAge()
	if err != nil {
		return nil, err
	}
	if _, err := age.Lookup(pks.German, key, strconv.Itoa(year), "total"); err != nil {
		s.NoAgeBreakdown = fmt.Sprintf("No age breakdown: the bundle keeps suspects by age only for the main offence keys, not for %s.", key)
		return s, nil
	}
	s.Caveats = baserate.MergeCaveats(s.Caveats, st.caveats...)
	byAge, err := standardizeAge(year, key, st)
	if err != nil {
		return nil, err
	}
	s.Standardized = append(s.Standardized, byAge)
	if year == 2024 {
		bySex, err := standardizeAgeSex(key, st)
		if err != nil {
			return nil, err
		}
		if bySex != nil {
			s.Standardized = append(s.Standardized, *bySex)
		}
	}
	return s, nil
}

// standardizeAge compares the groups over the PKS age bands.
func standardizeAge(year int, key string, st *ageStructure) (Standardization, error) {
	age, _ := bundle.SuspectsByAge()
	ys := strconv.Itoa(year)
	n := len(pks.DisjointAgeBands)
	xde, xnd := make([]float64, n), make([]float64, n)
	nde, nnd := make([]float64, n), make([]float64, n)
	for i, b := range pks.DisjointAgeBands {
		xde[i] = age.At(pks.German, key, ys, b)
		xnd[i] = age.At(pks.NonGerman, key, ys, b)
		nde[i] = st.de["m"][i] + st.de["f"][i]
		nnd[i] = st.nd["m"][i] + st.nd["f"][i]
	}
	return compare([]string{"age"}, []int{n}, slices.Clone(pks.DisjointAgeBands), xde, nde, xnd, nnd, st.denom)
}

// standardizeAgeSex compares the groups over sex by age (PKS 2024 tables).
func standardizeAgeSex(key string, st *ageStructure) (*Standardization, error) {
	sa, err := bundle.Suspects2024BySexAge()
	if err != nil {
		return nil, err
	}
	if _, err := sa.Lookup(pks.German, key, "m", "total"); err != nil {
		return nil, nil
	}
	var names []string
	var xde, xnd, nde, nnd []float64
	for i, b := range pks.DisjointAgeBands {
		for _, sex := range []string{"m", "f"} {
			names = append(names, b+" "+sex)
			xde = append(xde, sa.At(pks.German, key, sex, b))
			xnd = append(xnd, sa.At(pks.NonGerman, key, sex, b))
			nde = append(nde, st.de[sex][i])
			nnd = append(nnd, st.nd[sex][i])
		}
	}
	s, err := compare([]string{"age", "sex"}, []int{len(pks.DisjointAgeBands), 2}, names, xde, nde, xnd, nnd, st.denom)
	return &s, err
}

func compare(factors []string, sizes []int, names []string, xde, nde, xnd, nnd []float64, denom Denominator) (Standardization, error) {
	c, err := rate.Compare(rate.Input{Strata: names, Ref: pks.German, Groups: []rate.Group{
		{Name: pks.German, Count: xde, Pop: nde}, {Name: pks.NonGerman, Count: xnd, Pop: nnd}}}, rate.Options{Per: Per})
	if err != nil {
		return Standardization{}, err
	}
	g, n := c.Groups[0], c.Groups[1]
	if g.Group != pks.German {
		g, n = n, g
	}
	k, err := decompose.KitagawaGap(xnd, nnd, xde, nde, Per)
	if err != nil {
		return Standardization{}, err
	}
	dg, err := decompose.DasGupta(factors, sizes, xnd, nnd, xde, nde, Per)
	if err != nil {
		return Standardization{}, err
	}
	return Standardization{Factors: factors, Denominator: denom, CrudeRatio: n.CrudeRatio,
		IndirectRatio: n.SMR, IndirectRatioCI: n.SMRCI, Expected: n.Expected,
		DirectRatio: n.DSRRatio, DirectRatioCI: n.DSRRatioCI, GermanDSR: g.DSR, NonGermanDSR: n.DSR,
		Kitagawa: k, DasGupta: dg, Strata: len(names), Warnings: append(slices.Clone(g.Warnings), n.Warnings...)}, nil
}
