package main

import (
	"testing"

	"github.com/baserate/baserate/media/detect"
	"github.com/baserate/baserate/media/eval"
)

// TestFitOnLeavesOutTheFold: the texts of fold k do not reach its fit. In
// fold 0 a term says crime, in the others it says none: the model fitted
// without fold 0 reads the term as none, the one fitted on all of them
// mostly as none, and the one without fold 1 (which holds none of fold 0)
// leans toward crime more than that.
func TestFitOnLeavesOutTheFold(t *testing.T) {
	const folds = 4
	var texts []text
	for set := range 40 {
		crime := fold(set, folds) == 0
		for range 5 {
			row := detect.CrimeRow{X: make([]float64, len(detect.CrimeFeatureNames)), Words: []string{"off:violent:messer"}}
			texts = append(texts, text{set: set, gold: eval.Gold{Gold: eval.GoldCoding{Crime: crime}}, row: row})
		}
	}
	p := func(k int) float64 {
		cm, err := fitOn(texts, k, folds, 1, 0.1, 3, 0.5, 0.2)
		if err != nil {
			t.Fatal(err)
		}
		return cm.Prob(make([]float64, len(detect.CrimeFeatureNames)), []string{"off:violent:messer"})
	}
	without0, all, without1 := p(0), p(-1), p(1)
	if !(without0 < 0.1 && without0 < all && all < without1) {
		t.Errorf("p(crime) without fold 0 %.3f, with all %.3f, without fold 1 %.3f", without0, all, without1)
	}
	if err := run("", 1, 1, 3, 0.5, 0.2, 1, 0, false, ""); err == nil {
		t.Error("one fold: no error")
	}
}
