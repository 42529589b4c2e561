package csvout

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format"
)

// Write writes tables to w as long CSV. A missing value is an empty
// field; its status says why.
func Write(w io.Writer, tables ...*baserate.Table) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	multi := len(tables) > 1
	var cols []string
	hasStatus := false
	for _, t := range tables {
		for _, d := range t.Dims {
			if !slices.Contains(cols, d.ID) {
				cols = append(cols, d.ID)
			}
		}
		if t.Status != nil {
			hasStatus = true
		}
	}
	for _, c := range cols {
		if c == "value" || c == "status" || multi && c == "dataset" {
			return baserate.E("csvout.Write", baserate.KindInvalid, fmt.Sprintf("a dimension is named %q, the name of a column of the long table", c))
		}
	}
	header := slices.Clone(cols)
	if multi {
		header = append([]string{"dataset"}, header...)
	}
	header = append(header, "value")
	if hasStatus {
		header = append(header, "status")
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	rec := make([]string, len(header))
	var num []byte
	for _, t := range tables {
		// Where each of t's dimensions goes in the record.
		at := make([]int, len(t.Dims))
		for i, d := range t.Dims {
			at[i] = slices.Index(cols, d.ID)
			if multi {
				at[i]++
			}
		}
		for i := range rec {
			rec[i] = ""
		}
		if multi {
			rec[0] = t.ID
		}
		vcol := len(cols)
		if multi {
			vcol++
		}
		for row := range format.Long(t) {
			for i, id := range row.IDs {
				rec[at[i]] = id
			}
			if math.IsNaN(row.Value) {
				rec[vcol] = ""
			} else {
				num = strconv.AppendFloat(num[:0], row.Value, 'f', -1, 64)
				rec[vcol] = string(num)
			}
			if hasStatus {
				rec[vcol+1] = string(row.Status)
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteWide writes t with the categories of dimension wide as columns:
// one column per other dimension (category ids), then one value column
// per category of wide, named by its id, and, when any value has a
// status, a "<id>_status" column for each. This is the layout that
// "baserate standardize" reads when wide holds counts and populations.
func WriteWide(w io.Writer, t *baserate.Table, wide string) error {
	d, k := t.Dim(wide)
	if d == nil {
		var ids []string
		for _, x := range t.Dims {
			ids = append(ids, x.ID)
		}
		return baserate.E("csvout.WriteWide", baserate.KindInvalid, fmt.Sprintf("table %s has no dimension %q (it has %q)", t.ID, wide, ids))
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	var header []string
	for i, x := range t.Dims {
		if i != k {
			header = append(header, x.ID)
		}
	}
	cats := d.IDs()
	header = append(header, cats...)
	if t.Status != nil {
		for _, c := range cats {
			header = append(header, c+"_status")
		}
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	n := d.Size()
	// Stride of dimension k in the row-major values.
	stride := 1
	for _, x := range t.Dims[k+1:] {
		stride *= x.Size()
	}
	pos := make([]int, len(t.Dims))
	rec := make([]string, len(header))
	var num []byte
	for off := range t.Values {
		t.Coords(off, pos)
		if pos[k] != 0 {
			continue
		}
		j := 0
		for i, x := range t.Dims {
			if i != k {
				rec[j] = x.Categories[pos[i]].ID
				j++
			}
		}
		for c := 0; c < n; c++ {
			v := t.Values[off+c*stride]
			if math.IsNaN(v) {
				rec[j+c] = ""
			} else {
				num = strconv.AppendFloat(num[:0], v, 'f', -1, 64)
				rec[j+c] = string(num)
			}
			if t.Status != nil {
				rec[j+n+c] = string(t.Status[off+c*stride])
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
