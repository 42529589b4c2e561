package csvrec

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/baserate/baserate"
	"github.com/google/go-cmp/cmp"
)

func collect(t *testing.T, ctx context.Context, cr *csv.Reader) ([]Row, error) {
	t.Helper()
	var rows []Row
	for r, err := range Rows(ctx, cr, "t.csv") {
		if err != nil {
			return rows, err
		}
		rows = append(rows, Row{Fields: append([]string(nil), r.Fields...), Line: r.Line})
	}
	return rows, nil
}

func TestRowsLines(t *testing.T) {
	// Line 3 is empty (encoding/csv drops it), line 4 holds blanks only,
	// and the record on line 5 runs on to line 6 inside quotes.
	in := "a;b\n1;2\n\n   \n\"x\ny\";3\n4;5\n"
	cr := csv.NewReader(strings.NewReader(in))
	cr.Comma = ';'
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	rows, err := collect(t, context.Background(), cr)
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{
		{[]string{"a", "b"}, 1},
		{[]string{"1", "2"}, 2},
		{[]string{"x\ny", "3"}, 5},
		{[]string{"4", "5"}, 7},
	}
	if d := cmp.Diff(want, rows); d != "" {
		t.Errorf("rows (-want +got):\n%s", d)
	}
}

func TestRowsStopsWhenTheLoopBreaks(t *testing.T) {
	cr := csv.NewReader(strings.NewReader("1\n2\n3\n"))
	n := 0
	for r, err := range Rows(context.Background(), cr, "t.csv") {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if r.Fields[0] == "2" {
			break
		}
	}
	if n != 2 {
		t.Fatalf("yielded %d rows before the break, want 2", n)
	}
	rest, err := cr.Read()
	if err != nil || rest[0] != "3" {
		t.Errorf("after the break the reader holds %v, %v; want the third record", rest, err)
	}
}

func TestRowsContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rows, err := collect(t, ctx, csv.NewReader(strings.NewReader("1\n2\n")))
	if !errors.Is(err, context.Canceled) || len(rows) != 0 {
		t.Errorf("a cancelled context gave %d rows and %v; want none and context.Canceled", len(rows), err)
	}
}

func TestRowsErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		fields   int
		want     string
	}{
		{"bare quote", "a,b\n1,x\"y\n", -1, `t.csv:2: column 4: bare " in non-quoted-field`},
		{"quote across lines", "a,b\n1,\"2\n\n3,4\n", -1, `t.csv:4: column 5: extraneous or missing " in quoted-field (in the record that starts on line 2)`},
		{"ragged", "a,b\n1,2\n3\n", 0, "t.csv:3: ragged row: the number of fields differs from the header's"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cr := csv.NewReader(strings.NewReader(tc.in))
			cr.FieldsPerRecord = tc.fields
			_, err := collect(t, context.Background(), cr)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if baserate.KindOf(err) != baserate.KindInvalid {
				t.Errorf("kind %v, want invalid", baserate.KindOf(err))
			}
		})
	}
}

func TestErrReadFailure(t *testing.T) {
	cause := errors.New("unexpected EOF in gzip stream")
	cr := csv.NewReader(io.MultiReader(strings.NewReader("a,b\n1,2\n"), iotest.ErrReader(cause)))
	rows, err := collect(t, context.Background(), cr)
	if !errors.Is(err, cause) {
		t.Fatalf("error %v does not wrap the reader's", err)
	}
	if want := "t.csv: unexpected EOF in gzip stream"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	if len(rows) != 2 {
		t.Errorf("%d rows before the failure, want 2", len(rows))
	}
}
