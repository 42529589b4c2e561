package rate_test

import (
	"math"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/stat/rate"
)

// gapTable has groups a and b over ages 0-17 and 18+, with measures n and
// pop; every cell is filled except those the caller leaves NaN.
func gapTable(fill func(g, age, m string) float64) *baserate.Table {
	t := baserate.New("gap.csv",
		baserate.NewDimension("group", "a", "b"),
		baserate.NewDimension("age", "0-17", "18+"),
		baserate.NewDimension("measure", "n", "pop"))
	i := 0
	for _, g := range []string{"a", "b"} {
		for _, a := range []string{"0-17", "18+"} {
			for _, m := range []string{"n", "pop"} {
				t.Values[i] = fill(g, a, m)
				i++
			}
		}
	}
	return t
}

// TestMissingCellSaysWhatToDo checks that a group without a count or a
// population in a stratum is refused with what to add, not only what is
// missing.
func TestMissingCellSaysWhatToDo(t *testing.T) {
	cols := rate.Columns{Group: "group", Measure: "measure", Count: "n", Pop: "pop"}
	for _, c := range []struct {
		hole string
		want []string
	}{
		{"n", []string{`gap.csv: group "b" has no n for stratum age=18+`, "add", "(with n = 0 if there were no events)"}},
		{"pop", []string{`gap.csv: group "b" has no pop for stratum age=18+`, "add"}},
	} {
		tab := gapTable(func(g, age, m string) float64 {
			if g == "b" && age == "18+" && (m == c.hole || c.hole == "n") {
				return math.NaN()
			}
			if m == "n" {
				return 5
			}
			return 100
		})
		_, err := rate.FromTable(tab, cols)
		if err == nil {
			t.Fatalf("hole in %s: no error", c.hole)
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("hole in %s: error %q lacks %q", c.hole, err, w)
			}
		}
	}
}

// TestOneGroupWarns checks that a table with a single group gives a
// warning, as data, that there is nothing to compare it with.
func TestOneGroupWarns(t *testing.T) {
	in := rate.Input{Strata: []string{"young", "old"}, Groups: []rate.Group{{Name: "a", Count: []float64{10, 20}, Pop: []float64{1000, 2000}}}}
	c, err := rate.Compare(in, rate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Warnings) != 1 || c.Warnings[0].Code != "one-group" || !strings.Contains(c.Warnings[0].Message, "nothing to compare") {
		t.Errorf("warnings = %+v", c.Warnings)
	}
	in.Groups = append(in.Groups, rate.Group{Name: "b", Count: []float64{1, 2}, Pop: []float64{100, 200}})
	if c, err = rate.Compare(in, rate.Options{}); err != nil || len(c.Warnings) != 0 {
		t.Errorf("two groups: warnings %+v, err %v", c.Warnings, err)
	}
}
