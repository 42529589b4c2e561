package glm

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/baserate/baserate"
)

// Data is a model in matrix form: the response, the columns of the model
// matrix, an optional offset, the fixed effects to absorb and the cluster
// variables. package formula builds it from a formula and a frame.
type Data struct {
	Y []float64
	// X holds the model-matrix columns, each len(Y) long, named by Names.
	X     [][]float64
	Names []string
	// Offset is added to the linear predictor; nil means none.
	Offset []float64
	// FixedEffects are absorbed, never dummy-encoded.
	FixedEffects []Factor
	// Clusters are the variables standard errors are clustered on (one or
	// two).
	Clusters []Factor
	// Rows gives, for each observation, its data-row number (0-based) in
	// the input, used to report separated rows; nil means 0..n-1.
	Rows []int
}

// Factor is a categorical variable: a code per observation, indexing
// Levels.
type Factor struct {
	Name   string
	Codes  []int32
	Levels []string
}

// work is the data the fit iterates on: rows possibly dropped, collapsed or
// reordered, with rows[i] the input row (or, when collapsed, the first
// input row) of working row i.
type work struct {
	n    int
	y    []float64
	off  []float64 // nil when there is no offset
	x    [][]float64
	fe   []Factor
	cl   []Factor
	rows []int
	// When rows were collapsed, base is the data before and groups[i] the
	// rows of base that working row i sums.
	base   *work
	groups [][]int32

	sparse   *sparseCols // row-wise copy of x when mostly zeros
	sparseOK bool        // sparse has been decided
	identity bool        // rows[i] == i; rows is then nil (see rowOf)
	comps    int         // components of the first two fixed effects' levels; 0: not counted yet
}

// sparseX returns the row-wise copy of x when it is mostly zeros, else nil.
func (w *work) sparseX() *sparseCols {
	if !w.sparseOK {
		w.sparseOK = true
		w.sparse = newSparseCols(w.x)
	}
	return w.sparse
}

// rowOf returns the input row (0-based) of working row i, which stands
// for one input row.
func (w *work) rowOf(i int) int {
	if w.identity {
		return i
	}
	return w.rows[i]
}

// inputRows returns the input rows (0-based) that working row i stands for.
func (w *work) inputRows(i int) []int {
	if w.base == nil {
		return []int{w.rowOf(i)}
	}
	out := make([]int, len(w.groups[i]))
	for k, r := range w.groups[i] {
		out[k] = w.base.rowOf(int(r))
	}
	return out
}

func (d *Data) validate() error {
	n := len(d.Y)
	if n == 0 {
		return baserate.E("glm", baserate.KindInvalid, "no observations")
	}
	if len(d.X) != len(d.Names) {
		return baserate.E("glm", baserate.KindInvalid, fmt.Sprintf("%d columns but %d names", len(d.X), len(d.Names)))
	}
	row := func(i int) int {
		if d.Rows != nil {
			return d.Rows[i] + 1
		}
		return i + 1
	}
	badY := func(v float64) bool { return !(v >= 0 && v <= math.MaxFloat64) } // NaN, infinite or negative
	if i := firstBad(n, func(lo, hi int) int {
		for i, v := range d.Y[lo:hi] {
			if badY(v) {
				return lo + i
			}
		}
		return -1
	}); i >= 0 {
		return baserate.E("glm", baserate.KindInvalid, fmt.Sprintf("data row %d: the response is %v; counts must be finite and not negative", row(i), d.Y[i]))
	}
	for j, c := range d.X {
		if len(c) != n {
			return baserate.E("glm", baserate.KindInvalid, fmt.Sprintf("column %s has %d rows, the response %d", d.Names[j], len(c), n))
		}
		// v - v is 0 for a finite v and NaN otherwise: one test per value.
		bad := parallelSum(n, func(lo, hi int) float64 {
			b := 0.0
			for _, v := range c[lo:hi] {
				b += v - v
			}
			return b
		})
		if bad == 0 {
			continue
		}
		for i, v := range c {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return baserate.E("glm", baserate.KindInvalid, fmt.Sprintf("data row %d: %s is %v", row(i), d.Names[j], v))
			}
		}
	}
	if d.Offset != nil {
		if len(d.Offset) != n {
			return baserate.E("glm", baserate.KindInvalid, fmt.Sprintf("offset has %d rows, the response %d", len(d.Offset), n))
		}
		for i, v := range d.Offset {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return baserate.E("glm", baserate.KindInvalid, fmt.Sprintf("data row %d: the offset is %v", row(i), v))
			}
		}
	}
	for _, f := range append(slices.Clone(d.FixedEffects), d.Clusters...) {
		if len(f.Codes) != n {
			return baserate.E("glm", baserate.KindInvalid, fmt.Sprintf("factor %s has %d rows, the response %d", f.Name, len(f.Codes), n))
		}
		if i := firstBad(n, func(lo, hi int) int {
			for i, k := range f.Codes[lo:hi] {
				if uint32(k) >= uint32(len(f.Levels)) { // negative codes too
					return lo + i
				}
			}
			return -1
		}); i >= 0 {
			return baserate.E("glm", baserate.KindInvalid, fmt.Sprintf("data row %d: factor %s has code %d outside its %d levels", row(i), f.Name, f.Codes[i], len(f.Levels)))
		}
	}
	if len(d.Clusters) > 2 {
		return baserate.E("glm", baserate.KindInvalid, "at most two cluster variables")
	}
	if d.Rows != nil && len(d.Rows) != n {
		return baserate.E("glm", baserate.KindInvalid, "Rows has the wrong length")
	}
	return nil
}

