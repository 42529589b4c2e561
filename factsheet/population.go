package factsheet

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/bundle"
	"github.com/baserate/baserate/pks"
)

// Denominator says which population a rate uses.
type Denominator struct {
	// Date is the reference date of the population ("2023-12-31").
	Date string `json:"date"`
	// Source names the table.
	Source string `json:"source"`
	// Description says what the population is, in plain language.
	Description string `json:"description"`
}

// Bundled is the default source: the BKA PKS and Destatis tables embedded
// in package bundle, for Germany ("DE", 1987–2024), the Länder and the
// districts ([Areas]).
type Bundled struct{}

// Settlement compares German and non-German suspects of q over urban and
// rural districts (the PKS district tables, 2020 and 2022); nil when the
// district tables lack the year or key, or q is not for Germany.
func (Bundled) Settlement(ctx context.Context, q Query) (*Standardization, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if q.area() != "DE" {
		return nil, nil
	}
	return settlement(q)
}

var _ Source = Bundled{}

// Suspects returns the bundled PKS suspects of q.Offence in q.Year: the
// totals of T40/T50 for every key, by age for the keys the bundle keeps by
// age, and by sex and age for 2024.
func (Bundled) Suspects(ctx context.Context, q Query) (*Suspects, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if q.area() != "DE" {
		s, a, err := areaSuspects(q)
		if err != nil {
			return nil, err
		}
		s.Area, s.Credit = a, bundle.AreaAttribution
		return s, nil
	}
	de, nd, err := bundledTotals(q.Year, q.Offence)
	if err != nil {
		return nil, err
	}
	s := &Suspects{Label: label(q.Offence), German: de, NonGerman: nd}
	age, err := bundle.SuspectsByAge()
	if err != nil {
		return nil, err
	}
	ys := strconv.Itoa(q.Year)
	if _, err := age.Lookup(pks.German, q.Offence, ys, "total"); err != nil {
		s.NoAge = fmt.Sprintf("No age breakdown: the bundle keeps suspects by age only for the main offence keys, not for %s.", q.Offence)
		return s, nil
	}
	cd := baserate.NewDimension("citizenship", pks.German, pks.NonGerman)
	s.ByAge = baserate.New("suspects-by-age", cd, baserate.NewDimension("age", pks.DisjointAgeBands...))
	for i, c := range cd.IDs() {
		for j, b := range pks.DisjointAgeBands {
			s.ByAge.Values[s.ByAge.Offset([]int{i, j})] = age.At(c, q.Offence, ys, b)
		}
	}
	if q.Year != 2024 {
		return s, nil
	}
	sa, err := bundle.Suspects2024BySexAge()
	if err != nil {
		return nil, err
	}
	if _, err := sa.Lookup(pks.German, q.Offence, "m", "total"); err != nil {
		return s, nil
	}
	s.BySexAge = baserate.New("suspects-by-sex-age", cd.Clone(), baserate.NewDimension("sex", "m", "f"), baserate.NewDimension("age", pks.DisjointAgeBands...))
	for i, c := range cd.IDs() {
		for k, sex := range []string{"m", "f"} {
			for j, b := range pks.DisjointAgeBands {
				s.BySexAge.Values[s.BySexAge.Offset([]int{i, k, j})] = sa.At(c, q.Offence, sex, b)
			}
		}
	}
	return s, nil
}

// YearError says that the bundle has no suspects of an offence key in a
// year, and which years it has. It comes wrapped in an error of kind
// NotFound; its text names no command, so that the API can pass it on and
// the CLI can add its own hint.
type YearError struct {
	Key  string
	Year int
	// Years are the years with figures of Key, sorted.
	Years []int
}

func (e *YearError) Error() string {
	if len(e.Years) == 0 {
		return fmt.Sprintf("no PKS suspects for key %s in %d: key %s has no figures", e.Key, e.Year, e.Key)
	}
	return fmt.Sprintf("no PKS suspects for key %s in %d: key %s has figures for %s", e.Key, e.Year, e.Key, yearRanges(e.Years))
}

