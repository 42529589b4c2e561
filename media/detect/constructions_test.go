package detect

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/baserate/baserate"
)

// TestConstructions codes each sentence of testdata/constructions.tsv
// (hand-written constructions of crime reports in the four languages,
// each with five nationalities) on its own and asserts that the origin
// named is the suspect's (S) or the victim's (V). The battery found the
// lexicon gaps of the later session (Swedish singular nouns, "überfiel",
// "robbed", "misshandlades", Italian post-nominal participles).
func TestConstructions(t *testing.T) { battery(t, "constructions.tsv", 200, New) }

// TestConstructionsRules codes each sentence of
// testdata/constructions_rules.tsv with the rules alone: constructions the
// clause model reads right and the built-in role model, which may change a
// clause answer at p >= 0.9, reads otherwise ("un uomo ha tentato di
// colpire un tunisino": the word "uomo" near the mention leads it to the
// suspect). They are the cost of mode all (docs/media.md), kept visible.
func TestConstructionsRules(t *testing.T) { battery(t, "constructions_rules.tsv", 2, NewRules) }

// TestCountryNames codes each sentence of testdata/countrynames.tsv: the
// short, colloquial and former country names and the demonyms a probe of
// 693 names in the four languages found missing ("aus Bosnien", the
// codebook's own example, "aus Mazedonien", "originario dell'Olanda",
// "from the Czech Republic"), and uses of such names that name no
// person's origin ("macedonia di frutta", "das Spiel gegen England").
func TestCountryNames(t *testing.T) { battery(t, "countrynames.tsv", 50, New) }

// battery codes each sentence of a testdata file of lang, code, role
// (S, V or - for neither) and text, on its own, with the coder newCoder
// makes, and asserts the role; it fails when the file has fewer than min
// sentences.
func battery(t *testing.T, name string, min int, newCoder func(langs ...string) (*Coder, error)) {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, err := newCoder()
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(f)
	n, line := 0, 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if strings.HasPrefix(s, "#") || strings.HasPrefix(s, "lang\t") || s == "" {
			continue
		}
		p := strings.Split(s, "\t")
		if len(p) != 4 {
			t.Fatalf("%s:%d: %d fields, want 4", name, line, len(p))
		}
		lang, code, role, text := p[0], p[1], p[2], p[3]
		cod := c.Code(baserate.Article{ID: "c", Text: text, Lang: lang})
		got := "-"
		switch {
		case slices.Contains(cod.SuspectOrigins, code):
			got = "S"
		case slices.Contains(cod.VictimOrigins, code):
			got = "V"
		case !cod.Crime:
			got = "no crime report"
		}
		if got != role {
			t.Errorf("%s:%d: %s %q: %s, want %s", name, line, code, text, got, role)
		}
		n++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < min {
		t.Fatalf("%d sentences, want the whole battery", n)
	}
}
