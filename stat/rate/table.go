package rate

import (
	"fmt"
	"math"
	"strings"

	"github.com/baserate/baserate"
)

// Columns names the parts of a table that [FromTable] reads: the group
// dimension, the dimension holding the measures, and the measure categories
// for counts, populations and (optionally) the standard population. Every
// other dimension is a stratum.
type Columns struct {
	Group   string
	Measure string
	Count   string
	Pop     string
	Std     string // "" means the pooled population
}

// FromTable builds the input of [Compare] from a table such as
// format/csv returns. Every group must have a count and a population for
// every stratum, and a standard column must be the same in every group.
func FromTable(t *baserate.Table, c Columns) (Input, error) {
	const op = "rate.FromTable"
	var in Input
	gd, gk := t.Dim(c.Group)
	md, mk := t.Dim(c.Measure)
	if gd == nil || md == nil {
		return in, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("table %s needs dimensions %q and %q", t.ID, c.Group, c.Measure))
	}
	mi := func(id string) (int, error) {
		j := md.Index(id)
		if j < 0 {
			return 0, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("table %s has no measure %q", t.ID, id))
		}
		return j, nil
	}
	ci, err := mi(c.Count)
	if err != nil {
		return in, err
	}
	pi, err := mi(c.Pop)
	if err != nil {
		return in, err
	}
	si := -1
	if c.Std != "" {
		if si, err = mi(c.Std); err != nil {
			return in, err
		}
		in.StdName = c.Std
	}
	var strataDims []int
	for k := range t.Dims {
		if k != gk && k != mk {
			strataDims = append(strataDims, k)
		}
	}
	nStrata := 1
	for _, k := range strataDims {
		nStrata *= t.Dims[k].Size()
	}
	in.Caveats = t.Caveats
	pos := make([]int, len(t.Dims))
	stratumPos := func(s int) {
		for i := len(strataDims) - 1; i >= 0; i-- {
			k := strataDims[i]
			pos[k] = s % t.Dims[k].Size()
			s /= t.Dims[k].Size()
		}
	}
	describe := func() string {
		parts := make([]string, len(strataDims))
		for i, k := range strataDims {
			parts[i] = t.Dims[k].ID + "=" + t.Dims[k].Categories[pos[k]].ID
		}
		if len(parts) == 0 {
			return "all"
		}
		return strings.Join(parts, " ")
	}
	for s := 0; s < nStrata; s++ {
		stratumPos(s)
		in.Strata = append(in.Strata, describe())
	}
	if si >= 0 {
		in.Std = make([]float64, nStrata)
	}
	for g := range gd.Categories {
		grp := Group{Name: gd.Categories[g].ID, Count: make([]float64, nStrata), Pop: make([]float64, nStrata)}
		pos[gk] = g
		for s := 0; s < nStrata; s++ {
			stratumPos(s)
			get := func(m int, what string) (float64, error) {
				pos[mk] = m
				v := t.Values[t.Offset(pos)]
				if math.IsNaN(v) {
					return 0, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("%s: group %q has no %s for stratum %s", t.ID, grp.Name, what, describe()))
				}
				return v, nil
			}
			if grp.Count[s], err = get(ci, c.Count); err != nil {
				return in, err
			}
			if grp.Pop[s], err = get(pi, c.Pop); err != nil {
				return in, err
			}
			if si >= 0 {
				v, err := get(si, c.Std)
				if err != nil {
					return in, err
				}
				if g > 0 && v != in.Std[s] {
					return in, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("%s: the standard %q differs between groups in stratum %s: %v (group %q) and %v (group %q)",
						t.ID, c.Std, describe(), in.Std[s], gd.Categories[0].ID, v, grp.Name))
				}
				in.Std[s] = v
			}
		}
		in.Groups = append(in.Groups, grp)
	}
	return in, nil
}
