package glm

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"sync"

	"github.com/baserate/baserate"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Result is a fitted model with its warnings.
type Result struct {
	Family Family `json:"family"`
	// Formula is the model formula when the fit came from one.
	Formula      string        `json:"formula,omitempty"`
	Coefficients []Coefficient `json:"coefficients"`
	// Theta is the NB2 shape (var = mu + mu^2/theta) and ThetaSE its
	// standard error, as MASS::glm.nb reports them; nil for other families.
	Theta       *float64 `json:"theta,omitempty"`
	ThetaSE     *float64 `json:"theta_se,omitempty"`
	ThetaRounds int      `json:"theta_rounds,omitempty"`
	// Dispersion is 1, or for quasi-Poisson the Pearson chi-square over the
	// residual degrees of freedom.
	Dispersion float64 `json:"dispersion"`
	Deviance   float64 `json:"deviance"`
	// LogLik and AIC are NaN (null in JSON) for quasi-Poisson.
	LogLik  float64 `json:"loglik"`
	AIC     float64 `json:"aic"`
	Pearson float64 `json:"pearson_chi2"`
	// NObs is the number of observations used; Dropped says how many input
	// observations were left out and why.
	NObs    int     `json:"nobs"`
	Dropped Dropped `json:"dropped"`
	// MissingRows lists the 1-based data rows left out because a variable
	// used was missing (R's na.omit); FitFormula fills it in.
	MissingRows []int `json:"missing_rows"`
	// Singletons counts the observations alone in a level of a fixed
	// effect. They are fitted exactly (mean = count) and carry no
	// information on the coefficients, so the iterations leave them aside;
	// they are included in NObs, LogLik, AIC and the degrees of freedom,
	// as in the dummy-variable fit.
	Singletons int `json:"singletons"`
	// Rank counts the estimated coefficients; FixedEffectsDOF the free
	// fixed-effect parameters; DFResidual = NObs - Rank - FixedEffectsDOF.
	Rank            int     `json:"rank"`
	FixedEffectsDOF int     `json:"fixed_effects_dof"`
	DFResidual      float64 `json:"df_residual"`
	Iterations      int     `json:"iterations"`
	Converged       bool    `json:"converged"`
	// Separated lists the 1-based data rows dropped as separated,
	// including the rows of fixed-effect groups whose outcome is all zero.
	Separated  []int            `json:"separated"`
	Separation SeparationReport `json:"separation"`
	// SE names the standard errors in StdError and their small-sample
	// convention.
	SE       string        `json:"se_type"`
	Clusters []ClusterInfo `json:"clusters,omitempty"`
	// Inference names the reference distribution of z and p.
	Inference    string            `json:"inference"`
	Level        float64           `json:"conf_level"`
	FixedEffects []FixedEffectInfo `json:"fixed_effects,omitempty"`
	// Aggregated is set when rows were collapsed by covariate pattern.
	Aggregated *Aggregation       `json:"aggregated,omitempty"`
	Warnings   []baserate.Warning `json:"warnings"`
	// VCov is the covariance matrix of the estimable coefficients, in the
	// order of Coefficients with aliased ones left out.
	VCov [][]float64 `json:"-"`
}

// Coefficient is one estimated coefficient. An aliased (collinear)
// coefficient has NaN estimates, written as null in JSON.
type Coefficient struct {
	Term     string  `json:"term"`
	Estimate float64 `json:"estimate"`
	StdError float64 `json:"std_error"`
	Z        float64 `json:"z"`
	P        float64 `json:"p"`
	CILow    float64 `json:"ci_low"`
	CIHigh   float64 `json:"ci_high"`
	// IRR is exp(Estimate), the incidence-rate ratio, with its interval.
	IRR     float64 `json:"irr"`
	IRRLow  float64 `json:"irr_low"`
	IRRHigh float64 `json:"irr_high"`
	Aliased bool    `json:"aliased,omitempty"`
}

// Dropped counts input observations left out of the fit.
type Dropped struct {
	// Missing is filled in by callers that drop rows with missing values
	// before fitting (FitFormula does).
	Missing   int `json:"missing"`
	Separated int `json:"separated"`
}

