package heldout

import (
	"context"
	"testing"
	"unicode/utf8"
)

// TestRoles rebuilds the role labels' texts from ../shared and checks
// every label: a span inside its text on letter boundaries, a label of
// S, V or N (only N in a text that is no crime report), and no text that
// is also in one of the sets drawn before them (1 to 35).
func TestRoles(t *testing.T) {
	ls, err := LoadRoles(context.Background(), shared(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) < 700 {
		t.Fatalf("%d labelled texts", len(ls))
	}
	inSets := map[string]bool{}
	for _, set := range Sets[:35] {
		refs, err := RefsOf(set)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range refs {
			inSets[r.File+" "+r.Ref] = true
		}
	}
	count := map[string]int{}
	seen := map[string]bool{}
	for _, l := range ls {
		if inSets[l.File+" "+l.Ref] {
			t.Errorf("%s: %s %s is in a set drawn before the labels", l.ID, l.File, l.Ref)
		}
		if seen[l.ID] || seen[l.File+" "+l.Ref] {
			t.Errorf("%s: repeated id or reference", l.ID)
		}
		seen[l.ID], seen[l.File+" "+l.Ref] = true, true
		text := l.Article.Text
		for _, m := range l.Mentions {
			if m.End > len(text) || !utf8.RuneStart(text[m.Start]) || m.End < len(text) && !utf8.RuneStart(text[m.End]) {
				t.Errorf("%s mention %d: span %d-%d outside the text or inside a letter", l.ID, m.N, m.Start, m.End)
				continue
			}
			if !l.Crime && m.Label != "N" {
				t.Errorf("%s mention %d: %s in a text that is no crime report", l.ID, m.N, m.Label)
			}
			count[m.Label]++
		}
	}
	if count["S"] == 0 || count["V"] == 0 || count["N"] == 0 {
		t.Errorf("labels %v", count)
	}
}
