package glm

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

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
	// means 1e-10; a negative or NaN value is an error.
	Tol float64
	// MaxIter bounds the IRLS iterations; 0 means 100, a negative value
	// is an error.
	MaxIter int
	// DemeanTol is the relative tolerance of the fixed-effect projections
	// at convergence (of the working response's, or the equivalent
	// absolute accuracy for the working residual's); 0 means 1e-11. The
	// final projection for model-based errors stops at its square root,
	// which gives the information matrix to DemeanTol.
	DemeanTol float64
	// NoSeparation turns off the separation checks (for comparison with
	// packages that lack them).
	NoSeparation bool
	// NoAggregate turns off the collapsing of rows with the same covariate
	// pattern.
	NoAggregate bool
	// FixedEffects asks for the estimated fixed effects in the result.
	FixedEffects bool
	// Acceleration selects how fixed effects are partialled out: "cg"
	// (the default) or "none", plain alternating projections, which is
	// slower and kept as a baseline for benchmarks.
	Acceleration string
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
	if o.Acceleration == "" {
		o.Acceleration = "cg"
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
	if !(opt.Level > 0 && opt.Level < 1) {
		return nil, baserate.E("glm", baserate.KindInvalid, fmt.Sprintf("confidence level %v is not between 0 and 1", opt.Level))
	}
	// Zero means the default (withDefaults); a negative or NaN tolerance
	// would never be met and a negative iteration limit left the fit
	// without a single iteration (a panic in the summary).
	if !(opt.Tol > 0) || !(opt.DemeanTol > 0) {
		return nil, baserate.E("glm", baserate.KindInvalid, fmt.Sprintf("tolerances must be positive, not %v (Tol) and %v (DemeanTol)", opt.Tol, opt.DemeanTol))
	}
	if opt.MaxIter < 1 {
		return nil, baserate.E("glm", baserate.KindInvalid, fmt.Sprintf("the iteration limit must be at least 1, not %d", opt.MaxIter))
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
	if opt.Acceleration != "cg" && opt.Acceleration != "none" {
		return nil, baserate.E("glm", baserate.KindInvalid, fmt.Sprintf("unknown acceleration %q (want cg or none)", opt.Acceleration))
	}
	if se != SEModel && se != SEHC0 && se != SEHC1 && se != SECluster {
		return nil, baserate.E("glm", baserate.KindInvalid, fmt.Sprintf("unknown standard-error type %q", se))
	}
	opt.SE = se
	t0 := time.Now()
	phase := func(name string) {
		opt.Logger.Debug("glm: phase done", "phase", name, "elapsed", time.Since(t0))
		t0 = time.Now()
	}
	if err := d.validate(); err != nil {
		return nil, err
	}
	res := &Result{Family: opt.Family, Level: opt.Level, Separated: []int{}, MissingRows: []int{}, Warnings: []baserate.Warning{}}
	if opt.Family != QuasiPoisson {
		res.Warnings = append(res.Warnings, nonIntegerResponse(d)...)
	}
	w := newWork(d)
	nIn := w.n
	phase("validate")
	singleOK := len(w.fe) > 0 && len(w.fe) <= 2 && !opt.NoSeparation && !opt.FixedEffects && (opt.Family == Poisson || opt.Family == QuasiPoisson)
	aggOK := !opt.NoAggregate && (opt.Family == Poisson || opt.Family == QuasiPoisson) && (se == SEModel || se == SECluster) && !opt.FixedEffects
	var sepRows []int
	var keep []bool
	var single *singletons
	var abs *absorber
	var feOrder []int
	zeroGroups := func(groups, rows []int, names []string) {
		for j, name := range names {
			if rows[j] > 0 {
				res.Separation.ZeroGroups = append(res.Separation.ZeroGroups, ZeroGroups{FixedEffect: name, Groups: groups[j], Rows: rows[j]})
			}
		}
	}
	var feNames []string
	for _, f := range w.fe {
		feNames = append(feNames, f.Name)
	}
	aggOK = aggOK && w.aggregatable(se == SECluster)
	if len(w.fe) > 0 && !aggOK {
		// 1-3. Sort the rows for the fixed-effect projections, then drop
		// fixed-effect groups whose outcome is all zero (separated) and
		// set singletons aside (singletons.go; the result still counts
		// them).
		p := w.prepareFE(!opt.NoSeparation, singleOK)
		zeroGroups(p.groups, p.rows, feNames)
		sepRows = p.dropped
		if p.w == nil {
			return nil, baserate.E("glm", baserate.KindInvalid, "every observation is in a fixed-effect group with no positive count")
		}
		w, abs, feOrder, single = p.w, p.abs, p.order, p.single
	} else {
		// 1. Fixed-effect groups whose outcome is all zero. The rows are
		// dropped below, together with the sorting, to copy the data once.
		if len(w.fe) > 0 && !opt.NoSeparation {
			var groups, rows []int
			keep, groups, rows = dropZeroGroups(w)
			zeroGroups(groups, rows, feNames)
			dropped := 0
			for _, r := range rows {
				dropped += r
			}
			if dropped > 0 {
				for i, k := range keep {
					if !k {
						sepRows = append(sepRows, w.rowOf(i))
					}
				}
				if len(sepRows) == w.n {
					return nil, baserate.E("glm", baserate.KindInvalid, "every observation is in a fixed-effect group with no positive count")
				}
			} else {
				keep = nil
			}
		}
		// 2. Collapse rows with the same covariate pattern when that cannot
		// change the estimates or the reported errors. (Singletons are
		// then left in: collapsing has removed most rows already.)
		if aggOK {
			if keep != nil {
				w, keep = w.subset(keep), nil
			}
			if agg := w.aggregate(se == SECluster); agg != nil {
				w = agg
				res.Aggregated = &Aggregation{
					Note: "rows with the same covariates, fixed effects and clusters were collapsed (counts and exposures summed); " +
						"coefficients and standard errors equal those of the full data, and deviance and likelihood are computed on the full data"}
			}
		}
		// 3. Order the rows for the fixed-effect projections.
		if len(w.fe) > 0 {
			w, abs, feOrder = w.sortByFE(keep)
		} else if keep != nil {
			w = w.subset(keep)
		}
	}

	phase("sort")
	// 4. Observations separated by regressors and fixed effects together.
	if !opt.NoSeparation {
		var sep []bool
		var iters int
		var err error
		if ok, cerr := identifiedByPositives(ctx, w, abs); cerr != nil {
			return nil, cerr
		} else if ok {
			res.Separation.Certificate = "the observations with a positive count alone identify every coefficient and fixed effect, so none can be separated"
		} else {
			sep, iters, err = reluSeparation(ctx, w, abs, w.x, opt.Logger)
		}
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
			// Dropping rows keeps the order, so the rows stay sorted.
			w = w.subset(keep)
			if w.n == 0 {
				return nil, baserate.E("glm", baserate.KindInvalid, "every observation is separated")
			}
			if len(w.fe) > 0 {
				abs = absorberFromSorted(w)
			}
		}
	}
	if !slices.IsSorted(sepRows) {
		slices.Sort(sepRows)
	}
	res.Separated = slices.Grow(res.Separated, len(sepRows))
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

	phase("relu")
	// 5. Fit.
	if abs != nil {
		abs.plain = opt.Acceleration == "none"
	}
	m := &model{w: w, abs: abs, opt: opt, names: d.Names, theta: math.Inf(1), data: d, single: single}
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

	phase("irls")
	// 6. Results.
	res.Iterations = m.iter
	res.Converged = m.converged && !m.thetaUnsettled
	if err := m.summarize(ctx, res, nIn, feOrder); err != nil {
		return nil, err
	}
	if !m.converged {
		res.Warnings = append(res.Warnings, baserate.Warning{Code: "not-converged",
			Message: fmt.Sprintf("IRLS did not converge in %d iterations (relative deviance change %.3g); estimates are unreliable", m.iter, m.lastRel)})
	}
	res.Warnings = append(res.Warnings, m.warnings...)
	phase("summary")
	return res, nil
}

