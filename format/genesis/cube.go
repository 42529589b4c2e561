package genesis

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
)

// IsCube reports whether head starts like a GENESIS cube file
// ("Datenquader", the export format=datencsv or the cubefile service): after
// comment lines starting "*", a line "K;DQ;".
func IsCube(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	for len(head) > 0 {
		line, rest, _ := bytes.Cut(head, []byte("\n"))
		line = bytes.TrimSpace(line)
		switch {
		case len(line) == 0 || line[0] == '*':
			head = rest
			continue
		}
		return bytes.HasPrefix(line, []byte("K;DQ;"))
	}
	return false
}

// ReadCube reads a GENESIS cube file: sections opened by "K;<name>;..."
// lines and filled by "D;..." lines. DQ names the cube, DQA its
// classifying variables, DQZ its time variable, DQI its value variables
// (with unit and decimals) and QEI the values: one row per combination of
// the variables' codes and the time, with value, quality flag, lock flag
// and falsification flag for each value variable. The table has the
// classifying variables (categories in order of appearance, codes only: a
// cube file carries no labels), the time and a last dimension "measure".
func ReadCube(ctx context.Context, r io.Reader, name string) (*baserate.Table, error) {
	const op = "genesis.ReadCube"
	b, err := readText(r, name, op)
	if err != nil {
		return nil, err
	}
	var (
		id      string
		section string
		vars    []*baserate.Dimension // DQA, then DQZ
		measure = &baserate.Dimension{ID: "measure", Role: baserate.RoleMetric}
		index   []map[string]int
		recs    []cubeRec
		seen    = map[string]int{}
	)
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		if line%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "*") {
			continue
		}
		f := strings.Split(text, ";")
		for i := range f {
			f[i] = strings.Trim(strings.TrimSpace(f[i]), `"`)
		}
		switch f[0] {
		case "K":
			if len(f) < 2 {
				return nil, baserate.Invalid(name, line, "a K line without a section name")
			}
			section = f[1]
			if section == "QEI" {
				if len(vars) == 0 || len(measure.Categories) == 0 {
					return nil, baserate.Invalid(name, line, "values (QEI) before the variables (DQA, DQZ) and value variables (DQI)")
				}
				if want := len(vars) + 2 + 4*len(measure.Categories); len(f) < want {
					return nil, baserate.Invalid(name, line, "the QEI header has %d fields; %d variables and %d value variables need %d", len(f), len(vars), len(measure.Categories), want)
				}
				index = make([]map[string]int, len(vars))
				for i := range index {
					index[i] = map[string]int{}
				}
			}
			continue
		case "D":
		default:
			return nil, baserate.Invalid(name, line, "a line must start with K (a section) or D (its data), not %q", truncate(f[0]))
		}
		if len(f) < 2 {
			return nil, baserate.Invalid(name, line, "a D line without fields")
		}
		switch section {
		case "DQ":
			if id == "" {
				id = f[1]
			}
		case "DQA", "DQZ":
			if index != nil {
				return nil, baserate.Invalid(name, line, "a variable (%s) after the values", section)
			}
			d := &baserate.Dimension{ID: f[1]}
			if section == "DQZ" {
				d.Role = baserate.RoleTime
			}
			vars = append(vars, d)
		case "DQI":
			c := baserate.Category{ID: f[1]}
			if len(f) > 2 && f[2] != "" {
				c.Unit = &baserate.Unit{Label: f[2]}
				if len(f) > 5 {
					if n, err := strconv.Atoi(f[5]); err == nil && c.Unit != nil {
						c.Unit.Decimals = n
					}
				}
			}
			measure.Categories = append(measure.Categories, c)
		case "QEI":
			rec, err := cubeRow(f[1:], vars, index, measure, name, line)
			if err != nil {
				return nil, err
			}
			for _, r := range rec {
				k := fmt.Sprint(r.pos)
				if first, dup := seen[k]; dup {
					return nil, baserate.Invalid(name, line, "duplicate value (first at line %d)", first)
				}
				seen[k] = line
				recs = append(recs, r)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, baserate.Invalid(name, line+1, "%v", err)
	}
	if index == nil {
		return nil, baserate.Invalid(name, line, "no values (no QEI section): not a GENESIS cube file with values")
	}
	// Categories keep their order of appearance, except that a time
	// variable is put in time order; the time variable follows the
	// classifying ones, as DQZ follows DQA.
	for k, d := range vars {
		if moved := timeOrder(d); moved != nil {
			for _, r := range recs {
				r.pos[k] = moved[r.pos[k]]
			}
		}
	}
	all := append(append([]*baserate.Dimension{}, vars...), measure)
	cells := 1
	for _, d := range all {
		if d.Size() == 0 {
			return nil, baserate.Invalid(name, line, "variable %s has no values", d.ID)
		}
		cells *= d.Size()
		if cells > MaxCells {
			return nil, baserate.E(op, baserate.KindTooLarge, fmt.Sprintf("%s: the variables span more than %d cells", name, MaxCells))
		}
	}
	if id == "" {
		id = "cube"
	}
	tb := baserate.New(id, all...)
	tb.Source = "GENESIS cube " + id + ", " + name
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

type cubeRec struct {
	pos []int
	v   float64
	st  baserate.Status
}

// cubeRow reads one QEI data row: the codes of the variables, then for
// each value variable its value, quality, lock and falsification flags.
func cubeRow(f []string, vars []*baserate.Dimension, index []map[string]int, measure *baserate.Dimension, name string, line int) ([]cubeRec, error) {
	if len(f) < len(vars)+4*len(measure.Categories) {
		return nil, baserate.Invalid(name, line, "%d fields; %d variables and %d value variables need %d", len(f), len(vars), len(measure.Categories), len(vars)+4*len(measure.Categories))
	}
	pos := make([]int, len(vars)+1)
	for i, d := range vars {
		code := f[i]
		if code == "" {
			return nil, baserate.Invalid(name, line, "empty code of variable %s", d.ID)
		}
		j, ok := index[i][code]
		if !ok {
			j = len(d.Categories)
			index[i][code] = j
			d.Categories = append(d.Categories, baserate.Category{ID: code})
		}
		pos[i] = j
	}
	out := make([]cubeRec, 0, len(measure.Categories))
	for m := range measure.Categories {
		v := f[len(vars)+4*m:]
		val, st := math.NaN(), baserate.StatusMissing
		if strings.TrimSpace(v[0]) != "" {
			var err error
			val, st, err = parseValue(v[0])
			if err != nil {
				return nil, baserate.E("", baserate.KindInvalid, &baserate.PosError{File: name, Line: line, Offset: -1, Field: measure.Categories[m].ID, Err: err})
			}
		}
		if q := strings.TrimSpace(v[1]); st == baserate.StatusNone && q != "" && q != "..." {
			st = baserate.Status(q) // quality: e estimated, p provisional, r revised
		}
		p := append([]int(nil), pos...)
		p[len(vars)] = m
		out = append(out, cubeRec{pos: p, v: val, st: st})
	}
	return out, nil
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
