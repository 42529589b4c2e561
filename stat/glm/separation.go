package glm

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// dropZeroGroups removes the rows of fixed-effect groups whose outcome is
// zero in every row: their fixed effect would be minus infinity. It
// returns the rows kept and, per fixed effect, how many groups and rows it
// dropped.
func dropZeroGroups(w *work) (keep []bool, groups, rows []int) {
	keep = make([]bool, w.n)
	for i := range keep {
		keep[i] = true
	}
	groups = make([]int, len(w.fe))
	rows = make([]int, len(w.fe))
	// Dropping zero rows never turns another group's positive sum into
	// zero, so one pass over the fixed effects finds them all.
	for j, f := range w.fe {
		sum := make([]float64, len(f.Levels))
		cnt := make([]int, len(f.Levels))
		for i, k := range f.Codes {
			if keep[i] {
				sum[k] += w.y[i]
				cnt[k]++
			}
		}
		for g := range sum {
			if cnt[g] > 0 && sum[g] == 0 {
				groups[j]++
			}
		}
		for i, k := range f.Codes {
			if keep[i] && cnt[k] > 0 && sum[k] == 0 {
				keep[i] = false
				rows[j]++
			}
		}
	}
	return keep, groups, rows
}

// identifiedByPositives checks a sufficient condition for the absence of
// separation: that the rows with y > 0 alone identify everything the full
// data identify. A separating z = X g + D a must vanish on those rows; if
// they determine g and a up to the full design's own redundancy, z
// vanishes everywhere. For the fixed effects (at most two) this means
// every level occurs in a positive row and the positive rows connect the
// two fixed effects' levels into as many components as all rows do; for
// the regressors, that they stay linearly independent on the positive rows
// once the fixed effects are partialled out there. The check costs a few
// passes, where the rectifier may take many; when it fails, the rectifier
// decides.
func identifiedByPositives(ctx context.Context, w *work, abs *absorber) (bool, error) {
	zeros := parallelSum(w.n, func(lo, hi int) float64 {
		n := 0
		for _, y := range w.y[lo:hi] {
			if y == 0 {
				n++
			}
		}
		return float64(n)
	})
	if zeros == 0 {
		return true, nil
	}
	if abs != nil && abs.k() > 2 {
		return false, nil
	}
	// The fixed effects' conditions (every level in a positive row, as
	// many components on the positive rows as on all) are checked on
	// another goroutine while this one projects the regressors.
	levelsOK := make(chan bool, 1)
	if abs != nil {
		go func() { levelsOK <- w.positivesConnect() }()
	} else {
		levelsOK <- true
	}
	ok, err := regressorsIdentified(ctx, w, abs)
	return <-levelsOK && ok, err
}

// positivesConnect reports whether every level of the (one or two) fixed
// effects occurs in a row with a positive count and the positive rows
// connect the two fixed effects' levels into as many components as all
// rows do. When the positive rows connect everything, all rows do too;
// only otherwise are the components of all rows counted.
func (w *work) positivesConnect() bool {
	if len(w.fe) == 1 {
		f := w.fe[0]
		seen := make([]bool, len(f.Levels))
		count := 0
		for i, c := range f.Codes {
			if w.y[i] > 0 && !seen[c] {
				seen[c] = true
				count++
			}
		}
		return count == len(f.Levels)
	}
	a, b := w.fe[0], w.fe[1]
	na, nb := len(a.Levels), len(b.Levels)
	pc, every := componentsPositive(a.Codes, b.Codes, w.y, na, nb)
	if !every {
		return false
	}
	if pc == 1 {
		w.comps = 1
		return true
	}
	return pc == w.components()
}

// components returns the number of connected components of the first two
// fixed effects' levels (see components), computed once.
func (w *work) components() int {
	if w.comps == 0 {
		a, b := w.fe[0], w.fe[1]
		w.comps = components(a.Codes, b.Codes, nil, len(a.Levels), len(b.Levels))
	}
	return w.comps
}

