package glm

import (
	"context"
	"math"
	"runtime"
	"sync"
)

// absorber partials fixed effects out of vectors: it replaces v by its
// residual from the weighted least-squares projection onto the fixed-effect
// dummies, without forming them.
//
// The rows are sorted by the levels of the largest fixed effect (FE 0), so
// that FE 0 is eliminated exactly by weighted means over contiguous
// segments. The coefficients of the other fixed effects solve the Schur
// complement system (D_r' W M_0 D_r) x = D_r' W M_0 v, where M_0 is the
// within-FE-0 demeaner, by preconditioned conjugate gradients. This is the
// conjugate-gradient acceleration of alternating projections; its
// preconditioner is the exact diagonal of the Schur complement. Several
// vectors are solved in one pass over the rows, and passes are split over
// the available cores.
type absorber struct {
	n    int
	lev  []int     // levels of each fixed effect, FE 0 first
	seg  []int     // rows of level g of FE 0 are seg[g]:seg[g+1]
	rest [][]int32 // codes of FE 1..k-1, per row
	off  []int     // position of FE j (j >= 1) in the stacked coefficients; off[0] = 0
	L    int       // length of the stacked coefficients of FE 1..k-1

	w     []float64
	w0inv []float64 // 1 / sum of w over each level of FE 0, 0 for empty levels
	pinv  []float64 // inverse of the Schur complement's diagonal (preconditioner)

	chunks [][2]int // ranges of FE-0 levels, one per worker
	scr    []*scratch
}

type scratch struct {
	t   []float64   // per-row values within a segment
	out [][]float64 // per-vector stacked accumulators
	// for the diagonal
	mark []int32
	acc  []float64
	hits []int32
}

// newAbsorber builds an absorber for rows sorted by FE 0. seg gives the
// segment boundaries of FE 0; rest the codes of the other fixed effects.
func newAbsorber(n int, lev []int, seg []int, rest [][]int32) *absorber {
	a := &absorber{n: n, lev: lev, seg: seg, rest: rest}
	a.off = make([]int, len(lev))
	for j := 1; j < len(lev); j++ {
		a.off[j] = a.L
		a.L += lev[j]
	}
	workers := runtime.GOMAXPROCS(0)
	if n < 200_000 {
		workers = 1
	}
	// Split the FE-0 levels into ranges with about equal numbers of rows.
	per := (n + workers - 1) / workers
	start := 0
	for g := 0; g < lev[0]; g++ {
		if seg[g+1]-seg[start] >= per || g == lev[0]-1 {
			a.chunks = append(a.chunks, [2]int{start, g + 1})
			start = g + 1
		}
	}
	if len(a.chunks) == 0 {
		a.chunks = [][2]int{{0, 0}}
	}
	maxSeg := 0
	for g := 0; g < lev[0]; g++ {
		maxSeg = max(maxSeg, seg[g+1]-seg[g])
	}
	for range a.chunks {
		a.scr = append(a.scr, &scratch{t: make([]float64, maxSeg)})
	}
	return a
}

// k is the number of fixed effects.
func (a *absorber) k() int { return len(a.lev) }

// setWeights sets the weights of the projection and recomputes the
// preconditioner.
func (a *absorber) setWeights(w []float64) {
	a.w = w
	if a.w0inv == nil {
		a.w0inv = make([]float64, a.lev[0])
	}
	for g := 0; g < a.lev[0]; g++ {
		s := 0.0
		for i := a.seg[g]; i < a.seg[g+1]; i++ {
			s += w[i]
		}
		if s > 0 {
			a.w0inv[g] = 1 / s
		} else {
			a.w0inv[g] = 0
		}
	}
	if a.L == 0 {
		return
	}
	// Diagonal of D_r' W M_0 D_r: W_h - sum_g c_gh^2 / W_g, where c_gh is
	// the weight of rows with level g of FE 0 and level h of FE j.
	diag := make([]float64, a.L)
	for j := 1; j < a.k(); j++ {
		codes := a.rest[j-1]
		base := a.off[j]
		for i, h := range codes {
			diag[base+int(h)] += w[i]
		}
	}
	s := &scratch{mark: make([]int32, a.L), acc: make([]float64, a.L)}
	for i := range s.mark {
		s.mark[i] = -1
	}
	for g := 0; g < a.lev[0]; g++ {
		if a.w0inv[g] == 0 {
			continue
		}
		s.hits = s.hits[:0]
		for j := 1; j < a.k(); j++ {
			codes := a.rest[j-1]
			base := a.off[j]
			for i := a.seg[g]; i < a.seg[g+1]; i++ {
				h := base + int(codes[i])
				if s.mark[h] != int32(g) {
					s.mark[h] = int32(g)
					s.acc[h] = 0
					s.hits = append(s.hits, int32(h))
				}
				s.acc[h] += w[i]
			}
		}
		for _, h := range s.hits {
			diag[h] -= s.acc[h] * s.acc[h] * a.w0inv[g]
		}
	}
	if a.pinv == nil {
		a.pinv = make([]float64, a.L)
	}
	for h, d := range diag {
		if d > 1e-300 {
			a.pinv[h] = 1 / d
		} else {
			a.pinv[h] = 0
		}
	}
}

