package xlsx

import (
	"bytes"
	"context"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format/xlsx/internal/layouts"
)

var update = flag.Bool("update", false, "write the layout workbooks to format/testdata/xlsx for the CLI scripts")

// TestLayoutFiles: the workbooks the CLI scripts read are the ones the
// builders make (go test ./format/xlsx -run TestLayoutFiles -update).
func TestLayoutFiles(t *testing.T) {
	dir := filepath.Join("..", "testdata", "xlsx")
	for _, l := range layouts.All() {
		b, err := l.Build()
		if err != nil {
			t.Fatalf("%s: %v", l.Name, err)
		}
		p := filepath.Join(dir, l.Name)
		if *update {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		kept, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("%v (run with -update)", err)
		}
		a, errA := Read(context.Background(), bytes.NewReader(b), Options{Name: l.Name})
		k, errK := Read(context.Background(), bytes.NewReader(kept), Options{Name: l.Name})
		if (errA == nil) != (errK == nil) || errA == nil && (a.Size() != k.Size() || a.Missing() != k.Missing()) {
			t.Errorf("%s: the kept file differs from the builder's (run with -update)", l.Name)
		}
	}
}

func layout(t *testing.T, name string, o Options) (*baserate.Table, error) {
	t.Helper()
	for _, l := range layouts.All() {
		if l.Name == name {
			b, err := l.Build()
			if err != nil {
				t.Fatal(err)
			}
			o.Name = name
			tb, err := Read(context.Background(), bytes.NewReader(b), o)
			if err == nil {
				if err := tb.Validate(); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
			}
			return tb, err
		}
	}
	t.Fatalf("no layout %s", name)
	return nil, nil
}

func mustLayout(t *testing.T, name string, o Options) *baserate.Table {
	t.Helper()
	tb, err := layout(t, name, o)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return tb
}

