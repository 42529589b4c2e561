package csvrec

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"

	"github.com/baserate/baserate"
)

// Row is one record and the line of the file it starts on (1-based).
type Row struct {
	Fields []string
	Line   int
}

// checkEvery is how many records Rows reads between looks at the context.
const checkEvery = 4096

// Rows yields the records cr has not read yet, each with its line. It
// skips lines that hold nothing but blanks, which encoding/csv reads as
// one empty field. A read error is yielded once, as Err(name, err), and
// ends the sequence; so does the context's error, which Rows checks
// before the first record and every 4,096 records after. The fields are
// cr's: with ReuseRecord set, a Row's Fields are overwritten by the next.
func Rows(ctx context.Context, cr *csv.Reader, name string) iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) {
		for n := 0; ; n++ {
			if n%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					yield(Row{}, err)
					return
				}
			}
			rec, err := cr.Read()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				yield(Row{}, Err(name, err))
				return
			}
			if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
				continue
			}
			line, _ := cr.FieldPos(0)
			if !yield(Row{Fields: rec, Line: line}, nil) {
				return
			}
		}
	}
}

// Err turns an error of encoding/csv's Reader into an input error: for a
// parse error "name:LINE: column C: <what>", with the line the record
// starts on when the error is on a later line of a quoted field, and
// "ragged row" for a record whose number of fields differs from the
// first's (a Reader with FieldsPerRecord 0); any other error (a broken
// gzip stream, a failed read) as "name: <error>", wrapped.
func Err(name string, err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return baserate.Invalid(name, 0, "%w", err)
	}
	if errors.Is(pe.Err, csv.ErrFieldCount) {
		return baserate.Invalid(name, pe.StartLine, "ragged row: the number of fields differs from the header's")
	}
	msg := fmt.Sprintf("column %d: %v", pe.Column, pe.Err)
	if pe.StartLine != pe.Line {
		msg += fmt.Sprintf(" (in the record that starts on line %d)", pe.StartLine)
	}
	return baserate.Invalid(name, pe.Line, "%s", msg)
}
