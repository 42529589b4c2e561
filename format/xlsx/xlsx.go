package xlsx

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
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
	// excelize unzips large parts to temporary files, and when opening
	// fails after that it returns no workbook whose Close would remove
	// them: work in a directory of our own and remove it whatever happens.
	tmp, err := os.MkdirTemp("", "baserate-xlsx-")
	if err != nil {
		return nil, baserate.E("xlsx", baserate.KindOther, fmt.Errorf("%s: %w", name, err))
	}
	defer os.RemoveAll(tmp)
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: MaxUnzipBytes, UnzipXMLSizeLimit: 256 << 20, TmpDir: tmp})
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
	// formula computes an empty cell that holds a formula without a
	// cached value (as openpyxl and pandas write them), or returns "".
	formula func(r, c int) string
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
	var hidden, numbering []string
	for _, sheet := range candidates {
		if opt.Sheet == "" {
			if visible, err := f.GetSheetVisible(sheet); err == nil && !visible {
				hidden = append(hidden, sheet)
				continue
			}
		}
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
		if hasNumber(g.rows) {
			newCellKinds(f, sheet).resolve(g)
		}
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
		if opt.Sheet != "" && hasNumber(g.rows) || hasData(g.rows) {
			if uncachedFormulas(f) {
				g.formula = func(r, c int) string {
					ref := g.ref(r, c)
					if fm, err := f.GetCellFormula(sheet, ref); err != nil || fm == "" {
						return ""
					}
					v, err := f.CalcCellValue(sheet, ref, excelize.Options{RawCellValue: true})
					if err != nil {
						return ""
					}
					return v
				}
			}
			return g, sheet, nil
		}
		if hasNumber(g.rows) {
			numbering = append(numbering, sheet)
		}
	}
	if opt.Sheet != "" {
		return nil, "", &baserate.Error{Op: "xlsx", Kind: baserate.KindInvalid, Err: &baserate.PosError{File: name, Path: opt.Sheet, Offset: -1, Err: fmt.Errorf("no numbers in the sheet%s; give another --sheet (the sheets are %q) or --range", rangeText(opt.Range), sheets)}}
	}
	var why []string
	if len(hidden) > 0 {
		why = append(why, fmt.Sprintf("hidden sheets %q were left out", hidden))
	}
	if len(numbering) > 0 {
		why = append(why, fmt.Sprintf("the numbers of %q only count rows 1, 2, 3", numbering))
	}
	return nil, "", &baserate.Error{Op: "xlsx", Kind: baserate.KindInvalid, Err: &baserate.PosError{File: name, Offset: -1, Err: fmt.Errorf("no sheet holds a table of numbers%s (sheets %q%s); name one with --sheet", inRange(opt.Range), sheets, strings.Join(append([]string{""}, why...), "; "))}}
}

func inRange(r string) string {
	if r == "" {
		return ""
	}
	return " in " + r + " (--range)"
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

// hasData reports whether rows hold numbers other than a numbering of
// rows (1, 2, 3, ... down one column, as notes and contents sheets have).
func hasData(rows [][]string) bool {
	col, n := -1, 0
	for _, r := range rows {
		for c, v := range r {
			x, ok := number(v)
			if !ok {
				continue
			}
			if col >= 0 && c != col || x != float64(n+1) {
				return true
			}
			col = c
			n++
		}
	}
	return false
}

// uncachedFormulas reports whether a worksheet of f holds a formula
// without a cached value (<f>...</f></c>), as openpyxl and pandas write
// them; excelize then reads the cell as empty.
func uncachedFormulas(f *excelize.File) bool {
	found := false
	f.Pkg.Range(func(k, v any) bool {
		p, _ := k.(string)
		b, _ := v.([]byte)
		if strings.HasPrefix(p, "xl/worksheets/") && hasUncached(b) {
			found = true
		}
		return !found
	})
	return found
}

// hasUncached finds a formula element directly followed by the end of
// its cell (<f>...</f></c> or <f .../></c>) in a worksheet's XML. It
// steps from one 'f' byte to the next, which is rare in sheet XML outside
// formulas, so it runs at memory speed.
func hasUncached(b []byte) bool {
	for off := 1; off < len(b)-1; {
		i := bytes.IndexByte(b[off:], 'f')
		if i < 0 {
			return false
		}
		i += off
		off = i + 1
		if b[i-1] != '<' || i+1 >= len(b) || b[i+1] != '>' && b[i+1] != ' ' {
			continue
		}
		gt := bytes.IndexByte(b[i:], '>')
		if gt < 0 {
			return false
		}
		end := i + gt + 1
		if b[end-2] != '/' {
			close := bytes.Index(b[end:], []byte("</f>"))
			if close < 0 {
				return false
			}
			end += close + 4
		}
		if bytes.HasPrefix(b[end:], []byte("</c>")) {
			return true
		}
		off = end
	}
	return false
}
