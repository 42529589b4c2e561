package decompose_test

import (
	"math"
	"testing"

	"github.com/baserate/baserate/stat/decompose"
)

func near(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// A hand-computed two-stratum example: group 1 is young (80% young) with
// young rate 0.02 and old rate 0.01; group 0 is 20% young with rates 0.01
// and 0.005.
func TestKitagawaByHand(t *testing.T) {
	x1 := []float64{16, 2}
	n1 := []float64{800, 200}
	x0 := []float64{2, 4}
	n0 := []float64{200, 800}
	k, err := decompose.KitagawaGap(x1, n1, x0, n0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	// crude1 = 18/1000, crude0 = 6/1000: gap 12 per 1000.
	// rate effect = (0.01)(0.5)+(0.005)(0.5) = 0.0075 -> 7.5
	// composition = (0.6)(0.015)/... = (0.8-0.2)*(0.03/2) + (0.2-0.8)*(0.015/2) = 0.009-0.0045 = 0.0045 -> 4.5
	if !near(k.CrudeGap, 12, 1e-12) || !near(k.RateEffect, 7.5, 1e-12) || !near(k.CompositionEffect, 4.5, 1e-12) {
		t.Errorf("Kitagawa = %+v, want gap 12 = 7.5 + 4.5", k)
	}
}

func TestDasGuptaOneFactorIsKitagawa(t *testing.T) {
	x1 := []float64{30, 0, 12, 5}
	n1 := []float64{1000, 50, 3000, 700}
	x0 := []float64{10, 3, 40, 9}
	n0 := []float64{2000, 900, 10000, 0}
	k, _ := decompose.KitagawaGap(x1, n1, x0, n0, 1e5)
	d, err := decompose.DasGupta([]string{"age"}, []int{4}, x1, n1, x0, n0, 1e5)
	if err != nil {
		t.Fatal(err)
	}
	if !near(d.RateEffect, k.RateEffect, 1e-12) || !near(d.CompositionEffect, k.CompositionEffect, 1e-12) {
		t.Errorf("Das Gupta %+v != Kitagawa %+v", d, k)
	}
}

func TestDasGuptaThreeFactors(t *testing.T) {
	// 3 ages x 2 sexes x 2 settlement types.
	sizes := []int{3, 2, 2}
	var x1, n1, x0, n0 []float64
	for i := 0; i < 12; i++ {
		fi := float64(i)
		n1 = append(n1, 100+37*fi*fi)
		x1 = append(x1, math.Floor(3+fi*2.5))
		n0 = append(n0, 900-50*fi+3*fi*fi)
		x0 = append(x0, math.Floor(2+fi))
	}
	d, err := decompose.DasGupta([]string{"age", "sex", "settlement"}, sizes, x1, n1, x0, n0, 1e5)
	if err != nil {
		t.Fatal(err)
	}
	sum := d.RateEffect
	for _, e := range d.Composition {
		sum += e.Effect
	}
	if !near(sum, d.CrudeGap, 1e-12) {
		t.Errorf("effects sum to %v, gap %v", sum, d.CrudeGap)
	}
	// Swapping the groups negates every effect.
	r, _ := decompose.DasGupta([]string{"age", "sex", "settlement"}, sizes, x0, n0, x1, n1, 1e5)
	for i := range d.Composition {
		if !near(d.Composition[i].Effect, -r.Composition[i].Effect, 1e-12) {
			t.Errorf("factor %s: %v vs swapped %v", d.Composition[i].Factor, d.Composition[i].Effect, r.Composition[i].Effect)
		}
	}
	// If only the sex split differs (same age and settlement margins,
	// independent factors), the age and settlement effects vanish.
	mk := func(ps float64) []float64 {
		pa := []float64{0.2, 0.3, 0.5}
		pu := []float64{0.4, 0.6}
		out := make([]float64, 0, 12)
		for a := 0; a < 3; a++ {
			for s, p := range []float64{ps, 1 - ps} {
				_ = s
				for u := 0; u < 2; u++ {
					out = append(out, 1e6*pa[a]*p*pu[u])
				}
			}
		}
		return out
	}
	rates := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	nA, nB := mk(0.7), mk(0.5)
	xA, xB := make([]float64, 12), make([]float64, 12)
	for i := range rates {
		xA[i] = nA[i] * rates[i] / 1000
		xB[i] = nB[i] * rates[i] / 1000
	}
	s, err := decompose.DasGupta([]string{"age", "sex", "settlement"}, sizes, xA, nA, xB, nB, 1e5)
	if err != nil {
		t.Fatal(err)
	}
	if !near(s.RateEffect, 0, 1e-9) || !near(s.Composition[0].Effect, 0, 1e-9) || !near(s.Composition[2].Effect, 0, 1e-9) {
		t.Errorf("only sex differs, got %+v", s)
	}
	if !near(s.Composition[1].Effect, s.CrudeGap, 1e-9) || s.CrudeGap == 0 {
		t.Errorf("sex effect %v, gap %v", s.Composition[1].Effect, s.CrudeGap)
	}
}

// dasGuptaByOrders is Das Gupta's decomposition written the long way: each
// compositional factor as the geometric mean over every order of the
// factors, each effect as the mean over every order of the variables of
// its marginal contribution.
func dasGuptaByOrders(sizes []int, x1, n1, x0, n0 []float64) []float64 {
	P := len(sizes)
	cells := len(n1)
	coord := func(c, i int) int {
		for j := P - 1; j > i; j-- {
			c /= sizes[j]
		}
		return c % sizes[i]
	}
	share := func(n []float64, S []int, c int) float64 {
		var tot, in float64
		for d := 0; d < cells; d++ {
			tot += n[d]
			same := true
			for _, i := range S {
				same = same && coord(d, i) == coord(c, i)
			}
			if same {
				in += n[d]
			}
		}
		return in / tot
	}
	var perms func(n int) [][]int
	perms = func(n int) [][]int {
		if n == 0 {
			return [][]int{{}}
		}
		var out [][]int
		for _, p := range perms(n - 1) {
			for i := 0; i <= len(p); i++ {
				q := append(append(append([]int{}, p[:i]...), n-1), p[i:]...)
				out = append(out, q)
			}
		}
		return out
	}
	factors := func(x, n []float64) [][]float64 {
		out := make([][]float64, P+1)
		for f := 0; f < P; f++ {
			out[f] = make([]float64, cells)
			for c := 0; c < cells; c++ {
				logsum := 0.0
				for _, ord := range perms(P) {
					var S []int
					for _, g := range ord {
						if g == f {
							break
						}
						S = append(S, g)
					}
					logsum += math.Log(share(n, append(S, f), c) / share(n, S, c))
				}
				out[f][c] = math.Exp(logsum / float64(len(perms(P))))
			}
		}
		out[P] = make([]float64, cells)
		for c := range out[P] {
			out[P][c] = x[c] / n[c]
		}
		return out
	}
	f1, f0 := factors(x1, n1), factors(x0, n0)
	val := func(in map[int]bool) float64 {
		s := 0.0
		for c := 0; c < cells; c++ {
			p := 1.0
			for g := 0; g <= P; g++ {
				if in[g] {
					p *= f1[g][c]
				} else {
					p *= f0[g][c]
				}
			}
			s += p
		}
		return s
	}
	eff := make([]float64, P+1)
	orders := perms(P + 1)
	for _, ord := range orders {
		in := map[int]bool{}
		for _, g := range ord {
			before := val(in)
			in[g] = true
			eff[g] += (val(in) - before) / float64(len(orders))
		}
	}
	return eff
}

// The fast decomposition equals the long way with four factors.
func TestDasGuptaFourFactorsByOrders(t *testing.T) {
	sizes := []int{3, 2, 2, 2}
	var x1, n1, x0, n0 []float64
	for i := 0; i < 24; i++ {
		fi := float64(i)
		n1 = append(n1, 100+37*fi*fi+float64(i%5)*300)
		x1 = append(x1, math.Floor(3+fi*2.5+float64(i%3)))
		n0 = append(n0, 900-20*fi+3*fi*fi+float64(i%7)*50)
		x0 = append(x0, math.Floor(2+fi+float64(i%4)))
	}
	d, err := decompose.DasGupta([]string{"a", "b", "c", "d"}, sizes, x1, n1, x0, n0, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := dasGuptaByOrders(sizes, x1, n1, x0, n0)
	for i, e := range d.Composition {
		if !near(e.Effect, want[i], 1e-12) {
			t.Errorf("factor %s: %v, by orders %v", e.Factor, e.Effect, want[i])
		}
	}
	if !near(d.RateEffect, want[4], 1e-12) {
		t.Errorf("rate effect %v, by orders %v", d.RateEffect, want[4])
	}
}
