package cube_test

import (
	"fmt"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/cube"
)

// Suspects by year and age are aligned with a population table that has the
// age bands in another order and an extra band.
func ExampleAlign() {
	tv := baserate.New("suspects",
		baserate.NewDimension("year", "2023"),
		baserate.NewDimension("age", "0-20", "21+"))
	tv.Values = []float64{30, 70}
	tv.AddCaveat(baserate.Caveat{Code: "pks-2009-counting-rule"})
	pop := baserate.New("population",
		baserate.NewDimension("age", "21+", "0-20", "unknown"))
	pop.Values = []float64{8000, 2000, 5}
	a, b, err := cube.Align(tv, pop)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, c := range a.Dims[0].Categories {
		fmt.Printf("%s: %g suspects, %g people\n", c.ID, a.Values[i], b.Values[i])
	}
	fmt.Println(b.Caveats[0].Code)
	// Output:
	// 0-20: 30 suspects, 2000 people
	// 21+: 70 suspects, 8000 people
	// pks-2009-counting-rule
}
