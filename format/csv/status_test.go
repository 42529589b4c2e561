package csv_test

import (
	"context"
	"math"
	"strings"
	"testing"

	brcsv "github.com/baserate/baserate/format/csv"
)

func TestStatusColumn(t *testing.T) {
	in := "geo,value,status\nAT,12,p\nDE,,c\nFR,,\n"
	tb, err := brcsv.Read(context.Background(), strings.NewReader(in), "x.csv",
		brcsv.Spec{Dims: []string{"geo"}, Measures: []string{"value"}, AllowMissing: true, Status: map[string]string{"value": "status"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		geo    string
		v      float64
		status string
	}{{"AT", 12, "p"}, {"DE", math.NaN(), "c"}, {"FR", math.NaN(), "m"}} {
		off, err := tb.Lookup(c.geo, "value")
		if err != nil {
			t.Fatal(err)
		}
		if v := tb.Values[off]; v != c.v && !(math.IsNaN(v) && math.IsNaN(c.v)) || string(tb.StatusAt(off)) != c.status {
			t.Errorf("%s = %v %q, want %v %q", c.geo, v, tb.StatusAt(off), c.v, c.status)
		}
	}
	_, err = brcsv.Read(context.Background(), strings.NewReader(in), "x.csv",
		brcsv.Spec{Dims: []string{"geo"}, Measures: []string{"value"}, AllowMissing: true, Status: map[string]string{"value": "flags"}})
	if err == nil || !strings.Contains(err.Error(), `x.csv:1: no column "flags"`) {
		t.Errorf("missing status column: %v", err)
	}
}

func TestMeasureDimensionNameTaken(t *testing.T) {
	in := "geo,measure,value\nAT,count,1\nAT,pop,2\n"
	tb, err := brcsv.Read(context.Background(), strings.NewReader(in), "x.csv",
		brcsv.Spec{Dims: []string{"geo", "measure"}, Measures: []string{"value"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := tb.Validate(); err != nil {
		t.Fatal(err)
	}
	if tb.Dims[2].ID != "measure_2" || tb.At("AT", "pop", "value") != 2 {
		t.Errorf("dims %v values %v", tb.Dims, tb.Values)
	}
}
