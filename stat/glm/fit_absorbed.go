package glm

import (
	"context"
	"fmt"
	"math"

	"github.com/baserate/baserate"
)

// IRLS with absorbed fixed effects, arranged so that each pass over the
// rows does as much as it can.
//
// The pass that computes a step's linear predictor (from the coefficients
// and the fixed effects of the last projection), its means and deviance
// also computes the weights and working response at those means and starts
// their projection: the FE-0 level sums, the preconditioner and the
// right-hand sides, with the last projection's fixed effects as the warm
// start. When the step is accepted, as it usually is, the next iteration
// goes straight to the conjugate gradients; when it must be halved, the
// pass is redone at the halved step; when the IRLS has converged, the pass
// serves the final projection of the regressors. The regressors are read
// where they are, never copied, and the projected vectors are not stored:
// a step needs only their cross products and fixed-effect coefficients.
//
// After the first iteration the linear predictor is offset + X beta + D a
// with known beta and fixed effects a, and the iterations take the step
// form: they project the working residual r = (y - mu)/mu instead of the
// working response z = eta - offset + r. Since M z = M X beta + M r (M
// partials out the fixed effects), the weighted least squares of r give
// the change of beta and of a; the result is the same Newton step. But r
// shrinks as the IRLS converges, so its projection, held to the absolute
// accuracy z's would need (tolIn times the size of z's right-hand side),
// takes a few conjugate-gradient iterations where z's would take many.
// The regressors' projections matter less still: the information matrix
// and the step's gradient are cross products of residuals, whose error is
// of the second order in the projections' (a residual is W-orthogonal to
// the fixed effects' span, and a projection's error lies in it), and the
// change of a takes their error to the first order only times the small
// change of beta.

// step is the projection problem of one IRLS iteration: the vectors
// projected (the working response, then the kept columns), their
// right-hand sides b, q = A x and the interleaved starting point x of the
// other fixed effects' coefficients.
type step struct {
	idx   []int // vector k is z when idx[k] == 0, else column idx[k]-1
	vs    [][]float64
	x     []float64
	b, q  []float64
	theta float64 // the family parameter the weights were computed with
}

// newStep sets up the vectors of a projection: z and every column not
// known to be collinear. The starting point comes from m.warm.
func (m *model) newStep() *step {
	st := &step{idx: []int{0}, vs: [][]float64{m.z}}
	for j, c := range m.w.x {
		if m.keep == nil || m.keep[j] {
			st.idx = append(st.idx, j+1)
			st.vs = append(st.vs, c)
		}
	}
	L := m.abs.L
	k := len(st.idx)
	st.b = make([]float64, L*k)
	st.q = make([]float64, L*k)
	st.x = make([]float64, L*k)
	return st
}

// The ways a pass obtains the linear predictor.
const (
	etaGiven = iota // m.etaNew already holds it
	etaHalve        // halfway between m.etaNew and the accepted m.eta
	etaCoef         // offset + X beta + the fixed effects a0, ar
)

