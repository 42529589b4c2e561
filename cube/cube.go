package cube

import (
	"fmt"
	"math"
	"slices"

	"github.com/baserate/baserate"
)

// Select keeps only the categories ids of dimension dim, in the order given.
// It fails when the table has no such dimension or category.
func Select(t *baserate.Table, dim string, ids ...string) (*baserate.Table, error) {
	d, k := t.Dim(dim)
	if d == nil {
		return nil, fmt.Errorf("cube: table %s has no dimension %q", t.ID, dim)
	}
	idx := make([]int, len(ids))
	for i, id := range ids {
		j := d.Index(id)
		if j < 0 {
			return nil, fmt.Errorf("cube: table %s: dimension %q has no category %q", t.ID, dim, id)
		}
		idx[i] = j
	}
	nd := d.Clone()
	nd.Categories = make([]baserate.Category, len(idx))
	for i, j := range idx {
		nd.Categories[i] = d.Categories[j]
	}
	return remap(t, k, nd, func(j int) []int { return []int{idx[j]} }), nil
}

// Fix selects one category of each named dimension and drops those
// dimensions: Fix(t, map[string]string{"year": "2023"}) is the 2023 slice.
func Fix(t *baserate.Table, at map[string]string) (*baserate.Table, error) {
	out := t
	for _, d := range t.Dims {
		id, ok := at[d.ID]
		if !ok {
			continue
		}
		var err error
		if out, err = Select(out, d.ID, id); err != nil {
			return nil, err
		}
		if out, err = Sum(out, d.ID); err != nil {
			return nil, err
		}
	}
	for k := range at {
		if d, _ := t.Dim(k); d == nil {
			return nil, fmt.Errorf("cube: table %s has no dimension %q", t.ID, k)
		}
	}
	return out, nil
}

// Sum adds up the values over every category of the named dimensions and
// removes them from the table. A sum over a missing value is missing and
// carries status [baserate.StatusMissing].
func Sum(t *baserate.Table, dims ...string) (*baserate.Table, error) {
	out := t
	for _, name := range dims {
		d, k := out.Dim(name)
		if d == nil {
			return nil, fmt.Errorf("cube: table %s has no dimension %q", t.ID, name)
		}
		all := make([]int, d.Size())
		for i := range all {
			all[i] = i
		}
		one := &baserate.Dimension{ID: d.ID, Categories: []baserate.Category{{ID: "total"}}}
		r := remap(out, k, one, func(int) []int { return all })
		r.Dims = slices.Delete(r.Dims, k, k+1)
		out = r
	}
	return out, nil
}

// Regroup maps the categories of dimension dim onto new categories, each the
// sum of the old ones listed for it in groups, in the order of newIDs. Old
// categories may be used in several groups (for overlapping totals) or none.
func Regroup(t *baserate.Table, dim string, newIDs []string, groups map[string][]string) (*baserate.Table, error) {
	d, k := t.Dim(dim)
	if d == nil {
		return nil, fmt.Errorf("cube: table %s has no dimension %q", t.ID, dim)
	}
	src := make([][]int, len(newIDs))
	for i, id := range newIDs {
		olds, ok := groups[id]
		if !ok {
			return nil, fmt.Errorf("cube: regroup of %q: no members listed for %q", dim, id)
		}
		for _, o := range olds {
			j := d.Index(o)
			if j < 0 {
				return nil, fmt.Errorf("cube: table %s: dimension %q has no category %q", t.ID, dim, o)
			}
			src[i] = append(src[i], j)
		}
	}
	nd := &baserate.Dimension{ID: d.ID, Label: d.Label, Role: d.Role}
	for _, id := range newIDs {
		nd.Categories = append(nd.Categories, baserate.Category{ID: id})
	}
	return remap(t, k, nd, func(j int) []int { return src[j] }), nil
}

// remap builds a table in which dimension k is replaced by nd, whose j-th
// category is the sum of the old categories from(j).
func remap(t *baserate.Table, k int, nd *baserate.Dimension, from func(j int) []int) *baserate.Table {
	dims := make([]*baserate.Dimension, len(t.Dims))
	for i, d := range t.Dims {
		dims[i] = d.Clone()
	}
	dims[k] = nd
	out := baserate.New(t.ID, dims...)
	out.Label, out.Source, out.Updated = t.Label, t.Source, t.Updated
	out.Notes = slices.Clone(t.Notes)
	out.Caveats = slices.Clone(t.Caveats)
	// inner = product of sizes after k; outer = product before k.
	inner := 1
	for _, d := range t.Dims[k+1:] {
		inner *= d.Size()
	}
	outer := 1
	for _, d := range t.Dims[:k] {
		outer *= d.Size()
	}
	oldK := t.Dims[k].Size()
	newK := nd.Size()
	for o := 0; o < outer; o++ {
		for j := 0; j < newK; j++ {
			src := from(j)
			for in := 0; in < inner; in++ {
				dst := (o*newK+j)*inner + in
				sum := 0.0
				var st baserate.Status
				for n, s := range src {
					off := (o*oldK+s)*inner + in
					v := t.Values[off]
					if math.IsNaN(v) {
						sum = math.NaN()
						if st == baserate.StatusNone || len(src) > 1 {
							st = t.StatusAt(off)
							if st == baserate.StatusNone || len(src) > 1 {
								st = baserate.StatusMissing
							}
						}
						continue
					}
					sum += v
					if len(src) == 1 && n == 0 {
						st = t.StatusAt(off)
					}
				}
				out.Values[dst] = sum
				out.SetStatus(dst, st)
			}
		}
	}
	return out
}

