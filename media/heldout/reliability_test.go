package heldout

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/internal/sharedtest"
	"github.com/baserate/baserate/media/eval"
)

// TestReliability: sets 160-165 were coded twice more, blind and apart
// (second/ and third/; README.md, "How reproducible the hand coding is"):
// the files hold the same texts in the same order as the first coding, and
// give the agreement README.md states, between the codings and of the first
// runs with each.
func TestReliability(t *testing.T) {
	read := func(dir string) []eval.Gold {
		var all []eval.Gold
		for n := 160; n <= 165; n++ {
			g, err := eval.ReadGoldFile(filepath.Join(dir, fmt.Sprintf("heldout%d.jsonl", n)))
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, g...)
		}
		return all
	}
	first, second, third := read("."), read("second"), read("third")
	ids := func(gs []eval.Gold) []string {
		var out []string
		for _, g := range gs {
			out = append(out, g.ID+"/"+g.Lang)
		}
		return out
	}
	if len(first) != 720 || !slices.Equal(ids(first), ids(second)) || !slices.Equal(ids(first), ids(third)) {
		t.Fatalf("the three codings do not hold the same 720 texts in the same order (%d, %d, %d)", len(first), len(second), len(third))
	}
	asCodes := func(gs []eval.Gold) []baserate.Coding {
		out := make([]baserate.Coding, len(gs))
		for i, g := range gs {
			out[i] = g.Gold.Coding(g.ID)
		}
		return out
	}
	rows := readmeRows(t, "## How reproducible the hand coding is")
	// The table's columns: origin_named F1 / kappa / alpha, texts
	// differing on origin_named, micro-F1 on origin codes, crime's alpha,
	// appearance's alpha, victims counted as suspects.
	cols := func(gold []eval.Gold, codes []baserate.Coding) []string {
		r := eval.Compare(gold, codes).All
		o := r.OriginNamed
		return []string{fmt.Sprintf("%.3f / %.3f / %.3f", o.F1, o.Kappa, o.Alpha), fmt.Sprint(o.FP + o.FN), fmt.Sprintf("%.3f", r.SuspectOrigins.F1),
			fmt.Sprintf("%.3f", r.Crime.Alpha), fmt.Sprintf("%.3f", r.Appearance.Alpha), fmt.Sprintf("%d of %d", r.VictimsAsSuspects, r.VictimPairs)}
	}
	for _, c := range []struct {
		row   string
		gold  []eval.Gold
		codes []baserate.Coding
	}{
		{"second against first", first, asCodes(second)},
		{"third against first", first, asCodes(third)},
		{"third against second", second, asCodes(third)},
		{"the first runs (coder of 0092fb9) against the first coding", first, firstRunCodes(t, first)},
		{"the first runs against the second", second, firstRunCodes(t, second)},
		{"the first runs against the third", third, firstRunCodes(t, third)},
	} {
		checkRow(t, rows, c.row, cols(c.gold, c.codes))
	}
}

// TestDevCheck: two engineers coded dev.jsonl's 154 texts from the
// codebook alone, told not to open dev.jsonl (devcheck/; README.md, "How
// reproducible the hand coding is"): the files hold its texts in its order,
// and give the agreement with its gold that README.md states.
func TestDevCheck(t *testing.T) {
	p := filepath.Join("..", "..", "..", "shared", "data", "gold", "dev.jsonl")
	sharedtest.Need(t, p)
	dev, err := eval.ReadGoldFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"dev_a.jsonl", "dev_b.jsonl"} {
		g, err := eval.ReadGoldFile(filepath.Join("devcheck", name))
		if err != nil {
			t.Fatal(err)
		}
		if len(g) != len(dev) {
			t.Fatalf("%s: %d lines, dev.jsonl %d", name, len(g), len(dev))
		}
		codes := make([]baserate.Coding, len(g))
		for i, x := range g {
			if x.ID != dev[i].ID || x.Lang != dev[i].Lang {
				t.Fatalf("%s line %d: %s/%s, dev.jsonl has %s/%s", name, i+1, x.ID, x.Lang, dev[i].ID, dev[i].Lang)
			}
			codes[i] = x.Gold.Coding(x.ID)
		}
		r := eval.Compare(dev, codes).All
		got := fmt.Sprintf("%.3f / %.3f / %.3f / %.3f / %.3f / %d of %d", r.OriginNamed.F1, r.OriginNamed.Alpha, r.SuspectOrigins.F1, r.Crime.Alpha, r.Appearance.Alpha, r.VictimsAsSuspects, r.VictimPairs)
		if want := "1.000 / 1.000 / 1.000 / 1.000 / 0.882 / 0 of 12"; got != want {
			t.Errorf("%s against dev.jsonl: %s, README.md says %s", name, got, want)
		}
	}
}

