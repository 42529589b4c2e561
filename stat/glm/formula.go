package glm

import (
	"context"

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
		return nil, err
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
