package genesis

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/baserate/baserate"
)

// MaxBytes bounds the size of a file Read accepts.
const MaxBytes = 256 << 20

// MaxCells bounds the size of the dense table Read builds.
const MaxCells = 1 << 26

// Read reads a GENESIS flat CSV from r. The table has one dimension
// "time", one per classifying variable (id = the variable code, such as
// "NAT"; categories = the attribute codes, or the attribute label where the
// code is empty, as for totals) and a last dimension "measure" (the value
// variable codes, such as "BEVSTD"). name is used in errors.
func Read(ctx context.Context, r io.Reader, name string) (*baserate.Table, error) {
	const op = "genesis.Read"
	b, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, baserate.E(op, baserate.KindOther, fmt.Errorf("%s: %w", name, err))
	}
	if len(b) > MaxBytes {
		return nil, baserate.E(op, baserate.KindTooLarge, fmt.Sprintf("%s: larger than %d bytes", name, MaxBytes))
	}
	b = bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF})
	if !utf8.Valid(b) {
		b = latin1(b)
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comma = ';'
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, baserate.Invalid(name, 1, "empty file")
		}
		return nil, csvErr(name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	need := func(h string) (int, error) {
		i, ok := col[h]
		if !ok {
			return 0, baserate.Invalid(name, 1, "no column %q: not a GENESIS flat file", h)
		}
		return i, nil
	}
	var idx struct{ code, label, time, value, vcode, vlabel int }
	for _, p := range []struct {
		h string
		i *int
	}{{"statistics_code", &idx.code}, {"statistics_label", &idx.label}, {"time", &idx.time}, {"value", &idx.value}, {"value_variable_code", &idx.vcode}, {"value_variable_label", &idx.vlabel}} {
		if *p.i, err = need(p.h); err != nil {
			return nil, err
		}
	}
	type variable struct{ code, label, acode, alabel int }
	var vars []variable
	for n := 1; ; n++ {
		p := strconv.Itoa(n) + "_variable_"
		c, ok := col[p+"code"]
		if !ok {
			break
		}
		v := variable{code: c}
		for _, q := range []struct {
			h string
			i *int
		}{{p + "label", &v.label}, {p + "attribute_code", &v.acode}, {p + "attribute_label", &v.alabel}} {
			if *q.i, err = need(q.h); err != nil {
				return nil, err
			}
		}
		vars = append(vars, v)
	}
	timeDim := &baserate.Dimension{ID: "time", Role: baserate.RoleTime}
	dims := make([]*baserate.Dimension, len(vars))
	measure := &baserate.Dimension{ID: "measure", Role: baserate.RoleMetric}
	type rec struct {
		pos  []int
		v    float64
		st   baserate.Status
		line int
	}
	var recs []rec
	seen := map[string]int{}
	var tableCode, tableLabel string
	for {
		if len(recs)%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvErr(name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			continue
		}
		if len(row) != len(header) {
			return nil, baserate.Invalid(name, line, "ragged row: %d fields, the header has %d", len(row), len(header))
		}
		if tableCode == "" {
			tableCode, tableLabel = row[idx.code], row[idx.label]
		} else if row[idx.code] != tableCode {
			return nil, pos(name, line, "statistics_code", fmt.Sprintf("table %q in a file of table %q", row[idx.code], tableCode))
		}
		r := rec{pos: make([]int, len(vars)+2), line: line}
		var key strings.Builder
		add := func(d *baserate.Dimension, id, label string) int {
			j := d.Index(id)
			if j < 0 {
				d.Categories = append(d.Categories, baserate.Category{ID: id, Label: label})
				j = len(d.Categories) - 1
			}
			key.WriteString(id)
			key.WriteByte(0)
			return j
		}
		t := strings.TrimSpace(row[idx.time])
		if t == "" {
			return nil, pos(name, line, "time", "empty time")
		}
		r.pos[0] = add(timeDim, t, "")
		for i, v := range vars {
			code := strings.TrimSpace(row[v.code])
			if code == "" {
				return nil, pos(name, line, header[v.code], "empty variable code")
			}
			if dims[i] == nil {
				dims[i] = &baserate.Dimension{ID: code, Label: row[v.label]}
			} else if dims[i].ID != code {
				return nil, pos(name, line, header[v.code], fmt.Sprintf("variable %q where earlier rows have %q", code, dims[i].ID))
			}
			id := strings.TrimSpace(row[v.acode])
			label := strings.TrimSpace(row[v.alabel])
			if id == "" {
				id = label
			}
			if id == "" {
				return nil, pos(name, line, header[v.acode], "neither an attribute code nor a label")
			}
			r.pos[i+1] = add(dims[i], id, label)
		}
		mc := strings.TrimSpace(row[idx.vcode])
		if mc == "" {
			return nil, pos(name, line, "value_variable_code", "empty value variable")
		}
		r.pos[len(vars)+1] = add(measure, mc, row[idx.vlabel])
		if first, dup := seen[key.String()]; dup {
			return nil, baserate.Invalid(name, line, "duplicate value for %s (first at line %d)", strings.ReplaceAll(strings.TrimSuffix(key.String(), "\x00"), "\x00", ", "), first)
		}
		seen[key.String()] = line
		r.v, r.st, err = parseValue(row[idx.value])
		if err != nil {
			return nil, pos(name, line, "value", err.Error())
		}
		recs = append(recs, r)
	}
	if len(recs) == 0 {
		return nil, baserate.Invalid(name, 2, "no data rows after the header")
	}
	all := append(append([]*baserate.Dimension{timeDim}, dims...), measure)
	cells := 1
	for _, d := range all {
		cells *= d.Size()
		if cells > MaxCells {
			return nil, baserate.E(op, baserate.KindTooLarge, fmt.Sprintf("%s: the variables span more than %d cells", name, MaxCells))
		}
	}
	tb := baserate.New(tableCode, all...)
	tb.Label = tableLabel
	tb.Source = "GENESIS table " + tableCode + ", " + name
	for _, r := range recs {
		off := tb.Offset(r.pos)
		tb.Values[off] = r.v
		tb.SetStatus(off, r.st)
	}
	for off, v := range tb.Values {
		if math.IsNaN(v) && tb.StatusAt(off) == baserate.StatusNone {
			tb.SetStatus(off, baserate.StatusMissing)
		}
	}
	return tb, nil
}

