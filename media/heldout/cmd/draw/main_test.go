package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
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
