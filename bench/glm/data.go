package glmbench

import (
	"math"
	"math/rand/v2"

	"github.com/baserate/baserate/stat/glm"
)

// Synthetic returns n rows of Poisson data with two regressors and two
// fixed effects of l1 and l2 levels assigned at random:
//
//	y ~ Poisson(exp(0.5 x1 - 0.3 x2 + a[fe1] + b[fe2])),
//
// with x1, x2 standard normal and the effects a, b normal with standard
// deviation 0.5. The same seed gives the same data.
func Synthetic(n, l1, l2 int, seed uint64) *glm.Data {
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	a := make([]float64, l1)
	for i := range a {
		a[i] = 0.5 * r.NormFloat64()
	}
	b := make([]float64, l2)
	for i := range b {
		b[i] = 0.5 * r.NormFloat64()
	}
	y := make([]float64, n)
	x1 := make([]float64, n)
	x2 := make([]float64, n)
	f1 := make([]int32, n)
	f2 := make([]int32, n)
	for i := 0; i < n; i++ {
		x1[i] = r.NormFloat64()
		x2[i] = r.NormFloat64()
		f1[i] = int32(r.IntN(l1))
		f2[i] = int32(r.IntN(l2))
		y[i] = float64(poisson(r, math.Exp(0.5*x1[i]-0.3*x2[i]+a[f1[i]]+b[f2[i]])))
	}
	return &glm.Data{
		Y: y, X: [][]float64{x1, x2}, Names: []string{"x1", "x2"},
		FixedEffects: []glm.Factor{
			{Name: "fe1", Codes: f1, Levels: levels("a", l1)},
			{Name: "fe2", Codes: f2, Levels: levels("b", l2)},
		},
	}
}

// poisson draws a Poisson variate by inversion (the means here are small).
func poisson(r *rand.Rand, mu float64) int {
	if mu > 30 {
		v := math.Round(mu + math.Sqrt(mu)*r.NormFloat64())
		return int(math.Max(v, 0))
	}
	u := r.Float64()
	p := math.Exp(-mu)
	k := 0
	c := p
	for u > c && k < 1000 {
		k++
		p *= mu / float64(k)
		c += p
	}
	return k
}

func levels(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = prefix + itoa(i)
	}
	return out
}

func itoa(i int) string {
	const digits = "0123456789"
	if i == 0 {
		return "0"
	}
	var b [20]byte
	p := len(b)
	for i > 0 {
		p--
		b[p] = digits[i%10]
		i /= 10
	}
	return string(b[p:])
}
