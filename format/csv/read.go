package csv

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/internal/csvrec"
)

// MeasureDim is the id of the dimension that holds the measure columns.
const MeasureDim = "measure"

// MaxCells bounds the size of the dense table that Read builds: the product
// of the numbers of distinct categories and measures.
const MaxCells = 1 << 26

// Spec declares the columns of a tidy CSV file.
type Spec struct {
	// Dims are the columns whose values are category ids, in the order the
	// table's dimensions should have.
	Dims []string
	// Measures are the numeric columns.
	Measures []string
	// NonNegative refuses negative numbers in every measure column.
	NonNegative bool
	// AllowMissing lets measure cells be empty or one of "NA", ".", "..",
	// "-" (kept as NaN with the matching status); otherwise they are errors.
	AllowMissing bool
	// Comma is the delimiter; 0 means detect it from the header line.
	Comma rune
	// Status maps a measure column to the column that holds its status
	// flags, as "baserate convert" writes them ("value" to "status" in the
	// long form, "count" to "count_status" in the wide one). A non-empty
	// flag becomes the cell's status, with or without a value ("12,p" is
	// provisional, ",c" confidential); an empty one leaves the status the
	// value gives.
	Status map[string]string
}

// Read reads a tidy CSV from r. name is the file name used in errors. Rows
// that leave a cell of the cube unset leave it missing (NaN, status
// [baserate.StatusMissing]).
func Read(ctx context.Context, r io.Reader, name string, spec Spec) (*baserate.Table, error) {
	const op = "csv.Read"
	if len(spec.Measures) == 0 {
		return nil, baserate.E(op, baserate.KindInvalid, "no measure column declared")
	}
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	comma := spec.Comma
	if comma == 0 {
		head, _ := br.Peek(4096)
		if i := bytes.IndexByte(head, '\n'); i >= 0 {
			head = head[:i]
		}
		comma = detectComma(head)
	}
	cr := csv.NewReader(br)
	cr.Comma = comma
	cr.FieldsPerRecord = 0
	cr.ReuseRecord = true

	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, baserate.Invalid(name, 1, "empty file: no header line")
		}
		return nil, csvrec.Err(name, err)
	}
	header = trimAll(header)
	col := map[string]int{}
	for i, h := range header {
		if j, dup := col[h]; dup {
			return nil, baserate.Invalid(name, 1, "column %q appears twice (columns %d and %d)", h, j+1, i+1)
		}
		col[h] = i
	}
	find := func(names []string) ([]int, error) {
		idx := make([]int, len(names))
		for i, n := range names {
			j, ok := col[n]
			if !ok {
				return nil, baserate.Invalid(name, 1, "no column %q (the header has %s)", n, strings.Join(quoteAll(header), ", "))
			}
			idx[i] = j
		}
		return idx, nil
	}
	dimCol, err := find(spec.Dims)
	if err != nil {
		return nil, err
	}
	measCol, err := find(spec.Measures)
	if err != nil {
		return nil, err
	}
	for _, d := range spec.Dims {
		for _, m := range spec.Measures {
			if d == m {
				return nil, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("column %q declared both as a dimension and as a measure", d))
			}
		}
	}
	// The status column of each measure, or -1.
	stCol := make([]int, len(measCol))
	for i, m := range spec.Measures {
		stCol[i] = -1
		if c, ok := spec.Status[m]; ok {
			j, err := find([]string{c})
			if err != nil {
				return nil, err
			}
			stCol[i] = j[0]
		}
	}
	for m := range spec.Status {
		if !slices.Contains(spec.Measures, m) {
			return nil, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("a status column is declared for %q, which is not a measure", m))
		}
	}
	// The measure dimension is "measure" unless a dimension column has
	// that name (a long CSV written from a table that had one).
	measureID := MeasureDim
	for k := 2; slices.Contains(spec.Dims, measureID); k++ {
		measureID = MeasureDim + "_" + strconv.Itoa(k)
	}

	dims := make([]*baserate.Dimension, len(spec.Dims))
	for i, d := range spec.Dims {
		dims[i] = &baserate.Dimension{ID: d}
	}
	type row struct {
		pos  []int
		raw  []string
		st   []string // status flags, per measure
		line int
	}
	var rows []row
	seen := map[string]int{}
	var key strings.Builder
	for rr, err := range csvrec.Rows(ctx, cr, name) {
		if err != nil {
			return nil, err
		}
		rec, line := rr.Fields, rr.Line
		r := row{pos: make([]int, len(dims)), raw: make([]string, len(measCol)), st: make([]string, len(measCol)), line: line}
		key.Reset()
		for i, c := range dimCol {
			id := strings.TrimSpace(rec[c])
			if id == "" {
				return nil, pos(name, line, header[c], "empty category")
			}
			j := dims[i].Index(id)
			if j < 0 {
				dims[i].Categories = append(dims[i].Categories, baserate.Category{ID: id})
				j = len(dims[i].Categories) - 1
			}
			r.pos[i] = j
			key.WriteString(id)
			key.WriteByte(0)
		}
		if first, dup := seen[key.String()]; dup {
			return nil, baserate.Invalid(name, line, "duplicate row for %s (first at line %d)", describe(spec.Dims, r.pos, dims), first)
		}
		seen[key.String()] = line
		for i, c := range measCol {
			r.raw[i] = strings.TrimSpace(rec[c])
			if stCol[i] >= 0 {
				r.st[i] = rec[stCol[i]] // as written: a flag may start with a space (PX's " (a")
			}
		}
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		return nil, baserate.Invalid(name, 2, "no data rows after the header")
	}
	// Each measure column's number convention is decided on all its values
	// (see numberStyle), then its values are parsed.
	vals := make([][]float64, len(rows))
	sts := make([][]baserate.Status, len(rows))
	for k := range rows {
		vals[k] = make([]float64, len(measCol))
		sts[k] = make([]baserate.Status, len(measCol))
	}
	for i, c := range measCol {
		style, err := numberStyle(comma, len(rows), func(k int) (string, int) { return rows[k].raw[i], rows[k].line })
		if err != nil {
			var ne *styleError
			if errors.As(err, &ne) {
				return nil, pos(name, ne.line, header[c], ne.msg)
			}
			return nil, err
		}
		for k, r := range rows {
			v, st, err := parseNumber(style.normalize(r.raw[i]), r.raw[i], spec)
			if err != nil {
				return nil, pos(name, r.line, header[c], err.Error())
			}
			if r.st[i] != "" {
				st = baserate.Status(r.st[i])
			}
			vals[k][i], sts[k][i] = v, st
		}
	}
	cells := len(spec.Measures)
	for _, d := range dims {
		cells *= d.Size()
		if cells > MaxCells {
			return nil, baserate.E(op, baserate.KindTooLarge, fmt.Sprintf("%s: the dimensions span more than %d cells", name, MaxCells))
		}
	}
	mdim := &baserate.Dimension{ID: measureID, Role: baserate.RoleMetric}
	for _, m := range spec.Measures {
		mdim.Categories = append(mdim.Categories, baserate.Category{ID: m})
	}
	t := baserate.New(name, append(dims, mdim)...)
	t.Source = name
	all := make([]int, len(dims)+1)
	for k, r := range rows {
		copy(all, r.pos)
		for i := range vals[k] {
			all[len(dims)] = i
			off := t.Offset(all)
			t.Values[off] = vals[k][i]
			t.SetStatus(off, sts[k][i])
		}
	}
	for off, v := range t.Values {
		if math.IsNaN(v) && t.StatusAt(off) == baserate.StatusNone {
			t.SetStatus(off, baserate.StatusMissing)
		}
	}
	return t, nil
}