// firstBad returns the first row in [0, n) that find reports, or -1;
// find(lo, hi) returns the first in [lo, hi), or -1. For many rows each
// core scans a part.
func firstBad(n int, find func(lo, hi int) int) int {
	var mu sync.Mutex
	first := -1
	parallelRange(n, func(lo, hi int) {
		if i := find(lo, hi); i >= 0 {
			mu.Lock()
			if first < 0 || i < first {
				first = i
			}
			mu.Unlock()
		}
	})
	return first
}

func newWork(d *Data) *work {
	w := &work{n: len(d.Y), y: d.Y, off: d.Offset, x: d.X, fe: d.FixedEffects, cl: d.Clusters, rows: d.Rows}
	w.identity = w.rows == nil
	return w
}

// subset returns the working data restricted to the rows where keep is
// true, with factor levels no longer used dropped.
func (w *work) subset(keep []bool) *work {
	idx := make([]int, 0, w.n)
	for i, k := range keep {
		if k {
			idx = append(idx, i)
		}
	}
	return w.take(idx, true)
}

// take returns the working rows idx, in that order. With compact, factor
// levels that are no longer used are dropped.
func (w *work) take(idx []int, compact bool) *work {
	out := &work{n: len(idx)}
	out.y = takeF(w.y, idx)
	if w.off != nil {
		out.off = takeF(w.off, idx)
	}
	out.x = make([][]float64, len(w.x))
	for j, c := range w.x {
		out.x[j] = takeF(c, idx)
	}
	tf := func(f Factor) Factor {
		codes := make([]int32, len(idx))
		parallelRange(len(idx), func(lo, hi int) {
			for i := lo; i < hi; i++ {
				codes[i] = f.Codes[idx[i]]
			}
		})
		g := Factor{Name: f.Name, Codes: codes, Levels: f.Levels}
		if compact {
			g = compactFactor(g)
		}
		return g
	}
	for _, f := range w.fe {
		out.fe = append(out.fe, tf(f))
	}
	for _, f := range w.cl {
		out.cl = append(out.cl, tf(f))
	}
	if w.identity {
		// Input row numbers are the positions: no gather needed.
		out.rows = idx
	} else {
		out.rows = make([]int, len(idx))
		parallelRange(len(idx), func(lo, hi int) {
			for i := lo; i < hi; i++ {
				out.rows[i] = w.rows[idx[i]]
			}
		})
	}
	if w.groups != nil {
		out.base = w.base
		out.groups = make([][]int32, len(idx))
		for i, r := range idx {
			out.groups[i] = w.groups[r]
		}
	}
	return out
}

