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
func FromTable(t *baserate.Table, c0 Columns) (Input, error) {
	c := c0
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
	for _, k := range strataDims {
		in.Factors = append(in.Factors, t.Dims[k].ID)
		in.Sizes = append(in.Sizes, t.Dims[k].Size())
	}
	pos := make([]int, len(t.Dims))
	stratumPos := func(s int) {
		for i := len(strataDims) - 1; i >= 0; i-- {
			k := strataDims[i]
			pos[k] = s % t.Dims[k].Size()
			s /= t.Dims[k].Size()
		}
	}
	var sb strings.Builder
	describe := func() string {
		if len(strataDims) == 0 {
			return "all"
		}
		sb.Reset()
		for i, k := range strataDims {
			if i > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(t.Dims[k].ID)
			sb.WriteByte('=')
			sb.WriteString(t.Dims[k].Categories[pos[k]].ID)
		}
		return sb.String()
	}
	in.Strata = make([]string, nStrata)
	for s := 0; s < nStrata; s++ {
		stratumPos(s)
		in.Strata[s] = describe()
	}
	if si >= 0 {
		in.Std = make([]float64, nStrata)
	}
	missing := func(g, s int, what string) error {
		stratumPos(s)
		todo := "add it"
		switch what {
		case c0.Count:
			todo = fmt.Sprintf("add the row (with %s = 0 if there were no events)", what)
		case c0.Pop:
			todo = "add its population"
		}
		return baserate.E(op, baserate.KindInvalid, fmt.Sprintf("%s: group %q has no %s for stratum %s: %s; every group needs a count and a population in every stratum",
			t.ID, gd.Categories[g].ID, what, describe(), todo))
	}
	// Offsets of the measures relative to the cell with measure 0: the
	// measure dimension's stride.
	stride := 1
	for _, d := range t.Dims[mk+1:] {
		stride *= d.Size()
	}
	for g := range gd.Categories {
		grp := Group{Name: gd.Categories[g].ID, Count: make([]float64, nStrata), Pop: make([]float64, nStrata)}
		pos[gk], pos[mk] = g, 0
		for s := 0; s < nStrata; s++ {
			stratumPos(s)
			base := t.Offset(pos)
			c, p := t.Values[base+ci*stride], t.Values[base+pi*stride]
			if math.IsNaN(c) {
				return in, missing(g, s, c0.Count)
			}
			if math.IsNaN(p) {
				return in, missing(g, s, c0.Pop)
			}
			grp.Count[s], grp.Pop[s] = c, p
			if si >= 0 {
				v := t.Values[base+si*stride]
				if math.IsNaN(v) {
					return in, missing(g, s, c0.Std)
				}
				if g > 0 && v != in.Std[s] {
					return in, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("%s: the standard %q differs between groups in stratum %s: %v (group %q) and %v (group %q)",
						t.ID, c0.Std, in.Strata[s], in.Std[s], gd.Categories[0].ID, v, grp.Name))
				}
				in.Std[s] = v
			}
		}
		in.Groups = append(in.Groups, grp)
	}
	return in, nil
}