// parseNumber reads s, a value already brought to the decimal-point form
// by its column's style; orig is the value as written, for messages.
func parseNumber(s, orig string, spec Spec) (float64, baserate.Status, error) {
	switch s {
	case "", "NA", ".", "..", "-":
		if !spec.AllowMissing {
			if s == "" {
				return 0, "", errors.New("empty value")
			}
			return 0, "", fmt.Errorf("missing value %q", s)
		}
		st := baserate.StatusMissing
		switch s {
		case ".":
			st = baserate.StatusNotApplic
		case "..":
			st = baserate.StatusNotAvailable
		case "-":
			st = baserate.StatusZeroRounded
		}
		return math.NaN(), st, nil
	}
	if !plainNumber(s) {
		return 0, "", fmt.Errorf("%q is not a number", orig)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, "", fmt.Errorf("%q is not a number", orig)
	}
	if spec.NonNegative && v < 0 {
		return 0, "", fmt.Errorf("negative value %s", orig)
	}
	return v, baserate.StatusNone, nil
}

func pos(file string, line int, field, msg string) error {
	return baserate.E("", baserate.KindInvalid, &baserate.PosError{File: file, Line: line, Offset: -1, Field: field, Err: errors.New(msg)})
}

func detectComma(head []byte) rune {
	best, n := ',', bytes.Count(head, []byte{','})
	for _, c := range []rune{';', '\t'} {
		if k := bytes.Count(head, []byte(string(c))); k > n {
			best, n = c, k
		}
	}
	return best
}

func trimAll(s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = strings.TrimSpace(x)
	}
	return out
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = strconv.Quote(x)
	}
	return out
}

func describe(names []string, pos []int, dims []*baserate.Dimension) string {
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = n + "=" + dims[i].Categories[pos[i]].ID
	}
	return strings.Join(parts, ", ")
}
