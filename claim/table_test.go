package claim

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// claimsRight is how many claims of testdata/claims.tsv must parse right:
// the figure measured when the table last changed. A change to the parser
// that loses one fails here; one that gains some should raise it.
const claimsRight = 106

// tableRow is one claim of testdata/claims.tsv with the parse expected.
type tableRow struct {
	file                       string
	line                       int
	text, group, offence, area string
	year, number, extra        string
}

func readClaimsTable(t *testing.T, name string) []tableRow {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []tableRow
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		s := sc.Text()
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		c := strings.Split(s, "\t")
		if len(c) != 7 {
			t.Fatalf("%s:%d: %d columns, want 7", name, n, len(c))
		}
		rows = append(rows, tableRow{name, n, c[0], c[1], c[2], c[3], c[4], c[5], c[6]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// fraction reads "0.4" or "1/3".
func fraction(s string) (float64, error) {
	if a, b, ok := strings.Cut(s, "/"); ok {
		x, err1 := strconv.ParseFloat(a, 64)
		y, err2 := strconv.ParseFloat(b, 64)
		if err1 != nil || err2 != nil || y == 0 {
			return 0, fmt.Errorf("bad fraction %q", s)
		}
		return x / y, nil
	}
	return strconv.ParseFloat(s, 64)
}

func dash(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

// diff lists where the parse differs from the row's expectation.
func (r tableRow) diff(c *Claim) ([]string, error) {
	var d []string
	want := func(what, got, exp string) {
		if got != exp {
			d = append(d, fmt.Sprintf("%s %q, want %q", what, got, exp))
		}
	}
	want("group", c.Group, dash(r.group))
	want("offence", c.Offence, dash(r.offence))
	want("area", c.Area, dash(r.area))
	// Year.
	gotYear := ""
	switch {
	case c.YearFrom != 0 && c.Year != 0:
		gotYear = fmt.Sprintf("%d-%d", c.YearFrom, c.Year)
	case c.YearFrom != 0:
		gotYear = fmt.Sprintf("%d-", c.YearFrom)
	case c.Year != 0:
		gotYear = strconv.Itoa(c.Year)
	case c.LatestYear:
		gotYear = "latest"
	}
	want("year", gotYear, dash(r.year))
	// Number.
	if r.number == "-" {
		if c.Kind != KindNone {
			d = append(d, fmt.Sprintf("number %s %v, want none", c.Kind, c.Value))
		}
	} else {
		f := strings.Fields(r.number)
		if len(f) != 3 {
			return nil, fmt.Errorf("%s:%d: number %q is not 'kind cmp value'", r.file, r.line, r.number)
		}
		kind, cmp := Kind(f[0]), f[1]
		switch cmp {
		case "=":
			cmp = ""
		case "[]":
			cmp = "between"
		}
		var lo, hi, per float64
		var err error
		switch {
		case cmp == "between":
			a, b, _ := strings.Cut(f[2], "-")
			if lo, err = fraction(a); err == nil {
				hi, err = fraction(b)
			}
		case kind == KindRate:
			a, b, _ := strings.Cut(f[2], "/")
			if lo, err = strconv.ParseFloat(a, 64); err == nil {
				per, err = strconv.ParseFloat(b, 64)
			}
		default:
			lo, err = fraction(f[2])
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", r.file, r.line, err)
		}
		close := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
		if c.Kind != kind || c.Comparator != cmp || !close(c.Value, lo) {
			d = append(d, fmt.Sprintf("number %s %q %v, want %s %q %v", c.Kind, c.Comparator, c.Value, kind, cmp, lo))
		}
		if cmp == "between" && (c.ValueHi == nil || !close(*c.ValueHi, hi)) {
			d = append(d, fmt.Sprintf("upper bound %v, want %v", c.ValueHi, hi))
		}
		if kind == KindRate && c.Per != per {
			d = append(d, fmt.Sprintf("per %v, want %v", c.Per, per))
		}
	}
	// Extras.
	var ref, nat string
	problem := false
	if r.extra != "-" {
		for _, x := range strings.Split(r.extra, ",") {
			k, v, _ := strings.Cut(x, "=")
			switch k {
			case "ref":
				ref = v
			case "nat":
				nat = v
			case "problem":
				problem = true
			default:
				return nil, fmt.Errorf("%s:%d: unknown extra %q", r.file, r.line, x)
			}
		}
	}
	want("reference", c.Reference, ref)
	want("nationality", strings.ToLower(c.Nationality), strings.ToLower(nat))
	if problem != (len(c.Problems) > 0) {
		d = append(d, fmt.Sprintf("problems %q, want problem %v", c.Problems, problem))
	}
	return d, nil
}

// TestClaimsTable parses the claims of testdata/claims.tsv and counts
// those whose every part is as expected; run with -v to see the figure
// and each miss.
func TestClaimsTable(t *testing.T) {
	rows := readClaimsTable(t, "testdata/claims.tsv")
	if len(rows) < 80 {
		t.Fatalf("%d claims in the table, want at least 80", len(rows))
	}
	if right := scoreTable(t, rows); right < claimsRight {
		t.Errorf("%d claims parse right, fewer than the %d of the last measurement", right, claimsRight)
	}
}

// heldoutRight is the figure for testdata/heldout.tsv, the claims written
// after the parser was changed for claims.tsv.
const heldoutRight = 40

func TestHeldoutTable(t *testing.T) {
	rows := readClaimsTable(t, "testdata/heldout.tsv")
	if right := scoreTable(t, rows); right < heldoutRight {
		t.Errorf("%d held-out claims parse right, fewer than the %d of the last measurement", right, heldoutRight)
	}
}

// scoreTable parses each row's claim and returns how many parse right,
// logging each miss and the figure.
func scoreTable(t *testing.T, rows []tableRow) int {
	t.Helper()
	right, clean := 0, 0
	for _, r := range rows {
		c, err := Parse(r.text)
		if err != nil {
			t.Errorf("%s:%d: Parse(%q): %v", r.file, r.line, r.text, err)
			continue
		}
		d, err := r.diff(c)
		if err != nil {
			t.Fatal(err)
		}
		if len(d) == 0 {
			right++
			if len(c.Unparsed) == 0 {
				clean++
			}
			continue
		}
		t.Logf("%s:%d: %q: %s", r.file, r.line, r.text, strings.Join(d, "; "))
	}
	t.Logf("%s: %d of %d parse right (%d of them with every word understood)", rows[0].file, right, len(rows), clean)
	return right
}

// BenchmarkParseTable parses every claim of the two tables once per
// iteration.
func BenchmarkParseTable(b *testing.B) {
	var texts []string
	for _, name := range []string{"testdata/claims.tsv", "testdata/heldout.tsv"} {
		f, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		for _, l := range strings.Split(string(f), "\n") {
			if l != "" && !strings.HasPrefix(l, "#") {
				texts = append(texts, strings.Split(l, "\t")[0])
			}
		}
	}
	b.ResetTimer()
	for range b.N {
		for _, t := range texts {
			if _, err := Parse(t); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(texts)), "ns/claim")
}
