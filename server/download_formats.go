package server

import (
	"math"

	"github.com/baserate/baserate"
)

// encodeJSONTable encodes t as JSON. Missing values are null.
// TODO(server): switch to the JSON-stat writer once format/jsonstat lands.
func encodeJSONTable(t *baserate.Table) (*body, error) {
	vals := make([]any, len(t.Values))
	for i, v := range t.Values {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			vals[i] = v
		}
	}
	c := *t
	c.Values = nil
	b, err := jsonBody(struct {
		*baserate.Table
		Values []any `json:"values"`
	}{&c, vals})
	if err != nil {
		return nil, err
	}
	b.filename = t.ID + ".json"
	return b, nil
}

// encodeParquetTable encodes t as Parquet.
// TODO(server): use the format/parquet writer once it lands.
func encodeParquetTable(t *baserate.Table) (*body, error) {
	return nil, baserate.E("download", baserate.KindNotFound, "Parquet downloads are not available in this build")
}
