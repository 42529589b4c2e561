package glm_test

import (
	"context"
	"testing"

	"github.com/baserate/baserate/frame"
	"github.com/baserate/baserate/stat/formula"
	"github.com/baserate/baserate/stat/glm"
)

func BenchmarkCellsParts(b *testing.B) {
	src, _ := frameFor(b)
	f, _ := formula.Parse("count ~ age + sex + cit + region + factor(year)")
	f.AddOffset("log(pop)")
	b.Run("design", func(b *testing.B) {
		for b.Loop() {
			f.Design(src, formula.Options{})
		}
	})
	d, _ := f.Design(src, formula.Options{})
	data := glm.FromDesign(d, nil)
	b.Run("fit", func(b *testing.B) {
		for b.Loop() {
			glm.Fit(context.Background(), data, glm.Options{})
		}
	})
	b.Run("fit-nosep-noagg", func(b *testing.B) {
		for b.Loop() {
			glm.Fit(context.Background(), data, glm.Options{NoSeparation: true, NoAggregate: true})
		}
	})
}

func frameFor(b *testing.B) (*frame.Frame, error) {
	return frame.ReadFile(context.Background(), "testdata/cells.csv", frame.Options{})
}