// bundledTotals returns the German and non-German suspects of key in year.
func bundledTotals(year int, key string) (de, nd float64, err error) {
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
		return 0, 0, baserate.E("factsheet", baserate.KindNotFound, &YearError{Key: key, Year: year, Years: keyYears(t, key)})
	}
	return de, nd, nil
}

// keyYears returns the years in which t, the bundled suspect totals, has
// German and non-German suspects of key: 1987-2024 for most keys, from
// 2002 for 890000.
func keyYears(t *baserate.Table, key string) []int {
	yd, _ := t.Dim("year")
	var ys []int
	for _, c := range yd.Categories {
		y, err := strconv.Atoi(c.ID)
		if err != nil {
			continue
		}
		if !math.IsNaN(t.At(key, c.ID, pks.German)) && !math.IsNaN(t.At(key, c.ID, pks.NonGerman)) {
			ys = append(ys, y)
		}
	}
	slices.Sort(ys)
	return ys
}

// Population returns the bundled population for suspects of q.Year: the
// Destatis 12411 totals at 31 December of the year and, where the bundle
// has it, the population by sex and age (see structureFor).
func (Bundled) Population(ctx context.Context, q Query) (*Population, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if q.area() != "DE" {
		return areaPopulation(q)
	}
	de, nd, denom, err := popTotals(q.Year)
	if err != nil {
		return nil, err
	}
	p := &Population{German: de, NonGerman: nd, Denominator: denom}
	st, why, err := structureFor(q.Year)
	if err != nil {
		return nil, err
	}
	if st == nil {
		p.NoStructure = why
		return p, nil
	}
	cd := baserate.NewDimension("citizenship", pks.German, pks.NonGerman)
	p.Structure = baserate.New("population-by-sex-age", cd, baserate.NewDimension("sex", "m", "f"), baserate.NewDimension("age", pks.DisjointAgeBands...))
	for i, prof := range []ageProfile{st.de, st.nd} {
		for k, sex := range []string{"m", "f"} {
			for j := range pks.DisjointAgeBands {
				p.Structure.Values[p.Structure.Offset([]int{i, k, j})] = prof[sex][j]
			}
		}
	}
	p.StructureDenominator, p.StructureCaveats = st.denom, st.caveats
	return p, nil
}

// popTotals returns the 31 December population of Germans and foreigners
// (Destatis 12411) for year.
func popTotals(year int) (de, nd float64, d Denominator, err error) {
	pop, err := bundle.Population()
	if err != nil {
		return 0, 0, d, err
	}
	date := fmt.Sprintf("%d-12-31", year)
	de = pop.At(date, "DG", "NATD", "BEVSTD")
	nd = pop.At(date, "DG", "NATA", "BEVSTD")
	if math.IsNaN(de) || math.IsNaN(nd) {
		return 0, 0, d, baserate.E("factsheet", baserate.KindNotFound, fmt.Sprintf("no population for %s in Destatis 12411 (bundled years 1984-2024)", date))
	}
	d = Denominator{Date: date, Source: "Destatis GENESIS 12411 (Fortschreibung des Bevölkerungsstandes)",
		Description: fmt.Sprintf("Registered residents at %s: %s Germans and %s foreigners (official population estimate).", date, count(de), count(nd))}
	return de, nd, d, nil
}

// band is an age band in completed years; to < 0 is open.
type band struct{ from, to int }

func parseBand(id string) (band, error) {
	if strings.HasSuffix(id, "+") {
		a, err := strconv.Atoi(strings.TrimSuffix(id, "+"))
		return band{a, -1}, err
	}
	lo, hi, ok := strings.Cut(id, "-")
	if !ok {
		return band{}, fmt.Errorf("age band %q", id)
	}
	a, err1 := strconv.Atoi(lo)
	b, err2 := strconv.Atoi(hi)
	if err1 != nil || err2 != nil {
		return band{}, fmt.Errorf("age band %q", id)
	}
	return band{a, b - 1}, nil // PKS bands are "from a to under b"
}

// ageProfile is a population by sex ("m", "f") and PKS age band.
type ageProfile map[string][]float64

func (p ageProfile) total() float64 {
	s := 0.0
	for _, sex := range []string{"m", "f"} {
		for _, x := range p[sex] {
			s += x
		}
	}
	return s
}

