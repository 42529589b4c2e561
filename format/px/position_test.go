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
	} {
		_, err := Read(context.Background(), strings.NewReader(c.in), Options{Name: "t.px"})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}
