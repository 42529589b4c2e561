package cube_test

import (
	"math"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/cube"
	"github.com/google/go-cmp/cmp"
)

func suspects() *baserate.Table {
	t := baserate.New("tv",
		baserate.NewDimension("year", "2022", "2023"),
		baserate.NewDimension("cit", "de", "nde"),
		baserate.NewDimension("age", "0-14", "14-21", "21+"))
	for i := range t.Values {
		t.Values[i] = float64(i + 1)
	}
	t.AddCaveat(baserate.Caveat{Code: "pks"})
	return t
}

func TestSumAndSelect(t *testing.T) {
	s := suspects()
	got, err := cube.Sum(s, "age")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]float64{6, 15, 24, 33}, got.Values); diff != "" {
		t.Errorf("Sum over age (-want +got):\n%s", diff)
	}
	if len(got.Dims) != 2 || got.Dims[1].ID != "cit" {
		t.Errorf("dims after Sum: %v", got.Dims)
	}
	sel, err := cube.Select(s, "age", "21+", "0-14")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]float64{3, 1, 6, 4, 9, 7, 12, 10}, sel.Values); diff != "" {
		t.Errorf("Select (-want +got):\n%s", diff)
	}
	if _, err := cube.Select(s, "age", "99"); err == nil {
		t.Error("Select of an unknown category succeeded")
	}
	fix, err := cube.Fix(s, map[string]string{"year": "2023", "cit": "nde"})
	if err != nil {
		t.Fatal(err)
	}
	v, err := cube.Vector(fix, "age")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]float64{10, 11, 12}, v); diff != "" {
		t.Errorf("Fix+Vector (-want +got):\n%s", diff)
	}
}

func TestRegroupAndMissing(t *testing.T) {
	s := suspects()
	s.Values[1] = math.NaN()
	s.SetStatus(1, baserate.StatusConfidential)
	r, err := cube.Regroup(s, "age", []string{"<21", "all"}, map[string][]string{"<21": {"0-14", "14-21"}, "all": {"0-14", "14-21", "21+"}})
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(r.Values[0]) || r.StatusAt(0) != baserate.StatusMissing {
		t.Errorf("sum over a missing value = %v (%q), want NaN flagged missing", r.Values[0], r.StatusAt(0))
	}
	if r.Values[2] != 4+5 || r.Values[3] != 15 {
		t.Errorf("Regroup values %v", r.Values)
	}
	one, _ := cube.Select(s, "age", "14-21")
	if one.StatusAt(0) != baserate.StatusConfidential {
		t.Errorf("a selected value lost its status: %q", one.StatusAt(0))
	}
}

func TestAlign(t *testing.T) {
	s := suspects()
	pop := baserate.New("pop",
		baserate.NewDimension("age", "21+", "14-21", "0-14", "unknown"),
		baserate.NewDimension("cit", "nde", "de"),
		baserate.NewDimension("year", "2023"))
	for i := range pop.Values {
		pop.Values[i] = float64(100 * (i + 1))
	}
	pop.AddCaveat(baserate.Caveat{Code: "denominator"})
	a, b, err := cube.Align(s, pop)
	if err != nil {
		t.Fatal(err)
	}
	if got := []string{b.Dims[0].ID, b.Dims[1].ID, b.Dims[2].ID}; !cmp.Equal(got, []string{"year", "cit", "age"}) {
		t.Errorf("b dims %v", got)
	}
	// b(2023, de, 0-14) = pop(age=0-14, cit=de) = position 2*2+1 = 5 -> 600
	if got := b.At("2023", "de", "0-14"); got != 600 {
		t.Errorf("aligned pop(de,0-14) = %v, want 600", got)
	}
	if got := a.At("2023", "de", "0-14"); got != 7 {
		t.Errorf("aligned tv(de,0-14) = %v, want 7", got)
	}
	if a.Dims[0].Size() != 1 || a.Size() != 6 {
		t.Errorf("Align kept %d years, %d cells; want the shared year 2023 only", a.Dims[0].Size(), a.Size())
	}
	lone := baserate.New("x", baserate.NewDimension("sex", "m", "f"))
	if _, _, err := cube.Align(s, lone); err == nil {
		t.Error("Align of tables with a two-category dimension only one has succeeded")
	}
	if len(a.Caveats) != 2 || len(b.Caveats) != 2 {
		t.Errorf("caveats not merged: %v / %v", a.Caveats, b.Caveats)
	}
}
