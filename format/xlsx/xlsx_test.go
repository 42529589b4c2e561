package xlsx

import (
	"archive/zip"
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format/internal/peertest"
	"github.com/baserate/baserate/format/xlsx/internal/layouts"
)

// policeTable builds a workbook laid out as police statistics are: a
// title, two header rows with a merged cell, a label column with gaps,
// symbols for missing numbers and a footnote.
func policeTable(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	s := "Tabelle 1"
	f.SetSheetName("Sheet1", s)
	rows := [][]any{
		{"Tatverdächtige nach Staatsangehörigkeit, 2023"},
		{},
		{"Delikt", "Geschlecht", "Tatverdächtige", nil},
		{nil, nil, "deutsch", "nichtdeutsch"},
		{"Diebstahl", "m", 1200, 800},
		{nil, "w", 500, "-"},
		{"Betrug", "m", 300.5, 120},
		{nil, "w", 100, "."},
		{"Quelle: PKS 2023"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(s, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.MergeCell(s, "C3", "D3"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPoliceLayout(t *testing.T) {
	tb, err := Read(context.Background(), bytes.NewReader(policeTable(t)), Options{Name: "pks.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if err := tb.Validate(); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range tb.Dims {
		ids = append(ids, d.ID)
	}
	if !slices.Equal(ids, []string{"Delikt", "Geschlecht", "measure"}) {
		t.Fatalf("dims %v", ids)
	}
	if got := tb.Dims[2].IDs(); !slices.Equal(got, []string{"Tatverdächtige / deutsch", "Tatverdächtige / nichtdeutsch"}) {
		t.Errorf("measures %v", got)
	}
	if tb.At("Diebstahl", "w", "Tatverdächtige / deutsch") != 500 || tb.At("Betrug", "m", "Tatverdächtige / deutsch") != 300.5 {
		t.Errorf("values %v", tb.Values)
	}
	off, _ := tb.Lookup("Diebstahl", "w", "Tatverdächtige / nichtdeutsch")
	if !math.IsNaN(tb.Values[off]) || tb.StatusAt(off) != "-" {
		t.Errorf("symbol cell %v %q", tb.Values[off], tb.StatusAt(off))
	}
	if tb.Label != "Tatverdächtige nach Staatsangehörigkeit, 2023" || len(tb.Notes) != 1 || tb.Notes[0] != "Quelle: PKS 2023" {
		t.Errorf("label %q notes %q", tb.Label, tb.Notes)
	}
	if len(tb.Caveats) != 1 || tb.Caveats[0].Code != "xlsx-filled-labels" {
		t.Errorf("caveats %v", tb.Caveats)
	}
	// Given header rows and a range.
	tb, err = Read(context.Background(), bytes.NewReader(policeTable(t)), Options{Name: "pks.xlsx", Range: "A4:D6", HeaderRows: 1})
	if err != nil {
		t.Fatal(err)
	}
	if tb.Size() != 2*2 || tb.Dims[2].Categories[1].ID != "nichtdeutsch" {
		t.Errorf("range: %d cells %v", tb.Size(), tb.Dims[2].IDs())
	}
	// Errors name the file, sheet and cell.
	_, err = Read(context.Background(), bytes.NewReader(policeTable(t)), Options{Name: "pks.xlsx", Sheet: "Sheet4"})
	if err == nil || !strings.Contains(err.Error(), `pks.xlsx: no sheet "Sheet4"`) || baserate.KindOf(err) != baserate.KindNotFound {
		t.Errorf("sheet: %v", err)
	}
	_, err = Read(context.Background(), bytes.NewReader([]byte("not a zip")), Options{Name: "x.xlsx"})
	if err == nil || !strings.Contains(err.Error(), "x.xlsx: offset 0: not a readable XLSX") {
		t.Errorf("garbage: %v", err)
	}
	_, err = Read(context.Background(), bytes.NewReader(policeTable(t)), Options{Name: "pks.xlsx", Range: "Z9:A1"})
	if err == nil || !strings.Contains(err.Error(), "is not a cell range") {
		t.Errorf("range: %v", err)
	}
}

// TestExcelizePeers: the excelize test workbooks.
func TestExcelizePeers(t *testing.T) {
	dir := peertest.Dir(t, "xlsx", "excelize")
	open := func(name string, o Options) (*baserate.Table, error) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		o.Name = name
		return Read(context.Background(), bytes.NewReader(b), o)
	}
	// OverflowNumericCell: A1 = 8595602512225 exactly (no 32-bit overflow).
	f, err := excelize.OpenFile(filepath.Join(dir, "OverflowNumericCell.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Sheet1", excelize.Options{RawCellValue: true})
	f.Close()
	if v, ok := number(rows[0][0]); !ok || v != 8595602512225 {
		t.Errorf("overflow cell %q", rows[0][0])
	}
	tb, err := open("OverflowNumericCell.xlsx", Options{})
	if err != nil || tb.At("A") != 8595602512225 {
		t.Errorf("overflow table: %v %v", err, tb)
	}
	// SharedStrings: Sheet1 A1 "A"; Sheet2 A1 "Test Weight (Kgs)"; no Sheet4.
	f, err = excelize.OpenFile(filepath.Join(dir, "SharedStrings.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	r1, _ := f.GetRows("Sheet1")
	r2, _ := f.GetRows("Sheet2")
	f.Close()
	if r1[0][0] != "A" || r2[0][0] != "Test Weight (Kgs)" {
		t.Errorf("shared strings %q %q", r1[0][0], r2[0][0])
	}
	if _, err := open("SharedStrings.xlsx", Options{Sheet: "Sheet4"}); err == nil || !strings.Contains(err.Error(), `no sheet "Sheet4"`) {
		t.Errorf("Sheet4: %v", err)
	}
	// Every workbook either reads or says why, naming the file.
	for _, n := range []string{"SharedStrings.xlsx", "OverflowNumericCell.xlsx", "MergeCell.xlsx"} {
		tb, err := open(n, Options{})
		if err != nil {
			if !strings.Contains(err.Error(), n) {
				t.Errorf("%s: %v", n, err)
			}
			continue
		}
		if err := tb.Validate(); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte("PK\x03\x04"))
	f.Add(policeTable(f))
	for _, l := range layouts.All() {
		if b, err := l.Build(); err == nil {
			f.Add(b)
		}
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "data", "formats", "xlsx", "excelize", "*.xlsx"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		tb, err := Read(context.Background(), bytes.NewReader(b), Options{Name: "f.xlsx"})
		if err == nil {
			if err := tb.Validate(); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// TestPoliceWorkbooks reads BKA workbooks as published (../shared/data/stats):
// title lines with notes beside them, two header rows with merged cells,
// a unit row and a column-numbering row, a key column paired with the
// offence names (renamed over the years), a year column of numbers.
func TestPoliceWorkbooks(t *testing.T) {
	p := filepath.Join(peertest.Shared(t, "data", "stats", "de-bka-pks-zeitreihen"), "ZR-TV-04-T40-TV-insg-deutsch_xls.xlsx")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	tb, err := Read(context.Background(), bytes.NewReader(b), Options{Name: p})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range tb.Dims {
		ids = append(ids, d.ID)
	}
	if !slices.Equal(ids, []string{"Schlüssel", "Jahr", "measure"}) || tb.Dims[1].Size() != 38 {
		t.Fatalf("dims %v", ids)
	}
	m := tb.Dims[2].Categories[0].ID
	if v := tb.At("------", "1987", m); v != 1032115 {
		t.Errorf("------ 1987 %s = %v", m, v)
	}
	if c := tb.Dims[0].Categories[0]; c.ID != "------" || c.Label != "Straftaten insgesamt" {
		t.Errorf("first key %+v", c)
	}
}

// TestRegionalstatistikBlocks reads a Regionalstatistik table
// (12411-03-03-4, ../shared/data/stats) that stacks four years, the
// later ones each under a heading row ("31.12.2020"): the headings are a
// dimension, so the districts and age groups are not repeated as
// "(row n)" categories.
func TestRegionalstatistikBlocks(t *testing.T) {
	p := filepath.Join(peertest.Shared(t, "data", "stats", "de-kreise-pop-nationality-age-2019-2022"), "regionalstatistik_12411-03-03-4_2019-2022_as_committed.xlsx")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	tb, err := Read(context.Background(), bytes.NewReader(b), Options{Name: p})
	if err != nil {
		t.Fatal(err)
	}
	if got := tb.Dims[0].IDs(); tb.Dims[0].ID != "section" || !slices.Equal(got[:4], []string{"(first block)", "31.12.2020", "31.12.2021", "31.12.2022"}) {
		t.Fatalf("sections %s %q", tb.Dims[0].ID, got)
	}
	if tb.Dims[1].Size() != 540 || tb.Dims[2].Size() != 22 || tb.Dims[3].Size() != 2 {
		t.Errorf("sizes %d %d %d", tb.Dims[1].Size(), tb.Dims[2].Size(), tb.Dims[3].Size())
	}
	if c := tb.Dims[1].Categories[0]; c.ID != "01001" || c.Label != "Flensburg, kreisfreie Stadt" {
		t.Errorf("first district %+v", c)
	}
	if v := tb.At("(first block)", "01001", "unter 3 Jahre", "total"); v != 2700 {
		t.Errorf("Flensburg 2019 under 3 = %v", v)
	}
	if v := tb.At("(first block)", "01001", "unter 3 Jahre", "foreigners"); v != 603 {
		t.Errorf("Flensburg 2019 foreigners under 3 = %v", v)
	}
}

// TestNoTempFilesLeft: a workbook whose worksheet claims more than the
// in-memory limit and is broken makes excelize unzip it to a temporary
// file and then fail without returning the workbook, so its Close could
// never remove the file (found by FuzzRead, which left such files in
// /tmp). Read works in a directory of its own and removes it.
func TestNoTempFilesLeft(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, err := z.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
		CompressedSize64: 16, UncompressedSize64: 300 << 20, CRC32: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("not deflate data")); err != nil {
		t.Fatal(err)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = Read(context.Background(), bytes.NewReader(buf.Bytes()), Options{Name: "broken.xlsx"})
	if err == nil || !strings.Contains(err.Error(), "broken.xlsx") {
		t.Fatalf("want an error naming broken.xlsx, got %v", err)
	}
	left, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("left behind: %s", e.Name())
	}
}