// SeparationReport says how separation was checked and what was found.
type SeparationReport struct {
	Methods        []string     `json:"methods"`
	Rows           int          `json:"rows"`
	ZeroGroups     []ZeroGroups `json:"fe_zero_groups,omitempty"`
	ReLURows       int          `json:"relu_rows"`
	ReLUIterations int          `json:"relu_iterations"`
	// Certificate is set when the rectifier was not needed, saying why.
	Certificate string `json:"certificate,omitempty"`
}

// ZeroGroups counts the groups of a fixed effect dropped because their
// outcome is zero in every row.
type ZeroGroups struct {
	FixedEffect string `json:"fixed_effect"`
	Groups      int    `json:"groups"`
	Rows        int    `json:"rows"`
}

// ClusterInfo names a cluster variable and its number of clusters.
type ClusterInfo struct {
	Name   string `json:"name"`
	Groups int    `json:"groups"`
}

// FixedEffectInfo describes an absorbed fixed effect; Effects are given
// when Options.FixedEffects asks for them (the first fixed effect's
// effects absorb the level; each further one is 0 at its first level).
type FixedEffectInfo struct {
	Name    string    `json:"name"`
	Levels  int       `json:"levels"`
	Effects []FELevel `json:"effects,omitempty"`
}

// FELevel is the estimated effect of one level of a fixed effect.
type FELevel struct {
	Level  string  `json:"level"`
	Effect float64 `json:"effect"`
}

// Aggregation reports that rows were collapsed by covariate pattern.
type Aggregation struct {
	Rows     int    `json:"rows"`
	Patterns int    `json:"patterns"`
	Note     string `json:"note"`
}

// Coef returns the coefficient for term, or false.
func (r *Result) Coef(term string) (Coefficient, bool) {
	for _, c := range r.Coefficients {
		if c.Term == term {
			return c, true
		}
	}
	return Coefficient{}, false
}

