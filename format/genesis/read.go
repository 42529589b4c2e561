package genesis

import (
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
	"unicode/utf8"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/internal/csvrec"
)

// MaxBytes bounds the size of a file Read accepts.
const MaxBytes = 256 << 20

// MaxCells bounds the size of the dense table Read builds.
const MaxCells = 1 << 26

// readText reads all of r (at most MaxBytes) as UTF-8 text: a byte-order
// mark is dropped, and text that is not valid UTF-8 is taken as Latin-1,
// as GENESIS writes its older files.
func readText(r io.Reader, name, op string) ([]byte, error) {
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
	return b, nil
}

// Read reads a GENESIS flat CSV from r, in the GENESIS-Online layout
// (statistics_code, ..., value_variable_code) or the older one with German
// headers (Statistik_Code, ..., 1_Merkmal_Code, ..., then one column per
// value variable named CODE__Label__Unit). The table has one dimension
// "time", one per classifying variable (id = the variable code, such as
// "NAT"; categories = the attribute codes, or the attribute label where the
// code is empty, as for totals) and a last dimension "measure" (the value
// variable codes, such as "BEVSTD"). name is used in errors.
func Read(ctx context.Context, r io.Reader, name string) (*baserate.Table, error) {
	const op = "genesis.Read"
	b, err := readText(r, name, op)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comma = ';'
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, baserate.Invalid(name, 1, "empty file")
		}
		return nil, csvrec.Err(name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		if _, dup := col[strings.TrimSpace(h)]; !dup {
			col[strings.TrimSpace(h)] = i
		}
	}
	need := func(h string) (int, error) {
		i, ok := col[h]
		if !ok {
			return 0, baserate.Invalid(name, 1, "no column %q: not a GENESIS flat file", h)
		}
		return i, nil
	}
	// Two layouts: the flat file of GENESIS-Online (English headers, one
	// row per value) and the older one that the Regionaldatenbank and the
	// GENESIS clients still give (German headers; one column per value
	// variable, named CODE__Label__Unit).
	german := false
	if _, ok := col["Statistik_Code"]; ok {
		german = true
	}
	// The older layout exists in English too (language=en): no "value"
	// column, the value variables as columns.
	_, hasValue := col["value"]
	wide := german || !hasValue
	names := map[string]string{"code": "statistics_code", "label": "statistics_label", "time": "time",
		"value": "value", "vcode": "value_variable_code", "vlabel": "value_variable_label",
		"var": "_variable_", "vc": "code", "vl": "label", "ac": "attribute_code", "al": "attribute_label"}
	if german {
		names = map[string]string{"code": "Statistik_Code", "label": "Statistik_Label", "time": "Zeit",
			"var": "_", "vc": "Merkmal_Code", "vl": "Merkmal_Label", "ac": "Auspraegung_Code", "al": "Auspraegung_Label"}
	}
	var idx struct{ code, label, time, value, vcode, vlabel int }
	fields := []struct {
		h string
		i *int
	}{{names["code"], &idx.code}, {names["label"], &idx.label}, {names["time"], &idx.time}}
	if !wide {
		fields = append(fields, []struct {
			h string
			i *int
		}{{names["value"], &idx.value}, {names["vcode"], &idx.vcode}, {names["vlabel"], &idx.vlabel}}...)
	}
	for _, p := range fields {
		if *p.i, err = need(p.h); err != nil {
			return nil, err
		}
	}
	type variable struct{ code, label, acode, alabel int }
	var vars []variable
	last := idx.time
	for n := 1; ; n++ {
		p := strconv.Itoa(n) + names["var"]
		c, ok := col[p+names["vc"]]
		if !ok {
			break
		}
		// The four columns of a variable stand together; they are taken by
		// position, as Destatis's English exports of the older layout name
		// all four "n_variable_code".
		if c+3 >= len(header) {
			return nil, baserate.Invalid(name, 1, "variable %d has fewer than 4 columns", n)
		}
		v := variable{code: c, label: c + 1, acode: c + 2, alabel: c + 3}
		for _, q := range []struct {
			h string
			i int
		}{{p + names["vl"], v.label}, {p + names["ac"], v.acode}, {p + names["al"], v.alabel}} {
			if h := strings.TrimSpace(header[q.i]); h != q.h && h != p+names["vc"] {
				return nil, baserate.Invalid(name, 1, "column %d is %q where %q belongs: not a GENESIS flat file", q.i+1, h, q.h)
			}
		}
		last = max(last, v.alabel)
		vars = append(vars, v)
	}
	// In the German layout the value variables are the columns after the
	// last variable: "BEVSTD__Bevoelkerungsstand__Anzahl".
	type valueCol struct {
		i           int
		code, label string
		unit        string
	}
	var valueCols []valueCol
	if wide {
		for i := last + 1; i < len(header); i++ {
			h := strings.TrimSpace(header[i])
			if h == "" {
				continue
			}
			parts := strings.SplitN(h, "__", 3)
			vc := valueCol{i: i, code: parts[0], label: parts[0]}
			// The header writes the label's spaces as underscores
			// ("Betten_je_100.000_Einwohner").
			if len(parts) > 1 {
				vc.label = strings.ReplaceAll(parts[1], "_", " ")
			}
			if len(parts) > 2 {
				vc.unit = strings.ReplaceAll(parts[2], "_", " ")
			}
			valueCols = append(valueCols, vc)
		}
		if len(valueCols) == 0 {
			return nil, baserate.Invalid(name, 1, "no value column after the variables: not a GENESIS flat file")
		}
	}
	timeDim := &baserate.Dimension{ID: "time", Role: baserate.RoleTime}
	dims := make([]*baserate.Dimension, len(vars))
	measure := &baserate.Dimension{ID: "measure", Role: baserate.RoleMetric}
	units := map[string]string{}
	type rec struct {
		pos  []int
		v    float64
		st   baserate.Status
		line int
	}
	var recs []rec
	seen := map[string]int{}
	var tableCode, tableLabel string
	for rr, err := range csvrec.Rows(ctx, cr, name) {
		if err != nil {
			return nil, err
		}
		row, line := rr.Fields, rr.Line
		if wide && len(row) > 0 && strings.HasPrefix(strings.TrimSpace(row[0]), "__") {
			break // the footer line of the older exports
		}
		if len(row) != len(header) {
			return nil, baserate.Invalid(name, line, "ragged row: %d fields, the header has %d", len(row), len(header))
		}
		if tableCode == "" {
			tableCode, tableLabel = row[idx.code], row[idx.label]
			for _, h := range []string{"time_label", "Zeit_Label"} {
				if i, ok := col[h]; ok {
					timeDim.Label = strings.TrimSpace(row[i])
				}
			}
		} else if row[idx.code] != tableCode {
			return nil, pos(name, line, names["code"], fmt.Sprintf("table %q in a file of table %q", row[idx.code], tableCode))
		}
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
		base := make([]int, len(vars)+2)
		t := strings.TrimSpace(row[idx.time])
		if t == "" {
			return nil, pos(name, line, names["time"], "empty time")
		}
		base[0] = add(timeDim, t, "")
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
			base[i+1] = add(dims[i], id, label)
		}
		rowKey := key.String()
		one := func(mc, mlabel, value, field string) error {
			key.Reset()
			key.WriteString(rowKey)
			r := rec{pos: slices.Clone(base), line: line}
			r.pos[len(vars)+1] = add(measure, mc, mlabel)
			if first, dup := seen[key.String()]; dup {
				return baserate.Invalid(name, line, "duplicate value for %s (first at line %d)", strings.ReplaceAll(strings.TrimSuffix(key.String(), "\x00"), "\x00", ", "), first)
			}
			seen[key.String()] = line
			var err error
			r.v, r.st, err = parseValue(value)
			if err != nil {
				return pos(name, line, field, err.Error())
			}
			recs = append(recs, r)
			return nil
		}
		if wide {
			for _, vc := range valueCols {
				if vc.unit != "" {
					units[vc.code] = vc.unit
				}
				if err := one(vc.code, vc.label, row[vc.i], strings.TrimSpace(header[vc.i])); err != nil {
					return nil, err
				}
			}
			continue
		}
		mc := strings.TrimSpace(row[idx.vcode])
		if mc == "" {
			return nil, pos(name, line, "value_variable_code", "empty value variable")
		}
		if err := one(mc, row[idx.vlabel], row[idx.value], "value"); err != nil {
			return nil, err
		}
	}
	if len(recs) == 0 {
		return nil, baserate.Invalid(name, 2, "no data rows after the header")
	}
	if moved := timeOrder(timeDim); moved != nil {
		for _, r := range recs {
			r.pos[0] = moved[r.pos[0]]
		}
	}
	all := append(append([]*baserate.Dimension{timeDim}, dims...), measure)
	cells := 1
	for _, d := range all {
		cells *= d.Size()
		if cells > MaxCells {
			return nil, baserate.E(op, baserate.KindTooLarge, fmt.Sprintf("%s: the variables span more than %d cells", name, MaxCells))
		}
	}
	for i := range measure.Categories {
		if u := units[measure.Categories[i].ID]; u != "" {
			measure.Categories[i].Unit = &baserate.Unit{Label: u}
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
