package frame

import (
	"context"
	"strings"
	"testing"
)

// FuzzReadCSV checks that no input makes ReadCSV panic, and that what it
// accepts is a consistent frame.
func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"a,b\n1,2\n", "a;b\n\"x\ny\";1\n", "y,x\n0,NA\n1,\n", "a\n\xff\n", "a,b\n1,x\n2,3\n",
		"\xEF\xBB\xBFa\tb\n1\t2\n", "a,b\n1e400,-0\n", "a,b\n\"1\",\" 2 \"\n",
	} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, latin1 bool) {
		fr, err := ReadCSV(context.Background(), strings.NewReader(s), "f.csv", Options{Latin1: latin1})
		if err != nil {
			if !strings.Contains(err.Error(), "f.csv") {
				t.Fatalf("error without the file name: %v", err)
			}
			return
		}
		for _, c := range fr.Cols {
			if c.Len() != fr.Rows() {
				t.Fatalf("column %q has %d rows, frame %d", c.Name, c.Len(), fr.Rows())
			}
			if c.Kind == Factor {
				for _, k := range c.Codes {
					if k < -1 || int(k) >= len(c.Levels) {
						t.Fatalf("code %d outside %d levels", k, len(c.Levels))
					}
				}
				codes, levels, err := fr.Factor(c.Name)
				if err != nil {
					t.Fatal(err)
				}
				for i := 1; i < len(levels); i++ {
					if levels[i-1] >= levels[i] {
						t.Fatalf("levels not sorted: %q", levels)
					}
				}
				for _, k := range codes {
					if k < -1 || int(k) >= len(levels) {
						t.Fatalf("sorted code %d outside %d levels", k, len(levels))
					}
				}
			}
		}
		for i := 1; i < fr.Rows(); i++ {
			if fr.Line(i) <= fr.Line(i-1) {
				t.Fatalf("line of row %d (%d) not after row %d (%d)", i, fr.Line(i), i-1, fr.Line(i-1))
			}
		}
	})
}
