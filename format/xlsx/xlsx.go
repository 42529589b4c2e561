package xlsx

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/baserate/baserate"
)

// Limits.
const (
	MaxBytes      = 256 << 20
	MaxUnzipBytes = 2 << 30
	MaxCells      = 50_000_000
)

// Options choose what to read. The zero value reads the first sheet that
// has data, its used range, with the header rows detected.
type Options struct {
	Name       string // file name for errors
	Sheet      string
	Range      string // such as "A3:F200"
	HeaderRows int    // 0: detect
}

// Read reads one table from the workbook in r.
func Read(ctx context.Context, r io.Reader, opt Options) (*baserate.Table, error) {
	name := opt.Name
	if name == "" {
		name = "xlsx"
	}
	b, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, baserate.E("xlsx", baserate.KindOther, fmt.Errorf("%s: %w", name, err))
	}
	if len(b) > MaxBytes {
		return nil, baserate.E("xlsx", baserate.KindTooLarge, fmt.Sprintf("%s: larger than %d bytes", name, MaxBytes))
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: MaxUnzipBytes, UnzipXMLSizeLimit: 256 << 20})
	if err != nil {
		return nil, &baserate.Error{Op: "xlsx", Kind: baserate.KindInvalid, Err: &baserate.PosError{File: name, Offset: 0, Err: fmt.Errorf("not a readable XLSX workbook: %v", err)}}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	grid, sheet, err := load(ctx, f, name, opt, sheets)
	if err != nil {
		return nil, err
	}
	t, err := build(name, sheet, grid, opt)
	if err != nil {
		return nil, err
	}
	return t, nil
}

// cellGrid is the chosen range of a sheet: text of each cell, with the
// sheet coordinates of its top-left corner.
type cellGrid struct {
	rows       [][]string
	row0, col0 int // 1-based sheet coordinates of rows[0][0]
}

func (g *cellGrid) ref(r, c int) string {
	s, _ := excelize.CoordinatesToCellName(g.col0+c, g.row0+r)
	return s
}

