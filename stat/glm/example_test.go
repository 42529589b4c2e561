package glm_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/baserate/baserate/frame"
	"github.com/baserate/baserate/stat/glm"
)

// A Poisson rate model with an offset, a factor and an absorbed fixed
// effect, with errors clustered on the fixed effect.
func ExampleFitFormula() {
	data := `region,group,count,pop
R1,national,20,10000
R1,foreign,9,2000
R2,national,31,12000
R2,foreign,18,3500
R3,national,12,8000
R3,foreign,7,1500
R4,national,40,15000
R4,foreign,12,2600
`
	f, err := frame.ReadCSV(context.Background(), strings.NewReader(data), "data.csv", frame.Options{})
	if err != nil {
		panic(err)
	}
	res, err := glm.FitFormula(context.Background(), f,
		glm.Model{Formula: "count ~ group | region", Offset: "log(pop)", Cluster: []string{"region"}},
		glm.Options{Family: glm.Poisson})
	if err != nil {
		panic(err)
	}
	c, _ := res.Coef("groupnational")
	fmt.Printf("%s: IRR %.3f (95%% CI %.3f-%.3f)\n", c.Term, c.IRR, c.IRRLow, c.IRRHigh)
	fmt.Println("observations:", res.NObs, "converged:", res.Converged)
	fmt.Println(res.SE[:4])
	// Output:
	// groupnational: IRR 0.483 (95% CI 0.366-0.636)
	// observations: 8 converged: true
	// CR1
}
