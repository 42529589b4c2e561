package frame

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/internal/editdist"
	"github.com/baserate/baserate/stat/formula"
)

// Frame is a data source for model formulas.
var _ formula.Source = (*Frame)(nil)

// Kind says how a column's values are stored.
type Kind uint8

// The kinds of column.
const (
	Numeric Kind = iota + 1 // float64 values, NaN where missing
	Factor                  // int32 codes into Levels, -1 where missing
)

func (k Kind) String() string {
	switch k {
	case Numeric:
		return "numeric"
	case Factor:
		return "factor"
	}
	return "unknown"
}

// Column is one named column of a frame.
type Column struct {
	Name string
	Kind Kind
	// Num holds the values of a numeric column; NaN marks a missing value.
	Num []float64
	// Codes holds, for a factor column, the position in Levels of each
	// row's value; -1 marks a missing value.
	Codes []int32
	// Levels are the distinct values of a factor column in the order they
	// first appear.
	Levels []string

	// firstText is the first field that made a column a factor, for the
	// error that says why it is not numeric.
	firstText *fieldPos
	// mostlyNumbers says that most of the column's fields are numbers,
	// so its text fields are more likely mistakes than categories.
	mostlyNumbers bool
}

type fieldPos struct {
	line  int
	value string
}

// Len returns the number of rows.
func (c *Column) Len() int {
	if c.Kind == Numeric {
		return len(c.Num)
	}
	return len(c.Codes)
}

// Frame is a table of equally long named columns.
type Frame struct {
	// Source names the file the frame was read from, for error messages.
	Source string
	Cols   []*Column

	rows  int
	index map[string]int
	// lines[i] is the file line where data row i starts; nil when every
	// record takes one line, so that row i is on line i+2.
	lines []int32
}

// New returns a frame made of cols, which must have distinct names and equal
// lengths.
func New(source string, cols ...*Column) (*Frame, error) {
	f := &Frame{Source: source, Cols: cols, index: make(map[string]int, len(cols))}
	for i, c := range cols {
		if _, dup := f.index[c.Name]; dup {
			return nil, baserate.E("frame.New", baserate.KindInvalid, fmt.Sprintf("column %q appears twice", c.Name))
		}
		if c.Kind != Numeric && c.Kind != Factor {
			return nil, baserate.E("frame.New", baserate.KindInvalid, fmt.Sprintf("column %q has no kind", c.Name))
		}
		if i == 0 {
			f.rows = c.Len()
		} else if c.Len() != f.rows {
			return nil, baserate.E("frame.New", baserate.KindInvalid,
				fmt.Sprintf("column %q has %d rows, column %q has %d", c.Name, c.Len(), cols[0].Name, f.rows))
		}
		if c.Kind == Factor {
			for r, k := range c.Codes {
				if k < -1 || int(k) >= len(c.Levels) {
					return nil, baserate.E("frame.New", baserate.KindInvalid,
						fmt.Sprintf("column %q row %d: code %d outside its %d levels", c.Name, r+1, k, len(c.Levels)))
				}
			}
		}
		f.index[c.Name] = i
	}
	return f, nil
}

// Rows returns the number of data rows.
func (f *Frame) Rows() int { return f.rows }

// Names returns the column names in order.
func (f *Frame) Names() []string {
	out := make([]string, len(f.Cols))
	for i, c := range f.Cols {
		out[i] = c.Name
	}
	return out
}

// Col returns the named column, or nil.
func (f *Frame) Col(name string) *Column {
	if i, ok := f.index[name]; ok {
		return f.Cols[i]
	}
	return nil
}

// Line returns the line of the source file on which data row i (0-based)
// starts, counting the header as line 1.
func (f *Frame) Line(i int) int {
	if f.lines != nil && i < len(f.lines) {
		return int(f.lines[i])
	}
	return i + 2
}

// Name returns the frame's source, for error messages.
func (f *Frame) Name() string { return f.Source }

// ColumnKind reports whether the named column exists and is numeric.
func (f *Frame) ColumnKind(name string) (numeric, ok bool) {
	c := f.Col(name)
	if c == nil {
		return false, false
	}
	return c.Kind == Numeric, true
}

// Numeric returns the values of a numeric column. It fails when the column
// does not exist or holds text, naming the first field that is not a number.
func (f *Frame) Numeric(name string) ([]float64, error) {
	c := f.Col(name)
	if c == nil {
		return nil, f.noColumn(name)
	}
	if c.Kind == Numeric {
		return c.Num, nil
	}
	if c.firstText != nil {
		return nil, &baserate.Error{Op: "frame", Kind: baserate.KindInvalid, Err: &baserate.PosError{
			File: f.Source, Line: c.firstText.line, Offset: -1, Field: name,
			Err: fmt.Errorf("%q is not a number, so the column is a factor", c.firstText.value)}}
	}
	return nil, baserate.E("frame", baserate.KindInvalid, fmt.Sprintf("%s: column %q is a factor, not numeric", f.Source, name))
}

