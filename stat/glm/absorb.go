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
// segments. The coefficients of the other fixed
// effects solve the Schur complement system (D_r' W M_0 D_r) x =
// D_r' W M_0 v, where M_0 is the within-FE-0 demeaner, by preconditioned
// conjugate gradients: the conjugate-gradient acceleration of alternating
// projections, with the exact diagonal of the Schur complement as
// preconditioner. All vectors are solved together, their coefficients
// interleaved so that one pass over the rows serves them all, and passes
// are split over the cores.
type absorber struct {
	n    int
	lev  []int     // levels of each fixed effect, FE 0 first
	seg  []int     // rows of level g of FE 0 are seg[g]:seg[g+1]
	rest [][]int32 // codes of FE 1..k-1, per row
	fe0  []int32   // codes of FE 0, per row (sorted), for row-linear passes
	off  []int     // position of FE j (j >= 1) in the stacked coefficients; off[0] = 0
	L    int       // length of the stacked coefficients of FE 1..k-1

	w     []float64
	w0inv []float64 // 1 / sum of w over each level of FE 0, 0 for empty levels
	pinv  []float64 // inverse of the Schur complement's diagonal (preconditioner)

	chunks [][2]int // ranges of FE-0 levels, one per worker
	scr    []*scratch

	// plain selects unaccelerated alternating projections (the baseline).
	plain bool
}

type scratch struct {
	t   []float64 // per-row, per-vector values within a segment
	acc []float64 // interleaved accumulators
	seg []float64 // per-segment, per-vector sums (row-linear passes)
	// for the diagonal
	mark  []int32
	hits  []int32
	dmark []float64
	dacc  []float64
	gram  []float64
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
	for range a.chunks {
		a.scr = append(a.scr, &scratch{})
	}
	return a
}

// absorberFromSorted builds the absorber for a work whose rows are already
// sorted by its first fixed effect.
func absorberFromSorted(w *work) *absorber {
	k := len(w.fe)
	lev := make([]int, k)
	for j := range w.fe {
		lev[j] = len(w.fe[j].Levels)
	}
	seg := make([]int, lev[0]+1)
	for _, c := range w.fe[0].Codes {
		seg[c+1]++
	}
	for g := 0; g < lev[0]; g++ {
		seg[g+1] += seg[g]
	}
	rest := make([][]int32, k-1)
	for j := 1; j < k; j++ {
		rest[j-1] = w.fe[j].Codes
	}
	a := newAbsorber(w.n, lev, seg, rest)
	a.fe0 = w.fe[0].Codes
	return a
}

// k is the number of fixed effects.
func (a *absorber) k() int { return len(a.lev) }

// rowLinear reports whether the passes should sweep rows linearly rather
// than segment by segment: with two fixed effects whose first has few rows
// per level, the per-segment set-up costs more than the work.
func (a *absorber) rowLinear() bool {
	return a.k() == 2 && a.fe0 != nil && a.n < 8*a.lev[0]
}

// setWeights sets the weights of the projection and recomputes the
// preconditioner.
func (a *absorber) setWeights(w []float64) { a.setWeightsWith(w, nil) }

