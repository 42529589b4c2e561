package factsheet

import (
	"context"
	"fmt"
	"math"
	"slices"

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
	NoAgeBreakdown string `json:"no_age_breakdown,omitempty"`
	// Area is set for sheets of a Land or district (not for Germany).
	Area *Area `json:"area,omitempty"`
	// Settlement compares the groups over urban and rural districts, on
	// the basis of the PKS district tables (2020 and 2022 for Germany);
	// its Basis and Caveats say how it differs from the national numbers.
	Settlement  *Standardization   `json:"settlement,omitempty"`
	Caveats     []baserate.Caveat  `json:"caveats"`
	Warnings    []baserate.Warning `json:"warnings"`
	Attribution string             `json:"attribution"`
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
	// Basis names the data when they are not the sheet's own (the
	// settlement comparison rests on the district tables); Caveats are
	// those of that basis.
	Basis   string            `json:"basis,omitempty"`
	Caveats []baserate.Caveat `json:"caveats,omitempty"`
}

func notFound(format string, args ...any) error {
	return baserate.E("factsheet", baserate.KindNotFound, fmt.Sprintf(format, args...))
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
	case includes725000(key):
		cs = append(cs, bundle.Caveat("pks-725000-only-foreigners"))
	}
	return cs
}

// includes725000 reports whether the suspects of key include those of
// residence-law offences (725000): all offences (------), the summary keys
// above 725000 in the PKS catalogue (700000 Strafrechtliche Nebengesetze,
// 720000 sonstige strafrechtliche Nebengesetze) and 725000 and its
// sub-keys. In 2023, 271,359 of the 286,631 non-German suspects of 720000
// were suspects of 725000.
func includes725000(key string) bool {
	return key == "------" || key == "700000" || key == "720000" || len(key) == 6 && key[:3] == "725"
}

func group(cit string, n, pop float64) (Group, []baserate.Warning, error) {
	c, err := rate.CrudeRate(n, pop, rate.Options{Per: Per})
	if err != nil {
		return Group{}, nil, err
	}
	return Group{Citizenship: cit, Suspects: n, Population: pop, Rate: c.Rate, RateCI: c.CI, RatePer1000: c.Rate / (Per / 1000)}, c.Warnings, nil
}

// Default is the engine over the bundled data.
var Default = New(Bundled{}, bundle.Attribution)

// Compute returns the fact sheet for suspects of offence key in year in
// Germany, from the bundled data. The error is of kind NotFound for a year
// or key the bundle lacks.
func Compute(ctx context.Context, year int, key string) (*Sheet, error) {
	return Default.Compute(ctx, Query{Year: year, Offence: key})
}

// Compute returns the fact sheet for q from the engine's source. The
// error is of kind NotFound for a year, key or area the source lacks.
func (e *Engine) Compute(ctx context.Context, q Query) (*Sheet, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sus, err := e.src.Suspects(ctx, q)
	if err != nil {
		return nil, err
	}
	pop, err := e.src.Population(ctx, q)
	if err != nil {
		return nil, err
	}
	year, key := q.Year, q.Offence
	de, nd, pde, pnd := sus.German, sus.NonGerman, pop.German, pop.NonGerman
	s := &Sheet{Year: year, Offence: Offence{Key: key, Label: sus.Label}, Denominator: pop.Denominator,
		Caveats: caveatsFor(year, key), Warnings: []baserate.Warning{}, Standardized: []Standardization{}, Attribution: e.attribution}
	s.Area = sus.Area
	if sus.Credit != "" {
		s.Attribution += " " + sus.Credit
	}
	if ss, ok := e.src.(SettlementSource); ok {
		if s.Settlement, err = ss.Settlement(ctx, q); err != nil {
			return nil, err
		}
		if s.Settlement != nil && sus.Credit == "" {
			s.Attribution += " " + bundle.AreaAttribution
		}
	}
	s.Caveats = baserate.MergeCaveats(s.Caveats, sus.Caveats...)
	s.Caveats = baserate.MergeCaveats(s.Caveats, pop.Caveats...)
	// The sheet names the key by its latest name: a change of what the key
	// counts after the sheet's year makes the name not fit the figures.
	s.Caveats = baserate.MergeCaveats(s.Caveats, keyChangeCaveat(keyChangesIn(key, year, math.MaxInt))...)
	s.Warnings = append(append(s.Warnings, sus.Warnings...), pop.Warnings...)
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

	if pop.Structure == nil {
		s.NoAgeBreakdown = pop.NoStructure
		return s, nil
	}
	if sus.ByAge == nil {
		s.NoAgeBreakdown = sus.NoAge
		return s, nil
	}
	s.Caveats = baserate.MergeCaveats(s.Caveats, pop.StructureCaveats...)
	byAge, err := standardizeBy(sus.ByAge, pop.Structure, false, pop.StructureDenominator)
	if err != nil {
		return nil, err
	}
	s.Standardized = append(s.Standardized, byAge)
	if sd, _ := pop.Structure.Dim("sex"); sus.BySexAge != nil && sd != nil {
		bySex, err := standardizeBy(sus.BySexAge, pop.Structure, true, pop.StructureDenominator)
		if err != nil {
			return nil, err
		}
		s.Standardized = append(s.Standardized, bySex)
	}
	return s, nil
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
