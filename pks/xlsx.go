package pks

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
	"github.com/xuri/excelize/v2"
)

// MaxUnzip bounds the unpacked size of a workbook the readers accept.
const MaxUnzip = 512 << 20

// sheetRows opens the workbook in r and returns the rows of its first sheet
// as raw cell strings, and the sheet's name.
func sheetRows(ctx context.Context, r io.Reader, name string) ([][]string, string, error) {
	f, err := excelize.OpenReader(r, excelize.Options{RawCellValue: true, UnzipSizeLimit: MaxUnzip, UnzipXMLSizeLimit: MaxUnzip})
	if err != nil {
		return nil, "", baserate.E("pks", baserate.KindInvalid, fmt.Errorf("%s: not a readable .xlsx workbook: %w", name, err))
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, "", baserate.E("pks", baserate.KindInvalid, fmt.Sprintf("%s: the workbook has no sheet", name))
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, "", baserate.E("pks", baserate.KindInvalid, fmt.Errorf("%s: sheet %q: %w", name, sheets[0], err))
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		if len(out)%2048 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, "", err
			}
		}
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, "", cellErr(name, sheets[0], len(out)+1, 0, err.Error())
		}
		out = append(out, cols)
	}
	if err := rows.Error(); err != nil {
		return nil, "", baserate.E("pks", baserate.KindInvalid, fmt.Errorf("%s: sheet %q: %w", name, sheets[0], err))
	}
	return out, sheets[0], nil
}

// cellErr is an error at a cell; col is 0-based, row 1-based. col < 0
// names the row only.
func cellErr(file, sheet string, row, col int, msg string) error {
	path := fmt.Sprintf("sheet %q row %d", sheet, row)
	if col >= 0 {
		c, _ := excelize.CoordinatesToCellName(col+1, row)
		path = fmt.Sprintf("sheet %q cell %s", sheet, c)
	}
	return baserate.E("pks", baserate.KindInvalid, &baserate.PosError{File: file, Path: path, Offset: -1, Err: fmt.Errorf("%s", msg)})
}

func cell(row []string, i int) string {
	if i < len(row) {
		return strings.TrimSpace(row[i])
	}
	return ""
}

// number parses a count cell. Empty cells and the BKA's "-" are missing;
// spreadsheet error values ("#NUM!", a percentage of nothing) are missing
// and reported with flag true (not applicable). A number has flag false.
func number(s string) (float64, bool, error) {
	switch s {
	case "", "-", ".", "x":
		return math.NaN(), false, nil
	}
	if strings.HasPrefix(s, "#") { // a spreadsheet error value such as #NUM! or #DIV/0!
		return math.NaN(), true, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false, fmt.Errorf("%q is not a number", s)
	}
	return v, false, nil
}

// cleanLabel folds the non-breaking and repeated spaces the BKA labels have.
func cleanLabel(s string) string {
	s = strings.ReplaceAll(s, "\u00a0", " ")
	return strings.Join(strings.Fields(s), " ")
}

// isKey reports whether s looks like a PKS offence key: six characters of
// digits, '*' or '-'.
func isKey(s string) bool {
	if len(s) != 6 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c == '*' || c == '-') {
			return false
		}
	}
	return true
}