func (p ageProfile) scale(f float64) {
	for _, v := range p {
		for i := range v {
			v[i] *= f
		}
	}
}

// profile sums single years of age of one year/source/nationality into the
// PKS age bands, by sex.
func profile(year int, source, nat string) (ageProfile, error) {
	pa, err := bundle.PopulationByAge()
	if err != nil {
		return nil, err
	}
	bands := make([]band, len(pks.DisjointAgeBands))
	for i, id := range pks.DisjointAgeBands {
		if bands[i], err = parseBand(id); err != nil {
			return nil, baserate.E("factsheet", baserate.KindInternal, err)
		}
	}
	ad, _ := pa.Dim("age")
	out := ageProfile{}
	ys := strconv.Itoa(year)
	found := false
	for _, sex := range []string{"m", "f"} {
		v := make([]float64, len(bands))
		for _, c := range ad.Categories {
			n := pa.At(ys, source, nat, sex, c.ID, "population")
			if math.IsNaN(n) {
				continue
			}
			found = true
			age, err := strconv.Atoi(strings.TrimSuffix(c.ID, "+"))
			if err != nil {
				return nil, baserate.E("factsheet", baserate.KindInternal, fmt.Sprintf("age %q", c.ID))
			}
			for i, b := range bands {
				if age >= b.from && (b.to < 0 || age <= b.to) {
					v[i] += n
					break
				}
			}
		}
		out[sex] = v
	}
	if !found {
		return nil, nil
	}
	return out, nil
}

// ageStructure is the population by age (and sex) used to standardize a
// year's suspects.
type ageStructure struct {
	de, nd  ageProfile
	denom   Denominator
	caveats []baserate.Caveat
}

// structureFor returns the population by age for standardizing suspects of
// year, or nil with the reason when the bundle has none.
func structureFor(year int) (*ageStructure, string, error) {
	popYear := year
	var cav []baserate.Caveat
	switch {
	case year >= 1987 && year <= 2019:
		de, err := profile(year, "12411-0007", pks.German)
		if err != nil {
			return nil, "", err
		}
		nd, err := profile(year, "12411-0007", pks.NonGerman)
		if err != nil || de == nil || nd == nil {
			return nil, "no population by age for this year in the bundle", err
		}
		return &ageStructure{de: de, nd: nd, denom: Denominator{Date: fmt.Sprintf("%d-12-31", year), Source: "Destatis GENESIS 12411-0007",
			Description: fmt.Sprintf("Germans and foreigners by sex and single year of age at %d-12-31 (official population estimate).", year)}}, "", nil
	case year == 2023 || year == 2024:
		popYear = 2023
		if year == 2024 {
			cav = append(cav, bundle.Caveat("population-previous-year"))
		}
	default:
		return nil, fmt.Sprintf("No age breakdown: the bundled data have no population by age and citizenship for 31 December %d (the official series by age ends in 2019 here, and the next age structure is for 2023), so no age-standardized ratio is given.", year), nil
	}
	de, err := profile(popYear, "12411-0007", pks.German)
	if err != nil {
		return nil, "", err
	}
	nd, err := profile(popYear, "12521-0003", "nichtdeutsch_azr")
	if err != nil {
		return nil, "", err
	}
	_, ndOfficial, _, err := popTotals(popYear)
	if err != nil {
		return nil, "", err
	}
	azr := nd.total()
	nd.scale(ndOfficial / azr)
	cav = append(cav, bundle.Caveat("azr-rescaled"))
	return &ageStructure{de: de, nd: nd, caveats: cav, denom: Denominator{Date: fmt.Sprintf("%d-12-31", popYear),
		Source: "Destatis GENESIS 12411-0007 (Germans); Ausländerzentralregister 12521-0003 rescaled to 12411 (foreigners)",
		Description: fmt.Sprintf("Germans by sex and age at %d-12-31 (%s, official estimate); foreigners by sex and age from the register of foreigners (%s) rescaled to the official %s.",
			popYear, count(de.total()), count(azr), count(ndOfficial))}}, "", nil
}