// parallel runs fn on each chunk of FE-0 levels, concurrently when there
// are several.
func (a *absorber) parallel(fn func(c int, s *scratch, g0, g1 int)) {
	if len(a.chunks) == 1 {
		fn(0, a.scr[0], a.chunks[0][0], a.chunks[0][1])
		return
	}
	var wg sync.WaitGroup
	for c, ch := range a.chunks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(c, a.scr[c], ch[0], ch[1])
		}()
	}
	wg.Wait()
}

// accumulators returns per-chunk zeroed accumulators for m stacked vectors.
func (s *scratch) accumulators(m, L int) [][]float64 {
	for len(s.out) < m {
		s.out = append(s.out, make([]float64, L))
	}
	for c := 0; c < m; c++ {
		clear(s.out[c])
	}
	return s.out[:m]
}

// reduce sums the chunks' accumulators into out.
func (a *absorber) reduce(out [][]float64, active []bool) {
	for c := range out {
		if active != nil && !active[c] {
			continue
		}
		o := out[c]
		copy(o, a.scr[0].out[c])
		for k := 1; k < len(a.chunks); k++ {
			src := a.scr[k].out[c]
			for h := range o {
				o[h] += src[h]
			}
		}
	}
}

// rhs computes b = D_r' W M_0 v for each vector.
func (a *absorber) rhs(vs [][]float64, b [][]float64) {
	m := len(vs)
	a.parallel(func(_ int, s *scratch, g0, g1 int) {
		acc := s.accumulators(m, a.L)
		for g := g0; g < g1; g++ {
			wi := a.w0inv[g]
			if wi == 0 {
				continue
			}
			lo, hi := a.seg[g], a.seg[g+1]
			for c, v := range vs {
				sum := 0.0
				for i := lo; i < hi; i++ {
					sum += a.w[i] * v[i]
				}
				mean := sum * wi
				o := acc[c]
				for j := 1; j < a.k(); j++ {
					codes, base := a.rest[j-1], a.off[j]
					for i := lo; i < hi; i++ {
						o[base+int(codes[i])] += a.w[i] * (v[i] - mean)
					}
				}
			}
		}
	})
	a.reduce(b, nil)
}

// apply computes out = (D_r' W M_0 D_r) x for the active vectors.
func (a *absorber) apply(xs, out [][]float64, active []bool) {
	m := len(xs)
	a.parallel(func(_ int, s *scratch, g0, g1 int) {
		acc := s.accumulators(m, a.L)
		for g := g0; g < g1; g++ {
			wi := a.w0inv[g]
			if wi == 0 {
				continue
			}
			lo, hi := a.seg[g], a.seg[g+1]
			t := s.t[:hi-lo]
			w := a.w[lo:hi]
			for c, x := range xs {
				if !active[c] {
					continue
				}
				o := acc[c]
				if a.k() == 2 {
					codes := a.rest[0][lo:hi]
					sum := 0.0
					for i, h := range codes {
						v := x[h]
						t[i] = v
						sum += w[i] * v
					}
					mean := sum * wi
					for i, h := range codes {
						o[h] += w[i] * (t[i] - mean)
					}
					continue
				}
				clear(t)
				for j := 1; j < a.k(); j++ {
					codes, base := a.rest[j-1][lo:hi], a.off[j]
					for i, h := range codes {
						t[i] += x[base+int(h)]
					}
				}
				sum := 0.0
				for i := range t {
					sum += w[i] * t[i]
				}
				mean := sum * wi
				for i := range t {
					t[i] = w[i] * (t[i] - mean)
				}
				for j := 1; j < a.k(); j++ {
					codes, base := a.rest[j-1][lo:hi], a.off[j]
					for i, h := range codes {
						o[base+int(h)] += t[i]
					}
				}
			}
		}
	})
	a.reduce(out, active)
}

// finish replaces each v by M_0 (v - D_r x): its residual once the other
// fixed effects' coefficients x are known. If fe0 is not nil it receives
// the FE-0 coefficients (the segment means).
func (a *absorber) finish(vs [][]float64, xs [][]float64, fe0 [][]float64) {
	a.parallel(func(_ int, s *scratch, g0, g1 int) {
		for g := g0; g < g1; g++ {
			lo, hi := a.seg[g], a.seg[g+1]
			wi := a.w0inv[g]
			for c, v := range vs {
				if a.L > 0 {
					x := xs[c]
					for j := 1; j < a.k(); j++ {
						codes, base := a.rest[j-1], a.off[j]
						for i := lo; i < hi; i++ {
							v[i] -= x[base+int(codes[i])]
						}
					}
				}
				sum := 0.0
				for i := lo; i < hi; i++ {
					sum += a.w[i] * v[i]
				}
				mean := sum * wi
				for i := lo; i < hi; i++ {
					v[i] -= mean
				}
				if fe0 != nil {
					fe0[c][g] = mean
				}
			}
		}
	})
}

