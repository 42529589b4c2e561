package format_test

import (
	"bytes"
	"context"
	"math"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format"
	"github.com/baserate/baserate/format/csvout"
)

// flagged is a table with the statuses offices publish: provisional,
// confidential without a value, Eurostat's ":", PX's nil "-" (a true
// zero) and a PX cell-note marker that starts with a space.
func flagged() *baserate.Table {
	tb := baserate.New("t", baserate.NewDimension("geo", "AT", "DE", "FR"), baserate.NewDimension("year", "2022", "2023"))
	for i := range tb.Values {
		tb.Values[i] = float64(10 + i)
	}
	tb.SetStatus(1, "p")
	tb.Values[2], tb.Values[3] = math.NaN(), math.NaN()
	tb.SetStatus(2, "c")
	tb.SetStatus(3, ":")
	tb.Values[4] = 0
	tb.SetStatus(4, "-")
	tb.SetStatus(5, " (a")
	return tb
}

func checkFlags(t *testing.T, what string, a, b *baserate.Table, measure string) {
	t.Helper()
	for off := range a.Values {
		pos := make([]int, len(a.Dims))
		a.Coords(off, pos)
		ids := []string{a.Dims[0].Categories[pos[0]].ID, a.Dims[1].Categories[pos[1]].ID}
		if measure != "" {
			ids = append(ids, measure)
		}
		o, err := b.Lookup(ids...)
		if err != nil {
			t.Fatalf("%s: no cell %v in %v", what, ids, b.Dims)
		}
		v, w := a.Values[off], b.Values[o]
		if v != w && !(math.IsNaN(v) && math.IsNaN(w)) || a.StatusAt(off) != b.StatusAt(o) {
			t.Errorf("%s: %v = %v %q, want %v %q", what, ids, w, b.StatusAt(o), v, a.StatusAt(off))
		}
	}
}

// TestCSVKeepsFlags checks that the long CSV that convert writes reads
// back with its status flags: a provisional value stays provisional, a
// confidential cell is not turned into "missing, reason not given".
func TestCSVKeepsFlags(t *testing.T) {
	tb := flagged()
	var buf bytes.Buffer
	if err := csvout.Write(&buf, tb); err != nil {
		t.Fatal(err)
	}
	back, _, err := format.Read(context.Background(), &buf, "t.csv", format.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkFlags(t, "long", tb, back[0], "value")
}

// TestWideCSVKeepsFlags does the same for convert --wide, whose flags are
// in "<category>_status" columns: they are the flags of their columns,
// not a dimension.
func TestWideCSVKeepsFlags(t *testing.T) {
	tb := flagged()
	var buf bytes.Buffer
	if err := csvout.WriteWide(&buf, tb, "year"); err != nil {
		t.Fatal(err)
	}
	back, _, err := format.Read(context.Background(), &buf, "t.csv", format.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := back[0]
	if len(b.Dims) != 2 || b.Dims[0].ID != "geo" {
		t.Fatalf("wide back: dimensions %v", b.Dims)
	}
	for off := range tb.Values {
		pos := make([]int, 2)
		tb.Coords(off, pos)
		geo, year := tb.Dims[0].Categories[pos[0]].ID, tb.Dims[1].Categories[pos[1]].ID
		o, err := b.Lookup(geo, year)
		if err != nil {
			t.Fatalf("no cell %s/%s", geo, year)
		}
		v, w := tb.Values[off], b.Values[o]
		if v != w && !(math.IsNaN(v) && math.IsNaN(w)) || tb.StatusAt(off) != b.StatusAt(o) {
			t.Errorf("wide %s/%s = %v %q, want %v %q", geo, year, w, b.StatusAt(o), v, tb.StatusAt(off))
		}
	}
}

// TestCSVOfMeasureDimension reads back the CSV of a table that has a
// dimension named "measure" (as SDMX tables with several measures and
// CSV tables have): it was refused as an internal error, the measure
// dimension appearing twice.
func TestCSVOfMeasureDimension(t *testing.T) {
	tb := baserate.New("t", baserate.NewDimension("geo", "AT", "DE"), baserate.NewDimension("measure", "count", "pop"))
	for i := range tb.Values {
		tb.Values[i] = float64(i + 1)
	}
	var buf bytes.Buffer
	if err := csvout.Write(&buf, tb); err != nil {
		t.Fatal(err)
	}
	back, _, err := format.Read(context.Background(), &buf, "t.csv", format.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := back[0]
	if b.Dims[1].ID != "measure" || len(b.Dims) != 3 || b.At("DE", "pop", "value") != 4 {
		t.Errorf("back: %v %v", b.Dims, b.Values)
	}
}
