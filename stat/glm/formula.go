package glm

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/baserate/baserate"

	"github.com/baserate/baserate/stat/formula"
)

// Model names a model to fit on a data source.
type Model struct {
	// Formula is the model formula, such as
	// "suspects ~ group + age + log_density | district + year".
	Formula string
	// Offset is an extra offset expression ("log(pop)"), added to any
	// offset(...) terms in the formula.
	Offset string
	// Cluster names one or two columns to cluster standard errors on.
	Cluster []string
}

// FitFormula parses the model's formula, evaluates it on src (leaving out
// rows with missing values, which Result.Dropped.Missing counts and
// Result.MissingRows lists) and fits
// it. Separated rows are reported as 1-based row numbers of src.
func FitFormula(ctx context.Context, src formula.Source, spec Model, opt Options) (*Result, error) {
	f, err := formula.Parse(spec.Formula)
	if err != nil {
		return nil, err
	}
	if spec.Offset != "" {
		if err := f.AddOffset(spec.Offset); err != nil {
			return nil, err
		}
	}
	d, err := f.Design(src, formula.Options{Factors: spec.Cluster})
	if err != nil {
		return nil, err
	}
	data := FromDesign(d, spec.Cluster)
	res, err := Fit(ctx, data, opt)
	if err != nil {
		return nil, offsetHint(err, d)
	}
	res.Formula = f.String()
	res.Dropped.Missing = len(d.Missing)
	res.MissingRows = make([]int, len(d.Missing))
	for i, r := range d.Missing {
		res.MissingRows[i] = r + 1
	}
	res.Warnings = append(append([]baserate.Warning{}, d.Warnings...), res.Warnings...)
	return res, nil
}

// FromDesign turns an evaluated formula into the data Fit takes, with the
// named factors of the design as cluster variables.
func FromDesign(d *formula.Design, cluster []string) *Data {
	data := &Data{Y: d.Y, X: d.X, Names: d.Names, Offset: d.Offset, Rows: d.Rows}
	for _, fe := range d.FixedEffects {
		data.FixedEffects = append(data.FixedEffects, Factor{Name: fe.Name, Codes: fe.Codes, Levels: fe.Levels})
	}
	for _, c := range cluster {
		fe := d.Factors[c]
		data.Clusters = append(data.Clusters, Factor{Name: fe.Name, Codes: fe.Codes, Levels: fe.Levels})
	}
	return data
}

// offsetHint adds to a failed fit's error what most often causes it: an
// offset given on the scale of the counts ("pop") rather than of their
// logarithm ("log(pop)"), so that exp(offset) overflows.
func offsetHint(err error, d *formula.Design) error {
	if d.Offset == nil {
		return err
	}
	hi := math.Inf(-1)
	for _, o := range d.Offset {
		hi = math.Max(hi, o)
	}
	if !(hi > 100) {
		return err
	}
	hint := ""
	if !strings.Contains(d.OffsetLabel, "log") {
		hint = fmt.Sprintf("; did you mean log(%s)?", d.OffsetLabel)
	}
	return fmt.Errorf("%w (the offset %s reaches %g: an offset is on the log scale of the mean%s)", err, d.OffsetLabel, hi, hint)
}