// TestCodedTwice: sets 182, 184-185 and 207-208 were coded twice, blind
// and apart (the first coding is the set, the other second/heldout<N>.jsonl;
// set 182 by a prompt mix-up that started two engineers on it, the others
// to measure the agreement in the dev-like sets and in the Italian and
// English frame). The figures are those of README.md's table of these sets.
func TestCodedTwice(t *testing.T) {
	rows := readmeRows(t, "**Sets 184-185 and 207-208 coded twice")
	// The table's columns: origin_named F1 / alpha, micro-F1 on origin
	// codes, crime's alpha, victims counted as suspects.
	cols := func(gold []eval.Gold, codes []baserate.Coding) []string {
		r := eval.Compare(gold, codes).All
		return []string{fmt.Sprintf("%.3f / %.3f", r.OriginNamed.F1, r.OriginNamed.Alpha), fmt.Sprintf("%.3f", r.SuspectOrigins.F1),
			fmt.Sprintf("%.3f", r.Crime.Alpha), fmt.Sprintf("%d of %d", r.VictimsAsSuspects, r.VictimPairs)}
	}
	for _, g := range []struct {
		sets                        []int
		second, runFirst, runSecond string
	}{
		{[]int{182}, "set 182 (120), second against first", "its first run (coder of 0d2ef70) against the first", "its first run against the second"},
		{[]int{184, 185}, "sets 184-185 (240), second against first", "their first runs (coder of 0d2ef70) against the first, and against the second", "their first runs (coder of 0d2ef70) against the first, and against the second"},
		{[]int{207, 208}, "sets 207-208 (240), second against first", "their first runs (coder of 2b65e08) against the first", "their first runs against the second"},
	} {
		var first, second []eval.Gold
		for _, n := range g.sets {
			a, err := eval.ReadGoldFile(fmt.Sprintf("heldout%d.jsonl", n))
			if err != nil {
				t.Fatal(err)
			}
			b, err := eval.ReadGoldFile(filepath.Join("second", fmt.Sprintf("heldout%d.jsonl", n)))
			if err != nil {
				t.Fatal(err)
			}
			if len(a) != 120 || len(b) != 120 {
				t.Fatalf("set %d: %d and %d texts, want 120", n, len(a), len(b))
			}
			first, second = append(first, a...), append(second, b...)
		}
		codes := make([]baserate.Coding, len(second))
		for i, x := range second {
			if x.ID != first[i].ID || x.Lang != first[i].Lang {
				t.Fatalf("sets %v, text %d: %s/%s, the first coding has %s/%s", g.sets, i+1, x.ID, x.Lang, first[i].ID, first[i].Lang)
			}
			codes[i] = x.Gold.Coding(x.ID)
		}
		checkRow(t, rows, g.second, cols(first, codes))
		checkRow(t, rows, g.runFirst, cols(first, firstRunCodes(t, first)))
		checkRow(t, rows, g.runSecond, cols(second, firstRunCodes(t, second)))
	}
}

// firstRunCodes: the first runs (firstruns.jsonl) of gold's texts, in
// gold's order.
func firstRunCodes(t *testing.T, gold []eval.Gold) []baserate.Coding {
	t.Helper()
	runs, err := eval.ReadCodedFile("firstruns.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	codes, err := eval.Match(gold, runs, "firstruns.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	return codes
}

// readmeRows returns the rows of the first table after marker in
// README.md, each under its first cell, with its other cells.
func readmeRows(t *testing.T, marker string) map[string][]string {
	t.Helper()
	rows := map[string][]string{}
	for _, f := range readmeTable(t, marker) {
		rows[f[0]] = f[1:]
	}
	return rows
}

// readmeTable returns the rows of the first table after marker in
// README.md, each as its trimmed cells; it fails t when there is none.
func readmeTable(t *testing.T, marker string) [][]string {
	t.Helper()
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	i := strings.Index(text, marker)
	if i < 0 {
		t.Fatalf("README.md has no %q", marker)
	}
	var rows [][]string
	for _, line := range strings.Split(text[i:], "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "|") {
			if len(rows) > 0 {
				break
			}
			continue
		}
		f := strings.Split(strings.Trim(line, "|"), "|")
		for k := range f {
			f[k] = strings.TrimSpace(f[k])
		}
		rows = append(rows, f)
	}
	if len(rows) == 0 {
		t.Fatalf("README.md has no table after %q", marker)
	}
	return rows
}

// checkRow fails t unless README.md's row named row holds the figures got.
func checkRow(t *testing.T, rows map[string][]string, row string, got []string) {
	t.Helper()
	want, ok := rows[row]
	if !ok {
		t.Errorf("README.md's table has no row %q (computed: %s)", row, strings.Join(got, " | "))
		return
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s: computed %s, README.md says %s", row, strings.Join(got, " | "), strings.Join(want, " | "))
	}
}
