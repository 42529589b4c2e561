package eval

import (
	"testing"

	"github.com/baserate/baserate"
)

// TestCompareFamilies checks the per-family split of the categories
// measure: each family counts its own (text, family) pairs, and the
// families add up to Categories.
func TestCompareFamilies(t *testing.T) {
	gold := []Gold{
		{Article: baserate.Article{ID: "a", Lang: "de"}, Gold: GoldCoding{Crime: true, Categories: []string{"violent"}}},
		{Article: baserate.Article{ID: "b", Lang: "de"}, Gold: GoldCoding{Crime: true, Categories: []string{"property", "violent"}}},
		{Article: baserate.Article{ID: "c", Lang: "en"}, Gold: GoldCoding{Crime: true, Categories: []string{"sexual"}}},
	}
	codes := []baserate.Coding{
		{Crime: true, Categories: []string{"other"}},
		{Crime: true, Categories: []string{"violent"}},
		{Crime: true, Categories: []string{"violent", "sexual"}},
	}
	res := Compare(gold, codes)
	v := res.All.Families["violent"]
	if v.TP != 1 || v.FN != 1 || v.FP != 1 {
		t.Errorf("violent TP %d FP %d FN %d, want 1 1 1", v.TP, v.FP, v.FN)
	}
	if p := res.ByLang["de"].Families["property"]; p.FN != 1 || p.Recall != 0 {
		t.Errorf("de property FN %d recall %.2f, want 1, 0", p.FN, p.Recall)
	}
	if s := res.ByLang["en"].Families["sexual"]; s.F1 != 1 {
		t.Errorf("en sexual F1 %.2f, want 1", s.F1)
	}
	var tp, fp, fn int
	for _, b := range res.All.Families {
		tp, fp, fn = tp+b.TP, fp+b.FP, fn+b.FN
	}
	if c := res.All.Categories; tp != c.TP || fp != c.FP || fn != c.FN {
		t.Errorf("families add to %d/%d/%d, categories %d/%d/%d", tp, fp, fn, c.TP, c.FP, c.FN)
	}
}
