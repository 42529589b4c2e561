package glm

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestPrepareFE checks the sorted, filtered rows of prepareFE (whose
// passes are split over the cores for this many rows) against the plain
// definitions: all-zero groups as dropZeroGroups finds them, then
// singletons removed one round at a time, the rest sorted by the fixed
// effect with the most levels.
func TestPrepareFE(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 9))
	const n, l1, l2 = 250_000, 120_000, 60
	d := &Data{Y: make([]float64, n), X: [][]float64{make([]float64, n)}, Names: []string{"x"}}
	f1, f2 := make([]int32, n), make([]int32, n)
	for i := 0; i < n; i++ {
		f1[i], f2[i] = int32(r.IntN(l1)), int32(r.IntN(l2))
		d.X[0][i] = r.NormFloat64()
		if r.Float64() < 0.45 {
			d.Y[i] = float64(1 + r.IntN(5))
		}
	}
	// Put the small fixed effect first, so that the sorted one is not.
	d.FixedEffects = []Factor{{Name: "b", Codes: f2, Levels: make([]string, l2)}, {Name: "a", Codes: f1, Levels: make([]string, l1)}}
	for i := range d.FixedEffects[0].Levels {
		d.FixedEffects[0].Levels[i] = "b" + string(rune('a'+i%26)) + string(rune('a'+i/26))
	}
	for i := range d.FixedEffects[1].Levels {
		d.FixedEffects[1].Levels[i] = string(rune('A'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676))
	}
	w := newWork(d)
	p := w.prepareFE(true, true)

	keep, groups, rows := dropZeroGroups(w)
	if !slices.Equal(groups, p.groups) || !slices.Equal(rows, p.rows) {
		t.Fatalf("zero groups %v rows %v, want %v %v", p.groups, p.rows, groups, rows)
	}
	nZero := 0
	for _, k := range keep {
		if !k {
			nZero++
		}
	}
	if len(p.dropped) != nZero {
		t.Fatalf("%d rows dropped as zero groups, want %d", len(p.dropped), nZero)
	}
	levelsUsed := func() []int {
		out := make([]int, len(d.FixedEffects))
		for j, f := range d.FixedEffects {
			seen := make([]bool, len(f.Levels))
			for i, c := range f.Codes {
				if keep[i] && !seen[c] {
					seen[c] = true
					out[j]++
				}
			}
		}
		return out
	}
	usedBefore := levelsUsed()
	var single []int
	for {
		var drop []int
		for _, f := range d.FixedEffects {
			count := make([]int, len(f.Levels))
			for i, c := range f.Codes {
				if keep[i] {
					count[c]++
				}
			}
			for i, c := range f.Codes {
				if keep[i] && count[c] == 1 {
					drop = append(drop, i)
				}
			}
		}
		if len(drop) == 0 {
			break
		}
		for _, i := range drop {
			if keep[i] {
				keep[i] = false
				single = append(single, i)
			}
		}
	}
	slices.Sort(single)
	if p.single == nil || !slices.Equal(slices.Sorted(slices.Values(p.single.rows)), single) {
		t.Fatalf("singletons differ: %d, want %d", len(p.single.rows), len(single))
	}
	usedAfter := levelsUsed()
	for j := range usedBefore {
		if got, want := p.single.levels[j], usedBefore[j]-usedAfter[j]; got != want {
			t.Errorf("fixed effect %d: %d levels only singletons have, want %d", j, got, want)
		}
	}
	ll := 0.0
	for _, i := range single {
		ll += llPoisson(d.Y[i], d.Y[i])
	}
	if math.Abs(p.single.ll-ll) > 1e-9*math.Abs(ll) {
		t.Fatalf("singletons' loglik %v, want %v", p.single.ll, ll)
	}
	var want []int
	for i, k := range keep {
		if k {
			want = append(want, i)
		}
	}
	s := p.w
	got := slices.Clone(s.rows)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("%d rows kept, want %d", len(got), len(want))
	}
	if s.fe[0].Name != "a" || p.order[0] != 1 {
		t.Fatalf("sorted by %s (order %v), want a", s.fe[0].Name, p.order)
	}
	for i := 0; i < s.n; i++ {
		in := s.rows[i]
		if i > 0 && (s.fe[0].Codes[i] < s.fe[0].Codes[i-1] || s.fe[0].Codes[i] == s.fe[0].Codes[i-1] && in < s.rows[i-1]) {
			t.Fatalf("row %d out of order", i)
		}
		if s.y[i] != d.Y[in] || s.x[0][i] != d.X[0][in] || s.fe[0].Levels[s.fe[0].Codes[i]] != d.FixedEffects[1].Levels[f1[in]] ||
			s.fe[1].Levels[s.fe[1].Codes[i]] != d.FixedEffects[0].Levels[f2[in]] {
			t.Fatalf("row %d (input %d) does not match its input", i, in)
		}
	}
}

// TestValidateFirstBadRow checks that the checks split over the cores
// report the first bad row of a long input.
func TestValidateFirstBadRow(t *testing.T) {
	const n = 300_000
	d := &Data{Y: make([]float64, n), X: [][]float64{make([]float64, n)}, Names: []string{"x"},
		FixedEffects: []Factor{{Name: "f", Codes: make([]int32, n), Levels: []string{"a", "b"}}}}
	d.Y[250_000], d.Y[200_000] = -1, math.NaN()
	if err := d.validate(); err == nil || !strings.Contains(err.Error(), "data row 200001: the response is NaN") {
		t.Errorf("response: %v", err)
	}
	d.Y[250_000], d.Y[200_000] = 0, 0
	d.FixedEffects[0].Codes[210_000], d.FixedEffects[0].Codes[120_000] = 2, -1
	if err := d.validate(); err == nil || !strings.Contains(err.Error(), "data row 120001: factor f has code -1 outside its 2 levels") {
		t.Errorf("codes: %v", err)
	}
}
