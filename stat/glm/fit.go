package glm

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"strings"

	"github.com/baserate/baserate"
	"gonum.org/v1/gonum/mat"
)

// SE names the kind of standard errors reported in StdError.
type SE string

// The kinds of standard error.
const (
	SEModel   SE = "model"   // from the inverse information (times the dispersion for quasi-Poisson)
	SEHC0     SE = "hc0"     // heteroskedasticity-robust sandwich, no small-sample factor
	SEHC1     SE = "hc1"     // HC0 times n/(n-k)
	SECluster SE = "cluster" // cluster-robust CR1: G/(G-1)·(n-1)/(n-k), one- or two-way
)

// Options control a fit. The zero value fits a Poisson model with
// model-based errors (cluster-robust when Data has clusters).
type Options struct {
	Family Family
	// SE is the kind of standard error reported; empty means SECluster when
	// the data has clusters and SEModel otherwise.
	SE SE
	// Level is the confidence level of the intervals; 0 means 0.95.
	Level float64
	// Tol is the convergence tolerance on the relative change of the
	// deviance, |dev - dev_old| / (|dev| + 0.1), as R's glm.control; 0
	// means 1e-10.
	Tol float64
	// MaxIter bounds the IRLS iterations; 0 means 100.
	MaxIter int
	// DemeanTol is the relative tolerance of the fixed-effect projections
	// at convergence; 0 means 1e-11.
	DemeanTol float64
	// NoSeparation turns off the separation checks (for comparison with
	// packages that lack them).
	NoSeparation bool
	// NoAggregate turns off the collapsing of rows with the same covariate
	// pattern.
	NoAggregate bool
	// FixedEffects asks for the estimated fixed effects in the result.
	FixedEffects bool
	// Logger receives progress at debug level; nil discards it.
	Logger *slog.Logger
}

