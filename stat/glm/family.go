package glm

import (
	"fmt"
	"math"
)

// Family is the distribution of the response. All families use the log
// link.
type Family string

// The families.
const (
	Poisson      Family = "poisson"
	QuasiPoisson Family = "quasipoisson"
	NegBin       Family = "negbin" // NB2: var = mu + mu^2/theta, theta by maximum likelihood
)

// ParseFamily reads a family name as the CLI writes it.
func ParseFamily(s string) (Family, error) {
	switch s {
	case "poisson":
		return Poisson, nil
	case "quasipoisson", "quasi-poisson", "quasi":
		return QuasiPoisson, nil
	case "negbin", "nb", "nb2", "negative-binomial":
		return NegBin, nil
	}
	return "", fmt.Errorf("unknown family %q (want poisson, quasipoisson or negbin)", s)
}

// weightOf is the IRLS working weight for the log link: mu for Poisson,
// mu/(1+mu/theta) for NB2.
func weightOf(mu, theta float64) float64 {
	if theta <= 0 || math.IsInf(theta, 1) {
		return mu
	}
	return mu / (1 + mu/theta)
}

// devPoisson is the Poisson deviance contribution of one observation.
func devPoisson(y, mu float64) float64 {
	if y > 0 {
		return 2 * (y*math.Log(y/mu) - (y - mu))
	}
	return 2 * mu
}

// devPoissonLog is devPoisson given also log(mu): y log(y/mu) is taken as
// y (log y - log mu), with log y from a table for small whole counts.
func devPoissonLog(y, mu, logMu float64) float64 {
	if y > 0 {
		return 2 * (y*(logCount(y)-logMu) - (y - mu))
	}
	return 2 * mu
}

// logTable holds log(k) for small whole k.
var logTable = func() []float64 {
	t := make([]float64, 1024)
	for k := 1; k < len(t); k++ {
		t[k] = math.Log(float64(k))
	}
	return t
}()

// logCount returns log(y), from the table for small whole y.
func logCount(y float64) float64 {
	if k := int(y); float64(k) == y && k > 0 && k < len(logTable) {
		return logTable[k]
	}
	return math.Log(y)
}

// devNB is the NB2 deviance contribution, as R's negative.binomial family
// computes it.
func devNB(y, mu, theta float64) float64 {
	return 2 * (y*math.Log(math.Max(1, y)/mu) - (y+theta)*math.Log((y+theta)/(mu+theta)))
}

// llPoisson is the Poisson log-likelihood of one observation (lgamma for
// non-integer counts, as statsmodels does).
func llPoisson(y, mu float64) float64 {
	lg := lfact(y)
	if y == 0 {
		return -mu - lg
	}
	return y*math.Log(mu) - mu - lg
}

// llPoissonLog is llPoisson given also log(mu).
func llPoissonLog(y, mu, logMu float64) float64 {
	lg := lfact(y)
	if y == 0 {
		return -mu - lg
	}
	return y*logMu - mu - lg
}

// llNB is the NB2 log-likelihood of one observation, as MASS::glm.nb
// computes it.
func llNB(y, mu, theta float64) float64 {
	a, _ := math.Lgamma(theta + y)
	b, _ := math.Lgamma(theta)
	c, _ := math.Lgamma(y + 1)
	ym := 0.0
	if y != 0 {
		ym = y * math.Log(mu)
	}
	return a - b - c + theta*math.Log(theta) + ym - (theta+y)*math.Log(theta+mu)
}

// lfactTable holds log(k!) for small whole k, the common counts.
var lfactTable = func() []float64 {
	t := make([]float64, 1024)
	for k := range t {
		t[k], _ = math.Lgamma(float64(k) + 1)
	}
	return t
}()

// lfact returns log Gamma(y+1), from the table for small whole y.
func lfact(y float64) float64 {
	if k := int(y); float64(k) == y && k >= 0 && k < len(lfactTable) {
		return lfactTable[k]
	}
	v, _ := math.Lgamma(y + 1)
	return v
}
