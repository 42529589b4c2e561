package formula_test

import (
	"slices"
	"testing"

	"github.com/baserate/baserate/stat/formula"
)

// FuzzParse checks that no text makes the parser panic, and that a parsed
// formula printed and parsed again has the same terms, fixed effects and
// intercept.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"y ~ a + b + log(x) + a:b + offset(log(pop)) | fe1 + fe2",
		"y ~ (a + b)^2 - 1", "y ~ a*b/c", `y ~ relevel(g, "x") + I(x^2 - 3 * z)`, "~ a", "y ~ `a b` | c^d",
		"y ~ 0 + a", "y ~ -1 + a", "y ~ log(x, 10) + factor(year)", "y ~ a | b | c", "y ~ ((a))",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g, err := formula.Parse(s)
		if err != nil {
			if _, ok := err.(*formula.Error); !ok {
				t.Fatalf("error %T is not *formula.Error: %v", err, err)
			}
			return
		}
		again, err := formula.Parse(g.String())
		if err != nil {
			t.Fatalf("%q printed as %q, which does not parse: %v", s, g.String(), err)
		}
		if !slices.Equal(g.Terms(), again.Terms()) || !slices.Equal(g.FixedEffectNames(), again.FixedEffectNames()) || g.Intercept() != again.Intercept() {
			t.Fatalf("%q -> %q: terms %v/%v, fe %v/%v, intercept %v/%v", s, g.String(),
				g.Terms(), again.Terms(), g.FixedEffectNames(), again.FixedEffectNames(), g.Intercept(), again.Intercept())
		}
	})
}
