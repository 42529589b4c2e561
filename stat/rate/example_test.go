package rate_test

import (
	"fmt"

	"github.com/baserate/baserate/stat/rate"
)

// Two groups over two age bands: group b is younger (80% young against
// 20%), and in group a the young have twice the rate of the old, so part of
// b's higher crude rate is composition. Checked by hand: the pooled
// standard is 5000 young and 5000 old, so the DSRs are 15 and 30 per 1000;
// b's expected count at a's rates is 4000·0.02 + 1000·0.01 = 90 against 150
// observed.
func ExampleCompare() {
	in := rate.Input{
		Strata: []string{"young", "old"},
		Groups: []rate.Group{
			{Name: "a", Count: []float64{20, 40}, Pop: []float64{1000, 4000}},
			{Name: "b", Count: []float64{120, 30}, Pop: []float64{4000, 1000}},
		},
	}
	c, err := rate.Compare(in, rate.Options{Per: 1000})
	if err != nil {
		fmt.Println(err)
		return
	}
	b := c.Groups[1]
	fmt.Printf("crude %.1f vs %.1f per 1000: ratio %.2f\n", c.Groups[0].CrudeRate, b.CrudeRate, b.CrudeRatio)
	fmt.Printf("standardized ratio %.2f, SMR %.2f\n", b.DSRRatio, b.SMR)
	fmt.Printf("gap %.1f = rate effect %.1f + composition effect %.1f\n", b.CrudeGap, b.RateEffect, b.CompositionEffect)
	// Output:
	// crude 12.0 vs 30.0 per 1000: ratio 2.50
	// standardized ratio 2.00, SMR 1.67
	// gap 18.0 = rate effect 15.0 + composition effect 3.0
}

func ExampleGarwood() {
	iv := rate.Garwood(0, 0.95)
	fmt.Printf("0 events: [%.4f, %.4f]\n", iv[0], iv[1])
	// Output:
	// 0 events: [0.0000, 3.6889]
}