// stepPass computes, in one pass, the linear predictor m.etaNew (by mode),
// the means, weights and working response there, and starts the
// projection st at those weights. It returns the deviance at m.etaNew.
func (m *model) stepPass(st *step, mode int, beta, a0, ar []float64) float64 {
	w, a := m.w, m.abs
	k := len(st.idx)
	stepForm := m.stepForm
	warm := false
	for c, j := range st.idx {
		if v := m.warm[j]; v != nil && !(stepForm && j == 0) {
			for h, x := range v {
				st.x[h*k+c] = x
				warm = warm || x != 0
			}
		} else {
			for h := 0; h < a.L; h++ {
				st.x[h*k+c] = 0
			}
		}
	}
	poisson := math.IsInf(m.theta, 1)
	if poisson && !m.devConstOK {
		// The Poisson deviance is 2 sum (y log y - y - y eta + mu): the
		// first two terms do not change.
		m.devConst = parallelSum(w.n, func(lo, hi int) float64 {
			s := 0.0
			for _, y := range w.y[lo:hi] {
				if y > 0 {
					s += y*math.Log(y) - y
				}
			}
			return s
		})
		m.devConstOK = true
	}
	// For Poisson the weights are the means: one array serves both.
	if poisson {
		m.wt = m.mu
	} else if &m.wt[0] == &m.mu[0] {
		m.wt = make([]float64, w.n)
	}
	for _, s := range a.scr {
		s.dev = 0
	}
	fill := func(s *scratch, lo, hi int) {
		e := m.etaNew[lo:hi]
		switch mode {
		case etaHalve:
			old := m.eta[lo:hi]
			for i := range e {
				e[i] = (e[i] + old[i]) / 2
			}
		case etaCoef:
			if w.off != nil {
				copy(e, w.off[lo:hi])
			} else {
				clear(e)
			}
			for j, c := range w.x {
				if !m.keep[j] {
					continue
				}
				bj := beta[j]
				for i, v := range c[lo:hi] {
					e[i] += bj * v
				}
			}
			for i, g := range a.fe0[lo:hi] {
				e[i] += a0[g]
			}
			for j := 1; j < a.k(); j++ {
				codes, base := a.rest[j-1][lo:hi], a.off[j]
				for i, c := range codes {
					e[i] += ar[base+int(c)]
				}
			}
		}
		y, mu, wt, z := w.y[lo:hi], m.mu[lo:hi], m.wt[lo:hi], m.z[lo:hi]
		y, mu, wt, z = y[:len(e)], mu[:len(e)], wt[:len(e)], z[:len(e)]
		dev := 0.0
		switch {
		case poisson && stepForm:
			for i, ei := range e {
				u := math.Exp(ei)
				mu[i] = u // and the weight
				dev += u - y[i]*ei
				z[i] = (y[i] - u) / u
			}
		case poisson:
			for i, ei := range e {
				u := math.Exp(ei)
				mu[i] = u // and the weight
				dev += u - y[i]*ei
				z[i] = ei + (y[i]-u)/u
			}
		default:
			for i, ei := range e {
				u := math.Exp(ei)
				mu[i] = u
				wt[i] = weightOf(u, m.theta)
				dev += devNB(y[i], u, m.theta)
				z[i] = (y[i] - u) / u
				if !stepForm {
					z[i] += ei
				}
			}
		}
		if w.off != nil && !stepForm {
			for i, o := range w.off[lo:hi] {
				z[i] -= o
			}
		}
		s.dev += dev
	}
	a.w = m.wt
	x0 := st.x
	if !warm {
		x0 = nil
	}
	a.pass(fill, true, st.vs, x0, st.b, st.q)
	st.theta = m.theta
	dev := 0.0
	for _, s := range a.scr[:len(a.chunks)] {
		dev += s.dev
	}
	if poisson {
		dev = 2 * (m.devConst + dev)
	}
	return dev
}

