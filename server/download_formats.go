package server

import (
	"bytes"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format/jsonstat"
	"github.com/baserate/baserate/format/parquet"
)

// encodeJSONTable encodes t as JSON-stat 2.0 (package format/jsonstat).
func encodeJSONTable(t *baserate.Table) (*body, error) {
	var buf bytes.Buffer
	if err := jsonstat.Write(&buf, t); err != nil {
		return nil, baserate.E("download", baserate.KindInternal, err)
	}
	return &body{contentType: "application/json", filename: t.ID + ".json", data: buf.Bytes()}, nil
}

// encodeParquetTable encodes t as a long Parquet file (package
// format/parquet) with the columns of the CSV download, in its order: one
// per dimension (an integer year where the years are integers), "value"
// and "status", which the CSV always has.
func encodeParquetTable(t *baserate.Table) (*body, error) {
	var buf bytes.Buffer
	if err := parquet.WriteOptions(&buf, parquet.Options{Status: true}, t); err != nil {
		return nil, baserate.E("download", baserate.KindInternal, err)
	}
	return &body{contentType: "application/vnd.apache.parquet", filename: t.ID + ".parquet", data: buf.Bytes()}, nil
}
