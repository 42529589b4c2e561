package glm

//go:generate go run kernels_gen.go

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
// within-FE-0 demeaner, by preconditioned conjugate gradients: the
// conjugate-gradient acceleration of alternating projections, with the
// diagonal of the Schur complement as preconditioner. All vectors are
// solved together, their coefficients interleaved so that one pass over the
// rows serves them all, and passes are split over the cores.
//
// Every pass walks the rows in blocks of whole FE-0 levels, about
// blockRows rows each: a first sweep over the block sums what each level
// needs, a second (over rows still in cache) uses the level means. With
// many short levels this costs no more per row than with few long ones.
type absorber struct {
	n    int
	lev  []int       // levels of each fixed effect, FE 0 first
	seg  []int       // rows of level g of FE 0 are seg[g]:seg[g+1]
	fe0  []int32     // codes of FE 0, per row (sorted)
	rest [][]int32   // codes of FE 1..k-1, per row
	off  []int       // position of FE j (j >= 1) in the stacked coefficients; off[0] = 0
	L    int         // length of the stacked coefficients of FE 1..k-1
	lv   []rowLevels // with two fixed effects, each row's levels together

	w     []float64
	w0inv []float64 // 1 / sum of w over each level of FE 0, 0 for empty levels
	wh    []float64 // with two fixed effects, the sum of w over each level of FE 1
	pinv  []float64 // inverse of the Schur complement's diagonal (preconditioner)

	chunks [][2]int // ranges of FE-0 levels, one per worker
	scr    []*scratch

	// long says the FE-0 levels average several rows: sums over a level
	// are then accumulated level by level, otherwise row by row.
	long bool
	// plain selects unaccelerated alternating projections (the baseline).
	plain bool
	// generic makes two fixed effects take the passes written for any
	// number (for tests that the two agree).
	generic bool
}

// rowLevels are a row's levels of the two fixed effects, kept together so
// that the passes read one array (and hold one fewer in registers).
type rowLevels struct{ h, g int32 } // h of FE 1, g of FE 0

// blockRows is the number of rows a pass handles at a time (rounded up to
// whole FE-0 levels): small enough that the block's rows and per-level sums
// stay in the core's cache between the block's two sweeps.
const blockRows = 2048

type scratch struct {
	acc  []float64 // interleaved accumulators of the stacked coefficients
	sums []float64 // per-level, per-vector sums of a block
	sumx []float64 // per-level, per-vector sums of D_r x0 in a block
	sumw []float64 // per-level sums of the weights in a block
	t    []float64 // per-row, per-vector values of a block
	diag []float64 // diagonal accumulators: the preconditioner, then wh
	gram []float64
	cols [][]float64 // the block's slices of the vectors
	dev  float64     // for callers' fill functions
}

// blockCols returns the vectors' slices lo:hi, in reused storage.
func (s *scratch) blockCols(vs [][]float64, lo, hi int) [][]float64 {
	s.cols = s.cols[:0]
	for _, v := range vs {
		s.cols = append(s.cols, v[lo:hi])
	}
	return s.cols
}

// newAbsorber builds an absorber for rows sorted by FE 0: seg gives the
// segment boundaries of FE 0, fe0 its code per row, rest the codes of the
// other fixed effects.
func newAbsorber(n int, lev []int, seg []int, fe0 []int32, rest [][]int32) *absorber {
	a := &absorber{n: n, lev: lev, seg: seg, fe0: fe0, rest: rest, long: n >= 6*lev[0]}
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
	if len(lev) == 2 && fe0 != nil {
		a.lv = make([]rowLevels, n)
		parallelRange(n, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				a.lv[i] = rowLevels{h: rest[0][i], g: fe0[i]}
			}
		})
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
	return newAbsorber(w.n, lev, seg, w.fe[0].Codes, rest)
}

// k is the number of fixed effects.
func (a *absorber) k() int { return len(a.lev) }

// two reports whether the specialized passes for two fixed effects apply.
func (a *absorber) two() bool { return a.k() == 2 && !a.generic }