// summarize computes the statistics of the converged fit into res.
func (m *model) summarize(ctx context.Context, res *Result, nIn int, feOrder []int) error {
	w := m.w
	y := w.y
	nb := !math.IsInf(m.theta, 1)

	// Deviance, likelihood and Pearson statistic over the observations
	// (expanding collapsed rows), in parallel blocks.
	type stats struct {
		dev, ll, pearson float64
		nobs             int
	}
	// logMu is log(mu): the linear predictor where it is at hand, which
	// saves a logarithm per row.
	add := func(s *stats, yi, mu, logMu float64) {
		s.nobs++
		r := yi - mu
		if nb {
			s.dev += devNB(yi, mu, m.theta)
			s.ll += llNB(yi, mu, m.theta)
			s.pearson += r * r / (mu + mu*mu/m.theta)
		} else {
			s.dev += devPoissonLog(yi, mu, logMu)
			s.ll += llPoissonLog(yi, mu, logMu)
			s.pearson += r * r / mu
		}
	}
	var mu sync.Mutex
	var tot stats
	parallelRange(len(y), func(lo, hi int) {
		var s stats
		for i := lo; i < hi; i++ {
			if w.base == nil {
				add(&s, y[i], m.mu[i], m.eta[i])
				continue
			}
			b := w.base
			for _, r := range w.groups[i] {
				off := 0.0
				if b.off != nil {
					off = b.off[r]
				}
				add(&s, b.y[r], m.mu[i]*math.Exp(off-w.off[i]), m.eta[i]+off-w.off[i])
			}
		}
		mu.Lock()
		tot.dev += s.dev
		tot.ll += s.ll
		tot.pearson += s.pearson
		tot.nobs += s.nobs
		mu.Unlock()
	})
	dev, ll, pearson, nobs := tot.dev, tot.ll, tot.pearson, tot.nobs
	if s := m.single; s != nil {
		// Singletons are fitted exactly: deviance and Pearson residuals 0.
		nobs += s.n
		ll += s.ll
		res.Singletons = s.n
	}
	if res.Aggregated != nil {
		res.Aggregated.Rows = nobs
		res.Aggregated.Patterns = w.n
	}
	feDof, exact := feDOF(w.fe, w.components)
	if m.single != nil {
		feDof += m.single.n // each is one level's parameter
	}
	if !exact {
		m.warnings = append(m.warnings, baserate.Warning{Code: "fe-dof-approximate",
			Message: "with three or more fixed effects, their degrees of freedom assume no redundancy beyond one level per further fixed effect"})
	}
	rank := 0
	for _, k := range m.keep {
		if k {
			rank++
		}
	}
	k := rank + feDof
	res.NObs = nobs
	res.Dropped.Separated = len(res.Separated)
	res.Rank = rank
	res.FixedEffectsDOF = feDof
	res.DFResidual = float64(nobs - k)
	// Every unit deviance is ≥ 0, so a negative sum is rounding: a
	// saturated fit summed to -2.2e-15 (R's deviance() gives -3.3e-28 or
	// 2.2e-16 for such fits). It is reported as 0, which R's values round
	// to; a positive sum is left as it is.
	res.Deviance = max(dev, 0)
	res.Pearson = pearson
	res.Dispersion = 1
	res.LogLik = ll
	switch m.opt.Family {
	case QuasiPoisson:
		// With no residual degrees of freedom the dispersion is not
		// estimable: NaN, as R's summary.glm reports it (not +Inf, which
		// would give infinite errors, z = 0 and p = 1).
		res.Dispersion = math.NaN()
		if res.DFResidual > 0 {
			res.Dispersion = pearson / res.DFResidual
		}
		res.LogLik = math.NaN()
		res.AIC = math.NaN()
	case NegBin:
		res.AIC = -2*ll + 2*float64(k+1)
	default:
		res.AIC = -2*ll + 2*float64(k)
	}
	_ = nIn

	// Covariance of the kept coefficients.
	var cols []int
	for j, kp := range m.keep {
		if kp {
			cols = append(cols, j)
		}
	}
	p := len(cols)
	v := mat.NewDense(max(p, 1), max(p, 1), nil)
	if p > 0 {
		switch m.opt.SE {
		case SEModel:
			v.Scale(res.Dispersion, m.bread)
			res.SE = "model"
			if m.opt.Family == QuasiPoisson {
				res.SE = "model (scaled by the Pearson dispersion)"
			}
		default:
			meat, label, err := m.meat(cols, res, nobs, k)
			if err != nil {
				return err
			}
			var t mat.Dense
			t.Mul(m.bread, meat)
			v.Mul(&t, m.bread)
			res.SE = label
		}
	} else {
		res.SE = string(m.opt.SE)
	}
	res.VCov = make([][]float64, p)
	for a := 0; a < p; a++ {
		res.VCov[a] = make([]float64, p)
		for b := 0; b < p; b++ {
			res.VCov[a][b] = v.At(a, b)
		}
	}

	// Inference: t with the residual degrees of freedom for quasi-Poisson
	// (as R's summary.glm), the normal otherwise.
	alpha := 1 - m.opt.Level
	var q float64
	var pval func(z float64) float64
	if m.opt.Family == QuasiPoisson && res.DFResidual > 0 {
		t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: res.DFResidual}
		q = t.Quantile(1 - alpha/2)
		pval = func(z float64) float64 { return 2 * t.CDF(-math.Abs(z)) }
		res.Inference = fmt.Sprintf("t(%g)", res.DFResidual)
	} else {
		q = distuv.UnitNormal.Quantile(1 - alpha/2)
		pval = func(z float64) float64 { return math.Erfc(math.Abs(z) / math.Sqrt2) }
		res.Inference = "normal"
	}
	kk := 0
	for j, name := range m.names {
		c := Coefficient{Term: name}
		if !m.keep[j] {
			nan := math.NaN()
			c.Estimate, c.StdError, c.Z, c.P, c.CILow, c.CIHigh, c.IRR, c.IRRLow, c.IRRHigh = nan, nan, nan, nan, nan, nan, nan, nan, nan
			c.Aliased = true
			res.Coefficients = append(res.Coefficients, c)
			continue
		}
		c.Estimate = m.beta[j]
		c.StdError = math.Sqrt(v.At(kk, kk))
		kk++
		c.Z = c.Estimate / c.StdError
		c.P = pval(c.Z)
		c.CILow = c.Estimate - q*c.StdError
		c.CIHigh = c.Estimate + q*c.StdError
		c.IRR = math.Exp(c.Estimate)
		c.IRRLow = math.Exp(c.CILow)
		c.IRRHigh = math.Exp(c.CIHigh)
		res.Coefficients = append(res.Coefficients, c)
	}
	if res.Coefficients == nil {
		res.Coefficients = []Coefficient{}
	}

	// Fixed effects, in the order the caller gave them.
	if len(w.fe) > 0 {
		res.FixedEffects = make([]FixedEffectInfo, len(w.fe))
		var effects [][]float64
		if m.opt.FixedEffects {
			var err error
			if effects, err = m.fixedEffects(ctx); err != nil {
				return err
			}
		}
		var rows []int
		if m.single != nil && res.Separation.ReLURows > 0 {
			rows = m.inputRows()
		}
		for j, f := range w.fe {
			orig := feOrder[j]
			info := FixedEffectInfo{Name: f.Name, Levels: len(f.Levels)}
			if s := m.single; s != nil {
				// Levels only singletons have are gone from w; with rows
				// also dropped as separated the count is made afresh.
				info.Levels += s.levels[orig]
				if rows != nil {
					info.Levels = distinct(m.data.FixedEffects[orig], rows)
				}
			}
			if effects != nil {
				for g, l := range f.Levels {
					info.Effects = append(info.Effects, FELevel{Level: l, Effect: effects[j][g]})
				}
			}
			res.FixedEffects[orig] = info
		}
	}
	if w.cl != nil {
		g := m.clusterGroups()
		for j, f := range w.cl {
			res.Clusters = append(res.Clusters, ClusterInfo{Name: f.Name, Groups: g[j]})
		}
	}
	if !m.opt.NoSeparation {
		return nil
	}
	// Without the separation checks, say when fitted means collapse to 0.
	tiny := 0
	for i, mu := range m.mu {
		if mu < 1e-8 && w.y[i] == 0 {
			tiny++
		}
	}
	if tiny > 0 {
		res.Warnings = append(res.Warnings, baserate.Warning{Code: "fitted-zero",
			Message: fmt.Sprintf("%d fitted means are numerically 0: the data are probably separated and some estimates infinite", tiny)})
	}
	return nil
}