func takeF(v []float64, idx []int) []float64 {
	out := make([]float64, len(idx))
	parallelRange(len(idx), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i] = v[idx[i]]
		}
	})
	return out
}

// compactFactor drops levels no row uses.
func compactFactor(f Factor) Factor {
	used := make([]int32, len(f.Levels))
	for _, k := range f.Codes {
		used[k] = 1
	}
	n := int32(0)
	for i, u := range used {
		if u == 1 {
			used[i] = n
			n++
		} else {
			used[i] = -1
		}
	}
	if int(n) == len(f.Levels) {
		return f
	}
	levels := make([]string, 0, n)
	for i, l := range f.Levels {
		if used[i] >= 0 {
			levels = append(levels, l)
		}
	}
	codes := make([]int32, len(f.Codes))
	for i, k := range f.Codes {
		codes[i] = used[k]
	}
	return Factor{Name: f.Name, Codes: codes, Levels: levels}
}

// sortByFE drops the rows where keep is false (keep nil keeps all) and
// reorders the rest so that the fixed effect with the most levels comes
// first and its levels are contiguous (rows within a level keep their
// order); it returns the absorber for that order.
// The fixed effects in the returned work are reordered so that fe[0] is
// the eliminated one; order maps their new positions to the original.
func (w *work) sortByFE(keep []bool) (*work, *absorber, []int) {
	k := len(w.fe)
	order := make([]int, k)
	for j := range order {
		order[j] = j
	}
	slices.SortStableFunc(order, func(a, b int) int { return len(w.fe[b].Levels) - len(w.fe[a].Levels) })
	perm := make([]int, 0, w.n)
	for i := 0; i < w.n; i++ {
		if keep == nil || keep[i] {
			perm = append(perm, i)
		}
	}
	perm = countingSort(perm, w.fe[order[0]].Codes, len(w.fe[order[0]].Levels))
	s := w.take(perm, true)
	fe := make([]Factor, k)
	for j, o := range order {
		fe[j] = s.fe[o]
	}
	s.fe = fe
	return s, absorberFromSorted(s), order
}

// countingSort returns perm reordered stably by codes[perm[i]].
func countingSort(perm []int, codes []int32, levels int) []int {
	count := make([]int, levels+1)
	for _, i := range perm {
		count[codes[i]+1]++
	}
	for g := 0; g < levels; g++ {
		count[g+1] += count[g]
	}
	out := make([]int, len(perm))
	for _, i := range perm {
		c := codes[i]
		out[count[c]] = i
		count[c]++
	}
	return out
}

// feDOF returns the number of free parameters of the fixed effects: the
// levels, less one for each further fixed effect per connected component
// (exact for one or two fixed effects; for more it assumes no redundancy
// beyond the first two's components and one per further fixed effect).
// comps returns the number of components of the first two.
func feDOF(fe []Factor, comps func() int) (dof int, exact bool) {
	switch len(fe) {
	case 0:
		return 0, true
	case 1:
		return len(fe[0].Levels), true
	}
	a, b := fe[0], fe[1]
	dof = len(a.Levels) + len(b.Levels) - comps()
	for _, f := range fe[2:] {
		dof += len(f.Levels) - 1
	}
	return dof, len(fe) == 2
}

// prepared is the outcome of prepareFE.
type prepared struct {
	w     *work
	abs   *absorber
	order []int // fixed effects of w: position -> input position
	// Per fixed effect (input order), the groups whose outcome is all zero
	// and the rows dropped with them; dropped lists those rows' input
	// numbers.
	groups, rows []int
	dropped      []int
	single       *singletons
}

