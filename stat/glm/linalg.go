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
	xx := mat.NewSymDense(p, nil)
	xz := make([]float64, p)
	for _, pt := range parts {
		for a := 0; a < p; a++ {
			for c := a; c < p; c++ {
				xx.SetSym(a, c, xx.At(a, c)+pt.xx[a*p+c])
			}
			xz[a] += pt.xz[a]
		}
	}
	return xx, xz
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
	nnz := 0
	for _, c := range cols {
		for _, v := range c {
			if v != 0 {
				nnz++
			}
		}
	}
	if nnz*4 > n*p {
		return nil
	}
	s := &sparseCols{p: p, ptr: make([]int32, n+1), col: make([]int32, nnz), val: make([]float64, nnz)}
	for _, c := range cols {
		for i, v := range c {
			if v != 0 {
				s.ptr[i+1]++
			}
		}
	}
	for i := 0; i < n; i++ {
		s.ptr[i+1] += s.ptr[i]
	}
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
	xz := make([]float64, p)
	n := len(s.ptr) - 1
	col, val := s.col, s.val
	for i := 0; i < n; i++ {
		lo, hi := int(s.ptr[i]), int(s.ptr[i+1])
		wi := w[i]
		zi := 0.0
		if z != nil {
			zi = z[i]
		}
		for a := lo; a < hi; a++ {
			ca := int(col[a])
			wa := wi * val[a]
			row := acc[ca*p : ca*p+p]
			for b := a; b < hi; b++ {
				row[col[b]] += wa * val[b]
			}
			xz[ca] += wa * zi
		}
	}
	xx := mat.NewSymDense(p, nil)
	for a := 0; a < p; a++ {
		for b := a; b < p; b++ {
			// Columns within a row are in increasing order, so only a <= b
			// entries were filled.
			xx.SetSym(a, b, acc[a*p+b])
		}
	}
	return xx, xz
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
