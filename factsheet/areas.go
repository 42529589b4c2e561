package factsheet

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/bundle"
)

// Area levels.
const (
	LevelCountry = "country"
	LevelLand    = "land"
	LevelKreis   = "kreis"
)

// Area is a place the bundle has fact sheets for, with the years and
// offence keys it has them for.
type Area struct {
	// ID is "DE", a Land's two-digit AGS ("09") or a district's five-digit
	// AGS ("09162").
	ID    string `json:"id"`
	Name  string `json:"name"`
	Level string `json:"level"`
	// Settlement is "urban" (kreisfreie Stadt, Stadtkreis) or "rural"
	// (Landkreis) for districts.
	Settlement string   `json:"settlement,omitempty"`
	Years      []int    `json:"years"`
	Keys       []string `json:"keys,omitempty"` // empty: every key
	// TerritoryChange says how a district's territory changed between
	// the bundled years (a Kreisreform), when it did.
	TerritoryChange string `json:"territory_change,omitempty"`
	// absorbed is set when the district took in another between the
	// bundled years, so that its figures are not a series.
	absorbed bool
}

var areasOnce = sync.OnceValues(func() ([]Area, error) {
	out := []Area{{ID: "DE", Name: "Deutschland", Level: LevelCountry}}
	for y := 1987; y <= 2024; y++ {
		out[0].Years = append(out[0].Years, y)
	}
	lp, err := bundle.LaenderPanel()
	if err != nil {
		return nil, err
	}
	ld, _ := lp.Dim("land")
	nd, _ := lp.Dim("name")
	yd, _ := lp.Dim("year")
	var years []int
	for _, c := range yd.Categories {
		y, _ := strconv.Atoi(c.ID)
		years = append(years, y)
	}
	for _, c := range ld.Categories {
		name := ""
		for _, n := range nd.Categories {
			if !math.IsNaN(lp.At(yd.Categories[0].ID, c.ID, n.ID, "suspects")) {
				name = n.ID
			}
		}
		out = append(out, Area{ID: c.ID, Name: name, Level: LevelLand, Years: years, Keys: []string{"------"}})
	}
	ks, err := bundle.Kreise()
	if err != nil {
		return nil, err
	}
	sus, err := bundle.KreisSuspects()
	if err != nil {
		return nil, err
	}
	kd, _ := sus.Dim("key")
	at := map[string]int{}
	for _, k := range ks {
		y, _ := strconv.Atoi(k.Year)
		i, ok := at[k.AGS]
		if !ok {
			set := "rural"
			if k.Urban() {
				set = "urban"
			}
			out = append(out, Area{ID: k.AGS, Name: k.Name, Level: LevelKreis, Settlement: set, Keys: kd.IDs()})
			i = len(out) - 1
			at[k.AGS] = i
		}
		out[i].Name = k.Name
		out[i].Years = append(out[i].Years, y)
	}
	changes, err := bundle.KreisChanges()
	if err != nil {
		return nil, err
	}
	for _, c := range changes {
		from, fok := at[c.AGS]
		into, iok := at[c.IntoAGS]
		if !fok || !iok {
			return nil, baserate.E("factsheet", baserate.KindInternal, fmt.Sprintf("%s: district %s or %s is not in the district tables", bundle.FileKreisChanges, c.AGS, c.IntoAGS))
		}
		out[from].TerritoryChange = fmt.Sprintf("%s (%s) joined %s (%s) on %s; the bundle has no figures for it after that.", c.Name, c.AGS, c.IntoName, c.IntoAGS, c.Date)
		out[into].TerritoryChange = fmt.Sprintf("%s (%s) took in %s (%s) on %s: its figures for %s and for %s cover different territories.",
			c.IntoName, c.IntoAGS, c.Name, c.AGS, c.Date, yearList(yearsBefore(out[into].Years, c.Date, true)), yearList(yearsBefore(out[into].Years, c.Date, false)))
		out[into].absorbed = true
	}
	return out, nil
})

// yearsBefore returns the years of ys whose 31 December falls before date
// ("2021-07-01"), or with before false those after it.
func yearsBefore(ys []int, date string, before bool) []int {
	var out []int
	for _, y := range ys {
		if (fmt.Sprintf("%d-12-31", y) < date) == before {
			out = append(out, y)
		}
	}
	return out
}

// Areas lists the areas the bundle has fact sheets for: Germany (DE,
// 1987–2024, every key), the 16 Länder (2010–2020, all offences only) and
// the districts (2020 and 2022, the keys of the district tables).
func Areas() ([]Area, error) { return areasOnce() }

