package csvout

import (
	"bytes"
	"math"
	"testing"

	"github.com/baserate/baserate"
)

func TestWriteWide(t *testing.T) {
	tb := baserate.New("t", baserate.NewDimension("cit", "de", "nd"), baserate.NewDimension("age", "0-14", "15+"), baserate.NewDimension("measure", "suspects", "population"))
	copy(tb.Values, []float64{1, 100, 2, 200, 3, 300, math.NaN(), 400})
	tb.SetStatus(6, "c")
	var buf bytes.Buffer
	if err := WriteWide(&buf, tb, "measure"); err != nil {
		t.Fatal(err)
	}
	want := "cit,age,suspects,population,suspects_status,population_status\nde,0-14,1,100,,\nde,15+,2,200,,\nnd,0-14,3,300,,\nnd,15+,,400,c,\n"
	if buf.String() != want {
		t.Errorf("got\n%s", buf.String())
	}
	buf.Reset()
	if err := WriteWide(&buf, tb, "cit"); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != "age,measure,de,nd,de_status,nd_status\n0-14,suspects,1,3,,\n0-14,population,100,300,,\n15+,suspects,2,,,c\n15+,population,200,400,,\n" {
		t.Errorf("wide on the first dimension:\n%s", got)
	}
	if err := WriteWide(&buf, tb, "sex"); err == nil {
		t.Error("no error for an unknown dimension")
	}
}

func TestReservedNames(t *testing.T) {
	tb := baserate.New("t", baserate.NewDimension("value", "a"))
	var buf bytes.Buffer
	if err := Write(&buf, tb); err == nil || buf.Len() != 0 {
		t.Errorf("dimension named value: %v %q", err, buf.String())
	}
}
