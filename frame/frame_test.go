package frame

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/stat/formula"
	"github.com/google/go-cmp/cmp"
)

func read(t *testing.T, s string, opt Options) *Frame {
	t.Helper()
	f, err := ReadCSV(context.Background(), strings.NewReader(s), "t.csv", opt)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestReadCSVKinds(t *testing.T) {
	f := read(t, "\xEF\xBB\xBFregion,year,count,pop,rate\nB,2020,3,100,NA\nA,2021,,200,1.5\nB,2021,7,300,x\n", Options{Factors: []string{"year"}})
	if f.Rows() != 3 {
		t.Fatalf("rows = %d, want 3", f.Rows())
	}
	want := map[string]Kind{"region": Factor, "year": Factor, "count": Numeric, "pop": Numeric, "rate": Factor}
	for n, k := range want {
		if got := f.Col(n).Kind; got != k {
			t.Errorf("column %s: kind %v, want %v", n, got, k)
		}
	}
	count, err := f.Numeric("count")
	if err != nil {
		t.Fatal(err)
	}
	if count[0] != 3 || !math.IsNaN(count[1]) || count[2] != 7 {
		t.Errorf("count = %v", count)
	}
	codes, levels, err := f.Factor("region")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"A", "B"}, levels); diff != "" {
		t.Errorf("levels (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int32{1, 0, 1}, codes); diff != "" {
		t.Errorf("codes (-want +got):\n%s", diff)
	}
	// rate turned into a factor at line 4; asking for it as a number says where.
	_, err = f.Numeric("rate")
	if err == nil || !strings.Contains(err.Error(), `t.csv:4: field "rate": "x" is not a number`) {
		t.Errorf("Numeric(rate) error = %v", err)
	}
	_, levels, _ = f.Factor("rate")
	if diff := cmp.Diff([]string{"1.5", "x"}, levels); diff != "" {
		t.Errorf("rate levels (-want +got):\n%s", diff)
	}
}

func TestFactorizeNumericSortsNumerically(t *testing.T) {
	codes, levels := FactorizeNumeric([]float64{10, 9, 100000, math.NaN(), 0.5, 9})
	if diff := cmp.Diff([]string{"0.5", "9", "10", "1e+05"}, levels); diff != "" {
		t.Errorf("levels (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int32{2, 1, 3, -1, 0, 1}, codes); diff != "" {
		t.Errorf("codes (-want +got):\n%s", diff)
	}
}

func TestFormatNumber(t *testing.T) {
	for x, want := range map[float64]string{
		2011: "2011", 0.1: "0.1", 100000: "1e+05", 123456: "123456", 1e-20: "1e-20",
		-3.25: "-3.25", 1.0 / 3: "0.333333333333333", 0: "0", 1e15: "1e+15", 0.0001: "1e-04",
		123456789012: "123456789012", 1234.5678: "1234.5678",
	} {
		if got := formula.FormatNumber(x); got != want {
			t.Errorf("FormatNumber(%v) = %q, want %q", x, got, want)
		}
	}
}

func TestReadCSVErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "t.csv:1: empty file"},
		{"a,b\n1,2\n3\n", "t.csv:3: 1 fields, header has 2"},
		{"a,a\n1,2\n", `t.csv:1: field "a": column name appears twice (columns 1 and 2)`},
		{"a,\n1,2\n", "t.csv:1: column 2 has no name"},
		{"a,b\n1,\"2\n\n3,4\n", "t.csv:4: column 5: extraneous or missing \" in quoted-field (in the record that starts on line 2)"},
		{"a,b\n1,\"x\"y\"\n", "t.csv:2: column"},
		{"a,b\n1,\xff\n", `t.csv:2: field "b": text is not valid UTF-8`},
	} {
		_, err := ReadCSV(context.Background(), strings.NewReader(tc.in), "t.csv", Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadCSV(%q) error = %v, want it to contain %q", tc.in, err, tc.want)
			continue
		}
		if baserate.KindOf(err) != baserate.KindInvalid {
			t.Errorf("ReadCSV(%q): kind %v, want invalid", tc.in, baserate.KindOf(err))
		}
	}
}

func TestLinesWithQuotedNewlines(t *testing.T) {
	f := read(t, "a;b\n\"x\ny\";1\nz;2\n", Options{})
	if f.Line(0) != 2 || f.Line(1) != 4 {
		t.Errorf("lines = %d, %d; want 2, 4", f.Line(0), f.Line(1))
	}
	if f.Col("b").Kind != Numeric {
		t.Error("semicolon separator not detected")
	}
}

func TestLatin1(t *testing.T) {
	f := read(t, "land,n\nTh\xfcringen,1\n", Options{Latin1: true})
	if got := f.Col("land").Levels[0]; got != "Thüringen" {
		t.Errorf("level = %q, want Thüringen", got)
	}
}