// setWeightsWith is setWeights where fill, when not nil, first writes the
// weights (and whatever else the caller needs) of the rows lo..hi of each
// segment, so that the rows are read once while they are in cache.
func (a *absorber) setWeightsWith(w []float64, fill func(lo, hi int)) {
	a.w = w
	if a.w0inv == nil {
		a.w0inv = make([]float64, a.lev[0])
	}
	// Diagonal of D_r' W M_0 D_r: W_h - sum_g c_gh^2 / W_g, where c_gh is
	// the weight of rows with level g of FE 0 and level h of FE j.
	a.parallel(func(_ int, s *scratch, g0, g1 int) {
		if a.L > 0 {
			s.dacc = grow(s.dacc, a.L)
			clear(s.dacc)
		}
		if a.k() > 1 {
			if len(s.mark) != a.L {
				s.mark = make([]int32, a.L)
				s.dmark = make([]float64, a.L)
			}
			for i := range s.mark {
				s.mark[i] = -1
			}
		}
		for g := g0; g < g1; g++ {
			lo, hi := a.seg[g], a.seg[g+1]
			if fill != nil {
				fill(lo, hi)
			}
			sum := 0.0
			for i := lo; i < hi; i++ {
				sum += w[i]
			}
			if sum <= 0 {
				a.w0inv[g] = 0
				continue
			}
			wi := 1 / sum
			a.w0inv[g] = wi
			if a.L == 0 {
				continue
			}
			for j := 1; j < a.k(); j++ {
				codes, base := a.rest[j-1], a.off[j]
				s.hits = s.hits[:0]
				for i := lo; i < hi; i++ {
					h := base + int(codes[i])
					if s.mark[h] != int32(g) {
						s.mark[h] = int32(g)
						s.dmark[h] = 0
						s.hits = append(s.hits, int32(h))
					}
					s.dmark[h] += w[i]
					s.dacc[h] += w[i]
				}
				for _, h := range s.hits {
					s.dacc[h] -= s.dmark[h] * s.dmark[h] * wi
				}
			}
		}
	})
	if a.L == 0 {
		return
	}
	if a.pinv == nil {
		a.pinv = make([]float64, a.L)
	}
	for h := range a.pinv {
		d := 0.0
		for _, s := range a.scr {
			d += s.dacc[h]
		}
		if d > 1e-300 {
			a.pinv[h] = 1 / d
		} else {
			a.pinv[h] = 0
		}
	}
}

func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
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

// reduce sums the chunks' interleaved accumulators into out.
func (a *absorber) reduce(out []float64) {
	copy(out, a.scr[0].acc[:len(out)])
	for k := 1; k < len(a.chunks); k++ {
		src := a.scr[k].acc
		for h := range out {
			out[h] += src[h]
		}
	}
}

// rhs computes b = D_r' W M_0 v for the m vectors, interleaved:
// b[h*m+c] for vector c. If x0 is not nil it also computes q = A x0, the
// operator applied to the interleaved starting point, in the same pass.
func (a *absorber) rhs(vs [][]float64, b, x0, q []float64) {
	m := len(vs)
	a.parallel(func(_ int, s *scratch, g0, g1 int) {
		s.acc = grow(s.acc, 2*a.L*m)
		acc := s.acc
		clear(acc)
		accQ := acc[a.L*m:]
		if a.rowLinear() {
			lo, hi := a.seg[g0], a.seg[g1]
			ng := g1 - g0
			sg := grow(s.seg, 2*ng*m)
			s.seg = sg
			clear(sg)
			sv, sx := sg[:ng*m], sg[ng*m:]
			codes, f0 := a.rest[0], a.fe0
			for i := lo; i < hi; i++ {
				g := (int(f0[i]) - g0) * m
				wv := a.w[i]
				for c, v := range vs {
					sv[g+c] += wv * v[i]
				}
				if x0 != nil {
					k := int(codes[i]) * m
					for c := 0; c < m; c++ {
						sx[g+c] += wv * x0[k+c]
					}
				}
			}
			for g := 0; g < ng; g++ {
				wi := a.w0inv[g0+g]
				for c := 0; c < m; c++ {
					sv[g*m+c] *= wi
					sx[g*m+c] *= wi
				}
			}
			for i := lo; i < hi; i++ {
				g := (int(f0[i]) - g0) * m
				k := int(codes[i]) * m
				wv := a.w[i]
				o := acc[k : k+m]
				for c, v := range vs {
					o[c] += wv * (v[i] - sv[g+c])
				}
				if x0 != nil {
					oq := accQ[k : k+m]
					for c := range oq {
						oq[c] += wv * (x0[k+c] - sx[g+c])
					}
				}
			}
			return
		}
		means := make([]float64, m)
		tmeans := make([]float64, m)
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
				means[c] = sum * wi
			}
			if a.k() == 2 {
				// The common case: one fixed effect besides FE 0.
				codes := a.rest[0]
				if x0 != nil {
					clear(tmeans)
					for i := lo; i < hi; i++ {
						wv := a.w[i]
						xs := x0[int(codes[i])*m:]
						for c := range tmeans {
							tmeans[c] += wv * xs[c]
						}
					}
					for c := range tmeans {
						tmeans[c] *= wi
					}
				}
				for i := lo; i < hi; i++ {
					h := int(codes[i]) * m
					o := acc[h : h+m]
					wv := a.w[i]
					for c, v := range vs {
						o[c] += wv * (v[i] - means[c])
					}
					if x0 != nil {
						oq, xs := accQ[h:h+m], x0[h:h+m]
						for c := range oq {
							oq[c] += wv * (xs[c] - tmeans[c])
						}
					}
				}
				continue
			}
			if x0 != nil {
				clear(tmeans)
				for i := lo; i < hi; i++ {
					wv := a.w[i]
					for j := 1; j < a.k(); j++ {
						xs := x0[(a.off[j]+int(a.rest[j-1][i]))*m:]
						for c := range tmeans {
							tmeans[c] += wv * xs[c]
						}
					}
				}
				for c := range tmeans {
					tmeans[c] *= wi
				}
			}
			for j := 1; j < a.k(); j++ {
				codes, base := a.rest[j-1], a.off[j]
				for i := lo; i < hi; i++ {
					h := (base + int(codes[i])) * m
					o := acc[h : h+m]
					wv := a.w[i]
					for c, v := range vs {
						o[c] += wv * (v[i] - means[c])
					}
					if x0 != nil {
						// Row i's value of D_r x0, over all fixed effects.
						oq := accQ[h : h+m]
						for c := range oq {
							t := 0.0
							for j2 := 1; j2 < a.k(); j2++ {
								t += x0[(a.off[j2]+int(a.rest[j2-1][i]))*m+c]
							}
							oq[c] += wv * (t - tmeans[c])
						}
					}
				}
			}
		}
	})
	n := a.L * m
	copy(b, a.scr[0].acc[:n])
	if x0 != nil {
		copy(q, a.scr[0].acc[n:2*n])
	}
	for k := 1; k < len(a.chunks); k++ {
		src := a.scr[k].acc
		for h := 0; h < n; h++ {
			b[h] += src[h]
		}
		if x0 != nil {
			for h := 0; h < n; h++ {
				q[h] += src[n+h]
			}
		}
	}
}

