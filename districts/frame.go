package districts

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/bundle"
	"github.com/baserate/baserate/frame"
)

// District is one district's row of the model frame.
type District struct {
	AGS   string `json:"ags"`
	Name  string `json:"name"`
	State string `json:"state"`
	// Cases are the offences of the key recorded in the district;
	// SuspectsNonGerman the non-German suspects registered there.
	Cases             float64 `json:"cases"`
	SuspectsNonGerman float64 `json:"suspects_nongerman"`
	// Pop, Foreigners, Young (15–29) and Old (65+) are residents at 31
	// December of the year before.
	Pop        float64 `json:"pop"`
	Foreigners float64 `json:"foreigners"`
	Young      float64 `json:"young"`
	Old        float64 `json:"old"`
	// Settlement is the settlement and transport area in % of the area,
	// Income the disposable household income per inhabitant (1,000 EUR).
	Settlement float64 `json:"settlement"`
	Income     float64 `json:"income"`
	// Merged lists the districts of the PKS table added to this one
	// because the covariates are on a later territory.
	Merged []string `json:"merged,omitempty"`
}

// Years are the years of the PKS district tables.
var Years = []int{2020, 2022}

// Keys lists the offence keys the district tables have, in bundle order.
func Keys() ([]string, error) {
	sus, err := bundle.KreisSuspects()
	if err != nil {
		return nil, err
	}
	kd, _ := sus.Dim("key")
	return kd.IDs(), nil
}

// Districts returns the model frame's rows for a year and key: the
// districts of that year's PKS table, with a district that later joined
// another (bundle.KreisChanges) added to the one it joined, since the
// Deutschlandatlas covariates are on the territory of 2022. Population is
// that of 31 December of the previous year, as the BKA's own rates use.
func Districts(year int, key string) ([]District, error) {
	if !slices.Contains(Years, year) {
		return nil, notFound("no district tables for %d: the bundle has %d and %d", year, Years[0], Years[1])
	}
	keys, err := Keys()
	if err != nil {
		return nil, err
	}
	if !slices.Contains(keys, key) {
		return nil, notFound("no district figures for key %q: the district tables have %v", key, keys)
	}
	ys, ps := strconv.Itoa(year), strconv.Itoa(year-1)
	ks, err := bundle.Kreise()
	if err != nil {
		return nil, err
	}
	cases, err := bundle.KreisCases()
	if err != nil {
		return nil, err
	}
	sus, err := bundle.KreisSuspects()
	if err != nil {
		return nil, err
	}
	pop, err := bundle.KreisPopulationByAge()
	if err != nil {
		return nil, err
	}
	atlas, err := bundle.KreisAtlas()
	if err != nil {
		return nil, err
	}
	changes, err := bundle.KreisChanges()
	if err != nil {
		return nil, err
	}
	at := map[string]bundle.AtlasKreis{}
	for _, a := range atlas {
		at[a.AGS] = a
	}
	into := map[string]string{}
	for _, c := range changes {
		into[c.AGS] = c.IntoAGS
	}
	var out []District
	idx := map[string]int{}
	var pending []District
	for _, k := range ks {
		if k.Year != ys {
			continue
		}
		d := District{AGS: k.AGS, Name: k.Name, State: k.AGS[:2],
			Cases: cases.At(ys, k.AGS, key, "cases"), SuspectsNonGerman: sus.At(ys, k.AGS, key, "suspects_nongerman"),
			Pop: pop.At(ps, k.AGS, "total"), Foreigners: pop.At(ps, k.AGS, "foreigners"),
			Young: pop.At(ps, k.AGS, "age_15_29"), Old: pop.At(ps, k.AGS, "age_65_plus")}
		if math.IsNaN(d.Cases + d.SuspectsNonGerman + d.Pop + d.Foreigners + d.Young + d.Old) {
			return nil, baserate.E(op, baserate.KindInternal, fmt.Sprintf("district %s in %d: missing figures for key %s or population at %s-12-31", k.AGS, year, key, ps))
		}
		a, ok := at[k.AGS]
		if !ok {
			if _, joined := into[k.AGS]; joined {
				pending = append(pending, d)
				continue
			}
			return nil, baserate.E(op, baserate.KindInternal, fmt.Sprintf("district %s %s: no Deutschlandatlas row and no territorial change", k.AGS, k.Name))
		}
		d.Settlement, d.Income = a.Settlement, a.Income
		idx[k.AGS] = len(out)
		out = append(out, d)
	}
	for _, p := range pending {
		i, ok := idx[into[p.AGS]]
		if !ok {
			return nil, baserate.E(op, baserate.KindInternal, fmt.Sprintf("district %s joined %s, which is not in the %d table", p.AGS, into[p.AGS], year))
		}
		d := &out[i]
		d.Cases += p.Cases
		d.SuspectsNonGerman += p.SuspectsNonGerman
		d.Pop += p.Pop
		d.Foreigners += p.Foreigners
		d.Young += p.Young
		d.Old += p.Old
		d.Merged = append(d.Merged, p.AGS+" "+p.Name)
	}
	return out, nil
}

// Frame turns districts into the model frame: the counts, foreign_share,
// young_share and old_share in percent of the residents, settlement,
// income, and state as a factor.
func Frame(ds []District) (*frame.Frame, error) {
	n := len(ds)
	col := func(name string, f func(d District) float64) *frame.Column {
		c := &frame.Column{Name: name, Kind: frame.Numeric, Num: make([]float64, n)}
		for i, d := range ds {
			c.Num[i] = f(d)
		}
		return c
	}
	state := &frame.Column{Name: "state", Kind: frame.Factor, Codes: make([]int32, n)}
	for i, d := range ds {
		j := slices.Index(state.Levels, d.State)
		if j < 0 {
			state.Levels = append(state.Levels, d.State)
			j = len(state.Levels) - 1
		}
		state.Codes[i] = int32(j)
	}
	return frame.New("bundled districts",
		col("cases", func(d District) float64 { return d.Cases }),
		col("suspects_nongerman", func(d District) float64 { return d.SuspectsNonGerman }),
		col("pop", func(d District) float64 { return d.Pop }),
		col("foreigners", func(d District) float64 { return d.Foreigners }),
		col("foreign_share", func(d District) float64 { return 100 * d.Foreigners / d.Pop }),
		col("young_share", func(d District) float64 { return 100 * d.Young / d.Pop }),
		col("old_share", func(d District) float64 { return 100 * d.Old / d.Pop }),
		col("settlement", func(d District) float64 { return d.Settlement }),
		col("income", func(d District) float64 { return d.Income }),
		state)
}

const op = "districts"

func notFound(format string, args ...any) error {
	return baserate.E(op, baserate.KindNotFound, fmt.Sprintf(format, args...))
}