// blocks calls fn for consecutive runs [gb, ge) of whole FE-0 levels
// within [g0, g1), each of about blockRows rows.
func (a *absorber) blocks(g0, g1 int, fn func(gb, ge int)) {
	end := a.seg[g1]
	for gb := g0; gb < g1; {
		lo := a.seg[gb]
		if lo == end {
			fn(gb, g1)
			return
		}
		ge := int(a.fe0[min(lo+blockRows, end)-1]) + 1
		fn(gb, ge)
		gb = ge
	}
}

// parallel runs fn on each chunk of FE-0 levels, concurrently when there
// are several.
func (a *absorber) parallel(fn func(c int, s *scratch, g0, g1 int)) {
	if len(a.chunks) == 1 {
		fn(0, a.scr[0], a.chunks[0][0], a.chunks[0][1])
		return
	}
	// The first chunk runs on this goroutine, the others on new ones.
	var wg sync.WaitGroup
	for c, ch := range a.chunks[1:] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(c+1, a.scr[c+1], ch[0], ch[1])
		}()
	}
	fn(0, a.scr[0], a.chunks[0][0], a.chunks[0][1])
	wg.Wait()
}

// setWeights sets the weights of the projection and recomputes the level
// sums and the preconditioner.
func (a *absorber) setWeights(w []float64) {
	a.w = w
	a.pass(nil, true, nil, nil, nil, nil)
}

// pass makes one sweep over the rows, block by block. For each block it
// first calls fill, when not nil, with the worker's scratch and the block's
// rows, so that the caller can write the weights (and whatever else it
// needs) of rows about to be read. With weights it recomputes the FE-0
// level sums and the preconditioner from a.w. With vs it computes the
// right-hand sides b = D_r' W M_0 v of the vectors (interleaved: b[h*m+c]
// for vector c) and, when x0 is not nil, q = A x0 for the interleaved
// starting point x0.
func (a *absorber) pass(fill func(s *scratch, lo, hi int), weights bool, vs [][]float64, x0, b, q []float64) {
	m := len(vs)
	L := a.L
	rhs := m > 0 && L > 0
	width := m // values per row: the vectors, then D_r x0
	if x0 != nil {
		width = 2 * m
	}
	// With two fixed effects and up to four vectors, the level sums, the
	// right-hand sides and the preconditioner take two sweeps of each
	// block in all (the weights' sums come along, recomputed even when
	// they are unchanged).
	fused := rhs && a.two() && m <= 4
	if fused {
		weights = true
	}
	if weights {
		if len(a.w0inv) != a.lev[0] {
			a.w0inv = make([]float64, a.lev[0])
		}
		if L > 0 && len(a.pinv) != L {
			a.pinv = make([]float64, L)
			a.wh = make([]float64, L)
		}
	}
	a.parallel(func(_ int, s *scratch, g0, g1 int) {
		if weights && L > 0 {
			s.diag = grow(s.diag, 2*L)
			clear(s.diag)
		}
		if rhs {
			s.acc = grow(s.acc, 2*L*m)
			clear(s.acc)
		}
		a.blocks(g0, g1, func(gb, ge int) {
			lo, hi := a.seg[gb], a.seg[ge]
			bl := blk{lo, hi, gb, ge}
			if fill != nil {
				fill(s, lo, hi)
			}
			if fused {
				a.fusedBlock(s, vs, x0, bl)
				return
			}
			ng := ge - gb
			f0 := a.fe0[lo:hi]
			w := a.w[lo:hi]
			if weights {
				sw := grow(s.sumw, ng)
				s.sumw = sw
				a.weightSums(w, sw, bl)
				for g, v := range sw {
					if v > 0 {
						a.w0inv[gb+g] = 1 / v
					} else {
						a.w0inv[gb+g] = 0
					}
				}
			}
			winv := a.w0inv[gb:ge]
			if rhs && a.two() {
				a.rhsTwo(s, vs, x0, bl, winv)
			} else if rhs {
				t := grow(s.t, (hi-lo)*width)
				s.t = t
				for c, v := range vs {
					for i, x := range v[lo:hi] {
						t[i*width+c] = x
					}
				}
				if x0 != nil {
					a.gatherInto(t, width, m, x0, m, lo, hi)
				}
				sv := grow(s.sums, ng*width)
				s.sums = sv
				a.levelSums(t, w, sv, width, bl)
				scaleLevels(sv, winv, width)
				for j := 1; j < a.k(); j++ {
					a.scatter(t, sv, w, s.acc, width, a.rest[j-1][lo:hi], a.off[j], bl)
				}
			}
			if weights && L > 0 {
				// The diagonal of D_r' W M_0 D_r is sum_i w_i (1 - w_i / W_g)
				// over the rows of each level when no two rows of an FE-0
				// level share it (otherwise a little smaller): a
				// preconditioner needs no more.
				diag, wh := s.diag[:L], s.diag[L:]
				for j := 1; j < a.k(); j++ {
					codes, base := a.rest[j-1][lo:hi], a.off[j]
					for i, c := range codes {
						h := base + int(c)
						wi := w[i]
						diag[h] += wi * (1 - wi*winv[int(f0[i])-gb])
						wh[h] += wi
					}
				}
			}
		})
	})
	if weights && L > 0 {
		for h := 0; h < L; h++ {
			d, s := 0.0, 0.0
			for _, sc := range a.scr[:len(a.chunks)] {
				d += sc.diag[h]
				s += sc.diag[L+h]
			}
			a.wh[h] = s
			if d > 1e-300 {
				a.pinv[h] = 1 / d
			} else {
				a.pinv[h] = 0
			}
		}
	}
	if !rhs {
		return
	}
	if a.two() {
		// b and q (less its diagonal term) side by side.
		n := L * m
		copy(b, a.scr[0].acc[:n])
		if x0 != nil {
			copy(q, a.scr[0].acc[n:2*n])
		}
		for _, sc := range a.scr[1:len(a.chunks)] {
			for h, v := range sc.acc[:n] {
				b[h] += v
			}
			if x0 != nil {
				for h, v := range sc.acc[n : 2*n] {
					q[h] += v
				}
			}
		}
		if x0 == nil {
			if q != nil {
				clear(q[:n])
			}
			return
		}
		for h, d := range a.wh {
			o, xs := q[h*m:h*m+m], x0[h*m:h*m+m]
			for c := range o {
				o[c] += d * xs[c]
			}
		}
		return
	}
	for h := 0; h < L; h++ {
		for c := 0; c < m; c++ {
			sb, sq := 0.0, 0.0
			for _, sc := range a.scr[:len(a.chunks)] {
				sb += sc.acc[h*width+c]
				if x0 != nil {
					sq += sc.acc[h*width+m+c]
				}
			}
			b[h*m+c] = sb
			if q != nil {
				q[h*m+c] = sq
			}
		}
	}
}

