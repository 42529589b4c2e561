package factsheet

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/bundle"
	"github.com/baserate/baserate/pks"
	"github.com/baserate/baserate/stat/rate"
)

// FamilyShare is the non-German share of suspects of one offence family
// next to the foreigners' share of the population.
type FamilyShare struct {
	Family string `json:"family"`
	// Key is the PKS key that stands for the family; empty when the PKS has
	// no series (traffic).
	Key       string  `json:"key"`
	Label     string  `json:"label"`
	Note      string  `json:"note"`
	German    float64 `json:"german_suspects"`
	NonGerman float64 `json:"non_german_suspects"`
	// ShareOfSuspects is nil when the family has no PKS key.
	ShareOfSuspects *rate.Share `json:"share_of_suspects"`
	// Representation is the share of suspects over the share of the
	// population (1 = proportional); 0 when there is no share.
	Representation float64 `json:"representation"`
}

// OverviewSheet is the non-German share of suspects by offence family in a year.
type OverviewSheet struct {
	Year              int               `json:"year"`
	ShareOfPopulation float64           `json:"share_of_population"`
	Denominator       Denominator       `json:"denominator"`
	All               FamilyShare       `json:"all"`
	Families          []FamilyShare     `json:"families"`
	Caveats           []baserate.Caveat `json:"caveats"`
	Attribution       string            `json:"attribution"`
}

// NonNationalShare returns the non-German share of German plus non-German
// suspects of key in year, with its Clopper–Pearson interval and the
// caveats that concern it. The media index compares media shares with it.
func NonNationalShare(ctx context.Context, year int, key string) (rate.Share, []baserate.Caveat, error) {
	if err := ctx.Err(); err != nil {
		return rate.Share{}, nil, err
	}
	de, nd, err := bundledTotals(year, key)
	if err != nil {
		return rate.Share{}, nil, err
	}
	s, err := rate.ShareOf(nd, nd+de, 0.95)
	return s, caveatsFor(year, key), err
}

func familyShare(year int, f bundle.Family, popShare float64) (FamilyShare, error) {
	fs := FamilyShare{Family: f.Family, Key: f.Key, Note: f.Note}
	if f.Key == "" {
		return fs, nil
	}
	fs.Label = label(f.Key)
	de, nd, err := bundledTotals(year, f.Key)
	if err != nil {
		return fs, err
	}
	s, err := rate.ShareOf(nd, nd+de, 0.95)
	if err != nil {
		return fs, err
	}
	fs.German, fs.NonGerman, fs.ShareOfSuspects = de, nd, &s
	if popShare > 0 {
		fs.Representation = s.Share / popShare
	}
	return fs, nil
}

// Overview returns, for year, the non-German share of suspects of every
// offence family of the media codebook and of all offences ("------"),
// next to the foreigners' share of the population.
func Overview(ctx context.Context, year int) (*OverviewSheet, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	pde, pnd, denom, err := popTotals(year)
	if err != nil {
		return nil, err
	}
	o := &OverviewSheet{Year: year, ShareOfPopulation: pnd / (pde + pnd), Denominator: denom, Attribution: bundle.Attribution}
	if o.All, err = familyShare(year, bundle.Family{Family: "all", Key: "------", Note: "All offences, including residence-law offences (725000)."}, o.ShareOfPopulation); err != nil {
		return nil, err
	}
	fams, err := bundle.Families()
	if err != nil {
		return nil, err
	}
	o.Caveats = caveatsFor(year, "------")
	for _, f := range fams {
		fs, err := familyShare(year, f, o.ShareOfPopulation)
		if err != nil {
			return nil, err
		}
		o.Families = append(o.Families, fs)
		if f.Key != "" {
			o.Caveats = baserate.MergeCaveats(o.Caveats, caveatsFor(year, f.Key)...)
		}
	}
	return o, nil
}

// TrendPoint is one year of a trend.
type TrendPoint struct {
	Year      int     `json:"year"`
	German    Group   `json:"german"`
	NonGerman Group   `json:"non_german"`
	Ratio     float64 `json:"rate_ratio"`
	// ShareOfSuspects is the non-German share of suspects (0..1).
	ShareOfSuspects   float64 `json:"share_of_suspects"`
	ShareOfPopulation float64 `json:"share_of_population"`
	// Break describes a series break that starts in this year, if any;
	// BreakCode is the code of the caveat that explains it. When two
	// breaks start in the same year (a census basis and a change of what
	// the key counts), Break says both, BreakCode is the first's code and
	// BreakCodes lists every code.
	Break      string   `json:"break,omitempty"`
	BreakCode  string   `json:"break_code,omitempty"`
	BreakCodes []string `json:"break_codes,omitempty"`
}

// TrendSheet is an offence's suspects and rates over the years.
type TrendSheet struct {
	Offence     Offence           `json:"offence"`
	Points      []TrendPoint      `json:"points"`
	Caveats     []baserate.Caveat `json:"caveats"`
	Attribution string            `json:"attribution"`
}

