package decompose_test

import (
	"strings"
	"testing"

	"github.com/baserate/baserate/stat/decompose"
)

// TestEventsWithoutPopulationWarn checks that events in a stratum without
// population, which count in the crude rate but have no stratum rate, make
// the effects fall short of the gap, and that both decompositions say so
// with warning "gap-not-decomposed" instead of silently breaking
// RateEffect + CompositionEffect == CrudeGap.
func TestEventsWithoutPopulationWarn(t *testing.T) {
	// Group 1: 20 and 30 events over 1000 and 2000 people (crude 50/3000).
	// Reference: 10 events over 1000 people in stratum 0, and 5 events in
	// stratum 1, which has no population (crude 15/1000).
	x1, n1 := []float64{20, 30}, []float64{1000, 2000}
	x0, n0 := []float64{10, 5}, []float64{1000, 0}
	k, err := decompose.KitagawaGap(x1, n1, x0, n0, 1e5)
	if err != nil {
		t.Fatal(err)
	}
	gap := (50.0/3000 - 15.0/1000) * 1e5 // 166.67
	if !near(k.CrudeGap, gap, 1e-12) {
		t.Fatalf("crude gap %v, want %v", k.CrudeGap, gap)
	}
	// Without the 5 events the reference's crude rate is 10/1000: the
	// effects add up to (50/3000 - 10/1000)·1e5 = 666.67.
	if sum := k.RateEffect + k.CompositionEffect; !near(sum, (50.0/3000-10.0/1000)*1e5, 1e-12) {
		t.Fatalf("effects add up to %v", sum)
	}
	if len(k.Warnings) != 1 || k.Warnings[0].Code != "gap-not-decomposed" || !strings.Contains(k.Warnings[0].Message, "5 of the reference") {
		t.Errorf("Kitagawa warnings %+v", k.Warnings)
	}
	d, err := decompose.DasGupta([]string{"age"}, []int{2}, x1, n1, x0, n0, 1e5)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Warnings) != 1 || d.Warnings[0].Code != "gap-not-decomposed" {
		t.Errorf("Das Gupta warnings %+v", d.Warnings)
	}
	// A stratum without population and without events loses nothing.
	x0[1] = 0
	if k, _ := decompose.KitagawaGap(x1, n1, x0, n0, 1e5); len(k.Warnings) != 0 || !near(k.RateEffect+k.CompositionEffect, k.CrudeGap, 1e-12) {
		t.Errorf("no lost events: %+v", k)
	}
}

// TestLostEventsThatCancelDoNotWarn checks that when both groups lose
// events in strata without population and their lost parts cancel (here
// two identical groups: gap 0, effects 0), no "gap-not-decomposed" warning
// says that the effects "add up to 0, not to the crude gap of 0".
func TestLostEventsThatCancelDoNotWarn(t *testing.T) {
	x, n := []float64{10, 5}, []float64{1000, 0}
	k, err := decompose.KitagawaGap(x, n, x, n, 1e5)
	if err != nil {
		t.Fatal(err)
	}
	if k.CrudeGap != 0 || k.RateEffect+k.CompositionEffect != 0 || len(k.Warnings) != 0 {
		t.Errorf("identical groups: gap %v, effects %v + %v, warnings %+v", k.CrudeGap, k.RateEffect, k.CompositionEffect, k.Warnings)
	}
	d, err := decompose.DasGupta([]string{"age"}, []int{2}, x, n, x, n, 1e5)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Warnings) != 0 {
		t.Errorf("identical groups, Das Gupta: warnings %+v", d.Warnings)
	}
}