// irlsAbsorbed is irls with the fixed effects absorbed by the accelerated
// projections.
func (m *model) irlsAbsorbed(ctx context.Context, eta []float64) error {
	w, a := m.w, m.abs
	n, p := w.n, len(w.x)
	if m.eta == nil {
		m.eta = make([]float64, n)
		m.mu = make([]float64, n)
		m.wt = m.mu // stepPass gives the weights their own array when they differ
		m.z = make([]float64, n)
		m.etaNew = make([]float64, n)
	}
	if m.warm == nil {
		m.warm = make([][]float64, p+1)
	}
	// From the current fit's linear predictor (a new theta of the negative
	// binomial), whose coefficients are known, the iterations take the
	// step form at once.
	m.stepForm = eta != nil && m.inSpan && &eta[0] == &m.eta[0]
	if eta == nil {
		ybar := 0.0
		for _, y := range w.y {
			ybar += y
		}
		ybar /= float64(n)
		// Starting means (y + mean y)/2, as ppmlhdfe.
		for i, y := range w.y {
			m.etaNew[i] = math.Log((y + ybar) / 2)
		}
	} else {
		copy(m.etaNew, eta)
	}
	m.inSpan = false
	st := m.newStep()
	m.dev = m.stepPass(st, etaGiven, nil, nil, nil)
	m.eta, m.etaNew = m.etaNew, m.eta
	m.pending = st

	// The first projections need little accuracy: the step they give is
	// far from the last. The tolerance tightens with the IRLS (nextTol).
	tolIn := math.Max(1e-3, m.opt.DemeanTol)
	m.converged = false
	m.lastRel = math.Inf(1)
	start := m.iter
	var fe0 [][]float64
	// The coefficients of the current linear predictor (valid in the step
	// form): beta, and the fixed effects a0 | ar; the candidate's.
	beta, cur := m.beta, m.spanCoef
	var next []float64
	for it := 1; it <= m.opt.MaxIter; it++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		m.iter = start + it
		k := len(st.idx)
		usedTol := tolIn
		stepForm := m.stepForm
		iters, ok := 0, true
		if a.L > 0 {
			// In the step form vector 0 is the working residual, whose
			// projection needs the absolute accuracy the working
			// response's would have (tolIn relative to the response's
			// right-hand side, m.zScale): little relative to its own once
			// the IRLS settles. The regressors' need little (see the
			// comment at the top).
			tols := make([]float64, k)
			for c := range tols {
				tols[c] = tolIn
			}
			var floor []float64
			if stepForm {
				floor = make([]float64, k)
				floor[0] = tolIn * m.zScale
				tx := stepTolX
				if tolIn > m.opt.DemeanTol {
					tx = stepTolXEarly
				}
				for c := 1; c < k; c++ {
					tols[c] = math.Max(tolIn, tx)
				}
			} else {
				m.zScale = a.rhsNorm(st.b, k, 0)
			}
			var err error
			iters, ok, err = a.cgTols(ctx, st.b, st.q, st.x, k, tols, floor, 100000)
			if err != nil {
				return err
			}
			for c, j := range st.idx {
				if j == 0 && stepForm {
					continue
				}
				if m.warm[j] == nil {
					m.warm[j] = make([]float64, a.L)
				}
				for h := range m.warm[j] {
					m.warm[j][h] = st.x[h*k+c]
				}
			}
		}
		m.opt.Logger.Debug("glm: projections", "iteration", m.iter, "cg", iters, "tol", tolIn, "step form", stepForm, "converged", ok)
		if len(fe0) != k {
			fe0 = make2(k, a.lev[0])
		}
		gram := make([]float64, k*k)
		var xs []float64
		if a.L > 0 {
			xs = st.x
		}
		a.finish(st.vs, xs, fe0, gram, nil)
		xxAll, xzAll := gramParts(gram, k, st.idx, p)
		if m.keep == nil {
			m.keep = m.findCollinear(xxAll)
		}
		refine := m.lastRel < 1e3*m.opt.Tol || it >= m.opt.MaxIter-1
		b, err := m.wls(w.x, nil, nil, xxAll, xzAll, refine)
		if err != nil {
			return err
		}
		// The candidate's coefficients: beta and the fixed effects (those
		// of z less those of X times beta), or in the step form the
		// current ones plus the change. eta is computed from them rather
		// than as z - residual, which would cancel catastrophically where
		// a tiny mean makes z huge.
		coefs := make([]float64, k)
		coefs[0] = 1
		for c := 1; c < k; c++ {
			if j := st.idx[c] - 1; m.keep[j] {
				coefs[c] = -b[j]
			}
		}
		var base []float64
		betaNew := b
		if stepForm {
			base = cur
			betaNew = make([]float64, p)
			for j := range betaNew {
				betaNew[j] = beta[j] + b[j]
			}
		}
		a0, _ := a.combine(coefs, fe0, xs, base, next)
		next = a0[:a.lev[0]+a.L]
		lev0 := a.lev[0]
		if len(st.idx) != 1+count(m.keep) {
			// Collinear columns were found: project only the others.
			st = m.newStep()
		}
		// The full step's linear predictor is in the span of X and the
		// fixed effects, so the next iteration can take the step form; a
		// halved step is too when the current one is.
		m.stepForm = true
		devNew := m.stepPass(st, etaCoef, betaNew, next[:lev0], next[lev0:])
		fullDev := devNew
		halvings := 0
		for h := 0; h < 60 && stepBad(devNew, m.dev, it); h++ {
			if stepForm {
				for j := range betaNew {
					betaNew[j] = (betaNew[j] + beta[j]) / 2
				}
				parallelRange(len(cur), func(lo, hi int) {
					for i := lo; i < hi; i++ {
						next[i] = (next[i] + cur[i]) / 2
					}
				})
			} else {
				m.stepForm = false
			}
			devNew = m.stepPass(st, etaHalve, nil, nil, nil)
			halvings++
		}
		m.opt.Logger.Debug("glm: step", "full deviance", fullDev, "halvings", halvings)
		if math.IsNaN(devNew) || math.IsInf(devNew, 0) {
			return baserate.E("glm", baserate.KindInvalid, "the deviance is not finite even after step-halving")
		}
		beta, m.beta = betaNew, betaNew
		cur, next = next, cur
		rel := math.Abs(devNew-m.dev) / (math.Abs(devNew) + 0.1)
		m.lastRel = rel
		m.eta, m.etaNew = m.etaNew, m.eta
		m.dev = devNew
		m.pending = st
		m.opt.Logger.Debug("glm: IRLS", "iteration", m.iter, "deviance", devNew, "change", rel, "halvings", halvings)
		tolIn = nextTol(tolIn, rel, m.opt)
		if rel < m.opt.Tol && usedTol <= m.opt.DemeanTol && halvings == 0 {
			m.converged = true
			break
		}
	}
	// The last step taken was in the span when the iterations ended in
	// the step form.
	m.inSpan, m.spanCoef = m.stepForm, cur
	m.stepForm = false
	return nil
}