// model is the state of one fit.
type model struct {
	w      *work
	data   *Data       // the input
	single *singletons // rows set aside as singletons, or nil
	// clusterG caches clusterGroups.
	clusterG []int
	abs      *absorber
	opt      Options
	names    []string
	theta    float64 // +Inf for Poisson

	keep       []bool // columns kept (not collinear)
	beta       []float64
	eta, mu    []float64
	wt         []float64
	xt         [][]float64 // columns with the fixed effects partialled out (final weights); with absorbed fixed effects only for robust errors
	warm       [][]float64 // warm starts of the projections: z, then each column
	z, etaNew  []float64   // with absorbed fixed effects: working response, candidate linear predictor
	devConst   float64     // with absorbed fixed effects: sum of y log y - y, for the Poisson deviance
	devConstOK bool
	stepForm   bool      // with absorbed fixed effects: the projections are of the working residual (see irlsAbsorbed)
	inSpan     bool      // with absorbed fixed effects: eta = offset + X beta + the fixed effects spanCoef
	spanCoef   []float64 // the fixed effects of eta when inSpan: FE 0's levels, then the others' stacked
	zScale     float64   // preconditioned norm of the working response's right-hand side at the last full projection
	pending    *step     // with absorbed fixed effects: the projections started at the current means
	dev        float64
	iter       int
	converged  bool
	// thetaUnsettled: a negative-binomial fit whose alternation between
	// theta and the coefficients, or theta's Newton iteration, stopped at
	// its limit; the fit is not converged even when the last IRLS was.
	thetaUnsettled bool
	lastRel        float64
	bread          *mat.SymDense // inverse of X~'WX~ over kept columns
	ylogy          []float64     // y log y, for the Poisson deviance
	warnings       []baserate.Warning
	collinear      []string
}

