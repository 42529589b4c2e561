package heldout

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestFirstRuns: the stored first-run codings give, for every set from 4
// to the last, figures (origin_named F1 / micro-F1 / victims counted as
// suspects, with the corrected gold of set 6's r072) that a row of
// README.md's first-run table ("First measurements") gives in its
// all-languages cell, so that neither the table nor the stored codings can
// miss a set or drift from the other; and the pooled estimate lies inside
// its own bootstrap interval.
func TestFirstRuns(t *testing.T) {
	ts, err := FirstRuns()
	if err != nil {
		t.Fatal(err)
	}
	// FirstRuns fails on a text with no stored first run; firstruns.jsonl
	// must hold no coding of a text outside the sets either, and every set
	// 120 texts but set 33, whose ah039 was dropped (README.md).
	stored := bytes.Count(firstRunsFile, []byte("\n"))
	if len(ts) != stored {
		t.Fatalf("the sets' texts have %d first runs, firstruns.jsonl holds %d", len(ts), stored)
	}
	bySet := map[int][]Scored{}
	for _, x := range ts {
		bySet[x.Set] = append(bySet[x.Set], x)
	}
	cells := firstRunCells(t)
	for s := 4; s <= len(Sets); s++ {
		want := 120
		if s == 33 {
			want = 119
		}
		if len(bySet[s]) != want {
			t.Errorf("set %d: %d texts, want %d", s, len(bySet[s]), want)
		}
		f := Score(bySet[s])
		got := fmt.Sprintf("%.3f / %.3f / %d of %d", f.OriginNamed, f.MicroF1, f.VictimsAsSuspects, f.VictimPairs)
		switch {
		case len(bySet[s]) == 0:
			t.Errorf("set %d: no first-run codings", s)
		case len(cells[s]) == 0:
			t.Errorf("set %d: no row in README.md's first-run table (the stored first runs give %s)", s, got)
		case !slices.Contains(cells[s], got):
			t.Errorf("set %d: README.md's first-run table has %q, the stored first runs give %q", s, cells[s], got)
		}
	}
	f := Score(ts)
	iv := Bootstrap(ts, 200, 0.95, 1)
	if !(iv.OriginNamed.Lo < f.OriginNamed && f.OriginNamed < iv.OriginNamed.Hi) || !(iv.MicroF1.Lo < f.MicroF1 && f.MicroF1 < iv.MicroF1.Hi) {
		t.Errorf("pooled %.3f / %.3f outside %v / %v", f.OriginNamed, f.MicroF1, iv.OriginNamed, iv.MicroF1)
	}
}

// TestSharedWithLabels: the texts each group of sets shares with the role
// labels are as many as roles.go and the first-run notes say.
func TestSharedWithLabels(t *testing.T) {
	for _, g := range []struct{ from, to, want int }{{142, 147, 163}, {148, 150, 67}, {151, 153, 70}, {154, 159, 162}, {160, 165, 146}, {166, 169, 99}, {170, 173, 89}, {174, 177, 99}, {178, 181, 94}, {182, 185, 95}, {186, 189, 64}, {190, 193, 75}, {194, 197, 71}, {198, 200, 47}, {201, 204, 61}, {205, 208, 55}, {209, 212, 52}, {213, 215, 41}, {216, 218, 45}, {219, 221, 60}, {222, 224, 50}, {225, 225, 12}} {
		n := 0
		for s := g.from; s <= g.to; s++ {
			ids, err := SharedWithLabels(Sets[s-1])
			if err != nil {
				t.Fatal(err)
			}
			n += len(ids)
		}
		if n != g.want {
			t.Errorf("sets %d-%d share %d texts with the labels, want %d", g.from, g.to, n, g.want)
		}
	}
	if _, err := SharedWithLabels("heldout0.jsonl"); err == nil {
		t.Error("no error for a set that does not exist")
	}
}

// firstRunCells reads README.md's first-run table ("First
// measurements"): each set's all-languages cells (a set may have more than
// one row), normalized as fmt's %.3f writes them.
func firstRunCells(t *testing.T) map[int][]string {
	t.Helper()
	cells := map[int][]string{}
	for _, f := range readmeTable(t, "**First measurements**") {
		var n int
		if len(f) < 2 || !strings.HasPrefix(f[0], "set ") {
			continue
		}
		if _, err := fmt.Sscanf(f[0], "set %d", &n); err != nil {
			continue
		}
		cells[n] = append(cells[n], normalizeCell(f[1]))
	}
	return cells
}

// normalizeCell writes a README cell's figures as fmt's %.3f does ("1 /
// 0.952 / 1 of 2" as "1.000 / 0.952 / 1 of 2").
func normalizeCell(c string) string {
	p := strings.Split(c, " / ")
	for i := range p[:min(2, len(p))] {
		switch p[i] {
		case "1":
			p[i] = "1.000"
		case "0":
			p[i] = "0.000"
		}
	}
	return strings.Join(p, " / ")
}
