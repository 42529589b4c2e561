package csv_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	brcsv "github.com/baserate/baserate/format/csv"
)

var spec = brcsv.Spec{Dims: []string{"group", "age"}, Measures: []string{"count", "pop"}, NonNegative: true}

func TestReadGood(t *testing.T) {
	in := "\ufeffgroup;age;count;pop\nb;0-14;3;100\na;0-14;0;50\nb;15+;7;200\na;15+;1;40\n"
	tb, err := brcsv.Read(context.Background(), strings.NewReader(in), "x.csv", spec)
	if err != nil {
		t.Fatal(err)
	}
	if got := tb.Dims[0].IDs(); strings.Join(got, ",") != "b,a" {
		t.Errorf("group categories %v, want first-seen order b,a", got)
	}
	if got := tb.At("a", "15+", "pop"); got != 40 {
		t.Errorf("a/15+/pop = %v", got)
	}
	if tb.Dims[2].ID != brcsv.MeasureDim {
		t.Errorf("last dimension %q", tb.Dims[2].ID)
	}
}

func TestReadMissingCellsAreFlagged(t *testing.T) {
	in := "group,age,count,pop\na,0-14,1,10\nb,15+,2,20\n"
	tb, err := brcsv.Read(context.Background(), strings.NewReader(in), "x.csv", spec)
	if err != nil {
		t.Fatal(err)
	}
	off, _ := tb.Lookup("a", "15+", "count")
	if !math.IsNaN(tb.Values[off]) || tb.StatusAt(off) != baserate.StatusMissing {
		t.Errorf("unset cell = %v %q", tb.Values[off], tb.StatusAt(off))
	}
}

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"ragged", "group,age,count,pop\na,0,1,10\na,1,2\n", "bad.csv:3: ragged row"},
		{"nonnumeric count", "group,age,count,pop\na,0,1,10\na,1,2,10\na,2,x,10\n", `bad.csv:4: field "count": "x" is not a number`},
		{"nonnumeric pop", "group,age,count,pop\na,0,1,1e\n", `bad.csv:2: field "pop": "1e" is not a number`},
		{"negative", "group,age,count,pop\na,0,1,10\na,1,-2,10\n", `bad.csv:3: field "count": negative value -2`},
		{"duplicate", "group,age,count,pop\na,0,1,10\nb,0,1,10\na,0,2,10\n", "bad.csv:4: duplicate row for group=a, age=0 (first at line 2)"},
		{"empty value", "group,age,count,pop\na,0,,10\n", `bad.csv:2: field "count": empty value`},
		{"no column", "group,agegroup,count,pop\na,0,1,10\n", `bad.csv:1: no column "age"`},
		{"empty", "", "bad.csv:1: empty file"},
		{"header only", "group,age,count,pop\n", "bad.csv:2: no data rows"},
		{"quote", "group,age,count,pop\na,\"0,1,10\n", "bad.csv:2:"},
		{"nan", "group,age,count,pop\na,0,NaN,10\n", `bad.csv:2: field "count": "NaN" is not a number`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := brcsv.Read(context.Background(), strings.NewReader(tc.in), "bad.csv", spec)
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to contain %q", err, tc.want)
			}
			if baserate.KindOf(err) != baserate.KindInvalid {
				t.Errorf("kind %v, want invalid", baserate.KindOf(err))
			}
			var pe *baserate.PosError
			if !errors.As(err, &pe) {
				t.Errorf("error %q carries no position", err)
			}
		})
	}
}

func TestReadAllowMissing(t *testing.T) {
	s := spec
	s.AllowMissing = true
	tb, err := brcsv.Read(context.Background(), strings.NewReader("group,age,count,pop\na,0,..,10\n"), "x.csv", s)
	if err != nil {
		t.Fatal(err)
	}
	if tb.StatusAt(0) != baserate.StatusNotAvailable {
		t.Errorf("status %q", tb.StatusAt(0))
	}
}

func FuzzRead(f *testing.F) {
	f.Add("group,age,count,pop\na,0,1,10\nb,0,2,20\n")
	f.Add("\ufeffgroup;age;count;pop\na;0;1;10\n")
	f.Add("group,age,count,pop\na,\"0\"\"\",1,-1\n")
	f.Add("group\tage\tcount\tpop\na\t0\t1e3\t.\n")
	f.Fuzz(func(t *testing.T, in string) {
		tb, err := brcsv.Read(context.Background(), strings.NewReader(in), "f.csv", spec)
		if err != nil {
			if baserate.KindOf(err) != baserate.KindInvalid && baserate.KindOf(err) != baserate.KindTooLarge {
				t.Fatalf("error of kind %v: %v", baserate.KindOf(err), err)
			}
			return
		}
		if err := tb.Validate(); err != nil {
			t.Fatal(err)
		}
		for off, v := range tb.Values {
			if !math.IsNaN(v) && v < 0 {
				t.Fatalf("negative value %v at %d accepted", v, off)
			}
		}
	})
}