// devOf returns the deviance at linear predictor eta and means mu. For
// Poisson it uses sum 2 (y log y - y eta - y + mu) with y log y computed
// once, which needs no logarithm per iteration; the reported deviance is
// computed termwise in summarize.
func (m *model) devOf(eta, mu []float64) float64 {
	y := m.w.y
	if math.IsInf(m.theta, 1) {
		if m.ylogy == nil {
			m.ylogy = make([]float64, len(y))
			parallelRange(len(y), func(lo, hi int) {
				for i := lo; i < hi; i++ {
					if y[i] > 0 {
						m.ylogy[i] = y[i] * math.Log(y[i])
					}
				}
			})
		}
		return parallelSum(len(y), func(lo, hi int) float64 {
			s := 0.0
			for i := lo; i < hi; i++ {
				s += m.ylogy[i] - y[i]*eta[i] - y[i] + mu[i]
			}
			return 2 * s
		})
	}
	return parallelSum(len(y), func(lo, hi int) float64 {
		s := 0.0
		for i := lo; i < hi; i++ {
			s += devNB(y[i], mu[i], m.theta)
		}
		return s
	})
}

// irls runs iteratively reweighted least squares from eta (nil: from the
// data) with step-halving, absorbing the fixed effects at each step.
func (m *model) irls(ctx context.Context, eta []float64) error {
	if m.abs != nil && !m.abs.plain {
		return m.irlsAbsorbed(ctx, eta)
	}
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
			// Starting means as R's glm (y + 0.1) without fixed effects,
			// as ppmlhdfe ((y + mean y)/2) with them: each takes fewer
			// iterations in its setting.
			if m.abs == nil {
				m.mu[i] = y + 0.1
			} else {
				m.mu[i] = (y + ybar) / 2
			}
			m.eta[i] = math.Log(m.mu[i])
		}
	} else {
		copy(m.eta, eta)
		parallelRange(n, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				m.mu[i] = math.Exp(m.eta[i])
			}
		})
	}
	m.dev = m.devOf(m.eta, m.mu)
	z := make([]float64, n)
	e := make([]float64, n)
	zt := z // the working response with the fixed effects partialled out
	xt := w.x
	if m.abs != nil {
		zt = make([]float64, n)
		xt = make([][]float64, p)
		for j := range xt {
			xt[j] = make([]float64, n)
		}
	}
	etaNew := make([]float64, n)
	muNew := make([]float64, n)
	tolIn := math.Max(1e-4, m.opt.DemeanTol)
	m.converged = false
	m.lastRel = math.Inf(1)
	start := m.iter
	for it := 1; it <= m.opt.MaxIter; it++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		m.iter = start + it
		// Working weights and response; with fixed effects, fresh copies of
		// the columns to project.
		parallelRange(n, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				mu := m.mu[i]
				m.wt[i] = weightOf(mu, m.theta)
				zi := m.eta[i] + (w.y[i]-mu)/mu
				if w.off != nil {
					zi -= w.off[i]
				}
				z[i] = zi
			}
			if m.abs != nil {
				copy(zt[lo:hi], z[lo:hi])
				for j := range xt {
					if m.keep == nil || m.keep[j] {
						copy(xt[j][lo:hi], w.x[j][lo:hi])
					}
				}
			}
		})
		usedTol := 0.0
		if m.abs != nil {
			// Plain alternating projections, the benchmarks' baseline.
			usedTol = tolIn
			vs := [][]float64{zt}
			for j := 0; j < p; j++ {
				if m.keep == nil || m.keep[j] {
					vs = append(vs, xt[j])
				}
			}
			m.abs.setWeights(m.wt)
			iters, ok, err := m.abs.demeanPlain(ctx, vs, tolIn, 100000)
			if err != nil {
				return err
			}
			m.opt.Logger.Debug("glm: projections", "iteration", m.iter, "sweeps", iters, "tol", tolIn, "converged", ok)
		}
		// The cross products of the columns (and with z).
		var xxAll *mat.SymDense
		var xzAll []float64
		if sx := m.sparseX(); sx != nil {
			xxAll, xzAll = sx.crossprod(m.wt, zt)
		} else {
			var cols [][]float64
			for j := 0; j < p; j++ {
				if m.keep == nil || m.keep[j] {
					cols = append(cols, xt[j])
				} else {
					cols = append(cols, nil)
				}
			}
			xxAll, xzAll = crossprodSparse(cols, m.wt, zt)
		}
		if m.keep == nil {
			m.keep = m.findCollinear(xxAll)
		}
		// Iterative refinement of the normal equations matters only for the
		// estimate reported, so it is done once IRLS is nearly converged.
		refine := m.lastRel < 1e3*m.opt.Tol || it >= m.opt.MaxIter-1
		beta, err := m.wls(xt, zt, e, xxAll, xzAll, refine)
		if err != nil {
			return err
		}
		m.beta = beta
		var devNew float64
		if m.abs != nil {
			// Plain projections give no fixed-effect coefficients: eta is
			// z - residual.
			parallelRange(n, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					etaNew[i] = z[i] - e[i]
					if w.off != nil {
						etaNew[i] += w.off[i]
					}
				}
			})
			expInto(muNew, etaNew)
			devNew = m.devOf(etaNew, muNew)
		} else {
			devNew = m.linearPredictor(beta, etaNew, muNew)
		}
		fullDev := devNew
		halvings := 0
		// Step-halving: back off towards the previous fit while the
		// deviance is not finite or (after the first step) grows.
		for h := 0; h < 60 && stepBad(devNew, m.dev, it); h++ {
			for i := range etaNew {
				etaNew[i] = (etaNew[i] + m.eta[i]) / 2
			}
			expInto(muNew, etaNew)
			devNew = m.devOf(etaNew, muNew)
			halvings++
		}
		m.opt.Logger.Debug("glm: step", "full deviance", fullDev, "halvings", halvings)
		if math.IsNaN(devNew) || math.IsInf(devNew, 0) {
			return baserate.E("glm", baserate.KindInvalid, "the deviance is not finite even after step-halving")
		}
		rel := math.Abs(devNew-m.dev) / (math.Abs(devNew) + 0.1)
		m.lastRel = rel
		m.eta, etaNew = etaNew, m.eta
		m.mu, muNew = muNew, m.mu
		m.dev = devNew
		m.opt.Logger.Debug("glm: IRLS", "iteration", m.iter, "deviance", devNew, "change", rel)
		if m.abs != nil {
			tolIn = nextTol(tolIn, rel, m.opt)
		}
		if rel < m.opt.Tol && usedTol <= m.opt.DemeanTol && halvings == 0 {
			m.converged = true
			break
		}
	}
	return nil
}