// prepareFE readies data with fixed effects for the fit in the order that
// costs least: it sorts the rows by the fixed effect with the most levels,
// gathering only the counts and the fixed-effect codes; finds, with
// sequential scans of the sorted rows, the fixed-effect groups whose
// outcome is all zero (when zero) and the singletons (when single; see
// singletons.go); drops them in place; and only then gathers the other
// columns, once. The result is what dropZeroGroups and sortByFE give one
// after the other, less the singletons.
func (w *work) prepareFE(zero, single bool) *prepared {
	k := len(w.fe)
	order := make([]int, k)
	for j := range order {
		order[j] = j
	}
	slices.SortStableFunc(order, func(a, b int) int { return len(w.fe[b].Levels) - len(w.fe[a].Levels) })
	f0 := order[0]
	l0 := len(w.fe[f0].Levels)
	// Counting sort by FE 0: seg[g]:seg[g+1] are the sorted positions of
	// level g.
	perm, seg := sortPerm(w.fe[f0].Codes, l0)
	parts := levelParts(seg, w.n)
	np := len(parts)
	// One pass over the sorted positions, each part of FE 0's levels on
	// its own core: the counts and the fixed effects' codes in sorted
	// order, and each fixed effect's sums of the counts per level (FE 0's
	// directly, the others' per part, added up after).
	y := make([]float64, w.n)
	codes := make([][]int32, k)
	for j := range codes {
		codes[j] = make([]int32, w.n)
	}
	ysum := make([][]float64, k)
	ysum[f0] = make([]float64, l0)
	partSums := make([][][]float64, np)
	overLevels(parts, func(p, g0, g1 int) {
		c0, s0 := codes[f0], ysum[f0]
		for g := g0; g < g1; g++ {
			t := 0.0
			for i := seg[g]; i < seg[g+1]; i++ {
				c0[i] = int32(g)
				v := w.y[perm[i]]
				y[i] = v
				t += v
			}
			s0[g] = t
		}
		lo, hi := seg[g0], seg[g1]
		partSums[p] = make([][]float64, k)
		for j, f := range w.fe {
			if j == f0 {
				continue
			}
			s := make([]float64, len(f.Levels))
			cj, in := codes[j][lo:hi], f.Codes
			for i, q := range perm[lo:hi] {
				c := in[q]
				cj[i] = c
				s[c] += y[lo+i]
			}
			partSums[p][j] = s
		}
	})
	for j := range w.fe {
		if j != f0 {
			ysum[j] = partSums[0][j]
			for _, ps := range partSums[1:] {
				for c, v := range ps[j] {
					ysum[j][c] += v
				}
			}
		}
	}
	out := &prepared{order: order, groups: make([]int, k), rows: make([]int, k)}
	// One more pass: a row is dropped with the first fixed effect (in
	// input order) in whose level the counts sum to zero (dropping zero
	// rows never turns another group's positive sum into zero, so this
	// finds them all); each fixed effect counts the rows and groups it
	// drops that an earlier one did not. The same pass counts the rows
	// kept per level, and for the fixed effects other than FE 0 sums their
	// positions, for the singletons.
	keep := make([]bool, w.n)
	var gone []bool // by position in w
	if zero {
		gone = make([]bool, w.n)
	}
	counts := make([][]int32, k)
	counts[f0] = make([]int32, l0)
	possum := make([][]int64, k)
	type partCount struct {
		rows    []int
		groups  []int
		counts  [][]int32
		possum  [][]int64
		counted [][]bool
	}
	pc := make([]partCount, np)
	overLevels(parts, func(p, g0, g1 int) {
		c := &pc[p]
		c.rows, c.groups = make([]int, k), make([]int, k)
		c.counts, c.possum, c.counted = make([][]int32, k), make([][]int64, k), make([][]bool, k)
		for j, f := range w.fe {
			if j != f0 {
				c.counts[j] = make([]int32, len(f.Levels))
				if single {
					c.possum[j] = make([]int64, len(f.Levels))
				}
				if zero {
					c.counted[j] = make([]bool, len(f.Levels))
				}
			}
		}
		cnt0 := counts[f0]
		for g := g0; g < g1; g++ {
			lo, hi := seg[g], seg[g+1]
			if zero && ysum[f0][g] == 0 && hi > lo {
				// FE 0 comes first where it is first in input order;
				// otherwise the earlier fixed effects claim some rows.
				claimed := false
				for i := lo; i < hi; i++ {
					by := -1
					for j := range w.fe {
						if j == f0 {
							by = j
							break
						}
						if ysum[j][codes[j][i]] == 0 {
							by = j
							break
						}
					}
					c.rows[by]++
					if by == f0 {
						claimed = true
					} else if !c.counted[by][codes[by][i]] {
						c.counted[by][codes[by][i]] = true
					}
					gone[perm[i]] = true
				}
				if claimed {
					c.groups[f0]++
				}
				continue
			}
			n := int32(0)
			for i := lo; i < hi; i++ {
				by := -1
				if zero {
					for j := range w.fe {
						if j != f0 && ysum[j][codes[j][i]] == 0 {
							by = j
							break
						}
					}
				}
				if by >= 0 {
					c.rows[by]++
					if !c.counted[by][codes[by][i]] {
						c.counted[by][codes[by][i]] = true
					}
					gone[perm[i]] = true
					continue
				}
				keep[i] = true
				n++
				for j := range w.fe {
					if j != f0 {
						h := codes[j][i]
						c.counts[j][h]++
						if single {
							c.possum[j][h] += int64(i)
						}
					}
				}
			}
			cnt0[g] = n
		}
	})
	for j, f := range w.fe {
		for p := range pc {
			out.rows[j] += pc[p].rows[j]
			out.groups[j] += pc[p].groups[j]
		}
		if j == f0 {
			continue
		}
		counts[j], possum[j] = pc[0].counts[j], pc[0].possum[j]
		for _, c := range pc[1:] {
			for h := range counts[j] {
				counts[j][h] += c.counts[j][h]
			}
			if single {
				for h := range possum[j] {
					possum[j][h] += c.possum[j][h]
				}
			}
		}
		if zero {
			for h := range f.Levels {
				for _, c := range pc {
					if c.counted[j][h] {
						out.groups[j]++
						break
					}
				}
			}
		}
	}
	dropped := 0
	for _, r := range out.rows {
		dropped += r
	}
	input := func(i int) int { // input row of sorted position i
		if w.identity {
			return perm[i]
		}
		return w.rows[perm[i]]
	}
	if dropped > 0 {
		// The dropped rows in input order, as marked by position in w
		// (w's rows are in input order).
		out.dropped = trueIn(gone, dropped, w.rowOf)
	}
	if single {
		out.single = singletonsOf(codes, counts, possum, y, keep, f0, seg, parts, input)
	}
	left := w.n - dropped - singleN(out.single)
	if left == 0 {
		return out // nothing left: out.w is nil
	}
	// The levels still used, renumbered in order, and FE 0's segments.
	remap := make([][]int32, k)
	levels := make([][]string, k)
	var seg2 []int
	for j, f := range w.fe {
		var sg []int
		remap[j], levels[j], sg = renumber(counts[j], f.Levels, j == f0)
		if j == f0 {
			seg2 = sg
		}
	}
	// Drop the rows in place: each part moves its kept rows to its start,
	// then the parts are moved together.
	offs := make([]int, np+1)
	overLevels(parts, func(p, g0, g1 int) {
		lo, hi := seg[g0], seg[g1]
		n := lo
		for i := lo; i < hi; i++ {
			if keep[i] {
				perm[n], y[n] = perm[i], y[i]
				for j, c := range codes {
					c[n] = remap[j][c[i]]
				}
				n++
			}
		}
		offs[p+1] = n - lo
	})
	for p := range parts {
		if at, from := offs[p], seg[parts[p][0]]; at != from {
			n := offs[p+1]
			copy(perm[at:at+n], perm[from:from+n])
			copy(y[at:at+n], y[from:from+n])
			for _, c := range codes {
				copy(c[at:at+n], c[from:from+n])
			}
		}
		offs[p+1] += offs[p]
	}
	perm, y = perm[:left:left], y[:left:left]
	for j := range codes {
		codes[j] = codes[j][:left:left]
	}
	s := &work{n: left, y: y}
	if w.off != nil {
		s.off = takeF(w.off, perm)
	}
	s.x = make([][]float64, len(w.x))
	for j, c := range w.x {
		s.x[j] = takeF(c, perm)
	}
	for _, f := range w.cl {
		s.cl = append(s.cl, compactFactor(Factor{Name: f.Name, Codes: takeI32(f.Codes, perm), Levels: f.Levels}))
	}
	if w.identity {
		s.rows = perm
	} else {
		s.rows = make([]int, left)
		for i, p := range perm {
			s.rows[i] = w.rows[p]
		}
	}
	s.fe = make([]Factor, k)
	for j, o := range order {
		s.fe[j] = Factor{Name: w.fe[o].Name, Codes: codes[o], Levels: levels[o]}
	}
	lev := make([]int, k)
	for j := range s.fe {
		lev[j] = len(s.fe[j].Levels)
	}
	rest := make([][]int32, k-1)
	for j := 1; j < k; j++ {
		rest[j-1] = s.fe[j].Codes
	}
	out.w, out.abs = s, newAbsorber(left, lev, seg2, s.fe[0].Codes, rest)
	return out
}