// apply computes out = (D_r' W M_0 D_r) x for m interleaved vectors.
func (a *absorber) apply(x, out []float64, m int) {
	a.parallel(func(_ int, s *scratch, g0, g1 int) {
		s.acc = grow(s.acc, a.L*m)
		acc := s.acc
		clear(acc)
		if a.rowLinear() {
			// Row-linear form: segment sums in one sweep, then the
			// scatter in another, without per-segment loop set-up (the
			// segments are short when FE 0 has many levels).
			lo, hi := a.seg[g0], a.seg[g1]
			sg := grow(s.seg, (g1-g0)*m)
			s.seg = sg
			clear(sg)
			codes, f0, w := a.rest[0][lo:hi], a.fe0[lo:hi], a.w[lo:hi]
			for i, h := range codes {
				xs := x[int(h)*m : int(h)*m+m]
				o := sg[(int(f0[i])-g0)*m:]
				wv := w[i]
				for c, v := range xs {
					o[c] += wv * v
				}
			}
			for g := g0; g < g1; g++ {
				wi := a.w0inv[g]
				o := sg[(g-g0)*m : (g-g0)*m+m]
				for c := range o {
					o[c] *= wi
				}
			}
			for i, h := range codes {
				k := int(h) * m
				xs, o := x[k:k+m], acc[k:k+m]
				mean := sg[(int(f0[i])-g0)*m:]
				wv := w[i]
				for c := range o {
					o[c] += wv * (xs[c] - mean[c])
				}
			}
			return
		}
		var sums [8]float64
		for g := g0; g < g1; g++ {
			wi := a.w0inv[g]
			if wi == 0 {
				continue
			}
			lo, hi := a.seg[g], a.seg[g+1]
			if a.k() == 2 && m <= len(sums) {
				// The common case, unrolled: one fixed effect besides FE 0.
				codes := a.rest[0]
				sum := sums[:m]
				clear(sum)
				for i := lo; i < hi; i++ {
					xs := x[int(codes[i])*m:]
					wv := a.w[i]
					for c := range sum {
						sum[c] += wv * xs[c]
					}
				}
				for c := range sum {
					sum[c] *= wi
				}
				for i := lo; i < hi; i++ {
					h := int(codes[i]) * m
					xs, o := x[h:h+m], acc[h:h+m]
					wv := a.w[i]
					for c := range o {
						o[c] += wv * (xs[c] - sum[c])
					}
				}
				continue
			}
			n := (hi - lo) * m
			s.t = grow(s.t, n)
			t := s.t[:n]
			clear(t)
			for j := 1; j < a.k(); j++ {
				codes, base := a.rest[j-1], a.off[j]
				for i := lo; i < hi; i++ {
					xs := x[(base+int(codes[i]))*m:]
					ti := t[(i-lo)*m:]
					for c := 0; c < m; c++ {
						ti[c] += xs[c]
					}
				}
			}
			mean := make([]float64, m)
			for i := lo; i < hi; i++ {
				ti := t[(i-lo)*m:]
				for c := 0; c < m; c++ {
					mean[c] += a.w[i] * ti[c]
				}
			}
			for i := lo; i < hi; i++ {
				ti := t[(i-lo)*m:]
				for c := 0; c < m; c++ {
					ti[c] = a.w[i] * (ti[c] - mean[c]*wi)
				}
			}
			for j := 1; j < a.k(); j++ {
				codes, base := a.rest[j-1], a.off[j]
				for i := lo; i < hi; i++ {
					o := acc[(base+int(codes[i]))*m:]
					ti := t[(i-lo)*m:]
					for c := 0; c < m; c++ {
						o[c] += ti[c]
					}
				}
			}
		}
	})
	a.reduce(out)
}

