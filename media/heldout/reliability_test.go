package heldout

import (
	"fmt"
	"path/filepath"
	"slices"
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
	fig, machine := agreementFigures, func(gold []eval.Gold) string { return firstRunFigures(t, gold) }
	// origin_named F1 / its alpha / micro-F1 on origin codes / crime's
	// alpha / victims counted as suspects.
	for _, c := range []struct{ name, got, want string }{
		{"second against first", fig(first, asCodes(second)), "0.994 / 0.992 / 0.988 / 0.992 / 0 of 37"},
		{"third against first", fig(first, asCodes(third)), "0.994 / 0.992 / 0.990 / 0.987 / 0 of 37"},
		{"third against second", fig(second, asCodes(third)), "0.994 / 0.992 / 0.993 / 0.987 / 0 of 37"},
		{"first runs against first", machine(first), "0.905 / 0.877 / 0.869 / 0.822 / 4 of 37"},
		{"first runs against second", machine(second), "0.911 / 0.885 / 0.866 / 0.822 / 4 of 37"},
		{"first runs against third", machine(third), "0.911 / 0.885 / 0.868 / 0.817 / 3 of 36"},
	} {
		if c.got != c.want {
			t.Errorf("%s: %s, README.md says %s", c.name, c.got, c.want)
		}
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
// English frame). The figures are README.md's.
func TestCodedTwice(t *testing.T) {
	for _, g := range []struct {
		sets                        []int
		second, runFirst, runSecond string
	}{
		{[]int{182}, "1.000 / 1.000 / 0.984 / 0.951 / 0 of 3", "0.885 / 0.853 / 0.867 / 0.831 / 0 of 3", "0.885 / 0.853 / 0.847 / 0.826 / 0 of 3"},
		{[]int{184, 185}, "1.000 / 1.000 / 1.000 / 1.000 / 0 of 9", "0.972 / 0.964 / 0.962 / 0.860 / 2 of 9", "0.972 / 0.964 / 0.962 / 0.860 / 2 of 9"},
		{[]int{207, 208}, "0.982 / 0.977 / 0.978 / 0.940 / 0 of 14", "0.891 / 0.859 / 0.866 / 0.625 / 8 of 14", "0.875 / 0.837 / 0.847 / 0.672 / 8 of 14"},
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
		for _, c := range []struct{ name, got, want string }{
			{"second against first", agreementFigures(first, codes), g.second},
			{"first runs against first", firstRunFigures(t, first), g.runFirst},
			{"first runs against second", firstRunFigures(t, second), g.runSecond},
		} {
			if c.got != c.want {
				t.Errorf("sets %v, %s: %s, README.md says %s", g.sets, c.name, c.got, c.want)
			}
		}
	}
}

// agreementFigures: origin_named F1 / its alpha / micro-F1 on origin codes
// / crime's alpha / victims counted as suspects, of codes against gold.
func agreementFigures(gold []eval.Gold, codes []baserate.Coding) string {
	r := eval.Compare(gold, codes).All
	return fmt.Sprintf("%.3f / %.3f / %.3f / %.3f / %d of %d", r.OriginNamed.F1, r.OriginNamed.Alpha, r.SuspectOrigins.F1, r.Crime.Alpha, r.VictimsAsSuspects, r.VictimPairs)
}

// firstRunFigures: agreementFigures of the first runs (firstruns.jsonl)
// against gold.
func firstRunFigures(t *testing.T, gold []eval.Gold) string {
	t.Helper()
	runs, err := eval.ReadCodedFile("firstruns.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	codes, err := eval.Match(gold, runs, "firstruns.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	return agreementFigures(gold, codes)
}
