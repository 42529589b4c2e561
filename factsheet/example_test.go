package factsheet_test

import (
	"context"
	"fmt"

	"github.com/baserate/baserate/factsheet"
)

func ExampleCompute() {
	s, err := factsheet.Compute(context.Background(), 2023, "890000")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("non-German %.1f, German %.1f suspects per 1,000\n", s.NonGerman.RatePer1000, s.German.RatePer1000)
	fmt.Printf("crude ratio %.2f, age-standardized (indirect) %.2f\n", s.RateRatio.Ratio, s.Standardized[0].IndirectRatio)
	// Output:
	// non-German 57.4, German 18.5 suspects per 1,000
	// crude ratio 3.10, age-standardized (indirect) 2.44
}