// renumber numbers the levels with rows (counts above zero) in order: it
// returns each level's new code (-1 for none), the names of those kept
// and, with wantSeg, their rows' segments (new level g at seg[g]:seg[g+1]
// when the rows are sorted by level). Many levels are split over the
// cores.
func renumber(counts []int32, names []string, wantSeg bool) (r []int32, kept []string, seg []int) {
	n := len(counts)
	workers := runtime.GOMAXPROCS(0)
	if n < 100_000 {
		workers = 1
	}
	per := (n + workers - 1) / workers
	used, rows := make([]int, workers+1), make([]int, workers+1)
	run := func(fn func(p, lo, hi int)) {
		var wg sync.WaitGroup
		for p := 1; p < workers; p++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				fn(p, min(p*per, n), min((p+1)*per, n))
			}()
		}
		fn(0, 0, min(per, n))
		wg.Wait()
	}
	run(func(p, lo, hi int) {
		u, t := 0, 0
		for _, v := range counts[lo:hi] {
			if v > 0 {
				u++
				t += int(v)
			}
		}
		used[p+1], rows[p+1] = u, t
	})
	for p := 0; p < workers; p++ {
		used[p+1] += used[p]
		rows[p+1] += rows[p]
	}
	total := used[workers]
	r = make([]int32, n)
	kept = names
	if total < n {
		kept = make([]string, total)
	}
	if wantSeg {
		seg = make([]int, total+1)
	}
	run(func(p, lo, hi int) {
		u, t := used[p], rows[p]
		for g := lo; g < hi; g++ {
			v := counts[g]
			if v <= 0 {
				r[g] = -1
				continue
			}
			r[g] = int32(u)
			if total < n {
				kept[u] = names[g]
			}
			t += int(v)
			u++
			if wantSeg {
				seg[u] = t
			}
		}
	})
	return r, kept, seg
}

