package server

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"

	"github.com/baserate/baserate"
)

// downloadFormats are the formats every table download offers.
var downloadFormats = []string{"csv", "json", "parquet"}

// encodeTable encodes t for download as tidy CSV (one row per cell: one
// column per dimension, then value and status), JSON or Parquet.
func encodeTable(t *baserate.Table, format string) (*body, error) {
	switch format {
	case "csv":
		var buf bytes.Buffer
		if err := writeTidyCSV(&buf, t); err != nil {
			return nil, baserate.E("download", baserate.KindInternal, err)
		}
		return &body{contentType: "text/csv; charset=utf-8", filename: t.ID + ".csv", data: buf.Bytes()}, nil
	case "json":
		return encodeJSONTable(t)
	case "parquet":
		return encodeParquetTable(t)
	}
	return nil, badParam("format", "unknown format "+strconv.Quote(format))
}

// writeTidyCSV writes one row per cell, in the table's order, with a
// header of the dimension ids and "value", "status". Missing values are
// empty.
func writeTidyCSV(buf *bytes.Buffer, t *baserate.Table) error {
	cw := csv.NewWriter(buf)
	head := make([]string, 0, len(t.Dims)+2)
	for _, d := range t.Dims {
		head = append(head, d.ID)
	}
	head = append(head, "value", "status")
	if err := cw.Write(head); err != nil {
		return err
	}
	rec := make([]string, len(head))
	pos := make([]int, len(t.Dims))
	for off, v := range t.Values {
		pos = t.Coords(off, pos)
		for i, d := range t.Dims {
			rec[i] = d.Categories[pos[i]].ID
		}
		if math.IsNaN(v) {
			rec[len(t.Dims)] = ""
		} else {
			rec[len(t.Dims)] = strconv.FormatFloat(v, 'f', -1, 64)
		}
		rec[len(t.Dims)+1] = string(t.StatusAt(off))
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
