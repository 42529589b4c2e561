package pks_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/pks"
)

// makeLaenderWorkbook writes a small LA-F-01-T01-shaped workbook: a header
// row with "Schlüssel" and "Bundesland", then the given data rows.
func makeLaenderWorkbook(t testing.TB, rows [][]any) []byte {
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	f.SetCellValue(sh, "A1", "Polizeiliche Kriminalstatistik")
	f.SetCellValue(sh, "A3", "V1.1 erstellt am 04.11.2025")
	f.SetCellValue(sh, "A6", "Schlüssel")
	f.SetCellValue(sh, "B6", "Straftat")
	f.SetCellValue(sh, "C6", "Bundesland")
	for i, r := range rows {
		for j, v := range r {
			c, _ := excelize.CoordinatesToCellName(j+1, 8+i)
			f.SetCellValue(sh, c, v)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Ordinary numbers of the Länder table carry no status; only spreadsheet
// error values (a percentage of nothing) are flagged not applicable, and
// empty cells missing. (The reader used to flag every number ".".)
func TestLaenderStatus(t *testing.T) {
	row := []any{"------", "Straftaten insgesamt", "Bayern"}
	for j := range pks.LaenderMeasures {
		row = append(row, float64(100+j))
	}
	row[3+3] = "#NUM!" // attempts_pct
	row[3+4] = ""      // scene_u20k
	b := makeLaenderWorkbook(t, [][]any{row})
	tb, err := pks.ReadLaender(context.Background(), bytes.NewReader(b), "la.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	for j, m := range pks.LaenderMeasures {
		off, err := tb.Lookup("------", "Bayern", m)
		if err != nil {
			t.Fatal(err)
		}
		want := baserate.StatusNone
		switch m {
		case "attempts_pct":
			want = baserate.StatusNotApplic
		case "scene_u20k":
			want = baserate.StatusMissing
		}
		if got := tb.StatusAt(off); got != want {
			t.Errorf("%s (value %v): status %q, want %q", m, tb.Values[off], got, want)
		}
		if want == baserate.StatusNone && tb.Values[off] != float64(100+j) {
			t.Errorf("%s: value %v", m, tb.Values[off])
		}
	}
}
