package glm

import (
	"errors"
	"math"
	"runtime"
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack/lapack64"
	"gonum.org/v1/gonum/mat"
)

// crossprod returns X'WX (p x p, symmetric) and X'Wz for the given columns,
// in one pass over the rows, split over the cores for large n.
func crossprod(x [][]float64, w, z []float64) (*mat.SymDense, []float64) {
	p := len(x)
	n := len(w)
	workers := runtime.GOMAXPROCS(0)
	if n < 100_000 {
		workers = 1
	}
	type part struct {
		xx []float64
		xz []float64
	}
	parts := make([]part, workers)
	var wg sync.WaitGroup
	per := (n + workers - 1) / workers
	for k := 0; k < workers; k++ {
		lo, hi := k*per, min((k+1)*per, n)
		wg.Add(1)
		// Small problems run on this goroutine: handing them to another
		// costs a scheduling delay that on a busy machine exceeds the work.
		run := func(f func()) { go f() }
		if workers == 1 {
			run = func(f func()) { f() }
		}
		run(func() {
			defer wg.Done()
			xx := make([]float64, p*p)
			xz := make([]float64, p)
			// Blocked over rows so each block of columns stays in cache.
			const block = 2048
			wx := make([]float64, block)
			for b := lo; b < hi; b += block {
				e := min(b+block, hi)
				for a := 0; a < p; a++ {
					xa := x[a][b:e]
					wb := w[b:e]
					for i := range xa {
						wx[i] = wb[i] * xa[i]
					}
					for c := a; c < p; c++ {
						xc := x[c][b:e]
						s := 0.0
						for i := range xc {
							s += wx[i] * xc[i]
						}
						xx[a*p+c] += s
					}
					if z != nil {
						zb := z[b:e]
						s := 0.0
						for i := range zb {
							s += wx[i] * zb[i]
						}
						xz[a] += s
					}
				}
			}
			parts[k] = part{xx, xz}
		})
	}
	wg.Wait()
	sum, xz := parts[0].xx, parts[0].xz
	for _, pt := range parts[1:] {
		for a := range sum {
			sum[a] += pt.xx[a]
		}
		for a := range xz {
			xz[a] += pt.xz[a]
		}
	}
	// The upper triangle was filled, which is what SymDense reads.
	return mat.NewSymDense(p, sum), xz
}

// symFrom returns the symmetric matrix whose upper triangle is that of the
// k x k row-major a.
func symFrom(a []float64, k int) *mat.SymDense {
	out := mat.NewSymDense(k, nil)
	for i := 0; i < k; i++ {
		for j := i; j < k; j++ {
			out.SetSym(i, j, a[i*k+j])
		}
	}
	return out
}

// independent returns which columns to keep: walking the columns in order,
// a column is dropped when, after projecting out the kept columns before
// it, less than tol of its (weighted) sum of squares is left, or when its
// sum of squares is below tol times ref[j] (the column before the fixed
// effects were absorbed). This is R's rule of dropping the later of
// collinear columns, on the cross-product matrix.
func independent(xx *mat.SymDense, ref []float64, tol float64) []bool {
	p := xx.SymmetricDim()
	keep := make([]bool, p)
	// Cholesky with column skipping: L holds rows of kept columns.
	l := make([][]float64, p)
	for j := 0; j < p; j++ {
		d := xx.At(j, j)
		if d <= 0 || (ref != nil && d <= tol*ref[j]) {
			continue
		}
		row := make([]float64, p)
		rest := d
		for k := 0; k < j; k++ {
			if !keep[k] {
				continue
			}
			s := xx.At(j, k)
			for m := 0; m < k; m++ {
				if keep[m] {
					s -= row[m] * l[k][m]
				}
			}
			row[k] = s / l[k][k]
			rest -= row[k] * row[k]
		}
		if rest <= tol*d {
			continue
		}
		row[j] = math.Sqrt(rest)
		l[j] = row
		keep[j] = true
	}
	return keep
}

// sub returns the rows and columns of xx where keep is true.
func sub(xx *mat.SymDense, keep []bool) *mat.SymDense {
	var idx []int
	for j, k := range keep {
		if k {
			idx = append(idx, j)
		}
	}
	out := mat.NewSymDense(len(idx), nil)
	for a, i := range idx {
		for b := a; b < len(idx); b++ {
			out.SetSym(a, b, xx.At(i, idx[b]))
		}
	}
	return out
}

var errSingular = errors.New("the cross-product matrix is not positive definite")