// componentsPositive is components over the rows with y > 0; every
// reports whether each level of both factors occurs in such a row.
func componentsPositive(a, b []int32, y []float64, na, nb int) (comps int, every bool) {
	rep := make([]int32, na) // a level of b the level of a is joined to, -1 for none
	for i := range rep {
		rep[i] = -1
	}
	parent := make([]int32, nb)
	for i := range parent {
		parent[i] = int32(i)
	}
	seen := make([]bool, nb)
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for i, g := range a {
		if y[i] <= 0 {
			continue
		}
		h := b[i]
		seen[h] = true
		r := rep[g]
		if r < 0 {
			rep[g] = h
			continue
		}
		if r == h {
			continue
		}
		if ra, rb := find(r), find(h); ra != rb {
			parent[ra] = rb
		}
	}
	for _, r := range rep {
		if r < 0 {
			return 0, false
		}
	}
	for i := range parent {
		if !seen[i] {
			return 0, false
		}
		if find(int32(i)) == int32(i) {
			comps++
		}
	}
	return comps, true
}

// regressorsIdentified reports whether the regressors stay linearly
// independent on the rows with weight pos (those with a positive count)
// once the fixed effects are partialled out there.
func regressorsIdentified(ctx context.Context, w *work, abs *absorber) (bool, error) {
	if len(w.x) == 0 {
		return true, nil
	}
	if abs == nil {
		return regressorsIdentifiedOn(ctx, w, abs, w.positives(), 1)
	}
	// Regressors independent on a subset of the positive rows (with the
	// fixed effects of the levels present there partialled out) are
	// independent on all of them: if X g + D a vanishes on the positive
	// rows, it vanishes on the subset, where only X g = 0 can follow. So
	// the check runs first on the positive rows of every stride-th level of
	// FE 0, a few tens of thousands of rows, and on all only if that fails.
	stride := w.n / subsetRows
	if stride >= 2 {
		if ok, err := regressorsIdentifiedOn(ctx, w, abs, nil, stride); ok || err != nil {
			return ok, err
		}
	}
	return regressorsIdentifiedOn(ctx, w, abs, w.positives(), 1)
}

// positives returns 1 for the rows with a positive count, 0 for the others.
func (w *work) positives() []float64 {
	pos := make([]float64, w.n)
	parallelRange(w.n, func(lo, hi int) {
		for i, y := range w.y[lo:hi] {
			if y > 0 {
				pos[lo+i] = 1
			}
		}
	})
	return pos
}

// subsetRows is about the number of rows the certificate's first try
// projects.
var subsetRows = 65536

// regressorsIdentifiedOn is regressorsIdentified on the positive rows of
// every stride-th level of FE 0 (all rows without fixed effects); pos is
// w.positives(), needed only when stride is 1.
func regressorsIdentifiedOn(ctx context.Context, w *work, abs *absorber, pos []float64, stride int) (bool, error) {
	p := len(w.x)
	if p == 0 {
		return true, nil
	}
	var xx *mat.SymDense
	var ref []float64 // without fixed effects xx's diagonal is the reference
	if abs != nil {
		// The columns' cross products once the fixed effects are
		// partialled out on the positive rows. A positive row alone among
		// them in its level of FE 0 is absorbed by that level and adds
		// nothing, so the projection runs on a copy of the others.
		sub, xs := positiveSubset(w, abs, stride)
		if sub == nil {
			return false, nil
		}
		if stride == 1 && sub.n > w.n*3/4 {
			// Too few rows drop out to pay for the copy: weight them.
			sub, xs = abs, w.x
			sub.w = pos
		} else {
			ones := make([]float64, sub.n)
			for i := range ones {
				ones[i] = 1
			}
			sub.w = ones
		}
		L := sub.L
		b := make([]float64, L*p)
		x := make([]float64, L*p)
		sub.pass(nil, true, xs, nil, b, nil)
		if L > 0 {
			q := make([]float64, L*p)
			if _, ok, err := sub.cg(ctx, b, q, x, p, nil, 1e-8, 1000); err != nil || !ok {
				return false, err
			}
		}
		gram := make([]float64, p*p)
		sub.finish(xs, x, nil, gram, nil)
		xx = symFrom(gram, p)
		// The reference sums of squares: over the subset's rows, or (on
		// all positive rows) over every positive row.
		rw, rx := sub.w, xs
		if stride == 1 {
			rw, rx = pos, w.x
		}
		ref = make([]float64, p)
		for j, c := range rx {
			ref[j] = parallelSum(len(c), func(lo, hi int) float64 {
				s := 0.0
				for i, v := range c[lo:hi] {
					s += rw[lo+i] * v * v
				}
				return s
			})
		}
	} else if sx := w.sparseX(); sx != nil {
		xx, _ = sx.crossprod(pos, nil)
	} else {
		xx, _ = crossprod(w.x, pos, nil)
	}
	for _, k := range independent(xx, ref, 1e-7) {
		if !k {
			return false, nil
		}
	}
	return true, nil
}