// demean replaces each vector in vs by its residual from the fixed
// effects, to relative tolerance tol. warm holds, per vector, the
// coefficients of FE 1..k-1 from a previous call (updated in place; nil
// entries are allocated). It returns the largest number of
// conjugate-gradient iterations any vector needed, and whether all
// converged.
func (a *absorber) demean(ctx context.Context, vs [][]float64, warm [][]float64, tol float64, maxIter int) (int, bool, error) {
	return a.solve(ctx, vs, warm, nil, tol, maxIter)
}

// solve is demean that also returns, in fe0 when not nil, the coefficients
// of FE 0 (warm then holds those of the other fixed effects).
func (a *absorber) solve(ctx context.Context, vs [][]float64, warm [][]float64, fe0 [][]float64, tol float64, maxIter int) (int, bool, error) {
	m := len(vs)
	if a.L == 0 {
		a.finish(vs, nil, fe0)
		return 0, true, nil
	}
	for c := range warm {
		if warm[c] == nil {
			warm[c] = make([]float64, a.L)
		}
	}
	xs := warm
	b := make2(m, a.L)
	a.rhs(vs, b)
	r := make2(m, a.L)
	z := make2(m, a.L)
	p := make2(m, a.L)
	q := make2(m, a.L)
	active := make([]bool, m)
	for c := range active {
		active[c] = true
	}
	// r = b - A x
	a.apply(xs, q, active)
	rz := make([]float64, m)
	bnorm := make([]float64, m)
	for c := 0; c < m; c++ {
		bn := 0.0
		for h := range b[c] {
			r[c][h] = b[c][h] - q[c][h]
			z[c][h] = a.pinv[h] * r[c][h]
			p[c][h] = z[c][h]
			rz[c] += r[c][h] * z[c][h]
			bn += b[c][h] * a.pinv[h] * b[c][h]
		}
		bnorm[c] = math.Sqrt(bn)
		if bnorm[c] == 0 || math.Sqrt(math.Max(rz[c], 0)) <= tol*bnorm[c] {
			active[c] = false
		}
	}
	iters := 0
	for ; iters < maxIter && anyTrue(active); iters++ {
		if iters&7 == 7 {
			if err := ctx.Err(); err != nil {
				return iters, false, err
			}
		}
		a.apply(p, q, active)
		for c := 0; c < m; c++ {
			if !active[c] {
				continue
			}
			pq := dot(p[c], q[c])
			if pq <= 0 {
				active[c] = false
				continue
			}
			alpha := rz[c] / pq
			x, rc, zc, pc, qc := xs[c], r[c], z[c], p[c], q[c]
			rzNew := 0.0
			for h := range x {
				x[h] += alpha * pc[h]
				rc[h] -= alpha * qc[h]
				zc[h] = a.pinv[h] * rc[h]
				rzNew += rc[h] * zc[h]
			}
			if math.Sqrt(math.Max(rzNew, 0)) <= tol*bnorm[c] {
				active[c] = false
				rz[c] = rzNew
				continue
			}
			beta := rzNew / rz[c]
			rz[c] = rzNew
			for h := range pc {
				pc[h] = zc[h] + beta*pc[h]
			}
		}
	}
	a.finish(vs, xs, fe0)
	return iters, !anyTrue(active), nil
}

func make2(m, n int) [][]float64 {
	out := make([][]float64, m)
	buf := make([]float64, m*n)
	for i := range out {
		out[i] = buf[i*n : (i+1)*n : (i+1)*n]
	}
	return out
}

func anyTrue(b []bool) bool {
	for _, v := range b {
		if v {
			return true
		}
	}
	return false
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// addEffects adds to out, for every row, the fixed effects of the linear
// combination sum_c coefs[c] * (vector c), given each vector's FE-0
// coefficients fe0[c] and other coefficients rest[c] from solve.
func (a *absorber) addEffects(out []float64, coefs []float64, fe0, rest [][]float64) {
	a0 := make([]float64, a.lev[0])
	ar := make([]float64, a.L)
	for c, k := range coefs {
		for g, v := range fe0[c] {
			a0[g] += k * v
		}
		if a.L > 0 {
			for h, v := range rest[c] {
				ar[h] += k * v
			}
		}
	}
	a.parallel(func(_ int, _ *scratch, g0, g1 int) {
		for g := g0; g < g1; g++ {
			lo, hi := a.seg[g], a.seg[g+1]
			for i := lo; i < hi; i++ {
				out[i] += a0[g]
			}
			for j := 1; j < a.k(); j++ {
				codes, base := a.rest[j-1], a.off[j]
				for i := lo; i < hi; i++ {
					out[i] += ar[base+int(codes[i])]
				}
			}
		}
	})
}