// findArea returns the area with the given id, or with the given name
// when exactly one has it; the error lists what there is.
func findArea(id string) (Area, error) {
	as, err := Areas()
	if err != nil {
		return Area{}, err
	}
	var byName []Area
	for _, a := range as {
		if a.ID == id {
			return a, nil
		}
		if strings.EqualFold(a.Name, id) {
			byName = append(byName, a)
		}
	}
	switch len(byName) {
	case 1:
		return byName[0], nil
	case 0:
		var laender []string
		for _, a := range as {
			if a.Level == LevelLand {
				laender = append(laender, a.ID+" "+a.Name)
			}
		}
		return Area{}, notFound("no area %q: the bundle has DE (Germany, 1987-2024), the Länder by two-digit AGS (%s; 2010-2020, all offences ------ only) and %d districts by five-digit AGS (2020 and 2022, such as 09162 München; see \"baserate factsheet --areas\")",
			id, strings.Join(laender, ", "), len(as)-1-len(laender))
	}
	var ids []string
	for _, a := range byName {
		ids = append(ids, a.ID+" ("+a.Level+")")
	}
	return Area{}, notFound("area %q is ambiguous: %s; give the AGS", id, strings.Join(ids, ", "))
}

// areaSuspects returns the bundled suspects of q in a Land or district.
func areaSuspects(q Query) (*Suspects, *Area, error) {
	a, err := findArea(q.Area)
	if err != nil {
		return nil, nil, err
	}
	ys := strconv.Itoa(q.Year)
	if !slices.Contains(a.Years, q.Year) {
		more := ""
		if a.TerritoryChange != "" && !a.absorbed {
			more = " (" + strings.TrimSuffix(a.TerritoryChange, ".") + ")"
		}
		return nil, nil, notFound("no figures for %s %s in %d: the bundle has it for %s%s", a.ID, a.Name, q.Year, yearList(a.Years), more)
	}
	if len(a.Keys) > 0 && !slices.Contains(a.Keys, q.Offence) {
		return nil, nil, notFound("no figures for key %s in %s %s: the bundle has it for keys %s", q.Offence, a.ID, a.Name, strings.Join(a.Keys, ", "))
	}
	s := &Suspects{Label: label(q.Offence), NoAge: "No age breakdown: the bundled tables by Land and district have no suspects by age."}
	var all, nd float64
	switch a.Level {
	case LevelLand:
		lp, err := bundle.LaenderPanel()
		if err != nil {
			return nil, nil, err
		}
		all, nd = lp.At(ys, a.ID, a.Name, "suspects"), lp.At(ys, a.ID, a.Name, "suspects_nongerman")
		s.Caveats = []baserate.Caveat{bundle.Caveat("pks-laender-double-count"), bundle.Caveat("laender-panel-compilation"), bundle.Caveat("area-suspects-not-residents")}
	case LevelKreis:
		ks, err := bundle.KreisSuspects()
		if err != nil {
			return nil, nil, err
		}
		all, nd = ks.At(ys, a.ID, q.Offence, "suspects"), ks.At(ys, a.ID, q.Offence, "suspects_nongerman")
		s.Caveats = []baserate.Caveat{bundle.Caveat("kreis-suspects-per-district"), bundle.Caveat("area-suspects-not-residents"), bundle.Caveat("kreise-population-census-2011")}
		if a.absorbed {
			c := bundle.Caveat("kreis-territory-change")
			c.Message = a.TerritoryChange + " " + c.Message
			s.Caveats = append(s.Caveats, c)
		}
	}
	if math.IsNaN(all) || math.IsNaN(nd) || nd > all {
		return nil, nil, baserate.E("factsheet", baserate.KindInternal, fmt.Sprintf("bundled suspects of %s in %s %d: %v of %v non-German", q.Offence, a.ID, q.Year, nd, all))
	}
	s.German, s.NonGerman = all-nd, nd
	return s, &a, nil
}