// Align brings a and b onto the same dimensions, in a's order, keeping in
// each shared dimension the categories both tables have, in a's order.
// Dimensions that only one table has must have a single category (they are
// then dropped) or Align fails: sum them out first with [Sum]. Both results
// carry the caveats of both inputs.
func Align(a, b *baserate.Table) (*baserate.Table, *baserate.Table, error) {
	var err error
	if a, err = dropLone(a, b); err != nil {
		return nil, nil, err
	}
	if b, err = dropLone(b, a); err != nil {
		return nil, nil, err
	}
	for _, da := range a.Dims {
		db, _ := b.Dim(da.ID)
		var both []string
		for _, c := range da.Categories {
			if db.Index(c.ID) >= 0 {
				both = append(both, c.ID)
			}
		}
		if len(both) == 0 {
			return nil, nil, fmt.Errorf("cube: tables %s and %s share no category of dimension %q", a.ID, b.ID, da.ID)
		}
		if a, err = Select(a, da.ID, both...); err != nil {
			return nil, nil, err
		}
		if b, err = Select(b, da.ID, both...); err != nil {
			return nil, nil, err
		}
	}
	order := make([]string, len(a.Dims))
	for i, d := range a.Dims {
		order[i] = d.ID
	}
	if b, err = Transpose(b, order...); err != nil {
		return nil, nil, err
	}
	caveats := baserate.MergeCaveats(slices.Clone(a.Caveats), b.Caveats...)
	a.Caveats = caveats
	b.Caveats = slices.Clone(caveats)
	return a, b, nil
}

// dropLone removes the dimensions of t that other lacks, if they have one
// category, and fails otherwise.
func dropLone(t, other *baserate.Table) (*baserate.Table, error) {
	for _, d := range t.Dims {
		if od, _ := other.Dim(d.ID); od != nil {
			continue
		}
		if d.Size() != 1 {
			return nil, fmt.Errorf("cube: dimension %q of table %s (%d categories) is not in table %s; sum it out or select one category first", d.ID, t.ID, d.Size(), other.ID)
		}
		var err error
		if t, err = Sum(t, d.ID); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// Transpose returns t with its dimensions in the given order, which must
// name each dimension of t exactly once.
func Transpose(t *baserate.Table, order ...string) (*baserate.Table, error) {
	if len(order) != len(t.Dims) {
		return nil, fmt.Errorf("cube: transpose of %s: %d dimensions named for %d", t.ID, len(order), len(t.Dims))
	}
	perm := make([]int, len(order))
	dims := make([]*baserate.Dimension, len(order))
	for i, id := range order {
		d, k := t.Dim(id)
		if d == nil || slices.Contains(perm[:i], k) {
			return nil, fmt.Errorf("cube: transpose of %s: bad dimension %q", t.ID, id)
		}
		perm[i] = k
		dims[i] = d.Clone()
	}
	out := baserate.New(t.ID, dims...)
	out.Label, out.Source, out.Updated = t.Label, t.Source, t.Updated
	out.Notes = slices.Clone(t.Notes)
	out.Caveats = slices.Clone(t.Caveats)
	src := make([]int, len(perm))
	var dst []int
	for off := range out.Values {
		dst = out.Coords(off, dst)
		for i, k := range perm {
			src[k] = dst[i]
		}
		so := t.Offset(src)
		out.Values[off] = t.Values[so]
		out.SetStatus(off, t.StatusAt(so))
	}
	return out, nil
}

// Vector returns the values along dimension dim, in category order, of a
// table that has no other dimension with more than one category.
func Vector(t *baserate.Table, dim string) ([]float64, error) {
	d, _ := t.Dim(dim)
	if d == nil {
		return nil, fmt.Errorf("cube: table %s has no dimension %q", t.ID, dim)
	}
	for _, o := range t.Dims {
		if o.ID != dim && o.Size() != 1 {
			return nil, fmt.Errorf("cube: table %s: dimension %q has %d categories; fix one first", t.ID, o.ID, o.Size())
		}
	}
	return slices.Clone(t.Values), nil
}