// shape is what inspect reports: dimension ids and sizes, cells, missing.
func shape(tb *baserate.Table) string {
	var b strings.Builder
	for i, d := range tb.Dims {
		if i > 0 {
			b.WriteString(" x ")
		}
		b.WriteString(d.ID)
		b.WriteString("(")
		b.WriteString(itoa(d.Size()))
		b.WriteString(")")
	}
	b.WriteString(" cells " + itoa(tb.Size()) + " missing " + itoa(tb.Missing()))
	return b.String()
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// cell checks one cell's value (NaN for none) and status.
func cell(t *testing.T, tb *baserate.Table, want float64, status string, ids ...string) {
	t.Helper()
	off, err := tb.Lookup(ids...)
	if err != nil {
		t.Errorf("%v: %v", ids, err)
		return
	}
	v := tb.Values[off]
	if !(math.IsNaN(want) && math.IsNaN(v) || v == want) || string(tb.StatusAt(off)) != status {
		t.Errorf("%v = %v %q, want %v %q", ids, v, tb.StatusAt(off), want, status)
	}
}

func caveats(tb *baserate.Table) []string {
	var cs []string
	for _, c := range tb.Caveats {
		cs = append(cs, c.Code)
	}
	return cs
}

func attr(tb *baserate.Table, col, id string) string {
	x, _ := tb.Extension["xlsx"].(map[string]any)
	a, _ := x["attributes"].(map[string]map[string]string)
	return a[col][id]
}

var nan = math.NaN()

func TestDestatisGenesis(t *testing.T) {
	tb := mustLayout(t, "destatis-genesis.xlsx", Options{})
	if got, want := shape(tb), "Nationalität(2) x Altersgruppe(3) x time(2) x header row 7(2) x measure(2) cells 48 missing 14"; got != want {
		t.Fatalf("shape %s, want %s", got, want)
	}
	// Year over sex over measure: three dimensions, the years as time.
	if d := tb.Dims[2]; !slices.Equal(d.IDs(), []string{"2022", "2023"}) || d.Role != baserate.RoleTime {
		t.Errorf("years %+v", d)
	}
	if got := tb.Dims[3].IDs(); !slices.Equal(got, []string{"männlich", "weiblich"}) {
		t.Errorf("sexes %q", got)
	}
	if got := tb.Dims[4].IDs(); !slices.Equal(got, []string{"Anzahl", "Anteil"}) || tb.Dims[4].Role != baserate.RoleMetric {
		t.Errorf("measures %q", got)
	}
	cell(t, tb, 6512345, "", "Deutsche", "unter 18 Jahre", "2022", "männlich", "Anzahl")
	cell(t, tb, 6498765, "p", "Deutsche", "unter 18 Jahre", "2023", "männlich", "Anzahl")
	cell(t, tb, nan, "x", "Deutsche", "18 bis unter 65 Jahre", "2023", "männlich", "Anteil")
	cell(t, tb, nan, "...", "Deutsche", "65 Jahre und mehr", "2023", "weiblich", "Anzahl")
	cell(t, tb, 4.7, "()", "Ausländer", "unter 18 Jahre", "2022", "männlich", "Anteil")
	cell(t, tb, nan, "/", "Ausländer", "unter 18 Jahre", "2022", "weiblich", "Anteil")
	cell(t, tb, nan, ".", "Ausländer", "18 bis unter 65 Jahre", "2023", "weiblich", "Anzahl")
	cell(t, tb, nan, "-", "Ausländer", "65 Jahre und mehr", "2022", "weiblich", "Anteil")
	if !strings.HasPrefix(tb.Label, "Bevölkerung: Deutschland, Stichtag") || len(tb.Notes) != 4 || tb.Notes[3] != "© Statistisches Bundesamt (Destatis), 2024" || !strings.HasPrefix(tb.Notes[2], "Stand:") {
		t.Errorf("label %q notes %q", tb.Label, tb.Notes)
	}
	if !slices.Equal(caveats(tb), []string{"xlsx-filled-labels"}) {
		t.Errorf("caveats %v", caveats(tb))
	}
}

func TestONSAccessible(t *testing.T) {
	tb := mustLayout(t, "ons-accessible.xlsx", Options{})
	if tb.ID != "Table_1" {
		t.Fatalf("sheet %s: the cover and notes sheets should be passed over", tb.ID)
	}
	if got, want := shape(tb), "Offence group(8) x measure(3) cells 24 missing 5"; got != want {
		t.Fatalf("shape %s, want %s", got, want)
	}
	if got := tb.Dims[1].IDs(); !slices.Equal(got, []string{"Apr 2022 to Mar 2023", "Apr 2023 to Mar 2024", "Percentage change"}) {
		t.Errorf("measures %q", got)
	}
	if c := tb.Dims[0].Categories[0]; c.ID != "Total recorded crime" || c.Label != "Total recorded crime [note 3]" {
		t.Errorf("first category %+v", c)
	}
	cell(t, tb, 6687459, "", "Total recorded crime", "Apr 2022 to Mar 2023")
	cell(t, tb, -1, "", "Violence against the person", "Percentage change")
	cell(t, tb, nan, "[z]", "Homicide", "Percentage change")
	cell(t, tb, nan, "[c]", "Miscellaneous crimes against society", "Apr 2022 to Mar 2023")
	cell(t, tb, nan, "[x]", "Fraud offences", "Apr 2022 to Mar 2023")
	cell(t, tb, 45, "[u]", "Fraud offences", "Apr 2023 to Mar 2024")
	if !strings.Contains(tb.Label, "This worksheet contains one table") {
		t.Errorf("label %q", tb.Label)
	}
	// The notes sheet, asked for: its note numbers are numbers.
	tb = mustLayout(t, "ons-accessible.xlsx", Options{Sheet: "Notes"})
	if got, want := shape(tb), "Note text(3) x measure(1) cells 3 missing 0"; got != want {
		t.Errorf("notes sheet %s, want %s", got, want)
	}
	// The cover sheet has no numbers: the error says which option to give.
	_, err := layout(t, "ons-accessible.xlsx", Options{Sheet: "Cover"})
	if err == nil || !strings.Contains(err.Error(), "ons-accessible.xlsx") || !strings.Contains(err.Error(), "--range") {
		t.Errorf("cover: %v", err)
	}
}

func TestEurostatDownload(t *testing.T) {
	tb := mustLayout(t, "eurostat-databrowser.xlsx", Options{})
	if tb.ID != "Sheet 1" {
		t.Fatalf("sheet %s", tb.ID)
	}
	if got, want := shape(tb), "GEO (Labels)(5) x measure(3) cells 15 missing 5"; got != want {
		t.Fatalf("shape %s, want %s", got, want)
	}
	if got := tb.Dims[1].IDs(); !slices.Equal(got, []string{"2020", "2021", "2022"}) {
		t.Errorf("periods %q", got)
	}
	cell(t, tb, 105, "p", "Belgium", "2022")
	cell(t, tb, nan, ":", "Bulgaria", "2021")
	cell(t, tb, 700, "b", "Germany", "2021")
	cell(t, tb, 889, "e", "France", "2020")
	cell(t, tb, nan, "c", "France", "2022")
	cell(t, tb, nan, ":", "Liechtenstein", "2020")
	if !strings.Contains(tb.Label, "Data extracted on") || !strings.Contains(tb.Label, "Unit of measure Number") {
		t.Errorf("label %q", tb.Label)
	}
	if len(tb.Notes) != 7 || tb.Notes[0] != "Special value" || tb.Notes[1] != ": not available" {
		t.Errorf("notes %q", tb.Notes)
	}
}

func TestReadxlDatasets(t *testing.T) {
	for _, c := range []struct {
		sheet, shape string
	}{
		{"", "row(6) x measure(4) cells 24 missing 0"},
		{"mtcars", "row(4) x measure(11) cells 44 missing 0"},
		{"chickwts", "row(4) x measure(1) cells 4 missing 0"},
		{"quakes", "row(3) x measure(5) cells 15 missing 0"},
	} {
		tb := mustLayout(t, "readxl-datasets.xlsx", Options{Sheet: c.sheet})
		if got := shape(tb); got != c.shape {
			t.Errorf("%s: %s, want %s", c.sheet, got, c.shape)
		}
		if !slices.Contains(caveats(tb), "xlsx-record-rows") {
			t.Errorf("%s: caveats %v", c.sheet, caveats(tb))
		}
	}
	tb := mustLayout(t, "readxl-datasets.xlsx", Options{})
	if tb.ID != "iris" || tb.Dims[0].Categories[3].Label != "versicolor" || tb.Dims[0].Label != "Species" {
		t.Errorf("iris rows %+v", tb.Dims[0])
	}
	cell(t, tb, 4.7, "", "5", "Petal.Length")
	tb = mustLayout(t, "readxl-datasets.xlsx", Options{Sheet: "mtcars"})
	cell(t, tb, 258, "", "5", "disp")
	cell(t, tb, 2.875, "", "3", "wt")
	tb = mustLayout(t, "readxl-datasets.xlsx", Options{Sheet: "quakes"})
	cell(t, tb, -26, "", "4", "lat")
}

func TestReadxlDeaths(t *testing.T) {
	tb := mustLayout(t, "readxl-deaths.xlsx", Options{})
	if got, want := shape(tb), "Name(6) x measure(1) cells 6 missing 0"; got != want {
		t.Fatalf("shape %s, want %s", got, want)
	}
	cell(t, tb, 69, "", "David Bowie", "Age")
	cell(t, tb, 57, "", "Prince", "Age")
	for _, c := range [][3]string{
		{"Profession", "Prince", "musician"},
		{"Has kids", "Alan Rickman", "FALSE"},
		{"Has kids", "Prince", "TRUE"},
		{"Date of birth", "Chuck Berry", "1926-10-18"},
		{"Date of death", "Carrie Fisher", "2016-12-27"},
	} {
		if got := attr(tb, c[0], c[1]); got != c[2] {
			t.Errorf("%s of %s = %q, want %q", c[0], c[1], got, c[2])
		}
	}
	if !strings.HasPrefix(tb.Label, "Lots of people") || len(tb.Notes) != 2 || tb.Notes[1] != "at the bottom which a reader must leave out" {
		t.Errorf("label %q notes %q", tb.Label, tb.Notes)
	}
	// The same table chosen by range and header rows.
	tb = mustLayout(t, "readxl-deaths.xlsx", Options{Range: "A5:F11", HeaderRows: 1})
	if got, want := shape(tb), "Name(6) x measure(1) cells 6 missing 0"; got != want {
		t.Errorf("range: %s, want %s", got, want)
	}
	// A table off A1, after blank rows and columns.
	tb = mustLayout(t, "readxl-deaths.xlsx", Options{Sheet: "offset"})
	if got, want := shape(tb), "Land(3) x measure(2) cells 6 missing 0"; got != want {
		t.Fatalf("offset: %s, want %s", got, want)
	}
	cell(t, tb, 45.2, "", "Berlin", "Aufklärungsquote")
	if x := tb.Extension["xlsx"].(map[string]any); x["firstDataCell"] != "A5" {
		t.Errorf("first data cell %v", x["firstDataCell"])
	}
}

func TestOpenpyxlEdges(t *testing.T) {
	tb := mustLayout(t, "openpyxl-edges.xlsx", Options{})
	if tb.ID != "Straftaten 2023 – Übersicht" {
		t.Fatalf("sheet %q: the empty and the hidden sheet should be passed over", tb.ID)
	}
	if got, want := shape(tb), "Bereich(3) x Delikt(3) x Stichtag(1) x measure(2) cells 18 missing 10"; got != want {
		t.Fatalf("shape %s, want %s", got, want)
	}
	d := "2023-12-31"                                        // the date cells, one value: a dimension of size one
	cell(t, tb, 1200, "", "Nord", "Diebstahl", d, "Fälle")   // inline string label
	cell(t, tb, 2400, "", "Gesamt", "Insgesamt", d, "Fälle") // formula with cached value
	cell(t, tb, 0.125, "", "Nord", "Betrug", d, "Anteil")    // formula without one
	cell(t, tb, 1, "", "Gesamt", "Insgesamt", d, "Anteil")
	if got := attr(tb, "Erfasst", "Nord / Betrug / 2023-12-31"); got != "FALSE" {
		t.Errorf("boolean attribute %q", got)
	}
	// The hidden sheet is read when named.
	tb = mustLayout(t, "openpyxl-edges.xlsx", Options{Sheet: "versteckt"})
	if got, want := shape(tb), "x(2) x measure(1) cells 2 missing 0"; got != want {
		t.Errorf("hidden: %s, want %s", got, want)
	}
	// The empty sheet, named: the error names file and sheet and says
	// which option to give.
	_, err := layout(t, "openpyxl-edges.xlsx", Options{Sheet: "Leer"})
	if err == nil || !strings.Contains(err.Error(), "openpyxl-edges.xlsx: Leer") || !strings.Contains(err.Error(), "--range") {
		t.Errorf("empty sheet: %v", err)
	}
}

func TestDate1904(t *testing.T) {
	tb := mustLayout(t, "date1904.xlsx", Options{})
	if got, want := shape(tb), "Monat(3) x measure(1) cells 3 missing 0"; got != want {
		t.Fatalf("shape %s, want %s", got, want)
	}
	if got := tb.Dims[0].IDs(); !slices.Equal(got, []string{"2024-01-01", "2024-02-01", "2024-03-01"}) {
		t.Errorf("dates %q", got)
	}
	cell(t, tb, 101, "", "2024-02-01", "Fälle")
}

// TestHiddenOnly: when the only table is on a hidden sheet, the error
// says so and names --sheet.
func TestNumbersAndSymbols(t *testing.T) {
	for _, c := range []struct {
		in     string
		v      float64
		status string
		ok     bool
	}{
		{"1234", 1234, "", true},
		{"6,687,459", 6687459, "", true},
		{"-1,234.5", -1234.5, "", true},
		{"123 p", 123, "p", true},
		{"45 [u]", 45, "[u]", true},
		{"(4.7)", 4.7, "()", true},
		{"12,5", 0, "", false}, // a decimal comma in a text cell: not read
		{"1,23,456", 0, "", false},
		{"01001", 0, "", false}, // a code with a leading zero
		{"0.5", 0.5, "", true},
		{"Kreis 12", 0, "", false},
	} {
		v, st, ok := flaggedNumber(c.in)
		if ok != c.ok || ok && (v != c.v || st != c.status) {
			t.Errorf("%q: %v %q %v", c.in, v, st, ok)
		}
	}
	for s, want := range map[string]bool{"-": true, ".": true, "...": true, "/": true, "x": true, ":": true, "()": true, "[c]": true, "[low]": true, "–": true, "Berlin": false, "12": false, "": false} {
		if isSymbol(s) != want {
			t.Errorf("isSymbol(%q) = %v", s, !want)
		}
	}
	for _, c := range []struct {
		id   int
		code string
		want bool
	}{{14, "", true}, {22, "", true}, {0, "", false}, {3, "", false}, {164, "yyyy-mm-dd", true}, {165, `#,##0 "Tsd."`, false}, {166, "[$-407]dd. mmmm yyyy", true}, {167, "0.0E+00", false}, {168, "0.0%", false}} {
		if isDateFormat(c.id, c.code) != c.want {
			t.Errorf("isDateFormat(%d, %q) = %v", c.id, c.code, !c.want)
		}
	}
}

func TestHasUncached(t *testing.T) {
	for in, want := range map[string]bool{
		`<c r="F2" t="str"><f>E2/E5</f></c>`:                           true,
		`<c r="F2"><f t="shared" si="0"/></c>`:                         true,
		`<c r="E5"><f>SUM(E2:E4)</f><v>2400</v></c>`:                   false,
		`<c r="E5"><f t="shared" ref="E5:E9" si="0"/><v>1</v></c>`:     false,
		`<sheetFormatPr defaultRowHeight="15"/><c r="A1"><v>1</v></c>`: false,
	} {
		if got := hasUncached([]byte(in)); got != want {
			t.Errorf("%s: %v", in, got)
		}
	}
}

// TestDetectionErrors: when detection fails, the error names the file,
// the sheet and the option to give.
func TestDetectionErrors(t *testing.T) {
	_, err := layout(t, "readxl-deaths.xlsx", Options{HeaderRows: 40})
	if err == nil || !strings.Contains(err.Error(), "readxl-deaths.xlsx: arts: cannot find the rows of numbers below a header; give --header-rows N") {
		t.Errorf("header rows past the end: %v", err)
	}
	// Header rows given so that no row of numbers is left below them
	// (this indexed an empty list of data rows).
	_, err = layout(t, "destatis-genesis.xlsx", Options{Range: "A6:J8", HeaderRows: 1})
	if err == nil || !strings.Contains(err.Error(), "no column of numbers; choose the table with --range and --header-rows") {
		t.Errorf("no data rows: %v", err)
	}
	// Only a hidden sheet holds numbers.
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "Siehe Tabelle")
	f.NewSheet("Daten")
	f.SetSheetRow("Daten", "A1", &[]any{"Land", "Fälle"})
	f.SetSheetRow("Daten", "A2", &[]any{"Bayern", 563412})
	f.SetSheetVisible("Daten", false)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	_, err = Read(context.Background(), bytes.NewReader(buf.Bytes()), Options{Name: "h.xlsx"})
	if err == nil || !strings.Contains(err.Error(), `h.xlsx: no sheet holds a table of numbers (sheets ["Sheet1" "Daten"]; hidden sheets ["Daten"] were left out); name one with --sheet`) {
		t.Errorf("hidden: %v", err)
	}
	tb, err := Read(context.Background(), bytes.NewReader(buf.Bytes()), Options{Name: "h.xlsx", Sheet: "Daten"})
	if err != nil || tb.At("Bayern", "Fälle") != 563412 {
		t.Errorf("hidden, named: %v", err)
	}
	// A range without numbers.
	_, err = layout(t, "destatis-genesis.xlsx", Options{Range: "A1:B5"})
	if err == nil || !strings.Contains(err.Error(), "no sheet holds a table of numbers in A1:B5 (--range)") {
		t.Errorf("range: %v", err)
	}
}