// positiveSubset returns the absorber and the columns of the rows with a
// positive count whose level of FE 0 has at least one other such row and
// is a multiple of stride (the rows are sorted by FE 0); nil when there
// are none.
func positiveSubset(w *work, abs *absorber, stride int) (*absorber, [][]float64) {
	parts := levelParts(abs.seg, w.n)
	found := make([][]int, len(parts))
	overLevels(parts, func(p, g0, g1 int) {
		var idx []int
		for g := g0 + (stride-g0%stride)%stride; g < g1; g += stride {
			lo, hi := abs.seg[g], abs.seg[g+1]
			n := 0
			for _, y := range w.y[lo:hi] {
				if y > 0 {
					n++
				}
			}
			if n < 2 {
				continue
			}
			for i := lo; i < hi; i++ {
				if w.y[i] > 0 {
					idx = append(idx, i)
				}
			}
		}
		found[p] = idx
	})
	idx := slices.Concat(found...)
	if len(idx) == 0 {
		return nil, nil
	}
	n := len(idx)
	fe0 := takeI32(abs.fe0, idx)
	seg := make([]int, abs.lev[0]+1)
	for _, g := range fe0 {
		seg[g+1]++
	}
	for g := 0; g < abs.lev[0]; g++ {
		seg[g+1] += seg[g]
	}
	rest := make([][]int32, len(abs.rest))
	for j, codes := range abs.rest {
		rest[j] = takeI32(codes, idx)
	}
	xs := make([][]float64, len(w.x))
	for j, c := range w.x {
		xs[j] = takeF(c, idx)
	}
	return newAbsorber(n, abs.lev, seg, fe0, rest), xs
}

// components counts the connected components of the bipartite graph whose
// nodes are the na levels of one factor and the nb of another and whose
// edges are the rows (those with mask[i] != 0 when mask is not nil). Each
// level of a is merged into the first level of b it meets, so the
// union-find runs over b's levels only, which stay in cache when a is the
// factor with many levels.
func components(a, b []int32, mask []float64, na, nb int) int {
	rep := make([]int32, na) // a level of b the level of a is joined to, -1 for none
	for i := range rep {
		rep[i] = -1
	}
	parent := make([]int32, nb)
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for i, g := range a {
		if mask != nil && mask[i] == 0 {
			continue
		}
		h := b[i]
		r := rep[g]
		if r < 0 {
			rep[g] = h
			continue
		}
		if r == h {
			continue
		}
		if ra, rb := find(r), find(h); ra != rb {
			parent[ra] = rb
		}
	}
	n := 0
	for _, r := range rep {
		if r < 0 {
			n++ // a level of a without rows is a component of its own
		}
	}
	for i := range parent {
		if find(int32(i)) == int32(i) {
			n++
		}
	}
	return n
}

