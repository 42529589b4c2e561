// Package parquettest reads Parquet files back in tests, the way a reader
// such as arrow or pandas sees them, to check that baserate's Parquet
// output holds what its CSV output holds.
package parquettest

import (
	"bytes"
	"strconv"
	"testing"

	pq "github.com/parquet-go/parquet-go"
)

// Column is one column of a Parquet file as a reader sees it.
type Column struct {
	Name     string
	Kind     string // "string", "int64" or "double"
	Optional bool
}

// Read reads a Parquet file as its columns and its rows rendered as CSV
// fields (null as the empty field, numbers as strconv writes them), so
// that it can be compared with the CSV of the same tables. It fails t when
// the file cannot be opened.
func Read(t testing.TB, b []byte) ([]Column, [][]string) {
	t.Helper()
	f, err := pq.OpenFile(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var cols []Column
	for _, fd := range f.Schema().Fields() {
		c := Column{Name: fd.Name(), Optional: fd.Optional()}
		lt := fd.Type().LogicalType()
		switch k := fd.Type().Kind(); {
		case k == pq.ByteArray && lt != nil && lt.String() == "STRING":
			c.Kind = "string"
		case k == pq.Int64:
			c.Kind = "int64"
		case k == pq.Double:
			c.Kind = "double"
		default:
			c.Kind = fd.Type().String()
		}
		cols = append(cols, c)
	}
	r := pq.NewReader(f)
	defer r.Close()
	var recs [][]string
	buf := make([]pq.Row, 256)
	for {
		n, err := r.ReadRows(buf)
		for _, row := range buf[:n] {
			rec := make([]string, len(cols))
			for _, v := range row {
				i := v.Column()
				switch {
				case v.IsNull():
				case cols[i].Kind == "int64":
					rec[i] = strconv.FormatInt(v.Int64(), 10)
				case cols[i].Kind == "double":
					rec[i] = strconv.FormatFloat(v.Double(), 'f', -1, 64)
				default:
					rec[i] = string(v.ByteArray())
				}
			}
			recs = append(recs, rec)
		}
		if err != nil {
			break
		}
	}
	return cols, recs
}