func TestMissingColumnSuggests(t *testing.T) {
	f := read(t, "count,pop\n1,2\n", Options{})
	_, err := f.Numeric("cont")
	if err == nil || !strings.Contains(err.Error(), `did you mean "count"`) || baserate.KindOf(err) != baserate.KindNotFound {
		t.Errorf("error = %v", err)
	}
}

func TestFromTable(t *testing.T) {
	tb := baserate.New("t", baserate.NewDimension("cit", "national", "foreign"), baserate.NewDimension("measure", "count", "pop"))
	copy(tb.Values, []float64{10, 1000, 5, 100})
	f, err := FromTable(tb, "measure")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"cit", "count", "pop"}, f.Names()); diff != "" {
		t.Fatalf("names (-want +got):\n%s", diff)
	}
	pop, _ := f.Numeric("pop")
	if diff := cmp.Diff([]float64{1000, 100}, pop); diff != "" {
		t.Errorf("pop (-want +got):\n%s", diff)
	}
	codes, levels, _ := f.Factor("cit")
	if diff := cmp.Diff([]string{"foreign", "national"}, levels); diff != "" || codes[0] != 1 {
		t.Errorf("levels %v codes %v", levels, codes)
	}
	if _, err := FromTable(tb, "nope"); err == nil {
		t.Error("FromTable with unknown measure dimension: no error")
	}
}

func TestNewRejectsRagged(t *testing.T) {
	_, err := New("x", &Column{Name: "a", Kind: Numeric, Num: []float64{1}}, &Column{Name: "b", Kind: Numeric, Num: []float64{1, 2}})
	if err == nil {
		t.Fatal("no error for columns of unequal length")
	}
	var e *baserate.Error
	if !errors.As(err, &e) {
		t.Errorf("error %T is not *baserate.Error", err)
	}
}

func TestMostlyNumeric(t *testing.T) {
	f := read(t, "x,g,c,n\n1,a,1,1\n2,b,2,2\nabc,3,x,3\n4,c,y,4\n", Options{Factors: []string{"n"}})
	for name, want := range map[string]bool{"x": true, "g": false, "c": false, "n": false, "nope": false} {
		if got := f.MostlyNumeric(name); got != want {
			t.Errorf("MostlyNumeric(%s) = %v, want %v", name, got, want)
		}
	}
	_, err := f.Numeric("x")
	if err == nil || !strings.Contains(err.Error(), `t.csv:4: field "x": "abc" is not a number`) {
		t.Errorf("Numeric(x) error = %v", err)
	}
	// Codes that repeat, with a text level among them ("60+"), are a
	// factor, as R reads them: few distinct numbers over many rows.
	var b strings.Builder
	b.WriteString("age,y\n")
	for i := 0; i < 20; i++ {
		for _, a := range []string{"14", "18", "21", "30", "45", "60+"} {
			b.WriteString(a + ",1\n")
		}
	}
	g := read(t, b.String(), Options{})
	if g.Col("age").Kind != Factor || g.MostlyNumeric("age") {
		t.Errorf("age codes: kind %v, mostly numeric %v; want a factor that is not mostly numeric", g.Col("age").Kind, g.MostlyNumeric("age"))
	}
}

// A semicolon-separated file (as spreadsheets write where the comma is the
// decimal mark) may write numbers with a decimal comma, and thousands with
// dots: such columns are numeric, as R's read.csv2 reads them. A comma file
// keeps "1,5" (quoted) as text.
func TestDecimalComma(t *testing.T) {
	f := read(t, "y;x;pop;g\n3;0,5;1.000;a\n4;-1,25;2.500,5;b\n2;2;300;c\n7;NA;1.234.567;1,2,3\n", Options{})
	x, err := f.Numeric("x")
	if err != nil {
		t.Fatal(err)
	}
	if x[0] != 0.5 || x[1] != -1.25 || x[2] != 2 || !math.IsNaN(x[3]) {
		t.Errorf("x = %v", x)
	}
	pop, err := f.Numeric("pop")
	if err != nil {
		t.Fatal(err)
	}
	if pop[0] != 1000 || pop[1] != 2500.5 || pop[2] != 300 || pop[3] != 1234567 {
		t.Errorf("pop = %v", pop)
	}
	if f.Col("g").Kind != Factor {
		t.Errorf("g is %v, want a factor", f.Col("g").Kind)
	}
	c := read(t, "y,x\n1,\"1,5\"\n2,\"2,5\"\n", Options{})
	if c.Col("x").Kind != Factor {
		t.Errorf("comma file: x is %v, want a factor", c.Col("x").Kind)
	}
}

// Numbers are decimal, as R reads them: Go's digit separators and hex
// floats are text.
func TestNumberSyntax(t *testing.T) {
	f := read(t, "a,b,c\n1_000,0x1p4,1e3\n2,3,.5\n", Options{})
	for name, want := range map[string]Kind{"a": Factor, "b": Factor, "c": Numeric} {
		if got := f.Col(name).Kind; got != want {
			t.Errorf("column %s: %v, want %v", name, got, want)
		}
	}
}