// meat returns the middle of the sandwich for the kept columns, with its
// small-sample factors applied, and the label naming the convention.
func (m *model) meat(cols []int, res *Result, nobs, k int) (*mat.Dense, string, error) {
	p := len(cols)
	n := m.w.n
	score := func(i int, s []float64) {
		r := m.wt[i] * (m.w.y[i] - m.mu[i]) / m.mu[i]
		for a, j := range cols {
			s[a] = m.xt[j][i] * r
		}
	}
	out := mat.NewDense(p, p, nil)
	s := make([]float64, p)
	addOuter := func(dst *mat.Dense, g []float64, scale float64) {
		for a := 0; a < p; a++ {
			for b := 0; b < p; b++ {
				dst.Set(a, b, dst.At(a, b)+scale*g[a]*g[b])
			}
		}
	}
	fn, fk := float64(nobs), float64(k)
	switch m.opt.SE {
	case SEHC0, SEHC1:
		for i := 0; i < n; i++ {
			score(i, s)
			addOuter(out, s, 1)
		}
		if m.opt.SE == SEHC0 {
			return out, "HC0 (robust, no small-sample factor)", nil
		}
		out.Scale(fn/(fn-fk), out)
		return out, fmt.Sprintf("HC1: HC0 times n/(n-k) = %d/%d, k counting fixed-effect parameters", nobs, nobs-k), nil
	}
	// Cluster-robust.
	cl := m.w.cl
	sums := func(codes []int32, groups int) [][]float64 {
		g := make([][]float64, groups)
		for i := 0; i < n; i++ {
			c := codes[i]
			if g[c] == nil {
				g[c] = make([]float64, p)
			}
			score(i, s)
			for a := range s {
				g[c][a] += s[a]
			}
		}
		return g
	}
	full := m.clusterGroups()
	addCluster := func(codes []int32, groups int, sign float64, j int) int {
		gs := sums(codes, groups)
		used := 0
		for _, g := range gs {
			if g != nil {
				used++
			}
		}
		used = full[j] // with the clusters only singletons have

		// With one cluster the scores sum to the gradient, 0 at the
		// maximum, and G/(G-1) is infinite: the variance is not estimable
		// (R's sandwich::vcovCL and statsmodels refuse), so it is NaN
		// rather than the rounding error a factor of 1 would leave.
		adj := float64(used) / float64(used-1)
		if used < 2 {
			adj = math.NaN()
		}
		for _, g := range gs {
			if g != nil {
				addOuter(out, g, sign*adj)
			}
		}
		return used
	}
	small := (fn - 1) / (fn - fk)
	switch len(cl) {
	case 1:
		g := addCluster(cl[0].Codes, len(cl[0].Levels), 1, 0)
		if g < 2 {
			m.warnings = append(m.warnings, baserate.Warning{Code: "one-cluster", Message: "only one cluster: cluster-robust errors are not estimable (reported as null)"})
		}
		out.Scale(small, out)
		return out, fmt.Sprintf("CR1 clustered by %s (G=%d): G/(G-1)·(n-1)/(n-k), k counting fixed-effect parameters, as statsmodels and R's sandwich::vcovCL", cl[0].Name, g), nil
	case 2:
		g1 := addCluster(cl[0].Codes, len(cl[0].Levels), 1, 0)
		g2 := addCluster(cl[1].Codes, len(cl[1].Levels), 1, 1)
		both, nboth := interact(cl[0].Codes, cl[1].Codes)
		g12 := addCluster(both, nboth, -1, 2)
		out.Scale(small, out)
		label := fmt.Sprintf("CR1 two-way clustered by %s (G=%d) and %s (G=%d), intersection G=%d: V1 + V2 - V12 (Cameron, Gelbach and Miller), each with G/(G-1), times (n-1)/(n-k), as R's sandwich::vcovCL", cl[0].Name, g1, cl[1].Name, g2, g12)
		if g1 < 2 || g2 < 2 {
			m.warnings = append(m.warnings, baserate.Warning{Code: "one-cluster", Message: "only one cluster in a clustering variable: cluster-robust errors are not estimable (reported as null)"})
			return out, label, nil
		}
		// The two-way estimate need not be positive semi-definite.
		var eig mat.EigenSym
		sym := mat.NewSymDense(p, nil)
		for a := 0; a < p; a++ {
			for b := a; b < p; b++ {
				sym.SetSym(a, b, (out.At(a, b)+out.At(b, a))/2)
			}
		}
		if eig.Factorize(sym, false) {
			for _, ev := range eig.Values(nil) {
				if ev < -1e-12*math.Abs(sym.At(0, 0)) {
					m.warnings = append(m.warnings, baserate.Warning{Code: "twoway-not-psd",
						Message: "the two-way clustered meat matrix is not positive semi-definite; some standard errors may be unreliable"})
					break
				}
			}
		}
		return out, label, nil
	}
	return nil, "", baserate.E("glm", baserate.KindInvalid, "cluster-robust errors need one or two cluster variables")
}