// areaPopulation returns the bundled population of a Land or district.
func areaPopulation(q Query) (*Population, error) {
	a, err := findArea(q.Area)
	if err != nil {
		return nil, err
	}
	ys := strconv.Itoa(q.Year)
	p := &Population{NoStructure: "No age breakdown: the bundled tables by Land and district have no suspects by age, so no age-standardized ratio is given."}
	switch a.Level {
	case LevelLand:
		lp, err := bundle.LaenderPanel()
		if err != nil {
			return nil, err
		}
		p.German, p.NonGerman = lp.At(ys, a.ID, a.Name, "germans"), lp.At(ys, a.ID, a.Name, "foreigners")
		p.Denominator = Denominator{Date: ys, Source: "Destatis GENESIS 12411-0042 (annual average population), via the Länder panel 2010-2020",
			Description: fmt.Sprintf("Average population of %s in %d: %s Germans and %s foreigners.", a.Name, q.Year, count(p.German), count(p.NonGerman))}
		p.Caveats = []baserate.Caveat{bundle.Caveat("population-annual-average")}
	case LevelKreis:
		kp, err := bundle.KreisPopulation()
		if err != nil {
			return nil, err
		}
		all, f := kp.At(ys, a.ID, "total"), kp.At(ys, a.ID, "foreigners")
		p.German, p.NonGerman = all-f, f
		date := ys + "-12-31"
		p.Denominator = Denominator{Date: date, Source: "Statistische Ämter des Bundes und der Länder, Regionaldatenbank 12411-03-03-4",
			Description: fmt.Sprintf("Residents of %s at %s: %s Germans and %s foreigners (2011 census basis).", a.Name, date, count(p.German), count(p.NonGerman))}
	default:
		return nil, baserate.E("factsheet", baserate.KindInternal, "area level "+a.Level)
	}
	if math.IsNaN(p.German) || math.IsNaN(p.NonGerman) {
		return nil, notFound("no population for %s %s in %d", a.ID, a.Name, q.Year)
	}
	return p, nil
}

func yearList(ys []int) string {
	if len(ys) > 2 && ys[len(ys)-1]-ys[0] == len(ys)-1 {
		return fmt.Sprintf("%d-%d", ys[0], ys[len(ys)-1])
	}
	var s []string
	for _, y := range ys {
		s = append(s, strconv.Itoa(y))
	}
	return strings.Join(s, " and ")
}

// kreisBasis sums the district tables of q.Year and q.Offence by
// settlement type: German and non-German suspects and population of the
// urban districts (kreisfreie Städte, Stadtkreise) and the rural ones.
// It returns nil when the district tables lack the year or key.
func kreisBasis(q Query) (names []string, xde, nde, xnd, nnd []float64, err error) {
	ks, err := bundle.Kreise()
	if err != nil {
		return
	}
	sus, err := bundle.KreisSuspects()
	if err != nil {
		return
	}
	pop, err := bundle.KreisPopulation()
	if err != nil {
		return
	}
	ys := strconv.Itoa(q.Year)
	if yd, _ := sus.Dim("year"); yd.Index(ys) < 0 {
		return nil, nil, nil, nil, nil, nil
	}
	if kd, _ := sus.Dim("key"); kd.Index(q.Offence) < 0 {
		return nil, nil, nil, nil, nil, nil
	}
	names = []string{"urban", "rural"}
	xde, nde, xnd, nnd = make([]float64, 2), make([]float64, 2), make([]float64, 2), make([]float64, 2)
	for _, k := range ks {
		if k.Year != ys {
			continue
		}
		i := 1
		if k.Urban() {
			i = 0
		}
		all, nd := sus.At(ys, k.AGS, q.Offence, "suspects"), sus.At(ys, k.AGS, q.Offence, "suspects_nongerman")
		pAll, pF := pop.At(ys, k.AGS, "total"), pop.At(ys, k.AGS, "foreigners")
		if math.IsNaN(all + nd + pAll + pF) {
			return nil, nil, nil, nil, nil, baserate.E("factsheet", baserate.KindInternal, fmt.Sprintf("district %s in %s: missing numbers", k.AGS, ys))
		}
		xde[i] += all - nd
		xnd[i] += nd
		nde[i] += pAll - pF
		nnd[i] += pF
	}
	return names, xde, nde, xnd, nnd, nil
}

// settlement compares German and non-German suspects over urban and rural
// districts, on the district tables' basis.
func settlement(q Query) (*Standardization, error) {
	names, xde, nde, xnd, nnd, err := kreisBasis(q)
	if err != nil || names == nil {
		return nil, err
	}
	ys := strconv.Itoa(q.Year)
	denom := Denominator{Date: ys + "-12-31", Source: "BKA PKS KR-F-01-T01 " + ys + " (suspects summed over districts); Regionaldatenbank 12411-03-03-4 (residents of the districts, 2011 census basis)",
		Description: fmt.Sprintf("Suspects and residents summed over the kreisfreie Städte and Stadtkreise (urban: %s Germans, %s foreigners) and over the Landkreise (rural: %s Germans, %s foreigners) at %s-12-31.",
			count(nde[0]), count(nnd[0]), count(nde[1]), count(nnd[1]), ys)}
	st, err := compare([]string{"settlement"}, []int{2}, names, xde, nde, xnd, nnd, denom)
	if err != nil {
		return nil, err
	}
	st.Basis = "PKS district tables (KR-F-01-T01), summed by settlement type"
	st.Caveats = []baserate.Caveat{bundle.Caveat("settlement-kreis-basis"), bundle.Caveat("kreis-suspects-per-district"),
		bundle.Caveat("area-suspects-not-residents"), bundle.Caveat("kreise-population-census-2011")}
	return &st, nil
}