func (o Options) withDefaults() Options {
	if o.Family == "" {
		o.Family = Poisson
	}
	if o.Level == 0 {
		o.Level = 0.95
	}
	if o.Tol == 0 {
		o.Tol = 1e-10
	}
	if o.MaxIter == 0 {
		o.MaxIter = 100
	}
	if o.DemeanTol == 0 {
		o.DemeanTol = 1e-11
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// collinTol is the share of a column's weighted sum of squares that must
// be left once the columns before it (and the fixed effects) are projected
// out; below it the column is dropped as collinear.
const collinTol = 1e-9

// Fit fits the model. Errors are returned for unusable input (negative or
// non-finite counts, mismatched lengths); collinearity, non-convergence and
// separation are reported in the result's warnings.
func Fit(ctx context.Context, d *Data, opt Options) (*Result, error) {
	opt = opt.withDefaults()
	switch opt.Family {
	case Poisson, QuasiPoisson, NegBin:
	default:
		return nil, baserate.E("glm", baserate.KindInvalid, fmt.Sprintf("unknown family %q", opt.Family))
	}
	if opt.Level <= 0 || opt.Level >= 1 {
		return nil, baserate.E("glm", baserate.KindInvalid, fmt.Sprintf("confidence level %v is not between 0 and 1", opt.Level))
	}
	se := opt.SE
	if se == "" {
		se = SEModel
		if len(d.Clusters) > 0 {
			se = SECluster
		}
	}
	if se == SECluster && len(d.Clusters) == 0 {
		return nil, baserate.E("glm", baserate.KindInvalid, "cluster-robust errors need a cluster variable")
	}
	if se != SEModel && se != SEHC0 && se != SEHC1 && se != SECluster {
		return nil, baserate.E("glm", baserate.KindInvalid, fmt.Sprintf("unknown standard-error type %q", se))
	}
	opt.SE = se
	if err := d.validate(); err != nil {
		return nil, err
	}
	res := &Result{Family: opt.Family, Level: opt.Level, Separated: []int{}, Warnings: []baserate.Warning{}}
	w := newWork(d)
	nIn := w.n

	// 1. Fixed-effect groups whose outcome is all zero.
	var sepRows []int
	if len(w.fe) > 0 && !opt.NoSeparation {
		keep, groups, rows := dropZeroGroups(w)
		dropped := 0
		for j, f := range w.fe {
			if rows[j] > 0 {
				res.Separation.ZeroGroups = append(res.Separation.ZeroGroups, ZeroGroups{FixedEffect: f.Name, Groups: groups[j], Rows: rows[j]})
				dropped += rows[j]
			}
		}
		if dropped > 0 {
			for i, k := range keep {
				if !k {
					sepRows = append(sepRows, w.rows[i])
				}
			}
			w = w.subset(keep)
		}
	}
	if w.n == 0 {
		return nil, baserate.E("glm", baserate.KindInvalid, "every observation is in a fixed-effect group with no positive count")
	}

	// 2. Collapse rows with the same covariate pattern when that cannot
	// change the estimates or the reported errors.
	if !opt.NoAggregate && (opt.Family == Poisson || opt.Family == QuasiPoisson) && (se == SEModel || se == SECluster) && !opt.FixedEffects {
		if agg := w.aggregate(se == SECluster); agg != nil {
			w = agg
			res.Aggregated = &Aggregation{
				Note: "rows with the same covariates, fixed effects and clusters were collapsed (counts and exposures summed); " +
					"coefficients and standard errors equal those of the full data, and deviance and likelihood are computed on the full data"}
		}
	}

	// 3. Order the rows for the fixed-effect projections.
	var abs *absorber
	var feOrder []int
	if len(w.fe) > 0 {
		w, abs, feOrder = w.sortByFE()
	}

	// 4. Observations separated by regressors and fixed effects together.
	if !opt.NoSeparation {
		sep, iters, err := reluSeparation(ctx, w, abs, w.x)
		if err != nil {
			if ctx.Err() != nil {
				return nil, err
			}
			res.Warnings = append(res.Warnings, baserate.Warning{Code: "separation-check", Message: err.Error()})
		}
		res.Separation.ReLUIterations = iters
		if sep != nil {
			keep := make([]bool, w.n)
			for i := range keep {
				keep[i] = !sep[i]
				if sep[i] {
					sepRows = append(sepRows, w.inputRows(i)...)
					res.Separation.ReLURows += len(w.inputRows(i))
				}
			}
			w = w.subset(keep)
			if w.n == 0 {
				return nil, baserate.E("glm", baserate.KindInvalid, "every observation is separated")
			}
			if len(w.fe) > 0 {
				var again []int
				w, abs, again = w.sortByFE()
				for j := range again {
					again[j] = feOrder[again[j]]
				}
				feOrder = again
			}
		}
	}
	slices.Sort(sepRows)
	for _, r := range sepRows {
		res.Separated = append(res.Separated, r+1)
	}
	if len(sepRows) > 0 {
		msg := fmt.Sprintf("%d observations dropped as separated (their fitted count would be 0, the estimates infinite)", len(sepRows))
		res.Warnings = append(res.Warnings, baserate.Warning{Code: "separated", Message: msg})
	}
	res.Separation.Methods = []string{"fe", "relu"}
	if opt.NoSeparation {
		res.Separation.Methods = []string{}
	}
	res.Separation.Rows = len(sepRows)

	// 5. Fit.
	m := &model{w: w, abs: abs, opt: opt, names: d.Names, theta: math.Inf(1)}
	if err := m.irls(ctx, nil); err != nil {
		return nil, err
	}
	if opt.Family == NegBin {
		if err := m.negbin(ctx, res); err != nil {
			return nil, err
		}
	}
	if err := m.finalize(ctx); err != nil {
		return nil, err
	}

	// 6. Results.
	res.Iterations = m.iter
	res.Converged = m.converged
	if err := m.summarize(ctx, res, nIn, feOrder); err != nil {
		return nil, err
	}
	if !m.converged {
		res.Warnings = append(res.Warnings, baserate.Warning{Code: "not-converged",
			Message: fmt.Sprintf("IRLS did not converge in %d iterations (relative deviance change %.3g); estimates are unreliable", m.iter, m.lastRel)})
	}
	res.Warnings = append(res.Warnings, m.warnings...)
	return res, nil
}

// model is the state of one fit.
type model struct {
	w     *work
	abs   *absorber
	opt   Options
	names []string
	theta float64 // +Inf for Poisson

	keep      []bool // columns kept (not collinear)
	beta      []float64
	eta, mu   []float64
	wt        []float64
	xt        [][]float64 // columns with the fixed effects partialled out (final weights)
	warm      [][]float64 // warm starts of the projections: z, then each column
	dev       float64
	iter      int
	converged bool
	lastRel   float64
	bread     *mat.SymDense // inverse of X~'WX~ over kept columns
	fe0       [][]float64   // coefficients of FE 0 for z and each kept column
	warnings  []baserate.Warning
	collinear []string
}

func (m *model) devOf(mu []float64) float64 {
	s := 0.0
	y := m.w.y
	if math.IsInf(m.theta, 1) {
		for i := range y {
			s += devPoisson(y[i], mu[i])
		}
	} else {
		for i := range y {
			s += devNB(y[i], mu[i], m.theta)
		}
	}
	return s
}

// irls runs iteratively reweighted least squares from eta (nil: from the
// data) with step-halving, absorbing the fixed effects at each step.
func (m *model) irls(ctx context.Context, eta []float64) error {
	w := m.w
	n := w.n
	p := len(w.x)
	if m.eta == nil {
		m.eta = make([]float64, n)
		m.mu = make([]float64, n)
		m.wt = make([]float64, n)
	}
	if eta == nil {
		ybar := 0.0
		for _, y := range w.y {
			ybar += y
		}
		ybar /= float64(n)
		for i, y := range w.y {
			m.mu[i] = (y + ybar) / 2
			m.eta[i] = math.Log(m.mu[i])
		}
	} else {
		copy(m.eta, eta)
		for i := range m.eta {
			m.mu[i] = math.Exp(m.eta[i])
		}
	}
	m.dev = m.devOf(m.mu)
	z := make([]float64, n)
	var zt []float64
	xt := w.x
	if m.abs != nil {
		zt = make([]float64, n)
		xt = make([][]float64, p)
		for j := range xt {
			xt[j] = make([]float64, n)
		}
		if m.warm == nil {
			m.warm = make([][]float64, p+1)
		}
	} else {
		zt = z
	}
	etaNew := make([]float64, n)
	muNew := make([]float64, n)
	e := make([]float64, n)
	tolIn := math.Max(1e-4, m.opt.DemeanTol)
	m.converged = false
	start := m.iter
	for it := 1; it <= m.opt.MaxIter; it++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		m.iter = start + it
		for i := range z {
			mu := m.mu[i]
			m.wt[i] = weightOf(mu, m.theta)
			off := 0.0
			if w.off != nil {
				off = w.off[i]
			}
			z[i] = m.eta[i] - off + (w.y[i]-mu)/mu
		}
		usedTol := tolIn
		if m.abs == nil {
			usedTol = 0
		}
		var idx []int              // vectors projected: 0 for z, j+1 for column j
		var solvedWarm [][]float64 // their other-FE coefficients
		if m.abs != nil {
			copy(zt, z)
			vs := [][]float64{zt}
			idx = []int{0}
			for j := 0; j < p; j++ {
				if m.keep != nil && !m.keep[j] {
					continue
				}
				copy(xt[j], w.x[j])
				vs = append(vs, xt[j])
				idx = append(idx, j+1)
			}
			warm := make([][]float64, len(idx))
			for k, j := range idx {
				warm[k] = m.warm[j]
			}
			m.abs.setWeights(m.wt)
			if len(m.fe0) != len(vs) {
				m.fe0 = make2(len(vs), m.abs.lev[0])
			}
			iters, ok, err := m.abs.solve(ctx, vs, warm, m.fe0, tolIn, 100000)
			if err != nil {
				return err
			}
			for k, j := range idx {
				m.warm[j] = warm[k]
			}
			solvedWarm = warm
			m.opt.Logger.Debug("glm: projections", "iteration", m.iter, "cg", iters, "tol", tolIn, "converged", ok)
		}
		if m.keep == nil {
			m.keep = m.findCollinear(xt)
		}
		beta, err := m.wls(xt, zt, e)
		if err != nil {
			return err
		}
		m.beta = beta
		// eta = offset + X b + the fixed effects, the latter from the
		// projections' coefficients (fixed effects of z less those of X
		// times b). Computing it as z - residual instead would cancel
		// catastrophically where a tiny mean makes z huge.
		clear(etaNew)
		if w.off != nil {
			copy(etaNew, w.off)
		}
		for j, c := range w.x {
			if m.keep[j] {
				bj := beta[j]
				for i, v := range c {
					etaNew[i] += bj * v
				}
			}
		}
		if m.abs != nil {
			coefs := make([]float64, len(idx))
			coefs[0] = 1
			for k := 1; k < len(idx); k++ {
				if j := idx[k] - 1; m.keep[j] {
					coefs[k] = -beta[j]
				}
			}
			m.abs.addEffects(etaNew, coefs, m.fe0, solvedWarm)
		}
		for i := range etaNew {
			muNew[i] = math.Exp(etaNew[i])
		}
		devNew := m.devOf(muNew)
		fullDev := devNew
		halvings := 0
		// Step-halving: back off towards the previous fit while the
		// deviance is not finite or (after the first step) grows.
		for h := 0; h < 60 && (math.IsNaN(devNew) || math.IsInf(devNew, 0) || (it > 1 && devNew > m.dev*(1+1e-12)+1e-12)); h++ {
			for i := range etaNew {
				etaNew[i] = (etaNew[i] + m.eta[i]) / 2
				muNew[i] = math.Exp(etaNew[i])
			}
			devNew = m.devOf(muNew)
			halvings++
		}
		m.opt.Logger.Debug("glm: step", "full deviance", fullDev, "halvings", halvings)
		if math.IsNaN(devNew) || math.IsInf(devNew, 0) {
			return baserate.E("glm", baserate.KindInvalid, "the deviance is not finite even after step-halving")
		}
		rel := math.Abs(devNew-m.dev) / (math.Abs(devNew) + 0.1)
		m.lastRel = rel
		copy(m.eta, etaNew)
		copy(m.mu, muNew)
		m.dev = devNew
		m.opt.Logger.Debug("glm: IRLS", "iteration", m.iter, "deviance", devNew, "change", rel)
		if m.abs != nil {
			tolIn = math.Max(math.Min(tolIn, 0.1*rel), m.opt.DemeanTol)
		}
		if rel < m.opt.Tol && usedTol <= m.opt.DemeanTol && halvings == 0 {
			m.converged = true
			break
		}
	}
	return nil
}

// findCollinear decides which columns to keep, on the first iteration's
// weights: a column that the fixed effects absorb, or that the kept
// columns before it explain, is dropped.
func (m *model) findCollinear(xt [][]float64) []bool {
	p := len(xt)
	if p == 0 {
		return []bool{}
	}
	xx, _ := crossprod(xt, m.wt, nil)
	var ref []float64
	if m.abs != nil {
		ref = make([]float64, p)
		for j, c := range m.w.x {
			for i, v := range c {
				ref[j] += m.wt[i] * v * v
			}
		}
	}
	keep := independent(xx, ref, collinTol)
	for j, k := range keep {
		if !k {
			m.collinear = append(m.collinear, m.names[j])
		}
	}
	if len(m.collinear) > 0 {
		why := "collinear with the terms before them"
		if m.abs != nil {
			why += " or with the fixed effects"
		}
		m.warnings = append(m.warnings, baserate.Warning{Code: "collinear",
			Message: fmt.Sprintf("dropped as %s: %s (their coefficients are not estimable and are reported as null)", why, strings.Join(m.collinear, ", "))})
	}
	return keep
}

// wls solves the weighted least squares of zt on the kept columns of xt,
// with one step of iterative refinement, and writes the residual to e. It
// returns coefficients for every column, NaN for dropped ones.
func (m *model) wls(xt [][]float64, zt, e []float64) ([]float64, error) {
	p := len(xt)
	beta := make([]float64, p)
	var cols []int
	for j := 0; j < p; j++ {
		if m.keep[j] {
			cols = append(cols, j)
		} else {
			beta[j] = math.NaN()
		}
	}
	copy(e, zt)
	if len(cols) == 0 {
		return beta, nil
	}
	xs := make([][]float64, len(cols))
	for k, j := range cols {
		xs[k] = xt[j]
	}
	xx, xz := crossprod(xs, m.wt, zt)
	b, err := solveSym(xx, xz)
	if err != nil {
		return nil, baserate.E("glm", baserate.KindInternal, fmt.Errorf("weighted least squares: %w", err))
	}
	residual := func() {
		copy(e, zt)
		for k, c := range xs {
			bk := b[k]
			for i := range e {
				e[i] -= bk * c[i]
			}
		}
	}
	residual()
	// One step of iterative refinement against the residual.
	_, xe := crossprod(xs, m.wt, e)
	if db, err := solveSym(xx, xe); err == nil {
		for k := range b {
			b[k] += db[k]
		}
		residual()
	}
	for k, j := range cols {
		beta[j] = b[k]
	}
	return beta, nil
}

// finalize computes, at the converged fit, the weights, the partialled-out
// columns and the inverse information.
func (m *model) finalize(ctx context.Context) error {
	w := m.w
	p := len(w.x)
	for i, mu := range m.mu {
		m.wt[i] = weightOf(mu, m.theta)
	}
	m.xt = make([][]float64, p)
	var vs, warm [][]float64
	for j := 0; j < p; j++ {
		if !m.keep[j] {
			continue
		}
		if m.abs == nil {
			m.xt[j] = w.x[j]
			continue
		}
		m.xt[j] = append([]float64(nil), w.x[j]...)
		vs = append(vs, m.xt[j])
		warm = append(warm, m.warm[j+1])
	}
	if m.abs != nil && len(vs) > 0 {
		m.abs.setWeights(m.wt)
		if _, _, err := m.abs.demean(ctx, vs, warm, m.opt.DemeanTol, 100000); err != nil {
			return err
		}
	}
	var xs [][]float64
	for j := 0; j < p; j++ {
		if m.keep[j] {
			xs = append(xs, m.xt[j])
		}
	}
	if len(xs) == 0 {
		return nil
	}
	xx, _ := crossprod(xs, m.wt, nil)
	inv, err := invSym(xx)
	if err != nil {
		return baserate.E("glm", baserate.KindInternal, fmt.Errorf("information matrix: %w", err))
	}
	m.bread = inv
	return nil
}
