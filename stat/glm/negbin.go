package glm

import (
	"context"
	"fmt"
	"math"

	"github.com/baserate/baserate"
	"gonum.org/v1/gonum/mathext"
)

// trigamma is the derivative of the digamma function, the Hurwitz zeta
// function at 2.
func trigamma(x float64) float64 { return mathext.Zeta(2, x) }

// thetaML estimates the NB2 shape theta by maximum likelihood with mu held
// fixed, by Newton's method from the moment estimate, exactly as MASS's
// theta.ml does (stopping when the step is below eps^(1/4)); it returns the
// estimate and its standard error from the observed information.
func thetaML(y, mu []float64, limit int) (theta, se float64, ok bool) {
	n := float64(len(y))
	s := 0.0
	for i := range y {
		d := y[i]/mu[i] - 1
		s += d * d
	}
	t0 := n / s
	score := func(th float64) float64 {
		v := 0.0
		dth := mathext.Digamma(th)
		for i := range y {
			v += mathext.Digamma(th+y[i]) - dth + math.Log(th) + 1 - math.Log(th+mu[i]) - (y[i]+th)/(mu[i]+th)
		}
		return v
	}
	info := func(th float64) float64 {
		v := 0.0
		tth := trigamma(th)
		for i := range y {
			v += -trigamma(th+y[i]) + tth - 1/th + 2/(mu[i]+th) - (y[i]+th)/((mu[i]+th)*(mu[i]+th))
		}
		return v
	}
	eps := math.Pow(2.220446049250313e-16, 0.25)
	it, del, inf := 0, 1.0, math.NaN()
	for {
		it++
		if !(it < limit && math.Abs(del) > eps) {
			break
		}
		t0 = math.Abs(t0)
		inf = info(t0)
		del = score(t0) / inf
		t0 += del
	}
	ok = it < limit
	if t0 < 0 {
		t0, ok = 0, false
	}
	return t0, math.Sqrt(1 / inf), ok
}

// negbin alternates IRLS for the coefficients with theta held fixed and
// maximum likelihood for theta with the means held fixed, from the Poisson
// fit, until both settle: MASS::glm.nb's algorithm.
func (m *model) negbin(ctx context.Context, res *Result) error {
	y := m.w.y
	th, se, ok := thetaML(y, m.mu, 100)
	if math.IsNaN(th) || math.IsInf(th, 0) || th <= 0 || th > 1e10 {
		// The likelihood grows without bound in theta: no overdispersion,
		// and the negative binomial degenerates to the Poisson fit.
		inf := math.Inf(1)
		res.Theta, res.ThetaSE = &inf, &inf
		m.warnings = append(m.warnings, baserate.Warning{Code: "no-overdispersion",
			Message: "theta has no finite maximum-likelihood estimate (the data show no overdispersion); the fit reported is the Poisson fit, the limit as theta grows"})
		return nil
	}
	llOf := func(th float64) float64 {
		s := 0.0
		for i := range y {
			s += llNB(y[i], m.mu[i], th)
		}
		return s
	}
	d1 := math.Sqrt(2 * math.Max(1, float64(m.w.n-len(m.w.x))))
	lm := llOf(th)
	lm0 := lm + 2*d1
	del := 1.0
	outer := 0
	converged := false
	for outer = 1; outer <= m.opt.MaxIter; outer++ {
		if math.Abs(lm0-lm)/d1+math.Abs(del) <= m.opt.Tol {
			converged = true
			break
		}
		m.theta = th
		if err := m.irls(ctx, m.eta); err != nil {
			return err
		}
		t0 := th
		th, se, ok = thetaML(y, m.mu, 100)
		if th <= 0 || math.IsNaN(th) || math.IsInf(th, 0) {
			return baserate.E("glm", baserate.KindInvalid, "negative binomial: the theta estimate left the positive numbers")
		}
		del = t0 - th
		lm0 = lm
		lm = llOf(th)
	}
	// Either limit means theta has not settled, so neither has the fit:
	// converged is false, where R's glm.nb warns "alternation limit
	// reached" or "iteration limit reached" and sets th.warn.
	if !converged {
		m.thetaUnsettled = true
		msg := fmt.Sprintf("the alternation between theta and the coefficients did not settle in %d rounds (theta %.6g, last change %.3g): the fit is not converged (converged is false), as R's glm.nb warns \"alternation limit reached\"", m.opt.MaxIter, th, math.Abs(del))
		if th > 1000 {
			msg += "; a theta this large means little or no overdispersion, and the Poisson fit is the one to read"
		}
		m.warnings = append(m.warnings, baserate.Warning{Code: "theta-not-converged", Message: msg})
	}
	if !ok {
		m.thetaUnsettled = true
		m.warnings = append(m.warnings, baserate.Warning{Code: "theta-iteration-limit", Message: "theta: Newton iteration limit reached or estimate truncated at zero; the fit is not converged (converged is false)"})
	}
	if th > 1e6 {
		m.warnings = append(m.warnings, baserate.Warning{Code: "no-overdispersion",
			Message: fmt.Sprintf("theta = %.4g: the data show no overdispersion; the Poisson model fits as well", th)})
	}
	// The coefficients were last fitted with theta = the previous estimate,
	// which differs from th by less than the tolerance; report th.
	m.theta = th
	res.Theta = &th
	res.ThetaSE = &se
	res.ThetaRounds = outer - 1
	return nil
}
