package heldout

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/baserate/baserate/internal/sharedtest"
	"github.com/baserate/baserate/media/eval"
)

// shared is ../shared beside the repository.
func shared(t testing.TB) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared")
	sharedtest.Need(t, filepath.Join(p, "data", "news"))
	return p
}

// TestSetsAreTheEmbeddedFiles: Sets names every embedded set file, in the
// order they were drawn (heldout.jsonl, heldout2.jsonl, ... with no gap),
// so that a committed set cannot be left out of the tests and the pooled
// figures by a list kept by hand.
func TestSetsAreTheEmbeddedFiles(t *testing.T) {
	files, err := fs.Glob(sets, "heldout*.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(Sets) {
		t.Errorf("%d set files embedded, Sets names %d", len(files), len(Sets))
	}
	for i, name := range Sets {
		want := "heldout.jsonl"
		if i > 0 {
			want = fmt.Sprintf("heldout%d.jsonl", i+1)
		}
		if name != want {
			t.Errorf("Sets[%d] = %s, want %s", i, name, want)
		}
		if !slices.Contains(files, name) {
			t.Errorf("%s: named in Sets, not embedded", name)
		}
	}
}

func TestRefs(t *testing.T) {
	for _, set := range Sets {
		t.Run(set, func(t *testing.T) { testRefs(t, set) })
	}
}

func testRefs(t *testing.T, set string) {
	refs, err := RefsOf(set)
	if err != nil {
		t.Fatal(err)
	}
	byLang := map[string]int{}
	seen := map[string]bool{}
	for _, r := range refs {
		byLang[r.Lang]++
		if seen[r.ID] || seen[r.File+" "+r.Ref] {
			t.Errorf("%s: repeated id or reference", r.ID)
		}
		seen[r.ID], seen[r.File+" "+r.Ref] = true, true
		if _, ok := CorpusByName(r.Corpus); !ok {
			t.Errorf("%s: unknown corpus %q", r.ID, r.Corpus)
		}
		g := r.Gold
		if g.OriginNamed != (len(g.SuspectOrigins) > 0) {
			t.Errorf("%s: origin_named disagrees with suspect_origins", r.ID)
		}
		if !slices.IsSorted(g.SuspectOrigins) || !slices.IsSorted(g.VictimOrigins) {
			t.Errorf("%s: origin codes not sorted", r.ID)
		}
		if !g.Crime && (len(g.Categories) > 0 || len(g.VictimOrigins) > 0 || g.OriginNamed) {
			t.Errorf("%s: codings beyond crime=false", r.ID)
		}
	}
	// Set1: at least 100 German texts and 30 of every other language;
	// Set2: about half that; Set3 to DevFrameLast: the proportions of
	// dev.jsonl (about 64% German); later sets: 84 Italian and 36 English
	// texts and no other; from ItalianOnlyFirst on, 120 Italian texts.
	n := slices.Index(Sets, set) + 1 // the set's number
	min := map[string]int{"de": 100, "it": 30, "sv": 30, "en": 30}
	switch {
	case n == 1:
	case n == 2:
		min = map[string]int{"de": 45, "it": 15, "sv": 15, "en": 15}
	case n > DevFrameLast:
		min = map[string]int{"it": 84, "en": 36}
		if n >= ItalianOnlyFirst {
			min = map[string]int{"it": 120}
		}
		if len(refs) != 120 {
			t.Errorf("%d texts, want 120", len(refs))
		}
	default:
		min = map[string]int{"de": 70, "it": 15, "sv": 12, "en": 12}
	}
	for l, n := range min {
		if byLang[l] < n {
			t.Errorf("%s texts: %d < %d", l, byLang[l], n)
		}
	}
	if len(Frame()) < 6 {
		t.Errorf("frame.tsv: %v", Frame())
	}
}

// TestLoad rebuilds every text of every set from ../shared and checks its
// digest; no text is in two sets.
func TestLoad(t *testing.T) {
	all, err := LoadSets(context.Background(), shared(t), Sets)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for k, set := range Sets {
		gold := all[k]
		checkLoaded(t, set, gold)
		for _, g := range gold {
			if other, ok := seen[g.Text]; ok {
				t.Errorf("%s: same text as %s", g.ID, other)
			}
			seen[g.Text] = g.ID
		}
	}
}

// checkLoaded: gold holds every text of set, in its order, with its id
// and language.
func checkLoaded(t *testing.T, set string, gold []eval.Gold) {
	t.Helper()
	refs, _ := RefsOf(set)
	if len(gold) != len(refs) {
		t.Fatalf("%s: %d texts, want %d", set, len(gold), len(refs))
	}
	for i, g := range gold {
		if g.ID != refs[i].ID || g.Text == "" || g.Lang != refs[i].Lang {
			t.Errorf("%s: %d: got %s/%s (%d bytes)", set, i, g.ID, g.Lang, len(g.Text))
		}
	}
}

func TestCut(t *testing.T) {
	s := ""
	for range MaxRunes + 10 {
		s += "ä"
	}
	if got := Cut(s); len([]rune(got)) != MaxRunes {
		t.Errorf("Cut kept %d runes", len([]rune(got)))
	}
	if Cut("kurz") != "kurz" {
		t.Error("short text changed")
	}
}

// TestArticlesDigest: a reference the corpus holds twice with different
// texts (set 52's bb034, a Berlin release URL) gets the record its digest
// names; a digest no record has is a changed text, an error naming it.
func TestArticlesDigest(t *testing.T) {
	p := shared(t)
	refs, err := RefsOf(Set52)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(refs, func(r Ref) bool { return r.ID == "bb034" })
	if i < 0 {
		t.Fatal("no bb034 in set 52")
	}
	one := refs[i : i+1]
	arts, err := articles(context.Background(), p, one)
	if err != nil {
		t.Fatal(err)
	}
	if Digest(arts[0].Text) != one[0].SHA256 {
		t.Error("bb034: the text does not have its digest")
	}
	bad := []Ref{one[0]}
	bad[0].SHA256 = strings.Repeat("0", 64)
	if _, err := articles(context.Background(), p, bad); err == nil || !strings.Contains(err.Error(), "bb034") || !strings.Contains(err.Error(), "text changed") {
		t.Errorf("a digest no record has: %v", err)
	}
}

// TestJSONLines: the embedded files' reader skips blank lines, hands each
// record its line number and names the file and line of a broken one.
func TestJSONLines(t *testing.T) {
	var lines []int
	err := jsonLines([]byte("{\"id\":\"a\"}\n\n{\"id\":\"b\"}\n{broken\n"), "x.jsonl", func(n int, r Ref) error {
		lines = append(lines, n)
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "x.jsonl:4") {
		t.Errorf("broken line: %v", err)
	}
	if !slices.Equal(lines, []int{1, 3}) {
		t.Errorf("records at lines %v, want [1 3]", lines)
	}
}