// sortPerm returns the positions of the rows sorted (stably) by their
// codes, and seg, the sorted positions of code g being seg[g]:seg[g+1]. It
// is a counting sort, split over the cores for many rows: each worker
// counts and places its share of the rows.
func sortPerm(codes []int32, levels int) (perm, seg []int) {
	n := len(codes)
	workers := runtime.GOMAXPROCS(0)
	if n < 200_000 {
		workers = 1
	}
	per := (n + workers - 1) / workers
	counts := make([][]int32, workers)
	run := func(fn func(k, lo, hi int)) {
		var wg sync.WaitGroup
		for k := range counts {
			lo, hi := k*per, min((k+1)*per, n)
			wg.Add(1)
			go func() {
				defer wg.Done()
				fn(k, lo, hi)
			}()
		}
		wg.Wait()
	}
	run(func(k, lo, hi int) {
		c := make([]int32, levels)
		for _, v := range codes[lo:hi] {
			c[v]++
		}
		counts[k] = c
	})
	// Each worker's first position in each level (where c[g] becomes the
	// worker's next position): the levels are split into as many ranges,
	// whose rows are counted, then placed.
	seg = make([]int, levels+1)
	lper := (levels + workers - 1) / workers
	start := make([]int, workers+1)
	run(func(k, _, _ int) {
		t := 0
		for _, c := range counts {
			for _, v := range c[min(k*lper, levels):min((k+1)*lper, levels)] {
				t += int(v)
			}
		}
		start[k+1] = t
	})
	for k := 0; k < workers; k++ {
		start[k+1] += start[k]
	}
	run(func(k, _, _ int) {
		pos := start[k]
		for g := min(k*lper, levels); g < min((k+1)*lper, levels); g++ {
			seg[g] = pos
			for _, c := range counts {
				v := int(c[g])
				c[g] = int32(pos)
				pos += v
			}
		}
	})
	seg[levels] = n
	perm = make([]int, n)
	run(func(k, lo, hi int) {
		next := counts[k]
		for i := lo; i < hi; i++ {
			c := codes[i]
			perm[next[c]] = i
			next[c]++
		}
	})
	return perm, seg
}

