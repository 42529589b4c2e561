// Package csvout writes tables as long CSV: one column per dimension
// holding category ids, then "value" and, when any value has a status,
// "status". Several tables go into one file with a leading "dataset"
// column and the union of their dimension columns.
package csvout

import (
	"bufio"
	"encoding/csv"
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
