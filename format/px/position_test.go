package px

import (
	"context"
	"strings"
	"testing"
)

// TestErrorsNameTheLine checks that errors in the header carry the line
// of the keyword at fault as file:LINE, like every other error of the
// reader, not "file: line 2:" or no line at all.
func TestErrorsNameTheLine(t *testing.T) {
	const head = "CHARSET=\"ANSI\";\nMATRIX=\"T1\";\nSUBJECT-CODE=\"X\";\nSUBJECT-AREA=\"X\";\nDECIMALS=1;\nTITLE=\"t\";\nCONTENTS=\"c\";\nUNITS=\"persons\";\n" // 8 lines
	for _, c := range []struct{ name, in, want string }{
		{"no equals", "MATRIX=\"X\";\nSTUB\n=\"a\";\n", `t.px:2: "STUB" is not a keyword`},
		{"language", "MATRIX=\"X\";\nTITLE[en=\"a\";\n", `t.px:2: TITLE: unterminated [language]`},
		{"subkeys", "MATRIX=\"X\";\nVALUES(\"a)=\"b\";\n", `t.px:2: VALUES: unterminated subkey list`},
		{"twice", head + "STUB=\"a\";\nHEADING=\"a\";\nVALUES(\"a\")=\"1\";\nDATA=1;\n", `t.px:10: variable "a" appears twice in STUB and HEADING`},
		{"category twice", head + "STUB=\"a\";\nVALUES(\"a\")=\"1\",\n\"1\";\nDATA=1 2;\n", `t.px:10: variable "a" has the category "1" twice`},
		{"code twice", head + "STUB=\"a\";\nVALUES(\"a\")=\"1\",\"2\";\nCODES(\"a\")=\"x\",\"x\";\nDATA=1 2;\n", `t.px:11: variable "a" has the category "x" twice`},
		{"id twice", head + "STUB=\"a\",\"b\";\nVALUES(\"a\")=\"1\";\nVALUES(\"b\")=\"1\";\nVARIABLECODE(\"a\")=\"v\";\nVARIABLECODE(\"b\")=\"v\";\nDATA=1;\n", `t.px:13: two variables have the id "v"`},
		// Two strings on one line are not a continuation (PX continues a
		// string only on the next line): most likely a missing ','. They
		// were joined into the variable "ab", and the error blamed
		// VALUES("a") for naming an unknown variable.
		{"strings on one line", head + "STUB=\"a\" \"b\";\nVALUES(\"a\")=\"1\";\nVALUES(\"b\")=\"1\";\nDATA=1;\n", `t.px:9: STUB: the strings "a" and "b" are on one line with no ',' between them`},
		{"strings on a later line", head + "STUB=\"a\",\n\"b\" \"c\";\nDATA=1;\n", `t.px:9: STUB: the strings "b" and "c" are on one line (line 10) with no ','`},
	} {
		_, err := Read(context.Background(), strings.NewReader(c.in), Options{Name: "t.px"})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// TestStringsContinueOnTheNextLine checks that a string continued on the
// next line is still joined (the PX rule; mikaelhg/pxspec's multiline.px
// has it too), and that two strings on one line in a keyword that does not
// shape the table are skipped with a caveat naming the line, not joined.
func TestStringsContinueOnTheNextLine(t *testing.T) {
	const head = "CHARSET=\"ANSI\";\nMATRIX=\"T1\";\nSUBJECT-CODE=\"X\";\nSUBJECT-AREA=\"X\";\nDECIMALS=1;\nCONTENTS=\"c\";\nUNITS=\"persons\";\n" // 7 lines
	in := head + "TITLE=\"Population by \"\n  \"region\";\nNOTE=\"one\" \"two\";\nSTUB=\"re\"\n\"gion\";\nVALUES(\"region\")=\"North\",\"So\"\n\"uth\";\nDATA=1 2;\n"
	tb, err := Read(context.Background(), strings.NewReader(in), Options{Name: "t.px"})
	if err != nil {
		t.Fatal(err)
	}
	if tb.Label != "Population by region" {
		t.Errorf("title %q, want the two lines joined", tb.Label)
	}
	d, _ := tb.Dim("region")
	if d == nil || len(d.Categories) != 2 || d.Categories[1].Label != "South" {
		t.Fatalf("dimensions %+v, want region with North and South", tb.Dims)
	}
	found := false
	for _, c := range tb.Caveats {
		found = found || strings.Contains(c.Message, `line 10: NOTE: the strings "one" and "two" are on one line`)
	}
	if !found {
		t.Errorf("no caveat for NOTE's strings on one line in %+v", tb.Caveats)
	}
}
