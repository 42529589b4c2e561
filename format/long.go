package format

import (
	"iter"

	"github.com/baserate/baserate"
)

// Row is one cell of a table in long form: the category id of each
// dimension, the value (NaN when missing) and its status.
type Row struct {
	// Offset is the cell's position in Table.Values.
	Offset int
	// IDs holds one category id per dimension, in dimension order. The
	// slice is reused from row to row: copy it to keep it.
	IDs    []string
	Value  float64
	Status baserate.Status
}

// Long returns the cells of t in row-major order (the last dimension
// varying fastest), one Row each: the long table that "baserate convert"
// writes and that other commands consume.
func Long(t *baserate.Table) iter.Seq[Row] {
	return func(yield func(Row) bool) {
		n := len(t.Dims)
		pos := make([]int, n)
		ids := make([]string, n)
		for i, d := range t.Dims {
			if d.Size() == 0 {
				return
			}
			ids[i] = d.Categories[0].ID
		}
		for off, v := range t.Values {
			if !yield(Row{Offset: off, IDs: ids, Value: v, Status: t.StatusAt(off)}) {
				return
			}
			// Advance the odometer.
			for i := n - 1; i >= 0; i-- {
				pos[i]++
				if pos[i] < t.Dims[i].Size() {
					ids[i] = t.Dims[i].Categories[pos[i]].ID
					break
				}
				pos[i] = 0
				ids[i] = t.Dims[i].Categories[0].ID
			}
		}
	}
}
