package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/baserate/baserate/media/heldout"
)

// TestUnknownSets: a set file in the working tree that the binary was not
// built with is named (the stale-binary draw of set 205 drew 52 texts of
// sets 201-204 again); known files and other files are not, and a missing
// folder gives none.
func TestUnknownSets(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"heldout.jsonl", "heldout2.jsonl", "heldout205.jsonl", "heldout201.jsonl", "roles.jsonl", "firstruns.jsonl"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := unknownSets(dir, []string{"heldout.jsonl", "heldout2.jsonl"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"heldout201.jsonl", "heldout205.jsonl"}; !slices.Equal(got, want) {
		t.Errorf("unknownSets = %v, want %v", got, want)
	}
	got, err = unknownSets(filepath.Join(dir, "absent"), nil)
	if err != nil || len(got) != 0 {
		t.Errorf("missing folder: %v, %v; want none", got, err)
	}
}

// TestSetScheme: the sets defined are 1 to lastSet with no gap, their
// prefixes are distinct, and every committed set's texts carry its
// prefix, so the scheme draws the committed sets as they were drawn.
func TestSetScheme(t *testing.T) {
	seen := map[string]int{}
	for n := 1; n <= lastSet; n++ {
		s, ok := sets[n]
		if !ok {
			t.Fatalf("no set %d in 1 to %d", n, lastSet)
		}
		if m, dup := seen[s.prefix]; dup {
			t.Errorf("sets %d and %d share the prefix %q", m, n, s.prefix)
		}
		seen[s.prefix] = n
	}
	if _, ok := sets[lastSet+1]; ok {
		t.Errorf("set %d defined after lastSet", lastSet+1)
	}
	for k, name := range heldout.Sets {
		refs, err := heldout.RefsOf(name)
		if err != nil {
			t.Fatal(err)
		}
		p := sets[k+1].prefix
		for _, r := range refs {
			if len(r.ID) != len(p)+3 || r.ID[:len(p)] != p {
				t.Errorf("%s: text %s, want prefix %q of set %d", name, r.ID, p, k+1)
				break
			}
		}
	}
}
