package glm

import (
	"math"
)

// aggregatable reports whether collapsing looks worthwhile, judged on a
// sample of up to 5,000 rows spread over the data: at least a fifth of
// the sampled rows repeat a pattern.
func (w *work) aggregatable(withClusters bool) bool {
	if w.n < 4 {
		return false
	}
	if len(w.fe) == 0 {
		w.sparseX() // hash the nonzeros of a sparse design
	}
	step := max(1, w.n/5000)
	var hs []uint64
	for i := 0; i < w.n; i += step {
		hs = append(hs, w.patternHash(i, withClusters))
	}
	// Distinct hashes never outnumber distinct patterns.
	return float64(countDistinct(hs)) <= 0.8*float64(len(hs))
}

// countDistinct counts the distinct values in hs with an open-addressing
// set (sorting them costs several times as much).
func countDistinct(hs []uint64) int {
	size := 1
	for size < 2*len(hs) {
		size *= 2
	}
	table := make([]uint64, size)
	used := make([]bool, size)
	n := 0
	for _, h := range hs {
		for k := int(h>>1) & (size - 1); ; k = (k + 1) & (size - 1) {
			if !used[k] {
				used[k], table[k] = true, h
				n++
				break
			}
			if table[k] == h {
				break
			}
		}
	}
	return n
}

func (w *work) patternHash(i int, withClusters bool) uint64 {
	h := uint64(1469598103934665603)
	mix := func(v uint64) {
		h ^= v
		h *= 1099511628211
		h ^= h >> 29
	}
	if sx := w.sparse; sx != nil {
		for k := sx.ptr[i]; k < sx.ptr[i+1]; k++ {
			mix(uint64(sx.col[k])<<32 ^ math.Float64bits(sx.val[k]))
		}
	} else {
		for _, c := range w.x {
			mix(math.Float64bits(c[i]))
		}
	}
	for _, f := range w.fe {
		mix(uint64(f.Codes[i]))
	}
	if withClusters {
		for _, f := range w.cl {
			mix(uint64(f.Codes[i]))
		}
	}
	return h
}

// aggregate collapses rows that share every covariate value, fixed-effect
// level and (withClusters) cluster, summing the counts and the exposures
// (exp of the offset). For the Poisson likelihood these are sufficient:
// the collapsed fit has the same coefficients and the same information
// matrix, and cluster sums of scores are unchanged when clusters do not
// cross patterns. It returns nil when collapsing would not remove at least
// a fifth of the rows (judged first on a sample, so that data with
// continuous covariates costs little).
func (w *work) aggregate(withClusters bool) *work {
	n := w.n
	if n < 4 {
		return nil
	}
	hash := func(i int) uint64 { return w.patternHash(i, withClusters) }
	same := func(i, j int) bool {
		for _, c := range w.x {
			if c[i] != c[j] {
				return false
			}
		}
		for _, f := range w.fe {
			if f.Codes[i] != f.Codes[j] {
				return false
			}
		}
		if withClusters {
			for _, f := range w.cl {
				if f.Codes[i] != f.Codes[j] {
					return false
				}
			}
		}
		return true
	}
	// Full pass: pattern of each row, with collisions resolved by chaining.
	type entry struct {
		first int32 // representative row
		next  int32 // next pattern with the same hash, -1 at the end
	}
	head := make(map[uint64]int32)
	var pats []entry
	pattern := make([]int32, n)
	for i := 0; i < n; i++ {
		h := hash(i)
		k, ok := head[h]
		found := int32(-1)
		for ok && k >= 0 {
			if same(int(pats[k].first), i) {
				found = k
				break
			}
			k = pats[k].next
		}
		if found < 0 {
			found = int32(len(pats))
			nxt := int32(-1)
			if k0, ok := head[h]; ok {
				nxt = k0
			}
			pats = append(pats, entry{first: int32(i), next: nxt})
			head[h] = found
		}
		pattern[i] = found
	}
	m := len(pats)
	if float64(m) > 0.8*float64(n) {
		return nil
	}
	out := &work{n: m, base: w}
	out.y = make([]float64, m)
	expo := make([]float64, m)
	out.groups = make([][]int32, m)
	for i := 0; i < n; i++ {
		k := pattern[i]
		out.y[k] += w.y[i]
		if w.off != nil {
			expo[k] += math.Exp(w.off[i])
		} else {
			expo[k]++
		}
		out.groups[k] = append(out.groups[k], int32(i))
	}
	out.off = make([]float64, m)
	for k := range expo {
		out.off[k] = math.Log(expo[k])
	}
	first := make([]int, m)
	for k, p := range pats {
		first[k] = int(p.first)
	}
	out.x = make([][]float64, len(w.x))
	for j, c := range w.x {
		out.x[j] = takeF(c, first)
	}
	tf := func(f Factor) Factor {
		codes := make([]int32, m)
		for k, r := range first {
			codes[k] = f.Codes[r]
		}
		return Factor{Name: f.Name, Codes: codes, Levels: f.Levels}
	}
	for _, f := range w.fe {
		out.fe = append(out.fe, tf(f))
	}
	if withClusters {
		for _, f := range w.cl {
			out.cl = append(out.cl, tf(f))
		}
	}
	out.rows = make([]int, m)
	for k, r := range first {
		out.rows[k] = w.rowOf(r)
	}
	return out
}