// stepBad reports whether a step must be halved: its deviance is not
// finite or (after the first step) grew by more than rounding can explain.
// The deviance is a sum of terms like y log y - y log mu, each exact only
// to the last bits of y log y: with large counts near convergence it
// wobbles by 1e-11 of itself, and a stricter test would halve steps that
// are fine (forever, since halving cannot lower it either).
func stepBad(dev, old float64, it int) bool {
	return math.IsNaN(dev) || math.IsInf(dev, 0) || (it > 1 && dev > old*(1+1e-9)+1e-12)
}

// nextTol tightens the projections' tolerance with the IRLS: a tenth of
// the last relative deviance change, and the target tolerance once the
// next step may be the last.
func nextTol(tol, rel float64, opt Options) float64 {
	tol = math.Max(math.Min(tol, 0.1*rel), opt.DemeanTol)
	if rel < 1e3*opt.Tol {
		tol = opt.DemeanTol
	}
	return tol
}

// linearPredictor computes eta = offset + X beta and mu = exp(eta) without
// fixed effects, and returns the deviance.
func (m *model) linearPredictor(beta, eta, mu []float64) float64 {
	w := m.w
	fast := math.IsInf(m.theta, 1)
	if fast && m.ylogy == nil {
		m.devOf(eta, mu) // computes y log y
	}
	// eta = offset + X beta, column by column within row blocks (row by row
	// over the nonzeros of a sparse design).
	sx := m.sparseX()
	return parallelSum(w.n, func(lo, hi int) float64 {
		e := eta[lo:hi]
		if w.off != nil {
			copy(e, w.off[lo:hi])
		} else {
			clear(e)
		}
		if sx != nil {
			bk := make([]float64, len(beta))
			for j, b := range beta {
				if m.keep[j] {
					bk[j] = b
				}
			}
			for i := range e {
				a, b := sx.ptr[lo+i], sx.ptr[lo+i+1]
				cs := sx.col[a:b]
				vs := sx.val[a:b]
				vs = vs[:len(cs)]
				v := 0.0
				for k, c := range cs {
					v += bk[c] * vs[k]
				}
				e[i] += v
			}
		} else {
			for j, c := range w.x {
				if !m.keep[j] {
					continue
				}
				bj := beta[j]
				for i, v := range c[lo:hi] {
					e[i] += bj * v
				}
			}
		}
		s := 0.0
		y := w.y[lo:hi]
		u := mu[lo:hi]
		y, u = y[:len(e)], u[:len(e)]
		if fast {
			yl := m.ylogy[lo:hi]
			yl = yl[:len(e)]
			for i, ei := range e {
				ui := math.Exp(ei)
				u[i] = ui
				s += yl[i] - y[i]*ei - y[i] + ui
			}
			return 2 * s
		}
		for i, ei := range e {
			u[i] = math.Exp(ei)
		}
		for i := lo; i < hi; i++ {
			s += devNB(y[i], mu[i], m.theta)
		}
		return s
	})
}