// solveSym solves A b = r by Cholesky.
// It calls LAPACK's potrf and potrs directly: mat.Cholesky would also
// estimate the condition number, which costs more than the solve for the
// small systems of each IRLS step (collinearity is handled before).
func solveSym(a *mat.SymDense, r []float64) ([]float64, error) {
	raw := a.RawSymmetric()
	n := raw.N
	cp := blas64.Symmetric{N: n, Stride: n, Uplo: blas.Upper, Data: make([]float64, n*n)}
	for i := 0; i < n; i++ {
		copy(cp.Data[i*n+i:i*n+n], raw.Data[i*raw.Stride+i:i*raw.Stride+n])
	}
	t, ok := lapack64.Potrf(cp)
	if !ok {
		return nil, errSingular
	}
	b := append([]float64(nil), r...)
	lapack64.Potrs(t, blas64.General{Rows: n, Cols: 1, Stride: 1, Data: b})
	for _, v := range b {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, errSingular
		}
	}
	return b, nil
}

// invSym returns the inverse of a symmetric positive definite matrix.
func invSym(a *mat.SymDense) (*mat.SymDense, error) {
	var ch mat.Cholesky
	if ok := ch.Factorize(a); !ok {
		return nil, errSingular
	}
	var inv mat.SymDense
	if err := ch.InverseTo(&inv); err != nil {
		return nil, err
	}
	return &inv, nil
}

// sparseCols is a row-wise (compressed sparse row) copy of model-matrix
// columns that are mostly zero, as dummy columns of factors are: their
// cross products then cost the square of the nonzeros per row rather than
// of the columns.
type sparseCols struct {
	p   int
	ptr []int32
	col []int32
	val []float64
}

// newSparseCols returns the sparse copy of cols, or nil when more than a
// quarter of the entries are nonzero (then the dense product is faster).
func newSparseCols(cols [][]float64) *sparseCols {
	p := len(cols)
	if p < 4 || len(cols[0]) == 0 {
		return nil
	}
	n := len(cols[0])
	ptr := make([]int32, n+1)
	for _, c := range cols {
		row := ptr[1:]
		row = row[:len(c)]
		for i, v := range c {
			if v != 0 {
				row[i]++
			}
		}
	}
	for i := 0; i < n; i++ {
		ptr[i+1] += ptr[i]
	}
	nnz := int(ptr[n])
	if nnz*4 > n*p {
		return nil
	}
	s := &sparseCols{p: p, ptr: ptr, col: make([]int32, nnz), val: make([]float64, nnz)}
	next := append([]int32(nil), s.ptr[:n]...)
	for j, c := range cols {
		for i, v := range c {
			if v != 0 {
				k := next[i]
				s.col[k], s.val[k] = int32(j), v
				next[i]++
			}
		}
	}
	return s
}

// crossprod returns X'WX over all p columns and X'Wz (nil z: none).
func (s *sparseCols) crossprod(w, z []float64) (*mat.SymDense, []float64) {
	p := s.p
	acc := make([]float64, p*p)
	n := len(s.ptr) - 1
	xz := make([]float64, p)
	w = w[:n]
	if z != nil {
		z = z[:n]
	}
	for i, wi := range w {
		lo, hi := s.ptr[i], s.ptr[i+1]
		cs := s.col[lo:hi]
		vs := s.val[lo:hi]
		vs = vs[:len(cs)]
		zi := 0.0
		if z != nil {
			zi = z[i]
		}
		for a := range cs {
			wa := wi * vs[a]
			base := int(cs[a]) * p
			for b := a; b < len(cs); b++ {
				acc[base+int(cs[b])] += wa * vs[b]
			}
			xz[cs[a]] += wa * zi
		}
	}
	// Columns within a row are in increasing order, so only the upper
	// triangle (a <= b) was filled, which is what SymDense reads.
	return mat.NewSymDense(p, acc), xz
}

// crossprodZ returns X'Wz alone.
func (s *sparseCols) crossprodZ(w, z []float64) []float64 {
	xz := make([]float64, s.p)
	n := len(s.ptr) - 1
	w, z = w[:n], z[:n]
	for i, wi := range w {
		wz := wi * z[i]
		lo, hi := s.ptr[i], s.ptr[i+1]
		cs := s.col[lo:hi]
		vs := s.val[lo:hi]
		vs = vs[:len(cs)]
		for a, c := range cs {
			xz[c] += wz * vs[a]
		}
	}
	return xz
}

// mulVec sets out = X b.
func (s *sparseCols) mulVec(b, out []float64) {
	for i := range out {
		lo, hi := s.ptr[i], s.ptr[i+1]
		cs := s.col[lo:hi]
		vs := s.val[lo:hi]
		vs = vs[:len(cs)]
		v := 0.0
		for a, c := range cs {
			v += b[c] * vs[a]
		}
		out[i] = v
	}
}

// subset returns the rows and columns of xx, and entries of xz, where keep
// is true.
func subsetXX(xx *mat.SymDense, xz []float64, keep []bool) (*mat.SymDense, []float64) {
	var z []float64
	for j, k := range keep {
		if k && xz != nil {
			z = append(z, xz[j])
		}
	}
	return sub(xx, keep), z
}
