package glm

import (
	"context"
	"math/rand/v2"
	"testing"
)

// TestCertificateSubset checks the separation certificate's first try on
// a subset of the positive rows: regressors independent there are
// independent on all positive rows; a column that varies only outside the
// subset makes the first try fail and the check on all positive rows
// decide; truly collinear columns fail both.
func TestCertificateSubset(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const n, l0, l1 = 40_000, 12_000, 40
	d := &Data{Y: make([]float64, n), X: [][]float64{make([]float64, n), make([]float64, n)}, Names: []string{"x1", "x2"}}
	f0, f1 := make([]int32, n), make([]int32, n)
	for i := 0; i < n; i++ {
		f0[i], f1[i] = int32(r.IntN(l0)), int32(r.IntN(l1))
		d.X[0][i] = r.NormFloat64()
		d.Y[i] = float64(r.IntN(3))
	}
	d.FixedEffects = []Factor{{Name: "a", Codes: f0, Levels: make([]string, l0)}, {Name: "b", Codes: f1, Levels: make([]string, l1)}}
	prep := func() (*work, *absorber) {
		p := newWork(d).prepareFE(true, true)
		return p.w, p.abs
	}
	defer func(old int) { subsetRows = old }(subsetRows)
	subsetRows = 2000
	ctx := context.Background()

	// x2 continuous: the subset suffices.
	copy(d.X[1], d.X[0])
	for i := range d.X[1] {
		d.X[1][i] = d.X[1][i]*d.X[1][i] + r.NormFloat64()
	}
	w, abs := prep()
	stride := w.n / subsetRows
	if stride < 2 {
		t.Fatalf("stride %d: the subset path is not taken", stride)
	}
	if ok, err := regressorsIdentifiedOn(ctx, w, abs, nil, stride); !ok || err != nil {
		t.Fatalf("subset: %v %v, want identified", ok, err)
	}
	if ok, err := identifiedByPositives(ctx, w, abs); !ok || err != nil {
		t.Fatalf("certificate: %v %v, want true", ok, err)
	}

	// x2 varies only in level 1 of FE 0 (sorted and renumbered), which
	// the subset leaves out: the subset fails, all positive rows decide.
	w, abs = prep()
	for i, g := range w.fe[0].Codes {
		w.x[1][i] = 0
		if g == 1 {
			w.x[1][i] = 1 + float64(i%2)
		}
	}
	if ok, _ := regressorsIdentifiedOn(ctx, w, abs, nil, w.n/subsetRows); ok {
		t.Fatal("subset: identified, want not (x2 is zero there)")
	}
	if ok, _ := regressorsIdentifiedOn(ctx, w, abs, w.positives(), 1); !ok {
		t.Fatal("all positive rows: not identified, want identified (level 1 has positive rows with different x2)")
	}
	if ok, err := regressorsIdentified(ctx, w, abs); !ok || err != nil {
		t.Fatalf("regressorsIdentified %v %v, want the full check's true", ok, err)
	}

	// x2 = 2 x1: collinear everywhere.
	for i, v := range d.X[0] {
		d.X[1][i] = 2 * v
	}
	w, abs = prep()
	if ok, _ := regressorsIdentified(ctx, w, abs); ok {
		t.Fatal("collinear columns identified")
	}
}

// TestPositivesConnect checks the fixed effects' part of the certificate
// against components counted directly.
func TestPositivesConnect(t *testing.T) {
	// Levels a0..a3 of FE 0, b0..b2 of FE 1. All rows connect everything;
	// the positive rows leave b2 joined only through a zero row.
	w := &work{
		n: 6,
		y: []float64{1, 2, 1, 0, 3, 1},
		fe: []Factor{
			{Codes: []int32{0, 0, 1, 1, 2, 3}, Levels: make([]string, 4)},
			{Codes: []int32{0, 1, 1, 2, 2, 2}, Levels: make([]string, 3)},
		},
	}
	pc, every := componentsPositive(w.fe[0].Codes, w.fe[1].Codes, w.y, 4, 3)
	if !every || pc != 2 {
		t.Fatalf("positive components %d (every %v), want 2 (true)", pc, every)
	}
	if w.positivesConnect() {
		t.Error("positive rows connect as all rows do, want not (1 component against 2)")
	}
	if w.components() != 1 {
		t.Errorf("components %d, want 1", w.components())
	}
	w.y[3] = 5 // now the positive rows connect everything
	w.comps = 0
	if !w.positivesConnect() || w.components() != 1 {
		t.Error("positive rows with every edge: want connected")
	}
	w.y[5], w.y[4] = 0, 0 // level a3 has no positive row
	if w.positivesConnect() {
		t.Error("a level without a positive row passes")
	}
}