// clusterGroups returns the number of clusters of each cluster variable
// that the fit's rows have (then that of their combinations, for two),
// singletons included.
func (m *model) clusterGroups() []int {
	if len(m.w.cl) == 0 {
		return nil
	}
	if m.clusterG != nil {
		return m.clusterG
	}
	if m.single == nil {
		all := make([]int, m.w.n)
		for i := range all {
			all[i] = i
		}
		for _, f := range m.w.cl {
			m.clusterG = append(m.clusterG, distinct(f, all))
		}
		if len(m.w.cl) == 2 {
			m.clusterG = append(m.clusterG, distinctPairs(m.w.cl[0], m.w.cl[1], all))
		}
		return m.clusterG
	}
	rows := m.inputRows()
	for _, f := range m.data.Clusters {
		m.clusterG = append(m.clusterG, distinct(f, rows))
	}
	if len(m.data.Clusters) == 2 {
		m.clusterG = append(m.clusterG, distinctPairs(m.data.Clusters[0], m.data.Clusters[1], rows))
	}
	return m.clusterG
}

// interact codes the observed combinations of two factors.
func interact(a, b []int32) ([]int32, int) {
	idx := map[[2]int32]int32{}
	out := make([]int32, len(a))
	for i := range a {
		k := [2]int32{a[i], b[i]}
		c, ok := idx[k]
		if !ok {
			c = int32(len(idx))
			idx[k] = c
		}
		out[i] = c
	}
	return out, len(idx)
}

