package frame

import (
	"fmt"
	"math"

	"github.com/baserate/baserate"
)

// FromTable turns a labelled cube into a frame with one row per cell: a
// factor column per dimension (named by the dimension id, levels the
// category ids) and numeric value columns. If measure names a dimension,
// that dimension is spread into one numeric column per category (so a
// table whose "measure" dimension has categories "count" and "pop" gives
// columns count and pop); otherwise the values go into one column named
// "value". Cells whose values are all missing are kept, with NaN.
func FromTable(t *baserate.Table, measure string) (*Frame, error) {
	if err := t.Validate(); err != nil {
		return nil, baserate.E("frame.FromTable", baserate.KindInvalid, err)
	}
	mi := -1
	if measure != "" {
		if _, mi = t.Dim(measure); mi < 0 {
			return nil, baserate.E("frame.FromTable", baserate.KindNotFound, fmt.Sprintf("table %s has no dimension %q", t.ID, measure))
		}
	}
	rows := t.Size()
	var m *baserate.Dimension
	if mi >= 0 {
		m = t.Dims[mi]
		if m.Size() == 0 {
			rows = 0
		} else {
			rows /= m.Size()
		}
	}
	var cols []*Column
	dimCol := make([]*Column, len(t.Dims))
	for i, d := range t.Dims {
		if i == mi {
			continue
		}
		c := &Column{Name: d.ID, Kind: Factor, Codes: make([]int32, 0, rows), Levels: d.IDs()}
		dimCol[i] = c
		cols = append(cols, c)
	}
	var valCols []*Column
	if m != nil {
		for _, id := range m.IDs() {
			valCols = append(valCols, &Column{Name: id, Kind: Numeric, Num: make([]float64, 0, rows)})
		}
	} else {
		valCols = []*Column{{Name: "value", Kind: Numeric, Num: make([]float64, 0, rows)}}
	}
	cols = append(cols, valCols...)

	pos := make([]int, len(t.Dims))
	for off := range t.Values {
		pos = t.Coords(off, pos)
		if mi >= 0 && pos[mi] != 0 {
			continue
		}
		for i, c := range dimCol {
			if c != nil {
				c.Codes = append(c.Codes, int32(pos[i]))
			}
		}
		if mi < 0 {
			valCols[0].Num = append(valCols[0].Num, t.Values[off])
			continue
		}
		for k := range valCols {
			pos[mi] = k
			v := t.Values[t.Offset(pos)]
			if math.IsInf(v, 0) {
				return nil, baserate.E("frame.FromTable", baserate.KindInvalid, fmt.Sprintf("table %s: infinite value", t.ID))
			}
			valCols[k].Num = append(valCols[k].Num, v)
		}
		pos[mi] = 0
	}
	return New(t.ID, cols...)
}