// finish replaces each v by M_0 (v - D_r x): its residual once the other
// fixed effects' coefficients x (interleaved) are known. If fe0 is not nil
// it receives the FE-0 coefficients (the segment means). If gram is not
// nil it receives the weighted cross products sum w v_a v_b of the
// residuals, m x m row-major, computed in the same pass.
func (a *absorber) finish(vs [][]float64, x []float64, fe0 [][]float64, gram []float64) {
	m := len(vs)
	a.parallel(func(_ int, s *scratch, g0, g1 int) {
		if gram != nil {
			s.gram = grow(s.gram, m*m)
			clear(s.gram)
		}
		if a.rowLinear() && x != nil {
			lo, hi := a.seg[g0], a.seg[g1]
			ng := g1 - g0
			sg := grow(s.seg, ng*m)
			s.seg = sg
			clear(sg)
			codes, f0 := a.rest[0], a.fe0
			for i := lo; i < hi; i++ {
				g := (int(f0[i]) - g0) * m
				k := int(codes[i]) * m
				wv := a.w[i]
				for c, v := range vs {
					t := v[i] - x[k+c]
					v[i] = t
					sg[g+c] += wv * t
				}
			}
			for g := 0; g < ng; g++ {
				wi := a.w0inv[g0+g]
				for c := 0; c < m; c++ {
					sg[g*m+c] *= wi
					if fe0 != nil {
						fe0[c][g0+g] = sg[g*m+c]
					}
				}
			}
			for i := lo; i < hi; i++ {
				g := (int(f0[i]) - g0) * m
				for c, v := range vs {
					v[i] -= sg[g+c]
				}
			}
			if gram != nil {
				w := a.w[lo:hi]
				for c := 0; c < m; c++ {
					vc := vs[c][lo:hi]
					for d := c; d < m; d++ {
						vd := vs[d][lo:hi]
						sum := 0.0
						for i, wv := range w {
							sum += wv * vc[i] * vd[i]
						}
						s.gram[c*m+d] += sum
					}
				}
			}
			return
		}
		for g := g0; g < g1; g++ {
			lo, hi := a.seg[g], a.seg[g+1]
			wi := a.w0inv[g]
			if a.L > 0 {
				for j := 1; j < a.k(); j++ {
					codes, base := a.rest[j-1], a.off[j]
					for i := lo; i < hi; i++ {
						xs := x[(base+int(codes[i]))*m:]
						for c, v := range vs {
							v[i] -= xs[c]
						}
					}
				}
			}
			for c, v := range vs {
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
			if gram != nil {
				for c, v := range vs {
					for d := c; d < m; d++ {
						u := vs[d]
						sum := 0.0
						for i := lo; i < hi; i++ {
							sum += a.w[i] * v[i] * u[i]
						}
						s.gram[c*m+d] += sum
					}
				}
			}
		}
	})
	if gram != nil {
		clear(gram)
		for _, s := range a.scr {
			for k := range gram {
				gram[k] += s.gram[k]
			}
		}
		for c := 0; c < m; c++ {
			for d := 0; d < c; d++ {
				gram[c*m+d] = gram[d*m+c]
			}
		}
	}
}

// demean replaces each vector in vs by its residual from the fixed
// effects, to relative tolerance tol. warm holds, per vector, the
// coefficients of FE 1..k-1 from a previous call (updated in place; nil
// entries are allocated). It returns the number of conjugate-gradient
// iterations, and whether all vectors converged.
func (a *absorber) demean(ctx context.Context, vs [][]float64, warm [][]float64, tol float64, maxIter int) (int, bool, error) {
	if a.plain {
		return a.demeanPlain(ctx, vs, tol, maxIter)
	}
	return a.solve(ctx, vs, warm, nil, nil, tol, maxIter)
}

// solve is demean that also returns, in fe0 when not nil, the coefficients
// of FE 0 (warm then holds those of the other fixed effects).
func (a *absorber) solve(ctx context.Context, vs [][]float64, warm [][]float64, fe0 [][]float64, gram []float64, tol float64, maxIter int) (int, bool, error) {
	m := len(vs)
	if a.L == 0 {
		a.finish(vs, nil, fe0, gram)
		return 0, true, nil
	}
	L := a.L
	for c := range warm {
		if warm[c] == nil {
			warm[c] = make([]float64, L)
		}
	}
	// Interleaved CG state: element h*m+c belongs to vector c.
	x := make([]float64, L*m)
	for c, wv := range warm {
		for h, v := range wv {
			x[h*m+c] = v
		}
	}
	b := make([]float64, L*m)
	r := make([]float64, L*m)
	z := make([]float64, L*m)
	p := make([]float64, L*m)
	q := make([]float64, L*m)
	warmStart := false
	for _, v := range x {
		if v != 0 {
			warmStart = true
			break
		}
	}
	if warmStart {
		a.rhs(vs, b, x, q)
	} else {
		a.rhs(vs, b, nil, nil)
		clear(q)
	}
	rz := make([]float64, m)
	bnorm := make([]float64, m)
	for h := 0; h < L; h++ {
		pi := a.pinv[h]
		for c := 0; c < m; c++ {
			k := h*m + c
			r[k] = b[k] - q[k]
			z[k] = pi * r[k]
			p[k] = z[k]
			rz[c] += r[k] * z[k]
			bnorm[c] += b[k] * pi * b[k]
		}
	}
	active := make([]bool, m)
	for c := range active {
		bnorm[c] = math.Sqrt(bnorm[c])
		active[c] = bnorm[c] > 0 && math.Sqrt(math.Max(rz[c], 0)) > tol*bnorm[c]
	}
	pq := make([]float64, m)
	var packP, packQ []float64
	alpha := make([]float64, m)
	rzNew := make([]float64, m)
	iters := 0
	for ; iters < maxIter && anyTrue(active); iters++ {
		if iters&7 == 7 {
			if err := ctx.Err(); err != nil {
				return iters, false, err
			}
		}
		// Only the vectors still iterating go through the pass.
		var act []int
		for c, on := range active {
			if on {
				act = append(act, c)
			}
		}
		if ma := len(act); ma < m {
			pc := grow(packP, L*ma)
			qc := grow(packQ, L*ma)
			packP, packQ = pc, qc
			for h := 0; h < L; h++ {
				for k, c := range act {
					pc[h*ma+k] = p[h*m+c]
				}
			}
			a.apply(pc, qc, ma)
			for h := 0; h < L; h++ {
				for k, c := range act {
					q[h*m+c] = qc[h*ma+k]
				}
			}
		} else {
			a.apply(p, q, m)
		}
		clear(pq)
		for h := 0; h < L; h++ {
			for c := 0; c < m; c++ {
				pq[c] += p[h*m+c] * q[h*m+c]
			}
		}
		for c := range alpha {
			alpha[c] = 0
			if active[c] && pq[c] > 0 {
				alpha[c] = rz[c] / pq[c]
			} else {
				active[c] = false
			}
		}
		clear(rzNew)
		for h := 0; h < L; h++ {
			pi := a.pinv[h]
			for c := 0; c < m; c++ {
				k := h*m + c
				x[k] += alpha[c] * p[k]
				r[k] -= alpha[c] * q[k]
				z[k] = pi * r[k]
				rzNew[c] += r[k] * z[k]
			}
		}
		for c := range active {
			if !active[c] {
				continue
			}
			if math.Sqrt(math.Max(rzNew[c], 0)) <= tol*bnorm[c] {
				active[c] = false
			}
			beta := rzNew[c] / rz[c]
			rz[c] = rzNew[c]
			for h := 0; h < L; h++ {
				k := h*m + c
				p[k] = z[k] + beta*p[k]
			}
		}
		// Converged vectors keep still: zero their search direction.
		for c, act := range active {
			if !act {
				for h := 0; h < L; h++ {
					p[h*m+c] = 0
				}
			}
		}
	}
	for c, wv := range warm {
		for h := range wv {
			wv[h] = x[h*m+c]
		}
	}
	a.finish(vs, x, fe0, gram)
	return iters, !anyTrue(active), nil
}

// combine returns the FE-0 coefficients a0 and the other coefficients ar
// of the linear combination sum_c coefs[c] * (vector c), given each
// vector's coefficients fe0[c] and rest[c] from solve.
func (a *absorber) combine(coefs []float64, fe0, rest [][]float64) (a0, ar []float64) {
	a0 = make([]float64, a.lev[0])
	ar = make([]float64, a.L)
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
	return a0, ar
}

// demeanPlain is the unaccelerated method of alternating projections
// (Guimarães and Portugal; Gaure's lfe without acceleration): it sweeps
// over the fixed effects, subtracting weighted group means, until a sweep
// changes the vectors by less than tol relative to their norm. It is kept
// as the baseline that benchmarks compare the accelerated solver with.
func (a *absorber) demeanPlain(ctx context.Context, vs [][]float64, tol float64, maxIter int) (int, bool, error) {
	sums := make([][]float64, a.k())
	wsum := make([][]float64, a.k())
	for j := 1; j < a.k(); j++ {
		sums[j] = make([]float64, a.lev[j])
		wsum[j] = make([]float64, a.lev[j])
		for i, h := range a.rest[j-1] {
			wsum[j][h] += a.w[i]
		}
	}
	iters := 0
	done := true
	for _, v := range vs {
		norm := math.Sqrt(dotW(v, v, a.w))
		for it := 0; it < maxIter; it++ {
			if it&7 == 7 {
				if err := ctx.Err(); err != nil {
					return iters, false, err
				}
			}
			change := 0.0
			for g := 0; g < a.lev[0]; g++ {
				lo, hi := a.seg[g], a.seg[g+1]
				s := 0.0
				for i := lo; i < hi; i++ {
					s += a.w[i] * v[i]
				}
				mean := s * a.w0inv[g]
				for i := lo; i < hi; i++ {
					v[i] -= mean
				}
				change += mean * mean / math.Max(a.w0inv[g], 1e-300)
			}
			for j := 1; j < a.k(); j++ {
				codes := a.rest[j-1]
				clear(sums[j])
				for i, h := range codes {
					sums[j][h] += a.w[i] * v[i]
				}
				for h := range sums[j] {
					if wsum[j][h] > 0 {
						sums[j][h] /= wsum[j][h]
						change += sums[j][h] * sums[j][h] * wsum[j][h]
					}
				}
				for i, h := range codes {
					v[i] -= sums[j][h]
				}
			}
			iters = max(iters, it+1)
			if a.k() == 1 || math.Sqrt(change) <= tol*norm {
				break
			}
			if it == maxIter-1 {
				done = false
			}
		}
	}
	return iters, done, nil
}

func dotW(a, b, w []float64) float64 {
	s := 0.0
	for i := range a {
		s += w[i] * a[i] * b[i]
	}
	return s
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

func make2(m, n int) [][]float64 {
	out := make([][]float64, m)
	buf := make([]float64, m*n)
	for i := range out {
		out[i] = buf[i*n : (i+1)*n : (i+1)*n]
	}
	return out
}
