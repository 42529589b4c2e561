package baserate_test

import (
	"errors"
	"math"
	"testing"

	"github.com/baserate/baserate"
)

func TestTableOffsetsRoundTrip(t *testing.T) {
	tb := baserate.New("t",
		baserate.NewDimension("year", "2022", "2023"),
		baserate.NewDimension("group", "de", "non-de", "all"),
		baserate.NewDimension("sex", "m", "f"))
	if got, want := tb.Size(), 12; got != want {
		t.Fatalf("Size = %d, want %d", got, want)
	}
	for off := range tb.Values {
		pos := tb.Coords(off, nil)
		if back := tb.Offset(pos); back != off {
			t.Errorf("Offset(Coords(%d)) = %d", off, back)
		}
	}
	off, err := tb.Lookup("2023", "non-de", "f")
	if err != nil {
		t.Fatal(err)
	}
	if off != 1*6+1*2+1 {
		t.Errorf("Lookup = %d, want 9 (last dimension fastest)", off)
	}
	tb.Values[off] = 7
	if got := tb.At("2023", "non-de", "f"); got != 7 {
		t.Errorf("At = %v, want 7", got)
	}
	if got := tb.Missing(); got != 11 {
		t.Errorf("Missing = %d, want 11", got)
	}
	if !math.IsNaN(tb.At("2023", "nope", "f")) {
		t.Error("At with an unknown category should be NaN")
	}
}

func TestValidateRejectsDuplicates(t *testing.T) {
	tb := baserate.New("t", baserate.NewDimension("a", "x", "x"))
	if err := tb.Validate(); err == nil {
		t.Error("duplicate category accepted")
	}
	tb = baserate.New("t", baserate.NewDimension("a", "x"), baserate.NewDimension("a", "y"))
	if err := tb.Validate(); err == nil {
		t.Error("duplicate dimension accepted")
	}
}

func TestPosErrorFormat(t *testing.T) {
	err := baserate.Invalid("pop.csv", 4, "population %q is not a number", "abc")
	if got, want := err.Error(), `pop.csv:4: population "abc" is not a number`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if baserate.KindOf(err) != baserate.KindInvalid {
		t.Error("kind lost")
	}
	var pe *baserate.PosError
	if !errors.As(err, &pe) || pe.Line != 4 {
		t.Error("PosError not reachable through errors.As")
	}
	off := &baserate.PosError{File: "a.warc", Offset: 1234, Err: errors.New("truncated record")}
	if got, want := off.Error(), "a.warc: offset 1234: truncated record"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMergeCaveatsDedups(t *testing.T) {
	a := baserate.Caveat{Code: "x", Message: "one"}
	got := baserate.MergeCaveats([]baserate.Caveat{a}, a, baserate.Caveat{Code: "y"})
	if len(got) != 2 {
		t.Errorf("got %d caveats, want 2", len(got))
	}
}