// levelParts splits the levels into ranges of about equal numbers of
// rows, one per core when there are many rows.
func levelParts(seg []int, n int) [][2]int {
	levels := len(seg) - 1
	workers := runtime.GOMAXPROCS(0)
	if n < 200_000 {
		workers = 1
	}
	var parts [][2]int
	start := 0
	per := (n + workers - 1) / workers
	for g := 0; g < levels; g++ {
		if seg[g+1]-seg[start] >= per || g == levels-1 {
			parts = append(parts, [2]int{start, g + 1})
			start = g + 1
		}
	}
	if len(parts) == 0 {
		parts = [][2]int{{0, levels}}
	}
	return parts
}

// overLevels runs fn on each part of the levels, concurrently when there
// are several; p is the part's index.
func overLevels(parts [][2]int, fn func(p, g0, g1 int)) {
	if len(parts) == 1 {
		fn(0, parts[0][0], parts[0][1])
		return
	}
	var wg sync.WaitGroup
	for p, r := range parts[1:] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(p+1, r[0], r[1])
		}()
	}
	fn(0, parts[0][0], parts[0][1])
	wg.Wait()
}

// countKept adds to c[code] the kept rows with each code, each part of the
// levels' rows (seg, parts) on its own core into its own counts.
func countKept(c []int32, codes []int32, keep []bool, seg []int, parts [][2]int) {
	if len(parts) == 1 {
		for i, code := range codes {
			if keep[i] {
				c[code]++
			}
		}
		return
	}
	local := make([][]int32, len(parts))
	overLevels(parts, func(p, g0, g1 int) {
		l := make([]int32, len(c))
		lo, hi := seg[g0], seg[g1]
		for i, code := range codes[lo:hi] {
			if keep[lo+i] {
				l[code]++
			}
		}
		local[p] = l
	})
	for _, l := range local {
		for g, v := range l {
			c[g] += v
		}
	}
}

// takeI32 returns v[idx[i]] for each i, in parallel for long vectors.
func takeI32(v []int32, idx []int) []int32 {
	out := make([]int32, len(idx))
	parallelRange(len(idx), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i] = v[idx[i]]
		}
	})
	return out
}

func singleN(s *singletons) int {
	if s == nil {
		return 0
	}
	return s.n
}