func load(ctx context.Context, f *excelize.File, name string, opt Options, sheets []string) (*cellGrid, string, error) {
	var c1, r1, c2, r2 int
	if opt.Range != "" {
		a, z, ok := strings.Cut(opt.Range, ":")
		var err1, err2 error
		c1, r1, err1 = excelize.CellNameToCoordinates(strings.TrimSpace(a))
		c2, r2, err2 = excelize.CellNameToCoordinates(strings.TrimSpace(z))
		if !ok || err1 != nil || err2 != nil || c2 < c1 || r2 < r1 {
			return nil, "", baserate.E("xlsx", baserate.KindInvalid, fmt.Sprintf("range %q is not a cell range such as A3:F200", opt.Range))
		}
	}
	candidates := sheets
	if opt.Sheet != "" {
		found := false
		for _, s := range sheets {
			if s == opt.Sheet {
				found = true
			}
		}
		if !found {
			return nil, "", baserate.E("xlsx", baserate.KindNotFound, fmt.Sprintf("%s: no sheet %q (the sheets are %q)", name, opt.Sheet, sheets))
		}
		candidates = []string{opt.Sheet}
	}
	for _, sheet := range candidates {
		rows, err := f.Rows(sheet)
		if err != nil {
			return nil, "", &baserate.Error{Op: "xlsx", Kind: baserate.KindInvalid, Err: &baserate.PosError{File: name, Path: sheet, Offset: -1, Err: err}}
		}
		g := &cellGrid{row0: 1, col0: 1}
		if opt.Range != "" {
			g.row0, g.col0 = r1, c1
		}
		n := 0
		cells := 0
		for rows.Next() {
			n++
			if n&0xff == 0 {
				if err := ctx.Err(); err != nil {
					rows.Close()
					return nil, "", err
				}
			}
			if opt.Range != "" && (n < r1 || n > r2) {
				if n > r2 {
					break
				}
				continue
			}
			cols, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				rows.Close()
				return nil, "", &baserate.Error{Op: "xlsx", Kind: baserate.KindInvalid, Err: &baserate.PosError{File: name, Path: fmt.Sprintf("%s!row %d", sheet, n), Offset: -1, Err: err}}
			}
			if opt.Range != "" {
				if len(cols) >= c1 {
					cols = cols[c1-1 : min(len(cols), c2)]
				} else {
					cols = nil
				}
			}
			cells += len(cols)
			if cells > MaxCells {
				rows.Close()
				return nil, "", baserate.E("xlsx", baserate.KindTooLarge, fmt.Sprintf("%s: sheet %q has more than %d cells", name, sheet, MaxCells))
			}
			for i := range cols {
				cols[i] = strings.TrimSpace(cols[i])
			}
			g.rows = append(g.rows, cols)
		}
		rows.Close()
		// Merged cells: spread a merged value over its range (headers).
		if merges, err := f.GetMergeCells(sheet); err == nil {
			for _, m := range merges {
				ca, ra, e1 := excelize.CellNameToCoordinates(m.GetStartAxis())
				cz, rz, e2 := excelize.CellNameToCoordinates(m.GetEndAxis())
				if e1 != nil || e2 != nil || (cz-ca+1)*(rz-ra+1) > 10000 {
					continue
				}
				v := strings.TrimSpace(m.GetCellValue())
				for r := ra; r <= rz; r++ {
					for c := ca; c <= cz; c++ {
						ri, ci := r-g.row0, c-g.col0
						if ri < 0 || ci < 0 || ri >= len(g.rows) {
							continue
						}
						for len(g.rows[ri]) <= ci {
							g.rows[ri] = append(g.rows[ri], "")
						}
						if g.rows[ri][ci] == "" {
							g.rows[ri][ci] = v
						}
					}
				}
			}
		}
		if hasNumber(g.rows) {
			return g, sheet, nil
		}
	}
	if opt.Sheet != "" {
		return nil, "", &baserate.Error{Op: "xlsx", Kind: baserate.KindInvalid, Err: &baserate.PosError{File: name, Path: opt.Sheet, Offset: -1, Err: fmt.Errorf("no numbers in the sheet%s", rangeText(opt.Range))}}
	}
	return nil, "", &baserate.Error{Op: "xlsx", Kind: baserate.KindInvalid, Err: &baserate.PosError{File: name, Offset: -1, Err: fmt.Errorf("no sheet holds numbers (sheets %q)", sheets)}}
}

func rangeText(r string) string {
	if r == "" {
		return ""
	}
	return " range " + r
}

func hasNumber(rows [][]string) bool {
	for _, r := range rows {
		for _, c := range r {
			if isNumber(c) {
				return true
			}
		}
	}
	return false
}

func isNumber(s string) bool {
	_, ok := number(s)
	return ok
}