// expInto sets mu = exp(eta), in parallel for long vectors.
func expInto(mu, eta []float64) {
	parallelRange(len(eta), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			mu[i] = math.Exp(eta[i])
		}
	})
}

// parallelRange runs fn over [0, n) split across the cores when n is large.
func parallelRange(n int, fn func(lo, hi int)) {
	workers := runtime.GOMAXPROCS(0)
	if n < 100_000 || workers == 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	per := (n + workers - 1) / workers
	for lo := per; lo < n; lo += per {
		hi := min(lo+per, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(lo, hi)
		}()
	}
	fn(0, min(per, n)) // the first part on this goroutine
	wg.Wait()
}

// parallelSum is parallelRange for a sum.
func parallelSum(n int, fn func(lo, hi int) float64) float64 {
	workers := runtime.GOMAXPROCS(0)
	if n < 100_000 || workers == 1 {
		return fn(0, n)
	}
	per := (n + workers - 1) / workers
	parts := make([]float64, (n+per-1)/per)
	var wg sync.WaitGroup
	for k := 1; k < len(parts); k++ {
		lo, hi := k*per, min((k+1)*per, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[k] = fn(lo, hi)
		}()
	}
	parts[0] = fn(0, min(per, n)) // the first part on this goroutine
	wg.Wait()
	s := 0.0
	for _, v := range parts {
		s += v
	}
	return s
}