// singletonsOf marks as not kept the rows alone in a level of some fixed
// effect, repeatedly until none is left (removing one row can leave
// another alone), and returns them; nil when there are none, or when every
// row would go. The rows are sorted by fixed effect f0, level g at
// seg[g]:seg[g+1]; codes are the fixed effects' codes in that order,
// counts the rows kept per level, possum (for the fixed effects other than
// f0) the sums of their positions, so that a level with one row left has
// it at that sum; input maps a position to its input row. counts and
// possum are kept up to date. The rows left are those of the largest set
// in which every level has two rows or none, whatever the order of
// removal, so the levels are taken from a work list.
func singletonsOf(codes [][]int32, counts [][]int32, possum [][]int64, y []float64, keep []bool, f0 int, seg []int, parts [][2]int, input func(int) int) *singletons {
	k := len(codes)
	// Per fixed effect, the levels whose last rows the singletons are.
	gone := make([]int, k)
	// First the rows alone in their level of FE 0 (most of them), each
	// part of the levels on its own core, which counts what it takes from
	// the other fixed effects' levels.
	type partOut struct {
		rows []int
		dec  [][]int32
		pos  [][]int64
	}
	po := make([]partOut, len(parts))
	overLevels(parts, func(p, g0, g1 int) {
		o := &po[p]
		o.dec, o.pos = make([][]int32, k), make([][]int64, k)
		for j, c := range counts {
			if j != f0 {
				o.dec[j], o.pos[j] = make([]int32, len(c)), make([]int64, len(c))
			}
		}
		c0 := counts[f0]
		for g := g0; g < g1; g++ {
			if c0[g] != 1 {
				continue
			}
			i := seg[g]
			for !keep[i] {
				i++
			}
			keep[i] = false
			c0[g] = 0
			o.rows = append(o.rows, i)
			for j, c := range codes {
				if j != f0 {
					o.dec[j][c[i]]++
					o.pos[j][c[i]] += int64(i)
				}
			}
		}
	})
	var rows []int // sorted positions
	for _, o := range po {
		rows = append(rows, o.rows...)
		gone[f0] += len(o.rows) // each the last row of its level
	}
	for j, c := range counts {
		if j == f0 {
			continue
		}
		for h := range c {
			d, ps := int32(0), int64(0)
			for _, o := range po {
				d += o.dec[j][h]
				ps += o.pos[j][h]
			}
			if d > 0 {
				c[h] -= d
				possum[j][h] -= ps
				if c[h] == 0 {
					gone[j]++
				}
			}
		}
	}
	// Then, from a work list, the levels left with one row: those of the
	// other fixed effects, and any that the removals leave so.
	type level struct {
		j int
		g int32
	}
	var work []level
	for j, c := range counts {
		if j == f0 {
			continue
		}
		for g, v := range c {
			if v == 1 {
				work = append(work, level{j, int32(g)})
			}
		}
	}
	for len(work) > 0 {
		l := work[len(work)-1]
		work = work[:len(work)-1]
		if counts[l.j][l.g] != 1 {
			continue
		}
		var i int
		if l.j == f0 {
			for i = seg[l.g]; !keep[i]; i++ {
			}
		} else {
			i = int(possum[l.j][l.g])
		}
		keep[i] = false
		rows = append(rows, i)
		for j, c := range codes {
			h := c[i]
			counts[j][h]--
			if j != f0 {
				possum[j][h] -= int64(i)
			}
			switch counts[j][h] {
			case 1:
				work = append(work, level{j, h})
			case 0:
				gone[j]++
			}
		}
	}
	if len(rows) == 0 {
		return nil
	}
	if !slices.ContainsFunc(counts[f0], func(v int32) bool { return v > 0 }) {
		// Nothing would be left to fit: fit them all.
		for _, i := range rows {
			keep[i] = true
			for j, c := range codes {
				counts[j][c[i]]++
				if j != f0 {
					possum[j][c[i]] += int64(i)
				}
			}
		}
		return nil
	}
	sg := &singletons{n: len(rows), levels: make([]int, k)}
	copy(sg.levels, gone)
	for _, i := range rows {
		sg.rows = append(sg.rows, input(i))
		if v := y[i]; v > 0 {
			sg.ll += v*logCount(v) - v - lfact(v) // llPoisson(v, v)
		}
	}
	return sg
}

// trueIn returns rowOf(i) for each i where b[i] is true, in order; n is
// their number. Each part of b is scanned on its own core.
func trueIn(b []bool, n int, rowOf func(int) int) []int {
	out := make([]int, n)
	workers := runtime.GOMAXPROCS(0)
	if len(b) < 200_000 {
		workers = 1
	}
	per := (len(b) + workers - 1) / workers
	at := make([]int, workers+1)
	run := func(fn func(p, lo, hi int)) {
		var wg sync.WaitGroup
		for p := 0; p < workers; p++ {
			lo, hi := p*per, min((p+1)*per, len(b))
			wg.Add(1)
			go func() {
				defer wg.Done()
				fn(p, lo, hi)
			}()
		}
		wg.Wait()
	}
	run(func(p, lo, hi int) {
		c := 0
		for _, v := range b[lo:hi] {
			if v {
				c++
			}
		}
		at[p+1] = c
	})
	for p := 0; p < workers; p++ {
		at[p+1] += at[p]
	}
	run(func(p, lo, hi int) {
		k := at[p]
		for i := lo; i < hi; i++ {
			if b[i] {
				out[k] = rowOf(i)
				k++
			}
		}
	})
	return out
}
