package bundle

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// TestMediaDocTables checks the corpus tables of docs/media.md against
// the bundled media index they are read from, so that a re-coded corpus
// cannot leave the documentation's numbers behind.
func TestMediaDocTables(t *testing.T) {
	b, err := os.ReadFile("../docs/media.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.Split(string(b), "\n")
	// row returns the table line whose first cell starts with key.
	row := func(key string) []string {
		for _, l := range doc {
			if !strings.HasPrefix(l, "| ") {
				continue
			}
			cells := strings.Split(strings.Trim(l, "| "), " | ")
			if cells[0] == key || strings.HasPrefix(cells[0], key+" (") {
				return cells
			}
		}
		return nil
	}
	p := message.NewPrinter(language.English)
	n := func(v int) string { return p.Sprintf("%d", v) }
	pct := func(v float64) string { return fmt.Sprintf("%.1f%%", 100*v) }

	rows, err := MediaIndex()
	if err != nil {
		t.Fatal(err)
	}
	corpora := 0
	for _, r := range rows {
		switch {
		case r.Period == "all":
			corpora++
			c := row(r.Corpus)
			want := []string{r.Home, n(r.Texts), n(r.CrimeItems), n(r.OriginItems) + " = " + pct(r.OriginShare), n(r.ForeignItems) + " = " + pct(r.ForeignShare)}
			if len(c) != 6 || c[1] != want[0] || c[2] != want[1] || c[3] != want[2] || !strings.HasPrefix(c[4], want[3]) || !strings.HasPrefix(c[5], want[4]) {
				t.Errorf("docs/media.md, corpus %s: %q, want %q", r.Corpus, c, want)
			}
		case r.Corpus == "ffm-polizei" && r.Period != "unknown":
			c := row(r.Period)
			want := []string{r.Period, n(r.CrimeItems), n(r.OriginItems), n(r.ForeignItems), pct(r.OriginShare), pct(r.ForeignShare)}
			if strings.Join(c, "|") != strings.Join(want, "|") {
				t.Errorf("docs/media.md, Frankfurt %s: %q, want %q", r.Period, c, want)
			}
		}
	}
	if corpora < 7 {
		t.Errorf("%d corpora in the index, want the seven of ../shared/data/news", corpora)
	}
	fams, err := MediaFamilyIndex()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range fams {
		if r.Corpus != "ffm-polizei" || r.Period != "all" {
			continue
		}
		c := row(r.Family)
		want := []string{r.Family, n(r.CrimeItems), pct(r.OriginShare), pct(r.ForeignShare)}
		if strings.Join(c, "|") != strings.Join(want, "|") {
			t.Errorf("docs/media.md, Frankfurt family %s: %q, want %q", r.Family, c, want)
		}
	}
}