func TestDestatisBlocks(t *testing.T) {
	tb := mustLayout(t, "destatis-blocks.xlsx", Options{})
	if got, want := shape(tb), "section(3) x Bundesland(3) x measure(2) cells 18 missing 3"; got != want {
		t.Fatalf("shape %s, want %s", got, want)
	}
	if got := tb.Dims[0].IDs(); !slices.Equal(got, []string{"männlich", "weiblich", "Insgesamt"}) {
		t.Errorf("sections %q", got)
	}
	if got := tb.Dims[2].IDs(); !slices.Equal(got, []string{"31.12.2022", "31.12.2023"}) {
		t.Errorf("measures %q", got)
	}
	cell(t, tb, 5569862, "", "männlich", "Baden-Württemberg", "31.12.2022")
	cell(t, tb, 6771350, "p", "weiblich", "Bayern", "31.12.2023")
	cell(t, tb, nan, ".", "Insgesamt", "Bremen", "31.12.2023")
	if len(tb.Notes) != 3 || tb.Notes[1] != "Stand: 20.06.2024 / 09:48:21" {
		t.Errorf("notes %q", tb.Notes)
	}
}

// TestGermanTextNumbers: numbers stored as text in German notation, as a
// German office's workbook may hold them beside number cells.
func TestGermanTextNumbers(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{
		{"Land", "Fälle", "Quote"},
		{"Bayern", "5.604.012 p", 66.4},
		{"Berlin", "536.695 p", "45,2"},
		{"Bremen", 82761, 0.125},
		{"Hamburg", "1.234", "12,345"},
		{"Saarland", "5.6O4", 51.5},
	}
	for i, r := range rows {
		f.SetSheetRow("Sheet1", "A"+itoa(i+1), &r)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	tb, err := Read(context.Background(), bytes.NewReader(buf.Bytes()), Options{Name: "de.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	cell(t, tb, 5604012, "p", "Bayern", "Fälle")
	cell(t, tb, 536695, "p", "Berlin", "Fälle")
	cell(t, tb, 45.2, "", "Berlin", "Quote")
	cell(t, tb, 0.125, "", "Bremen", "Quote")   // a number cell, untouched
	cell(t, tb, 1.234, "", "Hamburg", "Fälle")  // cannot be told from a number cell
	cell(t, tb, 12.345, "", "Hamburg", "Quote") // a German sheet: the comma is decimal
	cell(t, tb, nan, "5.6O4", "Saarland", "Fälle")
	if cs := caveats(tb); !slices.Contains(cs, "xlsx-german-text-numbers") || !slices.Contains(cs, "xlsx-unread-numbers") {
		t.Errorf("caveats %v", cs)
	}
	for _, c := range tb.Caveats {
		if c.Code == "xlsx-unread-numbers" && !strings.Contains(c.Message, `"5.6O4" at B6`) {
			t.Errorf("unread: %s", c.Message)
		}
	}
	// An English sheet keeps "12,345" as twelve thousand.
	tb = mustLayout(t, "ons-accessible.xlsx", Options{})
	if slices.Contains(caveats(tb), "xlsx-german-text-numbers") {
		t.Errorf("ONS read as German")
	}
}

// FuzzOptions reads the layout workbooks with fuzzed options: any sheet,
// range and number of header rows must give a valid table or an error,
// never a panic.
func FuzzOptions(f *testing.F) {
	var books [][]byte
	var sheets [][]string
	for _, l := range layouts.All() {
		b, err := l.Build()
		if err != nil {
			f.Fatal(err)
		}
		x, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			f.Fatal(err)
		}
		books = append(books, b)
		sheets = append(sheets, x.GetSheetList())
		x.Close()
	}
	f.Add(uint8(0), uint8(0), uint8(0), "")
	f.Add(uint8(1), uint8(0), uint8(1), "A1:C9")
	f.Add(uint8(5), uint8(1), uint8(1), "A5:F11")
	f.Add(uint8(3), uint8(0), uint8(3), "B2:D4")
	f.Fuzz(func(t *testing.T, book, sheet, headerRows uint8, rng string) {
		i := int(book) % len(books)
		o := Options{Name: "f.xlsx", HeaderRows: int(headerRows % 12), Range: rng}
		if sheet > 0 {
			o.Sheet = sheets[i][int(sheet-1)%len(sheets[i])]
		}
		tb, err := Read(context.Background(), bytes.NewReader(books[i]), o)
		if err == nil {
			if err := tb.Validate(); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// TestOneYearHeader: a header with one year as a number cell beside text
// headers is a header, not the first data row.
func TestOneYearHeader(t *testing.T) {
	f := excelize.NewFile()
	for i, r := range [][]any{
		{"Offence", 2023, "Change %"},
		{"Theft", 1200, 3},
		{"Fraud", 800, -2},
	} {
		f.SetSheetRow("Sheet1", "A"+itoa(i+1), &r)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	tb, err := Read(context.Background(), bytes.NewReader(buf.Bytes()), Options{Name: "y.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := shape(tb), "Offence(2) x measure(2) cells 4 missing 0"; got != want {
		t.Fatalf("shape %s, want %s", got, want)
	}
	cell(t, tb, 800, "", "Fraud", "2023")
	cell(t, tb, -2, "", "Fraud", "Change %")
}

func TestHomeOfficeOpenData(t *testing.T) {
	tb := mustLayout(t, "homeoffice-prc-opendata.xlsx", Options{})
	if got, want := shape(tb), "Financial Year(2) x Financial Quarter(4) x Force Name(2) x Offence Description(2) x measure(1) cells 32 missing 0"; got != want {
		t.Fatalf("shape %s, want %s", got, want)
	}
	cell(t, tb, 100, "", "2022/23", "1", "Avon and Somerset", "Burglary - residential", "Number of Offences")
	cell(t, tb, 100+31*7, "", "2023/24", "4", "Bedfordshire", "Robbery of business property", "Number of Offences")
	if got := attr(tb, "Offence Code", "2023/24 / 4 / Bedfordshire / Robbery of business property"); got != "34A" {
		t.Errorf("code attribute %q", got)
	}
}

// TestEurostatMergedPeriods: a download whose time periods are merged
// over the value and flag columns, and one whose flags stand in the value
// cells ("105 p").
func TestEurostatMergedPeriods(t *testing.T) {
	f := excelize.NewFile()
	for i, r := range [][]any{
		{"TIME", "2021", nil, "2022", nil},
		{"GEO (Labels)"},
		{"Belgium", 98, nil, "105 p", nil},
		{"Germany", 700, "b", 793, nil},
		{"France", 871, nil, ":", "c"},
	} {
		f.SetSheetRow("Sheet1", "A"+itoa(i+1), &r)
	}
	f.MergeCell("Sheet1", "B1", "C1")
	f.MergeCell("Sheet1", "D1", "E1")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	tb, err := Read(context.Background(), bytes.NewReader(buf.Bytes()), Options{Name: "m.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := shape(tb), "GEO (Labels)(3) x measure(2) cells 6 missing 1"; got != want {
		t.Fatalf("shape %s, want %s", got, want)
	}
	cell(t, tb, 105, "p", "Belgium", "2022")
	cell(t, tb, 700, "b", "Germany", "2021")
	cell(t, tb, nan, "c", "France", "2022")
}

// TestConstantLabel: a label column with one value for all rows (the
// year of a one-year table) stays a dimension of size one, though the
// column before it tells the rows apart.
func TestConstantLabel(t *testing.T) {
	f := excelize.NewFile()
	for i, r := range [][]any{
		{"Land", "Jahr", "Fälle"},
		{"Bayern", 2023, 563412},
		{"Berlin", 2023, 536695},
		{"Bremen", 2023, 82761},
	} {
		f.SetSheetRow("Sheet1", "A"+itoa(i+1), &r)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	tb, err := Read(context.Background(), bytes.NewReader(buf.Bytes()), Options{Name: "c.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := shape(tb), "Land(3) x Jahr(1) x measure(1) cells 3 missing 0"; got != want {
		t.Fatalf("shape %s, want %s", got, want)
	}
	cell(t, tb, 536695, "", "Berlin", "2023", "Fälle")
}