// fixedEffects recovers the fixed effects from the converged linear
// predictor: eta - offset - X b lies in their span. Each fixed effect after
// the first is normalized to 0 at its first level; the first absorbs the
// level.
func (m *model) fixedEffects(ctx context.Context) ([][]float64, error) {
	w := m.w
	v := make([]float64, w.n)
	for i := range v {
		v[i] = m.eta[i]
		if w.off != nil {
			v[i] -= w.off[i]
		}
		for j, c := range w.x {
			if m.keep[j] {
				v[i] -= m.beta[j] * c[i]
			}
		}
	}
	m.abs.setWeights(m.wt)
	warm := [][]float64{nil}
	fe0 := [][]float64{make([]float64, m.abs.lev[0])}
	if _, _, err := m.abs.solve(ctx, [][]float64{v}, warm, fe0, nil, m.opt.DemeanTol*1e-2, 100000); err != nil {
		return nil, err
	}
	out := make([][]float64, m.abs.k())
	out[0] = fe0[0]
	for j := 1; j < m.abs.k(); j++ {
		x := warm[0][m.abs.off[j] : m.abs.off[j]+m.abs.lev[j]]
		c := x[0]
		e := make([]float64, len(x))
		for h := range x {
			e[h] = x[h] - c
		}
		for g := range out[0] {
			out[0][g] += c
		}
		out[j] = e
	}
	return out, nil
}

// MarshalJSON writes NaN and infinite numbers as null.
func (c Coefficient) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Term     string   `json:"term"`
		Estimate *float64 `json:"estimate"`
		StdError *float64 `json:"std_error"`
		Z        *float64 `json:"z"`
		P        *float64 `json:"p"`
		CILow    *float64 `json:"ci_low"`
		CIHigh   *float64 `json:"ci_high"`
		IRR      *float64 `json:"irr"`
		IRRLow   *float64 `json:"irr_low"`
		IRRHigh  *float64 `json:"irr_high"`
		Aliased  bool     `json:"aliased,omitempty"`
	}{c.Term, num(c.Estimate), num(c.StdError), num(c.Z), num(c.P), num(c.CILow), num(c.CIHigh),
		num(c.IRR), num(c.IRRLow), num(c.IRRHigh), c.Aliased})
}

// MarshalJSON writes NaN and infinite numbers as null.
func (r *Result) MarshalJSON() ([]byte, error) {
	type plain Result
	return json.Marshal(struct {
		*plain
		LogLik     *float64        `json:"loglik"`
		AIC        *float64        `json:"aic"`
		Dispersion *float64        `json:"dispersion"`
		Theta      json.RawMessage `json:"theta,omitempty"`
		ThetaSE    json.RawMessage `json:"theta_se,omitempty"`
	}{(*plain)(r), num(r.LogLik), num(r.AIC), num(r.Dispersion), optNum(r.Theta), optNum(r.ThetaSE)})
}

// optNum leaves out a nil pointer and writes a non-finite value as null.
func optNum(p *float64) json.RawMessage {
	if p == nil {
		return nil
	}
	if num(*p) == nil {
		return json.RawMessage("null")
	}
	b, _ := json.Marshal(*p)
	return b
}

func num(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}
