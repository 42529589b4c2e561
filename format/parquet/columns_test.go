package parquet

import (
	"bytes"
	"encoding/csv"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format/csvout"
	"github.com/baserate/baserate/format/parquet/parquettest"
)

// column is one column of a Parquet file as a reader sees it.
type column struct {
	Name     string
	Kind     string // "string", "int64" or "double"
	Optional bool
}

// readBack reads a Parquet file back (parquettest.Read).
func readBack(t *testing.T, b []byte) ([]column, [][]string) {
	cols, rows := parquettest.Read(t, b)
	out := make([]column, len(cols))
	for i, c := range cols {
		out[i] = column(c)
	}
	return out, rows
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func names(cols []column) []string {
	var out []string
	for _, c := range cols {
		out = append(out, c.Name)
	}
	return out
}

// TestSameColumnsAsCSV: the Parquet file of a table has the CSV's columns
// in the CSV's order (dimensions in the table's order, then value, then
// status), the CSV's fields cell by cell, an integer year, a double value
// that is null where the cell is missing, and a string status.
func TestSameColumnsAsCSV(t *testing.T) {
	tb := baserate.New("t",
		baserate.NewDimension("year", "2020", "2021"),
		baserate.NewDimension("geo", "DE", "AT"),
		baserate.NewDimension("key", "010000", "890000"))
	copy(tb.Values, []float64{1.5, 2, math.NaN(), 4e9, 5, 6, 7, 0.25})
	tb.SetStatus(1, "p")
	tb.SetStatus(2, ":")
	var pb, cb bytes.Buffer
	if err := Write(&pb, tb); err != nil {
		t.Fatal(err)
	}
	if err := csvout.Write(&cb, tb); err != nil {
		t.Fatal(err)
	}
	cols, rows := readBack(t, pb.Bytes())
	want := []column{
		{"year", "int64", false},
		{"geo", "string", false},
		{"key", "string", false}, // a code: "010000" keeps its zero
		{"value", "double", true},
		{"status", "string", true},
	}
	if d := cmp.Diff(want, cols); d != "" {
		t.Errorf("columns (-want +got):\n%s", d)
	}
	recs := readCSV(t, cb.Bytes())
	if d := cmp.Diff(recs[0], names(cols)); d != "" {
		t.Errorf("Parquet columns differ from the CSV header (-csv +parquet):\n%s", d)
	}
	if d := cmp.Diff(recs[1:], rows); d != "" {
		t.Errorf("Parquet rows differ from the CSV rows (-csv +parquet):\n%s", d)
	}
}

// TestColumnTypes: a time dimension is an integer column only when every
// one of its ids is an integer as written (no sign, no leading zero), and
// without a status anywhere there is no status column, as in the CSV;
// Options.Status asks for one all the same.
func TestColumnTypes(t *testing.T) {
	quarter := baserate.New("q", baserate.NewDimension("year", "2020", "2020Q2"))
	quarter.Values[0], quarter.Values[1] = 1, 2
	zero := baserate.New("z", baserate.NewDimension("time", "0001", "2000"))
	zero.Values[0], zero.Values[1] = 1, 2
	role := baserate.New("r", &baserate.Dimension{ID: "periode", Role: baserate.RoleTime, Categories: []baserate.Category{{ID: "1999"}, {ID: "-5"}}})
	role.Values[0], role.Values[1] = 1, 2
	age := baserate.New("a", baserate.NewDimension("age", "0", "1"))
	age.Values[0], age.Values[1] = 1, 2
	for _, c := range []struct {
		tb   *baserate.Table
		opts Options
		want []column
	}{
		{quarter, Options{}, []column{{"year", "string", false}, {"value", "double", true}}},
		{zero, Options{}, []column{{"time", "string", false}, {"value", "double", true}}},
		{role, Options{}, []column{{"periode", "int64", false}, {"value", "double", true}}},
		{age, Options{}, []column{{"age", "string", false}, {"value", "double", true}}},
		{age, Options{Status: true}, []column{{"age", "string", false}, {"value", "double", true}, {"status", "string", true}}},
	} {
		var buf bytes.Buffer
		if err := WriteOptions(&buf, c.opts, c.tb); err != nil {
			t.Fatal(err)
		}
		cols, _ := readBack(t, buf.Bytes())
		if d := cmp.Diff(c.want, cols); d != "" {
			t.Errorf("%s %+v: columns (-want +got):\n%s", c.tb.ID, c.opts, d)
		}
	}
}

// TestMultiSameAsCSV: several tables give the CSV's leading dataset
// column and the union of dimensions in first-seen order; a year column
// is an integer only if it is one in every table that has it.
func TestMultiSameAsCSV(t *testing.T) {
	a := baserate.New("a", baserate.NewDimension("year", "2020", "2021"), baserate.NewDimension("geo", "AT"))
	a.Values[0], a.Values[1] = 1, 2
	b := baserate.New("b", baserate.NewDimension("sex", "F", "M"), baserate.NewDimension("year", "2022"))
	b.Values[0] = 3
	b.SetStatus(1, "c")
	var pb, cb bytes.Buffer
	if err := Write(&pb, a, b); err != nil {
		t.Fatal(err)
	}
	if err := csvout.Write(&cb, a, b); err != nil {
		t.Fatal(err)
	}
	cols, rows := readBack(t, pb.Bytes())
	want := []column{
		{"dataset", "string", false},
		{"year", "int64", true},
		{"geo", "string", true},
		{"sex", "string", true},
		{"value", "double", true},
		{"status", "string", true},
	}
	if d := cmp.Diff(want, cols); d != "" {
		t.Errorf("columns (-want +got):\n%s", d)
	}
	recs := readCSV(t, cb.Bytes())
	if d := cmp.Diff(recs, append([][]string{names(cols)}, rows...)); d != "" {
		t.Errorf("Parquet differs from the CSV (-csv +parquet):\n%s", d)
	}

	c := baserate.New("c", baserate.NewDimension("year", "2020/21"))
	c.Values[0] = 4
	pb.Reset()
	if err := Write(&pb, a, c); err != nil {
		t.Fatal(err)
	}
	if cols, _ := readBack(t, pb.Bytes()); cols[1] != (column{"year", "string", true}) {
		t.Errorf("year with 2020/21 in one table: %+v", cols[1])
	}
}