// MostlyNumeric reports whether the named column was read as a factor
// although most of its fields are numbers, so that a model that uses it
// as it stands should say which field is not a number (see Numeric)
// rather than fit one coefficient per value.
func (f *Frame) MostlyNumeric(name string) bool {
	c := f.Col(name)
	return c != nil && c.Kind == Factor && c.mostlyNumbers
}

// Factor returns a column as a factor: a code per row (-1 where missing) and
// the levels in sorted order, so that level 0 is the reference category. Text
// levels sort bytewise (R's order under LC_COLLATE=C); a numeric column is
// turned into a factor whose levels sort numerically and are labelled as R's
// as.character labels them.
func (f *Frame) Factor(name string) ([]int32, []string, error) {
	c := f.Col(name)
	if c == nil {
		return nil, nil, f.noColumn(name)
	}
	if c.Kind == Factor {
		codes, levels := SortLevels(c.Codes, c.Levels)
		return codes, levels, nil
	}
	codes, levels := FactorizeNumeric(c.Num)
	return codes, levels, nil
}

func (f *Frame) noColumn(name string) error {
	msg := fmt.Sprintf("no column %q", name)
	if f.Source != "" {
		msg = fmt.Sprintf("%s has no column %q", f.Source, name)
	}
	if s := closest(name, f.Names()); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return baserate.E("frame", baserate.KindNotFound, msg)
}

// closest returns the column name nearest to name by edit distance, if it
// is near enough to be a likely typo.
func closest(name string, names []string) string {
	best, bestD := "", 3
	for _, n := range names {
		if d := editdist.Distance(name, n); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// SortLevels recodes a factor so that its levels are in bytewise order.
// Levels no row uses are dropped, as R's model.frame drops them.
func SortLevels(codes []int32, levels []string) ([]int32, []string) {
	used := make([]bool, len(levels))
	for _, k := range codes {
		if k >= 0 {
			used[k] = true
		}
	}
	order := make([]int, 0, len(levels))
	for i := range levels {
		if used[i] {
			order = append(order, i)
		}
	}
	sort.Slice(order, func(a, b int) bool { return levels[order[a]] < levels[order[b]] })
	return recode(codes, levels, order)
}

func recode(codes []int32, levels []string, order []int) ([]int32, []string) {
	remap := make([]int32, len(levels))
	out := make([]string, len(order))
	for newPos, old := range order {
		remap[old] = int32(newPos)
		out[newPos] = levels[old]
	}
	nc := make([]int32, len(codes))
	for i, k := range codes {
		if k < 0 {
			nc[i] = -1
		} else {
			nc[i] = remap[k]
		}
	}
	return nc, out
}

// FactorizeNumeric turns numeric values into a factor with numerically
// sorted levels labelled as R's as.character would label them ("2011",
// "0.5", "1e+05"). NaN becomes a missing code.
func FactorizeNumeric(v []float64) ([]int32, []string) {
	idx := map[float64]int32{}
	var uniq []float64
	codes := make([]int32, len(v))
	for i, x := range v {
		if math.IsNaN(x) {
			codes[i] = -1
			continue
		}
		k, ok := idx[x]
		if !ok {
			k = int32(len(uniq))
			idx[x] = k
			uniq = append(uniq, x)
		}
		codes[i] = k
	}
	levels := make([]string, len(uniq))
	order := make([]int, len(uniq))
	for i, x := range uniq {
		levels[i] = formula.FormatNumber(x)
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return uniq[order[a]] < uniq[order[b]] })
	return recode(codes, levels, order)
}

// Select returns a frame holding only the named columns, sharing their data.
func (f *Frame) Select(names ...string) (*Frame, error) {
	cols := make([]*Column, 0, len(names))
	for _, n := range names {
		c := f.Col(n)
		if c == nil {
			return nil, f.noColumn(n)
		}
		cols = append(cols, c)
	}
	g, err := New(f.Source, cols...)
	if err != nil {
		return nil, err
	}
	g.lines = f.lines
	return g, nil
}

// Clone returns a deep copy of the column.
func (c *Column) Clone() *Column {
	d := *c
	d.Num = slices.Clone(c.Num)
	d.Codes = slices.Clone(c.Codes)
	d.Levels = slices.Clone(c.Levels)
	return &d
}