// breaks are the years in which the PKS or the population series change
// their counting rules, territory or basis. 1990: the population at
// 31 December covers all of Germany while the PKS still covers the old
// Länder only (rates drop by a fifth); 1991: the PKS adds all of Berlin;
// 1993: the PKS covers all of Germany.
var breaks = map[int]string{
	1990: "pks-1993-territory",
	1991: "pks-1993-territory",
	1993: "pks-1993-territory",
	2009: "pks-2009-counting-rule",
	2011: "destatis-census-basis",
	2022: "destatis-census-basis",
}

// Trend returns German and non-German suspects of key, their populations,
// rates and ratio for every bundled year (1987–2024), with the years of
// series breaks marked: those of [breaks] and the years in which what the
// key counts changed ([bundle.KeyChanges]).
func Trend(ctx context.Context, key string) (*TrendSheet, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	t, err := bundle.SuspectTotals()
	if err != nil {
		return nil, err
	}
	kd, _ := t.Dim("key")
	if kd.Index(key) < 0 {
		return nil, notFound("no PKS offence key %q (see \"baserate factsheet --list\")", key)
	}
	tr := &TrendSheet{Offence: Offence{Key: key, Label: label(key)}, Attribution: bundle.Attribution}
	tr.Caveats = caveatsFor(1987, key)
	tr.Caveats = baserate.MergeCaveats(tr.Caveats, bundle.Caveat("destatis-census-basis"))
	for y := 1987; y <= 2024; y++ {
		ys := strconv.Itoa(y)
		de, nd := t.At(key, ys, pks.German), t.At(key, ys, pks.NonGerman)
		if math.IsNaN(de) || math.IsNaN(nd) {
			continue
		}
		pde, pnd, _, err := popTotals(y)
		if err != nil {
			return nil, err
		}
		p := TrendPoint{Year: y, ShareOfPopulation: pnd / (pde + pnd)}
		if p.German, _, err = group(pks.German, de, pde); err != nil {
			return nil, err
		}
		if p.NonGerman, _, err = group(pks.NonGerman, nd, pnd); err != nil {
			return nil, err
		}
		if p.German.Rate > 0 {
			p.Ratio = p.NonGerman.Rate / p.German.Rate
		}
		if de+nd > 0 {
			p.ShareOfSuspects = nd / (de + nd)
		}
		if code, ok := breaks[y]; ok {
			p.Break, p.BreakCode, p.BreakCodes = bundle.Caveat(code).Message, code, []string{code}
		}
		tr.Points = append(tr.Points, p)
	}
	if len(tr.Points) == 0 {
		return nil, notFound("no years with German and non-German suspects for key %s", key)
	}
	markKeyChanges(tr)
	return tr, nil
}

// ListedOffence is a PKS offence key of the bundle with its name, whether
// the bundle has it by age, and the years it has suspects of it: a key's
// series can start after 1987 (890000 in 2002) or end before 2024.
type ListedOffence struct {
	bundle.Offence
	// FirstYear and LastYear bound the years with German and non-German
	// suspects of the key (0 when there are none).
	FirstYear int `json:"first_year,omitempty"`
	LastYear  int `json:"last_year,omitempty"`
	// Years lists them when they have gaps ("2005-2017" has none).
	Years []int `json:"years,omitempty"`
}

// Offences lists the PKS offence keys in the bundle with their names,
// whether the bundle has them by age, and their years.
func Offences() ([]ListedOffence, error) {
	offs, err := bundle.Offences()
	if err != nil {
		return nil, err
	}
	t, err := bundle.SuspectTotals()
	if err != nil {
		return nil, err
	}
	out := make([]ListedOffence, len(offs))
	for i, o := range offs {
		out[i].Offence = o
		ys := keyYears(t, o.Key)
		if len(ys) == 0 {
			continue
		}
		out[i].FirstYear, out[i].LastYear = ys[0], ys[len(ys)-1]
		if ys[len(ys)-1]-ys[0] != len(ys)-1 {
			out[i].Years = ys
		}
	}
	return out, nil
}

// YearsText says the years of a listed key as text: "1987-2024",
// "2021", or a list when they have gaps.
func (o ListedOffence) YearsText() string {
	switch {
	case o.FirstYear == 0:
		return "no years"
	case len(o.Years) > 0:
		return yearRanges(o.Years)
	case o.FirstYear == o.LastYear:
		return strconv.Itoa(o.FirstYear)
	}
	return fmt.Sprintf("%d-%d", o.FirstYear, o.LastYear)
}

// yearRanges writes sorted years as runs: "1987-2010, 2013-2024", "2021".
func yearRanges(ys []int) string {
	var parts []string
	for i := 0; i < len(ys); {
		j := i
		for j+1 < len(ys) && ys[j+1] == ys[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, strconv.Itoa(ys[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", ys[i], ys[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