// fusedBlock is pass over one block with two fixed effects and at most
// four vectors: the level sums of the weights, the vectors and D_1 x0 in
// one sweep, the right-hand sides and the preconditioner's sums in another.
func (a *absorber) fusedBlock(s *scratch, vs [][]float64, x0 []float64, bl blk) {
	m, L := len(vs), a.L
	lo, hi, gb, ng := bl.lo, bl.hi, bl.gb, bl.ge-bl.gb
	lv, w := a.lv[lo:hi], a.w[lo:hi]
	seg := a.seg[bl.gb : bl.ge+1]
	warm := x0 != nil
	stride := 1 + m
	if warm {
		stride += m
	}
	var v [4][]float64
	for c, u := range vs {
		v[c] = u[lo:hi]
	}
	sv := grow(s.sums, ng*stride)
	s.sums = sv
	if !a.long {
		clear(sv)
	}
	rhsSumsM(m, warm, a.long, sv, &v, x0, lv, w, gb, seg, lo)
	winv := a.w0inv[gb:bl.ge]
	for g := range winv {
		o := sv[g*stride : g*stride+stride]
		inv := 0.0
		if o[0] > 0 {
			inv = 1 / o[0]
		}
		winv[g] = inv
		for k := 1; k < stride; k++ {
			o[k] *= inv
		}
	}
	rhsScatterM(m, warm, s.acc[:L*m], s.acc[L*m:2*L*m], s.diag[:L], s.diag[L:2*L], sv, winv, &v, lv, w, gb)
}

