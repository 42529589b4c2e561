package main

import (
	"testing"

	"github.com/baserate/baserate/media/detect"
	"github.com/baserate/baserate/media/eval"
	"github.com/baserate/baserate/media/heldout"
)

// TestLabel: a code of both sides gives no label (-1): the coding does not
// tell which of its mentions names which.
func TestLabel(t *testing.T) {
	g := eval.GoldCoding{SuspectOrigins: []string{"SY", "TR"}, VictimOrigins: []string{"DE", "TR"}}
	for code, want := range map[string]int{"SY": detect.ClassSuspect, "TR": -1, "DE": detect.ClassVictim, "IT": detect.ClassNone} {
		if got := label(g, code); got != want {
			t.Errorf("label(%s) = %d, want %d", code, got, want)
		}
	}
}

// TestPaired: the paired difference of a run with itself is zero, and a
// run that finds one more gold suspect pair is better in every resample.
func TestPaired(t *testing.T) {
	var a, b []heldout.Scored
	for i := range 40 {
		g := eval.GoldCoding{Crime: true, OriginNamed: true, SuspectOrigins: []string{"SY"}}
		s := heldout.Scored{Set: 4 + i%2, Ref: heldout.Ref{ID: string(rune('a' + i)), Gold: g}, Code: heldout.FirstRun{Crime: true, OriginNamed: true, SuspectOrigins: []string{"SY"}}}
		a, b = append(a, s), append(b, s)
	}
	a[0].Code.OriginNamed, a[0].Code.SuspectOrigins = false, nil
	d := paired(a, a, 200, 1)
	if d[0][0] != 0 || d[0][1] != 0 || d[0][2] != 0 {
		t.Errorf("a run against itself: %v", d[0])
	}
	d = paired(a, b, 200, 1)
	if d[1][0] <= 0 || d[1][1] < 0 {
		t.Errorf("one more pair found: micro-F1 difference %v", d[1])
	}
	if better(a, b, 1) != 1 || better(b, a, 1) != 0 {
		t.Errorf("better: %d, %d", better(a, b, 1), better(b, a, 1))
	}
}
