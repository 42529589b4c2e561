// Package load holds scripts that load baserate's exports in pandas and R
// (run.sh, check.py, check.R; see README.md). Its test checks that the
// calls docs/formats.md gives users are the ones the scripts make.
package load

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDocumentedCalls: every line between "# docs:begin" and "# docs:end"
// in check.py and check.R appears in docs/formats.md, so that the calls
// the scripts check (text columns, exact numbers, missing values, the
// JSON-stat reshape) are the calls users are told to make.
func TestDocumentedCalls(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "docs", "formats.md"))
	if err != nil {
		t.Fatal(err)
	}
	docLines := map[string]bool{}
	for _, l := range strings.Split(string(doc), "\n") {
		docLines[strings.TrimSpace(l)] = true
	}
	for _, script := range []string{"check.py", "check.R"} {
		f, err := os.Open(script)
		if err != nil {
			t.Fatal(err)
		}
		in, blocks := false, 0
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			l := strings.TrimSpace(sc.Text())
			switch {
			case l == "# docs:begin":
				in = true
				blocks++
			case l == "# docs:end":
				in = false
			case in && !docLines[l]:
				t.Errorf("%s:%d: docs/formats.md does not give %q", script, n, l)
			}
		}
		f.Close()
		if blocks == 0 {
			t.Errorf("%s: no docs:begin block", script)
		}
	}
}