// rhsTwo is pass's right-hand sides over one block with two fixed effects:
// b in the first L*m accumulators, q less its diagonal term in the next.
func (a *absorber) rhsTwo(s *scratch, vs [][]float64, x0 []float64, bl blk, winv []float64) {
	m, L := len(vs), a.L
	lo, hi, gb, ng := bl.lo, bl.hi, bl.gb, bl.ge-bl.gb
	codes, f0, w := a.rest[0][lo:hi], a.fe0[lo:hi], a.w[lo:hi]
	seg := a.seg[bl.gb : bl.ge+1]
	vb := s.blockCols(vs, lo, hi)
	sv := grow(s.sums, ng*m)
	s.sums = sv
	clear(sv)
	sumsCols(sv, vb, m, f0, w, gb, seg, lo, a.long)
	scaleLevels(sv, winv, m)
	scatterCols(s.acc[:L*m], sv, vb, m, codes, f0, w, gb)
	if x0 != nil {
		sx := grow(s.sumx, ng*m)
		s.sumx = sx
		clear(sx)
		sumsGather(sx, x0, m, codes, f0, w, gb, seg, lo, a.long)
		scaleLevels(sx, winv, m)
		scatterMean(s.acc[L*m:2*L*m], sx, m, codes, f0, w, gb, seg, lo, a.long)
	}
}

// blk is a block of rows lo..hi, the whole levels gb..ge of FE 0.
type blk struct{ lo, hi, gb, ge int }

// levelSums sets s[(g-gb)*m+c] to the sum over the rows i of level g of
// w[i-lo] * t[(i-lo)*m+c], t holding m values per row of the block
// (row-major). Long levels are summed level by level, short ones row by
// row (the general passes; those for two fixed effects are in kernels.go).
func (a *absorber) levelSums(t, w, s []float64, m int, b blk) {
	s = s[:(b.ge-b.gb)*m]
	if a.long {
		seg := a.seg[b.gb : b.ge+1]
		for g := 0; g < b.ge-b.gb; g++ {
			o := s[g*m : g*m+m]
			clear(o)
			for i := seg[g] - b.lo; i < seg[g+1]-b.lo; i++ {
				wi := w[i]
				for c, v := range t[i*m : i*m+m] {
					o[c] += wi * v
				}
			}
		}
		return
	}
	clear(s)
	for i, g := range a.fe0[b.lo:b.hi] {
		o := s[(int(g)-b.gb)*m : (int(g)-b.gb)*m+m]
		wi := w[i]
		for c, v := range t[i*m : i*m+m] {
			o[c] += wi * v
		}
	}
}

// scatter adds, for each row i of the block, w[i-lo] * (t_i - s_g) to the
// accumulators acc[(base+codes[i-lo])*m+c], s_g being the row's level's
// entry in s.
func (a *absorber) scatter(t, s, w, acc []float64, m int, codes []int32, base int, b blk) {
	f0 := a.fe0[b.lo:b.hi]
	for i, code := range codes {
		o := acc[(base+int(code))*m : (base+int(code))*m+m]
		mean := s[(int(f0[i])-b.gb)*m : (int(f0[i])-b.gb)*m+m]
		wi := w[i]
		for c, v := range t[i*m : i*m+m] {
			o[c] += wi * (v - mean[c])
		}
	}
}

// weightSums sets s[g-gb] to the sum of the weights over level g.
func (a *absorber) weightSums(w, s []float64, b blk) {
	if a.long {
		seg := a.seg[b.gb : b.ge+1]
		for g := range s {
			sum := 0.0
			for _, v := range w[seg[g]-b.lo : seg[g+1]-b.lo] {
				sum += v
			}
			s[g] = sum
		}
		return
	}
	clear(s)
	for i, g := range a.fe0[b.lo:b.hi] {
		s[int(g)-b.gb] += w[i]
	}
}

// scaleLevels multiplies level g's m sums by winv[g].
func scaleLevels(s, winv []float64, m int) {
	for g, wi := range winv {
		for c := g * m; c < g*m+m; c++ {
			s[c] *= wi
		}
	}
}