// findCollinear decides which columns to keep, on the first iteration's
// weights: a column that the fixed effects absorb, or that the kept
// columns before it explain, is dropped.
func (m *model) findCollinear(xx *mat.SymDense) []bool {
	p := len(m.w.x)
	if p == 0 {
		return []bool{}
	}
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
func (m *model) wls(xt [][]float64, zt, e []float64, xxAll *mat.SymDense, xzAll []float64, refine bool) ([]float64, error) {
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
	if e != nil {
		copy(e, zt)
	}
	if len(cols) == 0 {
		return beta, nil
	}
	xs := make([][]float64, len(cols))
	for k, j := range cols {
		xs[k] = xt[j]
	}
	xx := sub(xxAll, m.keep)
	xz := make([]float64, len(cols))
	for k, j := range cols {
		xz[k] = xzAll[j]
	}
	b, err := solveSym(xx, xz)
	if err != nil {
		return nil, baserate.E("glm", baserate.KindInternal, fmt.Errorf("weighted least squares: %w", err))
	}
	sx := m.sparseX()
	var bAll []float64
	if sx != nil {
		bAll = make([]float64, p)
	}
	residual := func() {
		if sx != nil {
			for k, j := range cols {
				bAll[j] = b[k]
			}
			sx.mulVec(bAll, e)
			for i, v := range zt {
				e[i] = v - e[i]
			}
			return
		}
		parallelRange(len(e), func(lo, hi int) {
			copy(e[lo:hi], zt[lo:hi])
			for k, c := range xs {
				bk := b[k]
				for i := lo; i < hi; i++ {
					e[i] -= bk * c[i]
				}
			}
		})
	}
	if e != nil && (refine || m.abs != nil) {
		residual()
		// Without fixed effects, one step of iterative refinement against
		// the residual, for ill-conditioned designs.
		if m.abs == nil && refine {
			var xe []float64
			if sx := m.sparseX(); sx != nil {
				all := sx.crossprodZ(m.wt, e)
				for _, j := range cols {
					xe = append(xe, all[j])
				}
			} else {
				_, xe = crossprod(xs, m.wt, e)
			}
			if db, err := solveSym(xx, xe); err == nil {
				for k := range b {
					b[k] += db[k]
				}
				residual()
			}
		}
	}
	for k, j := range cols {
		beta[j] = b[k]
	}
	return beta, nil
}

// finalize computes, at the converged fit, the weights, the partialled-out
// columns and the inverse information.
func (m *model) finalize(ctx context.Context) error {
	if m.abs != nil && !m.abs.plain {
		return m.finalizeAbsorbed(ctx)
	}
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
		var wv []float64 // plain projections keep no warm starts
		if m.warm != nil {
			wv = m.warm[j+1]
		}
		warm = append(warm, wv)
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
	var xx *mat.SymDense
	if sx := m.sparseX(); sx != nil {
		all, _ := sx.crossprod(m.wt, nil)
		xx = sub(all, m.keep)
	} else {
		xx, _ = crossprod(xs, m.wt, nil)
	}
	inv, err := invSym(xx)
	if err != nil {
		return baserate.E("glm", baserate.KindInternal, fmt.Errorf("information matrix: %w", err))
	}
	m.bread = inv
	return nil
}

// gramParts extracts from the m x m cross products of the projected
// vectors (z first, then the columns idx[1:]-1) the p x p cross products of
// the columns and their products with z; columns not projected get zeros.
func gramParts(gram []float64, m int, idx []int, p int) (*mat.SymDense, []float64) {
	xx := mat.NewSymDense(max(p, 1), nil)
	xz := make([]float64, p)
	for a := 1; a < m; a++ {
		ja := idx[a] - 1
		xz[ja] = gram[a]
		for b := a; b < m; b++ {
			xx.SetSym(ja, idx[b]-1, gram[a*m+b])
		}
	}
	return xx, xz
}

// crossprodSparse is crossprod over columns some of which are nil (left
// out); their rows and columns are zero.
func crossprodSparse(cols [][]float64, w, z []float64) (*mat.SymDense, []float64) {
	var present []int
	var xs [][]float64
	for j, c := range cols {
		if c != nil {
			present = append(present, j)
			xs = append(xs, c)
		}
	}
	xx := mat.NewSymDense(max(len(cols), 1), nil)
	xz := make([]float64, len(cols))
	if len(xs) == 0 {
		return xx, xz
	}
	sx, sz := crossprod(xs, w, z)
	for a, ja := range present {
		xz[ja] = sz[a]
		for b := a; b < len(present); b++ {
			xx.SetSym(ja, present[b], sx.At(a, b))
		}
	}
	return xx, xz
}

// sparseX returns the row-wise copy of the model matrix when there are no
// fixed effects and it is mostly zeros, else nil.
func (m *model) sparseX() *sparseCols {
	if m.abs != nil {
		return nil
	}
	return m.w.sparseX()
}

// nonIntegerResponse warns when responses are not whole numbers, as R's
// poisson family and MASS's glm.nb do: rates or shares fitted as counts
// make the likelihood, the AIC and the model-based errors meaningless
// (quasi-Poisson, which assumes only the mean and variance, is silent).
func nonIntegerResponse(d *Data) []baserate.Warning {
	first, k := -1, 0
	for i, v := range d.Y {
		if v != math.Trunc(v) {
			if first < 0 {
				first = i
			}
			k++
		}
	}
	if k == 0 {
		return nil
	}
	row := first + 1
	if d.Rows != nil {
		row = d.Rows[first] + 1
	}
	return []baserate.Warning{{Code: "non-integer-response", Message: fmt.Sprintf(
		"%d responses are not whole numbers (the first %v, data row %d): the likelihood, AIC and model-based errors assume counts; "+
			"fit counts with the exposure as an offset, or use quasipoisson", k, d.Y[first], row)}}
}
