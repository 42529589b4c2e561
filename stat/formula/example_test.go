package formula_test

import (
	"fmt"

	"github.com/baserate/baserate/stat/formula"
)

func ExampleParse() {
	f, err := formula.Parse(`suspects ~ relevel(group, "national") * age + log(density) + offset(log(pop)) | district + year`)
	if err != nil {
		panic(err)
	}
	fmt.Println(f.Terms())
	fmt.Println(f.FixedEffectNames(), f.Offsets()[0])

	_, err = formula.Parse("suspects ~ group +")
	fmt.Println(err)
	// Output:
	// [relevel(group, "national") age log(density) relevel(group, "national"):age]
	// [district year] log(pop)
	// formula "suspects ~ group +": column 19: formula ends where a term was expected
}