// gatherInto sets t[(i-lo)*ts+to+c] = (D_r x)_i,c, c < m, for the rows
// lo..hi, x holding m interleaved values per stacked coefficient.
func (a *absorber) gatherInto(t []float64, ts, to int, x []float64, m, lo, hi int) {
	for i := 0; i < hi-lo; i++ {
		clear(t[i*ts+to : i*ts+to+m])
	}
	for j := 1; j < a.k(); j++ {
		codes, base := a.rest[j-1][lo:hi], a.off[j]
		for i, code := range codes {
			h := (base + int(code)) * m
			ti := t[i*ts+to : i*ts+to+m]
			for c, v := range x[h : h+m] {
				ti[c] += v
			}
		}
	}
}

// gather returns, for the rows lo..hi, the values of D_r x (interleaved,
// m per row) in the scratch.
func (a *absorber) gather(s *scratch, x []float64, m, lo, hi int) []float64 {
	t := grow(s.t, (hi-lo)*m)
	s.t = t
	a.gatherInto(t, m, 0, x, m, lo, hi)
	return t
}

func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
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

// apply computes out = (D_r' W M_0 D_r) x for m interleaved vectors.
func (a *absorber) apply(x, out []float64, m int) {
	two := a.two()
	a.parallel(func(_ int, s *scratch, g0, g1 int) {
		s.acc = grow(s.acc, a.L*m)
		acc := s.acc
		clear(acc)
		a.blocks(g0, g1, func(gb, ge int) {
			lo, hi := a.seg[gb], a.seg[ge]
			bl := blk{lo, hi, gb, ge}
			w := a.w[lo:hi]
			if two {
				// D_1' W D_1 is diagonal: added below.
				seg := a.seg[gb : ge+1]
				sg := grow(s.sums, (ge-gb)*m)
				s.sums = sg
				clear(sg)
				if m <= 4 {
					lv := a.lv[lo:hi]
					gatherSumsM(m, sg, x, lv, w, gb, seg, lo, a.long)
					scaleLevelsM(m, sg, a.w0inv[gb:ge])
					meanScatterM(m, acc, sg, lv, w, gb, seg, lo, a.long)
					return
				}
				codes, f0 := a.rest[0][lo:hi], a.fe0[lo:hi]
				sumsGather(sg, x, m, codes, f0, w, gb, seg, lo, a.long)
				scaleLevels(sg, a.w0inv[gb:ge], m)
				scatterMean(acc, sg, m, codes, f0, w, gb, seg, lo, a.long)
				return
			}
			t := a.gather(s, x, m, lo, hi)
			sg := grow(s.sums, (ge-gb)*m)
			s.sums = sg
			a.levelSums(t, w, sg, m, bl)
			scaleLevels(sg, a.w0inv[gb:ge], m)
			for j := 1; j < a.k(); j++ {
				a.scatter(t, sg, w, acc, m, a.rest[j-1][lo:hi], a.off[j], bl)
			}
		})
	})
	a.reduce(out)
	if two {
		for h, d := range a.wh {
			o, xs := out[h*m:h*m+m], x[h*m:h*m+m]
			for c := range o {
				o[c] += d * xs[c]
			}
		}
	}
}

