package glm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/internal/editdist"
	"github.com/baserate/baserate/stat/formula"
)

// Columns is a data source with named columns read from a named input,
// such as a *frame.Frame.
type Columns interface {
	formula.Source
	// Name names the input in messages ("cells.csv", "body").
	Name() string
	// Names returns the column names in order.
	Names() []string
}

// FitColumns fits spec to the rows of src as "baserate glm" and the API's
// POST /api/v1/glm do: input without data rows is refused at its line 2,
// and a formula or offset naming a column src lacks gets, in its error,
// the columns src has and the one a typo probably meant, so that the user
// can correct it without opening the file. Otherwise it is FitFormula.
func FitColumns(ctx context.Context, src Columns, spec Model, opt Options) (*Result, error) {
	if src.Rows() == 0 {
		return nil, baserate.Invalid(src.Name(), 2, "no data rows after the header")
	}
	res, err := FitFormula(ctx, src, spec, opt)
	if err != nil {
		return nil, withColumnHint(err, src)
	}
	return res, nil
}

// WriteJSON writes r as "baserate glm --format json" prints it and POST
// /api/v1/glm answers: one JSON document indented by one space, NaN and
// infinite numbers as null.
func (r *Result) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(r)
}

// withColumnHint adds to a formula's "no column" error the columns src
// has, and the one a typo probably meant.
func withColumnHint(err error, src Columns) error {
	var fe *formula.Error
	if !errors.As(err, &fe) {
		return err
	}
	var name string
	if _, serr := fmt.Sscanf(fe.Msg, "no column %q", &name); serr != nil {
		return err
	}
	hint := ""
	if n := editdist.Nearest(name, src.Names()); n != "" {
		hint = fmt.Sprintf("did you mean %q? ", n)
	}
	return fmt.Errorf("%w; %s%s has the columns %s", err, hint, src.Name(), strings.Join(src.Names(), ", "))
}
