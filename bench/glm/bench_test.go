package glmbench

import (
	"context"
	"flag"
	"testing"

	"github.com/baserate/baserate/frame"
	"github.com/baserate/baserate/stat/formula"
	"github.com/baserate/baserate/stat/glm"
)

var large = flag.Bool("large", false, "also run the 10M-row benchmarks (needs about 3 GB and a minute)")

// BenchmarkPoissonTwoFE fits the synthetic Poisson model with 500k and 3.2k
// fixed-effect levels, with the accelerated projections (cg) and with plain
// alternating projections (none) as the baseline of the same run.
func BenchmarkPoissonTwoFE(b *testing.B) {
	sizes := []int{1_000_000}
	if *large {
		sizes = append(sizes, 10_000_000)
	}
	for _, n := range sizes {
		d := Synthetic(n, 500_000, 3_200, 1)
		for _, accel := range []string{"cg", "none"} {
			b.Run(label(n)+"/"+accel, func(b *testing.B) {
				for b.Loop() {
					res, err := glm.Fit(context.Background(), d, glm.Options{Acceleration: accel})
					if err != nil || !res.Converged {
						b.Fatalf("fit: %v (converged %v)", err, res != nil && res.Converged)
					}
				}
			})
		}
	}
}

func label(n int) string {
	if n >= 1_000_000 {
		return itoa(n/1_000_000) + "M"
	}
	return itoa(n)
}

// BenchmarkCells fits the 1,536-cell table of the reference scripts
// (formula, design and fit; the table is read once), the workload that
// run.sh times statsmodels on.
func BenchmarkCells(b *testing.B) {
	src, err := frame.ReadFile(context.Background(), "../../stat/glm/testdata/cells.csv", frame.Options{})
	if err != nil {
		b.Fatal(err)
	}
	model := glm.Model{Formula: "count ~ age + sex + cit + region + factor(year)", Offset: "log(pop)"}
	for b.Loop() {
		res, err := glm.FitFormula(context.Background(), src, model, glm.Options{})
		if err != nil || !res.Converged {
			b.Fatalf("fit: %v", err)
		}
	}
}

// BenchmarkCellsFit is BenchmarkCells without the formula and design: the
// fit alone, to set beside statsmodels' fit alone.
func BenchmarkCellsFit(b *testing.B) {
	src, err := frame.ReadFile(context.Background(), "../../stat/glm/testdata/cells.csv", frame.Options{})
	if err != nil {
		b.Fatal(err)
	}
	f, err := formula.Parse("count ~ age + sex + cit + region + factor(year)")
	if err != nil {
		b.Fatal(err)
	}
	f.AddOffset("log(pop)")
	d, err := f.Design(src, formula.Options{})
	if err != nil {
		b.Fatal(err)
	}
	data := glm.FromDesign(d, nil)
	for b.Loop() {
		if _, err := glm.Fit(context.Background(), data, glm.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