// finish computes each vector's residual M_0 (v - D_r x) once the other
// fixed effects' coefficients x (interleaved; nil when there are none) are
// known. If fe0 is not nil it receives the FE-0 coefficients (the level
// means). If gram is not nil it receives the weighted cross products
// sum w r_a r_b of the residuals, m x m row-major. A residual is written to
// out[c] when out is not nil and out[c] is not nil (out may be vs itself).
func (a *absorber) finish(vs [][]float64, x []float64, fe0 [][]float64, gram []float64, out [][]float64) {
	m := len(vs)
	if a.L == 0 {
		x = nil
	}
	fast := a.two() && m <= 4 && x != nil
	a.parallel(func(_ int, s *scratch, g0, g1 int) {
		if gram != nil || fast {
			s.gram = grow(s.gram, m*m)
			clear(s.gram)
		}
		a.blocks(g0, g1, func(gb, ge int) {
			lo, hi := a.seg[gb], a.seg[ge]
			bl := blk{lo, hi, gb, ge}
			ng := ge - gb
			f0 := a.fe0[lo:hi]
			w := a.w[lo:hi]
			if fast {
				a.finishTwo(s, vs, x, fe0, gram, out, bl)
				return
			}
			var t []float64
			if x != nil {
				t = a.gather(s, x, m, lo, hi)
				for c, v := range vs {
					for i, u := range v[lo:hi] {
						t[i*m+c] = u - t[i*m+c]
					}
				}
			} else {
				t = grow(s.t, (hi-lo)*m)
				s.t = t
				for c, v := range vs {
					for i, u := range v[lo:hi] {
						t[i*m+c] = u
					}
				}
			}
			sg := grow(s.sums, ng*m)
			s.sums = sg
			a.levelSums(t, w, sg, m, bl)
			scaleLevels(sg, a.w0inv[gb:ge], m)
			if fe0 != nil {
				for c := 0; c < m; c++ {
					f := fe0[c][gb:ge]
					for g := range f {
						f[g] = sg[g*m+c]
					}
				}
			}
			for i, g := range f0 {
				ti := t[i*m : i*m+m]
				mean := sg[(int(g)-gb)*m : (int(g)-gb)*m+m]
				for c := range ti {
					ti[c] -= mean[c]
				}
			}
			if gram != nil {
				gr := s.gram
				for i, wi := range w {
					ti := t[i*m : i*m+m]
					for c, u := range ti {
						wu := wi * u
						row := gr[c*m+c : c*m+m]
						for d, v := range ti[c:] {
							row[d] += wu * v
						}
					}
				}
			}
			if out != nil {
				for c, v := range out {
					if v == nil {
						continue
					}
					v := v[lo:hi]
					for i := range v {
						v[i] = t[i*m+c]
					}
				}
			}
		})
	})
	if gram != nil {
		clear(gram)
		for _, s := range a.scr[:len(a.chunks)] {
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

// finishTwo is finish over one block with two fixed effects and at most
// four vectors.
func (a *absorber) finishTwo(s *scratch, vs [][]float64, x []float64, fe0 [][]float64, gram []float64, out [][]float64, bl blk) {
	m := len(vs)
	lo, hi, gb, ng := bl.lo, bl.hi, bl.gb, bl.ge-bl.gb
	lv, w := a.lv[lo:hi], a.w[lo:hi]
	seg := a.seg[bl.gb : bl.ge+1]
	var v, o [4][]float64
	for c, u := range vs {
		v[c] = u[lo:hi]
	}
	sg := grow(s.sums, ng*m)
	s.sums = sg
	clear(sg)
	residSumsM(m, sg, &v, x, lv, w, gb, seg, lo, a.long)
	scaleLevelsM(m, sg, a.w0inv[gb:bl.ge])
	if fe0 != nil {
		for c := 0; c < m; c++ {
			f := fe0[c][gb:bl.ge]
			for g := range f {
				f[g] = sg[g*m+c]
			}
		}
	}
	var op *[4][]float64
	if out != nil {
		for c, u := range out {
			if u != nil {
				o[c] = u[lo:hi]
			}
		}
		op = &o
	}
	residGramM(m, s.gram[:m*m], sg, x, &v, op, lv, w, gb)
}

// demean replaces each vector in vs by its residual from the fixed
// effects, to relative tolerance tol, with the weights last set. warm
// holds, per vector, the coefficients of FE 1..k-1 from a previous call
// (updated in place; nil entries are allocated). It returns the number of
// conjugate-gradient iterations, and whether all vectors converged.
func (a *absorber) demean(ctx context.Context, vs [][]float64, warm [][]float64, tol float64, maxIter int) (int, bool, error) {
	if a.plain {
		return a.demeanPlain(ctx, vs, tol, maxIter)
	}
	return a.solve(ctx, vs, warm, nil, nil, tol, maxIter)
}

// solve is demean that also returns, in fe0 when not nil, the coefficients
// of FE 0 (warm then holds those of the other fixed effects), and in gram
// when not nil the weighted cross products of the residuals.
func (a *absorber) solve(ctx context.Context, vs [][]float64, warm [][]float64, fe0 [][]float64, gram []float64, tol float64, maxIter int) (int, bool, error) {
	m := len(vs)
	if a.L == 0 {
		a.finish(vs, nil, fe0, gram, vs)
		return 0, true, nil
	}
	L := a.L
	x := make([]float64, L*m)
	warmStart := false
	for c := range warm {
		if warm[c] == nil {
			warm[c] = make([]float64, L)
		}
		for h, v := range warm[c] {
			x[h*m+c] = v
			warmStart = warmStart || v != 0
		}
	}
	b := make([]float64, L*m)
	q := make([]float64, L*m)
	if warmStart {
		a.pass(nil, false, vs, x, b, q)
	} else {
		a.pass(nil, false, vs, nil, b, q)
	}
	iters, ok, err := a.cg(ctx, b, q, x, m, nil, tol, maxIter)
	if err != nil {
		return iters, false, err
	}
	for c, wv := range warm {
		for h := range wv {
			wv[h] = x[h*m+c]
		}
	}
	a.finish(vs, x, fe0, gram, vs)
	return iters, ok, nil
}

// cg solves (D_r' W M_0 D_r) x = b for m interleaved vectors by
// preconditioned conjugate gradients, from the starting point x (updated
// in place) with q = A x. Vectors whose entry in skip is true are left
// alone. Each vector stops when its preconditioned residual is below tol
// relative to its right-hand side's. It returns the iterations and whether
// every vector converged.
func (a *absorber) cg(ctx context.Context, b, q, x []float64, m int, skip []bool, tol float64, maxIter int) (int, bool, error) {
	tols := make([]float64, m)
	for c := range tols {
		tols[c] = tol
		if skip != nil && skip[c] {
			tols[c] = -1
		}
	}
	return a.cgTols(ctx, b, q, x, m, tols, nil, maxIter)
}

// cgTols is cg with a tolerance per vector: vector c stops once its
// preconditioned residual norm is at most tols[c] times its right-hand
// side's, or at most floor[c] when floor is not nil; a negative tolerance
// skips the vector.
func (a *absorber) cgTols(ctx context.Context, b, q, x []float64, m int, tols, floor []float64, maxIter int) (int, bool, error) {
	L := a.L
	r := make([]float64, L*m)
	z := make([]float64, L*m)
	p := make([]float64, L*m)
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
	stop := make([]float64, m) // the residual norm at which each vector stops
	for c := range active {
		bnorm[c] = math.Sqrt(bnorm[c])
		stop[c] = tols[c] * bnorm[c]
		if floor != nil {
			stop[c] = math.Max(stop[c], floor[c])
		}
		active[c] = tols[c] >= 0 && bnorm[c] > 0 && math.Sqrt(math.Max(rz[c], 0)) > stop[c]
		if !active[c] {
			for h := 0; h < L; h++ {
				p[h*m+c] = 0
			}
		}
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
			clear(q)
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
			if math.Sqrt(math.Max(rzNew[c], 0)) <= stop[c] {
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
	return iters, !anyTrue(active), nil
}

// combine returns the FE-0 coefficients a0 and the other coefficients ar
// of the linear combination sum_c coefs[c] * (vector c), given each
// vector's coefficients fe0[c] and, interleaved in x (m per level; nil
// when there are no other fixed effects), the others; plus base (a0 then
// ar) when base is not nil. a0 and ar reuse buf's storage when it is
// large enough (buf must not be base).
func (a *absorber) combine(coefs []float64, fe0 [][]float64, x []float64, base, buf []float64) (a0, ar []float64) {
	m := len(coefs)
	buf = grow(buf, a.lev[0]+a.L)
	a0, ar = buf[:a.lev[0]], buf[a.lev[0]:]
	parallelRange(len(a0), func(lo, hi int) {
		o := a0[lo:hi]
		if base != nil {
			copy(o, base[lo:hi])
		} else {
			clear(o)
		}
		for c, k := range coefs {
			if k == 0 {
				continue
			}
			for g, v := range fe0[c][lo:hi] {
				o[g] += k * v
			}
		}
	})
	for h := range ar {
		s := 0.0
		if base != nil {
			s = base[a.lev[0]+h]
		}
		if x != nil {
			for c, k := range coefs {
				s += k * x[h*m+c]
			}
		}
		ar[h] = s
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
