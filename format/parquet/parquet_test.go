package parquet

import (
	"bytes"
	"math"
	"testing"

	pq "github.com/parquet-go/parquet-go"

	"github.com/baserate/baserate"
)

type longRow struct {
	Geo    string   `parquet:"geo"`
	Year   int64    `parquet:"year"`
	Value  *float64 `parquet:"value,optional"`
	Status *string  `parquet:"status,optional"`
}

// TestReadBack writes a table with a missing value and statuses and reads
// it back with parquet-go's own reader.
func TestReadBack(t *testing.T) {
	tb := baserate.New("t", baserate.NewDimension("geo", "AT", "DE"), baserate.NewDimension("year", "2020", "2021"))
	copy(tb.Values, []float64{1.5, 2, math.NaN(), 4e9})
	tb.SetStatus(1, "p")
	tb.SetStatus(2, ":")
	var buf bytes.Buffer
	if err := Write(&buf, tb); err != nil {
		t.Fatal(err)
	}
	rows, err := pq.Read[longRow](bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows", len(rows))
	}
	want := []struct {
		geo  string
		year int64
		v    float64
		st   string
	}{{"AT", 2020, 1.5, ""}, {"AT", 2021, 2, "p"}, {"DE", 2020, math.NaN(), ":"}, {"DE", 2021, 4e9, ""}}
	for i, w := range want {
		r := rows[i]
		if r.Geo != w.geo || r.Year != w.year {
			t.Errorf("row %d: %+v", i, r)
		}
		if math.IsNaN(w.v) != (r.Value == nil) || r.Value != nil && *r.Value != w.v {
			t.Errorf("row %d value %v, want %v", i, r.Value, w.v)
		}
		if (w.st == "") != (r.Status == nil) || r.Status != nil && *r.Status != w.st {
			t.Errorf("row %d status %v, want %q", i, r.Status, w.st)
		}
	}
}

func TestMulti(t *testing.T) {
	a := baserate.New("a", baserate.NewDimension("geo", "AT"))
	a.Values[0] = 1
	b := baserate.New("b", baserate.NewDimension("sex", "F", "M"))
	b.Values[0], b.Values[1] = 2, 3
	var buf bytes.Buffer
	if err := Write(&buf, a, b); err != nil {
		t.Fatal(err)
	}
	type row struct {
		Dataset string   `parquet:"dataset"`
		Geo     *string  `parquet:"geo,optional"`
		Sex     *string  `parquet:"sex,optional"`
		Value   *float64 `parquet:"value,optional"`
	}
	rows, err := pq.Read[row](bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0].Dataset != "a" || rows[0].Sex != nil || *rows[2].Sex != "M" || *rows[2].Value != 3 {
		t.Errorf("rows %+v", rows)
	}
}
