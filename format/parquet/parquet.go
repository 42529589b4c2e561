package parquet

import (
	"io"
	"math"
	"slices"

	pq "github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/snappy"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format"
)

// Write writes tables to w as one Parquet file.
func Write(w io.Writer, tables ...*baserate.Table) error {
	const op = "parquet.Write"
	multi := len(tables) > 1
	var cols []string
	hasStatus := false
	for _, t := range tables {
		if err := t.Validate(); err != nil {
			return baserate.E(op, baserate.KindInvalid, err)
		}
		for _, d := range t.Dims {
			if !slices.Contains(cols, d.ID) {
				cols = append(cols, d.ID)
			}
		}
		hasStatus = hasStatus || t.Status != nil
	}
	group := pq.Group{}
	for _, c := range cols {
		if c == "value" || c == "status" || c == "dataset" {
			return baserate.E(op, baserate.KindInvalid, "a dimension is named "+c+", which the long table uses for its own column")
		}
		// Optional: a dimension one table of several lacks is null there.
		if multi {
			group[c] = pq.Optional(pq.String())
		} else {
			group[c] = pq.String()
		}
	}
	if multi {
		group["dataset"] = pq.String()
	}
	group["value"] = pq.Optional(pq.Leaf(pq.DoubleType))
	if hasStatus {
		group["status"] = pq.Optional(pq.String())
	}
	schema := pq.NewSchema("baserate", group)
	index := func(name string) int {
		leaf, _ := schema.Lookup(name)
		return leaf.ColumnIndex
	}
	valueCol, statusCol, datasetCol := index("value"), -1, -1
	if hasStatus {
		statusCol = index("status")
	}
	if multi {
		datasetCol = index("dataset")
	}
	pw := pq.NewWriter(w, schema, pq.Compression(&snappy.Codec{}))
	b := pq.NewRowBuilder(schema)
	rows := make([]pq.Row, 0, 1024)
	flush := func() error {
		if len(rows) == 0 {
			return nil
		}
		_, err := pw.WriteRows(rows)
		rows = rows[:0]
		return err
	}
	for _, t := range tables {
		at := make([]int, len(t.Dims))
		for i, d := range t.Dims {
			at[i] = index(d.ID)
		}
		for row := range format.Long(t) {
			b.Reset()
			if multi {
				b.Add(datasetCol, pq.ByteArrayValue([]byte(t.ID)))
			}
			for i, id := range row.IDs {
				b.Add(at[i], pq.ByteArrayValue([]byte(id)))
			}
			if !math.IsNaN(row.Value) {
				b.Add(valueCol, pq.DoubleValue(row.Value))
			}
			if hasStatus && row.Status != "" {
				b.Add(statusCol, pq.ByteArrayValue([]byte(row.Status)))
			}
			rows = append(rows, b.AppendRow(nil))
			if len(rows) == cap(rows) {
				if err := flush(); err != nil {
					return baserate.E(op, baserate.KindOther, err)
				}
			}
		}
	}
	if err := flush(); err != nil {
		return baserate.E(op, baserate.KindOther, err)
	}
	if err := pw.Close(); err != nil {
		return baserate.E(op, baserate.KindOther, err)
	}
	return nil
}