// reluSeparation finds the observations separated by the regressors and
// fixed effects jointly, by the iterative rectifier of Correia, Guimarães
// and Zylkin (2021, "Verifying the existence of maximum likelihood
// estimates for generalized linear models", as in ppmlhdfe). An
// observation with y = 0 is separated when some z = X g + D a is >= 0 on
// every y = 0 row, = 0 on every y > 0 row, and > 0 on it. The method
// regresses u (initially 1 where y = 0) on X and the fixed effects, with
// the y > 0 rows weighted so heavily that the fit is held at zero there,
// then sets u = max(fit, 0) on the y = 0 rows and repeats, until the fit
// is non-negative (its positive rows are separated) or the residuals are
// (no more separation). x must include the intercept when there are no
// fixed effects.
func reluSeparation(ctx context.Context, w *work, abs *absorber, x [][]float64, log *slog.Logger) ([]bool, int, error) {
	n := w.n
	boundary := make([]bool, n)
	nb := 0
	for i, y := range w.y {
		if y == 0 {
			boundary[i] = true
			nb++
		}
	}
	if nb == 0 {
		return nil, 0, nil
	}
	const (
		tol     = 1e-4
		zeroTol = 1e-8
		maxIter = 1000
	)
	// The y > 0 rows get weight 1/sqrt(eps), as in ppmlhdfe, when the
	// weighted fit is direct: no fixed effects, one (eliminated exactly by
	// weighted means), or further ones few enough to enter as dummy
	// columns. Otherwise the other fixed effects are solved by conjugate
	// gradients, which lose accuracy with such weights, and a weight of
	// 1e5 is used.
	big := 1 / math.Sqrt(2.220446049250313e-16)
	if abs != nil && abs.k() > 1 {
		if n*abs.L <= reluDenseLimit {
			x = slices.Clone(x)
			for j := 1; j < abs.k(); j++ {
				for h := 0; h < abs.lev[j]; h++ {
					col := make([]float64, n)
					for i, c := range abs.rest[j-1] {
						if int(c) == h {
							col[i] = 1
						}
					}
					x = append(x, col)
				}
			}
			abs = newAbsorber(n, abs.lev[:1], abs.seg, abs.fe0, nil)
		} else {
			big = 1e5
		}
	}
	omega := make([]float64, n)
	sw := make([]float64, n)
	rootBig := math.Sqrt(big)
	xt := make([][]float64, len(x))
	for j := range xt {
		xt[j] = make([]float64, n)
	}
	parallelRange(n, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if boundary[i] {
				omega[i], sw[i] = 1, 1
			} else {
				omega[i], sw[i] = big, rootBig
			}
		}
		for j := range x {
			copy(xt[j][lo:hi], x[j][lo:hi])
		}
	})
	var warm [][]float64
	if abs != nil {
		abs.setWeights(omega)
		warm = make([][]float64, len(x)+1)
		if _, _, err := abs.demean(ctx, xt, warm[1:], 1e-9, 10000); err != nil {
			return nil, 0, err
		}
	}
	// Drop regressors left without variation, then factor sqrt(W) X~.
	var cols [][]float64
	for j := range xt {
		ss, ref := 0.0, 0.0
		for i := range xt[j] {
			ss += omega[i] * xt[j][i] * xt[j][i]
			ref += omega[i] * x[j][i] * x[j][i]
		}
		if ss > 1e-20*ref && ss > 0 {
			cols = append(cols, xt[j])
		}
	}
	ls, err := newWeightedLS(cols, omega, sw)
	if err != nil {
		return nil, 0, err
	}
	u := make([]float64, n)
	for i := range u {
		if boundary[i] {
			u[i] = 1
		}
	}
	xbd := make([]float64, n)
	resid := make([]float64, n)
	// project writes to out the residual of the weighted least-squares fit
	// of v on the regressors and fixed effects.
	project := func(v, out []float64) error {
		copy(out, v)
		if abs != nil {
			it, ok, err := abs.demean(ctx, [][]float64{out}, warm[:1], 1e-9, 10000)
			if err != nil {
				return err
			}
			log.Debug("glm: separation check projection", "cg", it, "converged", ok)
		}
		return ls.residual(out)
	}
	for iter := 1; iter <= maxIter; iter++ {
		if err := ctx.Err(); err != nil {
			return nil, iter, err
		}
		if err := project(u, resid); err != nil {
			return nil, iter, err
		}
		delta := tol + 1e-8
		allNonNeg := true
		for i := range xbd {
			xbd[i] = u[i] - resid[i]
			if !boundary[i] {
				xbd[i] = 0
				continue
			}
			if xbd[i] >= -0.1*delta && xbd[i] <= delta {
				xbd[i] = 0
			}
			if xbd[i] < 0 {
				allNonNeg = false
			}
		}
		if allNonNeg {
			return positive(xbd, boundary), iter, nil
		}
		minRes := math.Inf(1)
		for i := range resid {
			if math.Abs(resid[i]) < zeroTol {
				resid[i] = 0
			}
			if boundary[i] && resid[i] < minRes {
				minRes = resid[i]
			}
		}
		if minRes >= 0 {
			for i := range xbd {
				if boundary[i] && resid[i] > delta {
					xbd[i] = 0
				}
			}
			return positive(xbd, boundary), iter, nil
		}
		for i := range u {
			if boundary[i] {
				u[i] = math.Max(xbd[i], 0)
			}
		}
	}
	return nil, maxIter, fmt.Errorf("separation check did not settle in %d iterations", maxIter)
}

