package eval

import (
	"math"
	"strings"
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

// TestAlphaKrippendorff: the worked example of Krippendorff (2011),
// "Computing Krippendorff's Alpha-Reliability", section A (binary data, two
// observers, no missing data): ten units, alpha = 1 - 19 × 4 / (14 × 6) =
// 0.095.
func TestAlphaKrippendorff(t *testing.T) {
	a := []bool{false, true, false, false, false, false, false, false, true, false}
	b := []bool{true, true, true, false, false, true, false, false, false, false}
	var bin Binary
	for i := range a {
		bin.add(a[i], b[i])
	}
	bin.finish()
	if want := 1 - 19.0*4/(14*6); math.Abs(bin.Alpha-want) > 1e-12 || math.Abs(bin.Alpha-0.095) > 0.0005 {
		t.Errorf("alpha %.6f, want %.6f (0.095 in the paper)", bin.Alpha, want)
	}
	// Agreement on one value only: alpha 1, as kappa.
	var same Binary
	same.add(false, false)
	same.add(false, false)
	same.finish()
	if same.Alpha != 1 || same.Kappa != 1 {
		t.Errorf("constant agreement: alpha %v kappa %v, want 1 1", same.Alpha, same.Kappa)
	}
	// Alpha is symmetric in the two coders.
	var swapped Binary
	for i := range a {
		swapped.add(b[i], a[i])
	}
	swapped.finish()
	if swapped.Alpha != bin.Alpha || swapped.F1 != bin.F1 {
		t.Errorf("swapped coders: alpha %v F1 %v, want %v %v", swapped.Alpha, swapped.F1, bin.Alpha, bin.F1)
	}
}

// TestReadCoded: media code lines and gold-shaped lines are both read as
// codings by id; a gold text without a coding is an error naming it.
func TestReadCoded(t *testing.T) {
	in := `{"id":"a","crime":true,"categories":["violent"],"origin_named":true,"suspect_origins":["SY"],"victim_origins":[],"appearance":false,"evidence":[]}
{"id":"b","lang":"de","gold":{"crime":true,"categories":[],"origin_named":false,"suspect_origins":[],"victim_origins":["PL"],"appearance":true,"note":"x"}}

{"id":"z","crime":false,"categories":[],"origin_named":false,"suspect_origins":[],"victim_origins":[],"appearance":false}
`
	coded, err := ReadCoded(strings.NewReader(in), "c.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if a := coded["a"]; !a.OriginNamed || len(a.SuspectOrigins) != 1 || a.SuspectOrigins[0] != "SY" {
		t.Errorf("a: %+v", a)
	}
	if b := coded["b"]; b.ID != "b" || !b.Crime || !b.Appearance || len(b.VictimOrigins) != 1 {
		t.Errorf("b: %+v", b)
	}
	gold := []Gold{{Article: baserate.Article{ID: "b", Lang: "de"}}, {Article: baserate.Article{ID: "a", Lang: "de"}}}
	codes, err := Match(gold, coded, "c.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if codes[0].ID != "b" || codes[1].ID != "a" {
		t.Errorf("not in the gold's order: %s %s", codes[0].ID, codes[1].ID)
	}
	_, err = Match(append(gold, Gold{Article: baserate.Article{ID: "q"}}), coded, "c.jsonl")
	if err == nil || !strings.Contains(err.Error(), `c.jsonl: no coding of gold text ["q"]`) {
		t.Errorf("missing coding: %v", err)
	}
	for _, c := range []struct{ in, want string }{
		{"{\"id\":\"a\",\"crime\":true}\n{\"id\":", "c.jsonl:2: "},
		{"{\"id\":\"a\",\"x\":1}\n", "c.jsonl:1: neither a coding"},
		{"{\"crime\":true}\n", "c.jsonl:1: no id"},
		{"{\"id\":\"a\",\"crime\":true}\n\n{\"id\":\"a\",\"gold\":{}}\n", "c.jsonl:3: id \"a\" coded twice"},
		{"{\"id\":\"a\",\"gold\":{\"crime\":1}}\n", "c.jsonl:1: gold: "},
		{"{\"id\":5,\"gold\":{}}\n", "c.jsonl:1: id: "},
	} {
		if _, err := ReadCoded(strings.NewReader(c.in), "c.jsonl"); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.in, err, c.want)
		}
	}
}