// stepTolXEarly and stepTolX are the relative tolerances of the
// regressors' projections in the step form's iterations: stepTolXEarly
// until the IRLS nears convergence, then stepTolX, which with a last
// change of beta of 1e-6 or less keeps the fixed effects (and so the
// final weights) to 1e-12.
const (
	stepTolXEarly = 1e-2
	stepTolX      = 1e-6
)

// rhsNorm returns the preconditioned norm of vector c's right-hand side
// in the interleaved b of m vectors.
func (a *absorber) rhsNorm(b []float64, m, c int) float64 {
	s := 0.0
	for h, pi := range a.pinv {
		v := b[h*m+c]
		s += v * pi * v
	}
	return math.Sqrt(s)
}

// finalizeAbsorbed projects the kept columns at the converged fit's
// weights and inverts their cross products. It continues the projection
// the last IRLS pass started, unless the family parameter changed since.
func (m *model) finalizeAbsorbed(ctx context.Context) error {
	w, a := m.w, m.abs
	p := len(w.x)
	st := m.pending
	if st == nil || st.theta != m.theta {
		copy(m.etaNew, m.eta)
		st = m.newStep()
		m.stepPass(st, etaGiven, nil, nil, nil)
	}
	k := len(st.idx)
	m.xt = make([][]float64, p)
	if k == 1 {
		return nil
	}
	if a.L > 0 {
		skip := make([]bool, k)
		skip[0] = true // z is not needed
		// The information matrix is the residuals' cross products, whose
		// error is of the second order in the projections' (a residual
		// is W-orthogonal to the fixed effects, its error lies in their
		// span): for model-based errors the square root of the
		// tolerance gives them to the tolerance. Robust errors use the
		// residuals row by row, to the first order.
		tol := m.opt.DemeanTol
		if m.opt.SE == SEModel {
			tol = math.Sqrt(tol)
		}
		iters, ok, err := a.cg(ctx, st.b, st.q, st.x, k, skip, tol, 100000)
		if err != nil {
			return err
		}
		m.opt.Logger.Debug("glm: final projections", "cg", iters, "converged", ok)
	}
	// The columns alone, with their coefficients of the other fixed effects.
	cols := st.vs[1:]
	var xc []float64
	if a.L > 0 {
		xc = make([]float64, a.L*(k-1))
		for h := 0; h < a.L; h++ {
			copy(xc[h*(k-1):(h+1)*(k-1)], st.x[h*k+1:(h+1)*k])
		}
	}
	var out [][]float64
	if m.opt.SE != SEModel {
		// Robust errors need the partialled-out columns row by row.
		out = make([][]float64, k-1)
		for c := range out {
			out[c] = make([]float64, w.n)
			m.xt[st.idx[c+1]-1] = out[c]
		}
	}
	gram := make([]float64, (k-1)*(k-1))
	a.finish(cols, xc, nil, gram, out)
	return m.invertGram(gram, k-1)
}

// invertGram sets m.bread to the inverse of the k x k cross products.
func (m *model) invertGram(gram []float64, k int) error {
	xx := symFrom(gram, k)
	inv, err := invSym(xx)
	if err != nil {
		return baserate.E("glm", baserate.KindInternal, fmt.Errorf("information matrix: %w", err))
	}
	m.bread = inv
	return nil
}

func count(b []bool) int {
	n := 0
	for _, v := range b {
		if v {
			n++
		}
	}
	return n
}