// reluDenseLimit bounds rows times further fixed-effect levels for which
// those levels enter the separation check as dummy columns.
var reluDenseLimit = 4_000_000

func positive(xbd []float64, boundary []bool) []bool {
	var out []bool
	for i, v := range xbd {
		if boundary[i] && v > 0 {
			if out == nil {
				out = make([]bool, len(xbd))
			}
			out[i] = true
		}
	}
	return out
}

// weightedLS solves weighted least-squares problems on fixed columns. For
// small problems it uses a QR factorization of sqrt(W) X; for large ones
// the normal equations with two steps of iterative refinement.
type weightedLS struct {
	cols  [][]float64
	omega []float64
	sw    []float64
	qr    *mat.QR
	xx    *mat.SymDense
}

// qrLimit bounds rows times columns for the QR path of weightedLS.
var qrLimit = 2_000_000

func newWeightedLS(cols [][]float64, omega, sw []float64) (*weightedLS, error) {
	ls := &weightedLS{omega: omega, sw: sw}
	if len(cols) == 0 {
		return ls, nil
	}
	n := len(omega)
	if n*len(cols) > qrLimit {
		xx, _ := crossprod(cols, omega, nil)
		keep := independent(xx, nil, 1e-12)
		for j, k := range keep {
			if k {
				ls.cols = append(ls.cols, cols[j])
			}
		}
		if len(ls.cols) > 0 {
			ls.xx, _ = crossprod(ls.cols, omega, nil)
		}
		return ls, nil
	}
	build := func(cs [][]float64) *mat.QR {
		p := len(cs)
		buf := make([]float64, n*p)
		for j, c := range cs {
			for i, v := range c {
				buf[i*p+j] = sw[i] * v
			}
		}
		qr := new(mat.QR)
		qr.Factorize(mat.NewDense(n, p, buf))
		return qr
	}
	qr := build(cols)
	// Keep only linearly independent columns, judged on R's diagonal.
	var r mat.Dense
	qr.RTo(&r)
	maxd := 0.0
	for j := range cols {
		maxd = math.Max(maxd, math.Abs(r.At(j, j)))
	}
	for j := range cols {
		if math.Abs(r.At(j, j)) > 1e-9*maxd {
			ls.cols = append(ls.cols, cols[j])
		}
	}
	if len(ls.cols) < len(cols) {
		qr = build(ls.cols)
	}
	ls.qr = qr
	return ls, nil
}

// residual replaces v by v - X g, g the weighted least-squares fit of v.
func (ls *weightedLS) residual(v []float64) error {
	if len(ls.cols) == 0 {
		return nil
	}
	n := len(v)
	subtract := func(g []float64) {
		parallelRange(n, func(lo, hi int) {
			for j, c := range ls.cols {
				gj := g[j]
				for i := lo; i < hi; i++ {
					v[i] -= gj * c[i]
				}
			}
		})
	}
	if ls.qr != nil {
		rhs := mat.NewVecDense(n, nil)
		raw := rhs.RawVector().Data
		for i, x := range v {
			raw[i] = ls.sw[i] * x
		}
		var g mat.VecDense
		if err := ls.qr.SolveVecTo(&g, false, rhs); err != nil {
			return fmt.Errorf("separation check: %w", err)
		}
		subtract(g.RawVector().Data)
		return nil
	}
	for step := 0; step < 3; step++ {
		_, xv := crossprod(ls.cols, ls.omega, v)
		g, err := solveSym(ls.xx, xv)
		if err != nil {
			return fmt.Errorf("separation check: %w", err)
		}
		subtract(g)
	}
	return nil
}