// parseValue reads a GENESIS value: a number (decimal point or comma) with
// an optional trailing flag, or a special symbol.
func parseValue(s string) (float64, baserate.Status, error) {
	s = strings.TrimSpace(s)
	switch s {
	case "-":
		return 0, baserate.StatusZeroRounded, nil
	case ".":
		return math.NaN(), baserate.StatusConfidential, nil
	case "...":
		return math.NaN(), baserate.StatusNotAvailable, nil
	case "x":
		return math.NaN(), baserate.StatusNotApplic, nil
	case "/":
		return math.NaN(), "/", nil
	case "":
		return 0, "", errors.New("empty value")
	}
	st := baserate.StatusNone
	if n := len(s); n > 1 {
		switch s[n-1] {
		case 'p':
			st, s = baserate.StatusProvisional, strings.TrimSpace(s[:n-1])
		case 'e':
			st, s = baserate.StatusEstimated, strings.TrimSpace(s[:n-1])
		case 'r':
			st, s = "r", strings.TrimSpace(s[:n-1])
		}
	}
	num := s
	if strings.Contains(num, ",") && !strings.Contains(num, ".") {
		num = strings.Replace(num, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, "", fmt.Errorf("%q is not a number", s)
	}
	return v, st, nil
}

func latin1(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		out = utf8.AppendRune(out, rune(c))
	}
	return out
}

func pos(file string, line int, field, msg string) error {
	return baserate.E("", baserate.KindInvalid, &baserate.PosError{File: file, Line: line, Offset: -1, Field: field, Err: errors.New(msg)})
}

func csvErr(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return baserate.Invalid(name, pe.Line, "%s", pe.Err.Error())
	}
	return baserate.E("genesis.Read", baserate.KindInvalid, fmt.Errorf("%s: %w", name, err))
}