func number(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

func nonEmpty(r []string) int {
	n := 0
	for _, c := range r {
		if c != "" {
			n++
		}
	}
	return n
}

// build finds the header and data rows and makes the long table.
func build(name, sheet string, g *cellGrid, opt Options) (*baserate.Table, error) {
	rows := g.rows
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	for i := range rows {
		for len(rows[i]) < width {
			rows[i] = append(rows[i], "")
		}
	}
	// Title lines: leading rows with at most one non-empty cell.
	top := 0
	var title []string
	isTitle := func(r []string) bool {
		n := nonEmpty(r)
		return n == 0 || n == 1 && opt.HeaderRows == 0 && !hasNumber([][]string{r})
	}
	for top < len(rows) && isTitle(rows[top]) {
		for _, c := range rows[top] {
			if c != "" {
				title = append(title, c)
			}
		}
		top++
	}
	// The first data row: the first row with a number in a column whose
	// cells above (below the titles) are text.
	first := -1
	if opt.HeaderRows > 0 {
		first = top + opt.HeaderRows
	} else {
		for r := top; r < len(rows); r++ {
			nums := 0
			for _, c := range rows[r] {
				if isNumber(c) {
					nums++
				}
			}
			if nums > 0 && !isNumbering(rows[r]) {
				first = r
				break
			}
		}
	}
	if first < 0 || first >= len(rows) {
		return nil, &baserate.Error{Op: "xlsx", Kind: baserate.KindInvalid, Err: &baserate.PosError{File: name, Path: sheet, Offset: -1,
			Err: fmt.Errorf("cannot find a header row above the numbers; give --header-rows or --range")}}
	}
	// The header: the rows just above the data that fill a good part of
	// its width; a blank row, or a row with a note or two (title lines,
	// "Hinweis: ..."), ends it.
	hstart := top
	if opt.HeaderRows == 0 {
		dataWidth := nonEmpty(rows[first])
		hstart = first
		for r := first - 1; r >= top; r-- {
			if n := nonEmpty(rows[r]); n == 0 || n < 2 && dataWidth > 2 || dataWidth >= 6 && n*10 < dataWidth*3 {
				break
			}
			hstart = r
		}
	}
	for r := top; r < hstart; r++ {
		if s := strings.Join(nonEmptyCells(rows[r]), " "); s != "" {
			title = append(title, s)
		}
	}
	header := rows[hstart:first]
	var headerKept [][]string
	for _, h := range header {
		if !isNumbering(h) {
			headerKept = append(headerKept, h)
		}
	}
	header = headerKept
	// Data rows: from first on, rows that hold a number; later rows
	// without numbers are notes.
	var data []int
	var notes []string
	for r := first; r < len(rows); r++ {
		if hasNumber([][]string{rows[r]}) || nonEmpty(rows[r]) > 1 && len(data) == 0 {
			data = append(data, r)
			continue
		}
		if s := strings.Join(nonEmptyCells(rows[r]), " "); s != "" {
			notes = append(notes, s)
		}
	}
	// Measure columns: those where most data rows hold a number or a
	// short symbol; label columns: the others.
	var measures, labels []int
	for c := 0; c < width; c++ {
		num, text := 0, 0
		for _, r := range data {
			v := rows[r][c]
			switch {
			case v == "":
			case isNumber(v):
				num++
			default:
				text++
			}
		}
		switch {
		case num > 0 && num >= text && !labelHeader(header, c) && !(c == 0 && len(measures) == 0 && allYears(rows, data, c)):
			measures = append(measures, c)
		case num > 0 && num >= text:
			labels = append(labels, c)
		case text > 0:
			labels = append(labels, c)
		}
	}
	if len(measures) == 0 {
		return nil, &baserate.Error{Op: "xlsx", Kind: baserate.KindInvalid, Err: &baserate.PosError{File: name, Path: sheet, Offset: -1, Err: fmt.Errorf("no column of numbers")}}
	}
	colName := func(c int) string {
		var parts []string
		for _, h := range header {
			if v := strings.Join(strings.Fields(h[c]), " "); v != "" && (len(parts) == 0 || parts[len(parts)-1] != v) {
				parts = append(parts, v)
			}
		}
		if len(parts) == 0 {
			col, _ := excelize.ColumnNumberToName(g.col0 + c)
			return col
		}
		return strings.Join(parts, " / ")
	}
	// Fill down empty label cells first (sparse label columns), then pair
	// a code column with the name column beside it when each code has one
	// name and each name one code ("Schlüssel" and "Straftat"): one
	// dimension, codes as ids, names as labels.
	filled := 0
	for _, c := range labels {
		lastv := ""
		for _, r := range data {
			if rows[r][c] == "" && lastv != "" {
				rows[r][c] = lastv
				filled++
			}
			lastv = rows[r][c]
		}
	}
	labelCol := map[int]int{}
	var keep []int
	for k := 0; k < len(labels); k++ {
		c := labels[k]
		if k+1 < len(labels) && labels[k+1] == c+1 && pairs(rows, data, c, c+1) {
			labelCol[c] = c + 1
			keep = append(keep, c)
			k++
			continue
		}
		keep = append(keep, c)
	}
	labels = keep
	var dims []*baserate.Dimension
	index := make([]map[string]int, len(labels))
	seenDim := map[string]int{}
	for k, c := range labels {
		id := colName(c)
		if lc, ok := labelCol[c]; ok && colName(lc) != id {
			id = colName(c)
		}
		if n := seenDim[id]; n > 0 {
			id = fmt.Sprintf("%s (%d)", id, n+1)
		}
		seenDim[id]++
		dims = append(dims, &baserate.Dimension{ID: id})
		index[k] = map[string]int{}
	}
	md := &baserate.Dimension{ID: "measure", Role: baserate.RoleMetric}
	seenM := map[string]bool{}
	for _, c := range measures {
		id := colName(c)
		for n := 2; seenM[id]; n++ {
			id = fmt.Sprintf("%s (%d)", colName(c), n)
		}
		seenM[id] = true
		md.Categories = append(md.Categories, baserate.Category{ID: id})
	}
	type obs struct {
		pos  []int
		vals []string
		ref  int
	}
	var all []obs
	repeated := 0
	renamed := map[string]bool{}
	seen := map[string]int{}
	for _, r := range data {
		pos := make([]int, len(labels))
		for k, c := range labels {
			v := rows[r][c]
			if v == "" {
				v = "(blank)"
			}
			j, ok := index[k][v]
			if !ok {
				j = len(dims[k].Categories)
				index[k][v] = j
				cat := baserate.Category{ID: v}
				if lc, ok := labelCol[c]; ok {
					cat.Label = rows[r][lc]
				}
				dims[k].Categories = append(dims[k].Categories, cat)
			} else if lc, ok := labelCol[c]; ok && rows[r][lc] != "" && dims[k].Categories[j].Label != rows[r][lc] {
				// A code renamed over the rows (a time series): the
				// latest name is kept.
				dims[k].Categories[j].Label = rows[r][lc]
				renamed[dims[k].ID+"\x00"+v] = true
			}
			pos[k] = j
		}
		key := fmt.Sprint(pos)
		if _, dup := seen[key]; dup && len(labels) > 0 {
			// The same labels again (a repeated block, a sub-heading that
			// reuses a name): keep the row apart, naming its sheet row.
			k := 0
			v := fmt.Sprintf("%s (row %d)", dims[k].Categories[pos[k]].ID, g.row0+r)
			j, ok := index[k][v]
			if !ok {
				j = len(dims[k].Categories)
				index[k][v] = j
				dims[k].Categories = append(dims[k].Categories, baserate.Category{ID: v})
			}
			pos[k] = j
			key = fmt.Sprint(pos)
			repeated++
		}
		seen[key] = r
		vals := make([]string, len(measures))
		for j, c := range measures {
			vals[j] = rows[r][c]
		}
		all = append(all, obs{pos: pos, vals: vals, ref: r})
	}
	dims = append(dims, md)
	cells := 1
	for _, d := range dims {
		if d.Size() == 0 {
			d.Categories = []baserate.Category{{ID: "(all)"}}
		}
		if cells > MaxCells/d.Size() {
			var sz []string
			for _, d := range dims {
				sz = append(sz, fmt.Sprintf("%s (%d)", d.ID, max(d.Size(), 1)))
			}
			return nil, &baserate.Error{Op: "xlsx", Kind: baserate.KindTooLarge, Err: &baserate.PosError{File: name, Path: sheet, Offset: -1,
				Err: fmt.Errorf("the label columns %s span more than %d cells for %d data rows: the sheet is not one table; choose one with --range and --header-rows", strings.Join(sz, " x "), MaxCells, len(data))}}
		}
		cells *= d.Size()
	}
	t := baserate.New(sheet, dims...)
	if len(title) > 0 {
		t.Label = strings.Join(title, " ")
	}
	t.Notes = notes
	nm := len(measures)
	for _, o := range all {
		base := 0
		for k, d := range dims[:len(labels)] {
			base = base*d.Size() + o.pos[k]
		}
		base *= nm
		for j, v := range o.vals {
			if f, ok := number(v); ok {
				t.Values[base+j] = f
			} else if v != "" {
				if len(v) > 16 {
					return nil, &baserate.Error{Op: "xlsx", Kind: baserate.KindInvalid, Err: &baserate.PosError{File: name, Path: fmt.Sprintf("%s!%s", sheet, g.ref(o.ref, measures[j])), Offset: -1,
						Err: fmt.Errorf("%q in a column of numbers", v[:16]+"...")}}
				}
				t.SetStatus(base+j, baserate.Status(v))
			}
		}
	}
	first1, _ := excelize.CoordinatesToCellName(g.col0, g.row0+first)
	t.Extension = map[string]any{"xlsx": map[string]any{"sheet": sheet, "headerRows": len(header), "firstDataCell": first1}}
	if len(renamed) > 0 {
		t.AddCaveat(baserate.Caveat{Code: "xlsx-renamed-codes", Message: fmt.Sprintf("%d codes appear with more than one name in the label column beside them; each keeps the name of its last row", len(renamed)), Source: name})
	}
	if repeated > 0 {
		t.AddCaveat(baserate.Caveat{Code: "xlsx-repeated-labels", Message: fmt.Sprintf("%d rows repeat the labels of an earlier row; their last label carries the sheet row, such as \"(row 12)\"", repeated), Source: name})
	}
	if filled > 0 {
		t.AddCaveat(baserate.Caveat{Code: "xlsx-filled-labels", Message: fmt.Sprintf("%d empty label cells took the label above them", filled), Source: name})
	}
	return t, nil
}

// isNumbering reports whether a row is the column numbering some offices
// put under the header: 1, 2, 3, ... in consecutive non-empty cells.
func isNumbering(r []string) bool {
	n := 0
	for _, c := range r {
		if c == "" {
			continue
		}
		v, ok := number(c)
		if !ok || v != float64(n+1) {
			return false
		}
		n++
	}
	return n >= 3
}

// labelHeader reports whether the header of column c names categories
// (years, keys, codes) even though its cells are numbers.
func labelHeader(header [][]string, c int) bool {
	for _, h := range header {
		l := strings.ToLower(h[c])
		for _, w := range []string{"jahr", "year", "schlüssel", "schluessel", "key", "code", "kennziffer", "zeit", "period", "année", "annee", "år", "vuosi", "anno", "año", "id", "age", "âge", "alter", "ålder", "ikä", "edad", "età", "gkz", "ags", "ars"} {
			if l == w || strings.HasPrefix(l, w+" ") || strings.HasSuffix(l, " "+w) {
				return true
			}
		}
	}
	return false
}

// allYears reports whether the data cells of column c are all whole years.
func allYears(rows [][]string, data []int, c int) bool {
	n := 0
	for _, r := range data {
		v, ok := number(rows[r][c])
		if !ok {
			if rows[r][c] != "" {
				return false
			}
			continue
		}
		if v != math.Trunc(v) || v < 1800 || v > 2200 {
			return false
		}
		n++
	}
	return n > 0
}

// pairs reports whether columns a and b are a code and its name: their
// values go together, one to one but for renamings (at most 20% more
// distinct pairs than distinct values on either side).
func pairs(rows [][]string, data []int, a, b int) bool {
	as, bs, ab := map[string]bool{}, map[string]bool{}, map[[2]string]bool{}
	for _, r := range data {
		x, y := rows[r][a], rows[r][b]
		as[x], bs[y], ab[[2]string{x, y}] = true, true, true
	}
	m := max(len(as), len(bs))
	return len(as) > 1 && len(bs) > 1 && len(ab)*5 <= m*6
}

func nonEmptyCells(r []string) []string {
	var out []string
	for _, c := range r {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}
