package layouts

import (
	"bytes"
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"
)

// A Layout is one test workbook.
type Layout struct {
	Name  string // file name, such as "destatis-genesis.xlsx"
	About string // which publication it imitates
	Build func() ([]byte, error)
}

// All lists the layouts in a fixed order.
func All() []Layout {
	return []Layout{
		{"destatis-genesis.xlsx", "a Destatis GENESIS-Online table exported as XLSX (12411-style population table)", Destatis},
		{"destatis-blocks.xlsx", "a GENESIS / Regionalstatistik table whose outer stub variable is written as heading rows over blocks of the same labels", DestatisBlocks},
		{"homeoffice-prc-opendata.xlsx", "the Home Office's police recorded crime open data tables (one row per year, quarter, force and offence)", HomeOfficeOpenData},
		{"ons-accessible.xlsx", "an ONS / UK Government Analysis Function accessible spreadsheet (cover, notes, Table_1)", ONS},
		{"eurostat-databrowser.xlsx", "a Eurostat data browser XLSX download (crim_off_cat-style)", Eurostat},
		{"readxl-datasets.xlsx", "readxl's example workbook datasets.xlsx (iris, mtcars, chickwts, quakes; first rows)", ReadxlDatasets},
		{"readxl-deaths.xlsx", "readxl's deaths.xlsx (notes above and below, dates, booleans) and a table off A1", ReadxlDeaths},
		{"openpyxl-edges.xlsx", "openpyxl-style edge cases: empty and hidden sheets, a sheet named with spaces and non-ASCII, inline and shared strings, formulas with and without cached values, dates, booleans", Edges},
		{"date1904.xlsx", "a workbook in the 1904 date system (old Excel for Mac; openpyxl's date1904 case)", Date1904},
	}
}

type sheet struct {
	f    *excelize.File
	name string
	err  error
}

func (s *sheet) rows(r0 int, rows ...[]any) {
	for i, r := range rows {
		if s.err != nil {
			return
		}
		cell, _ := excelize.CoordinatesToCellName(1, r0+i)
		if len(r) > 0 {
			s.err = s.f.SetSheetRow(s.name, cell, &r)
		}
	}
}

func (s *sheet) merge(a, b string) {
	if s.err == nil {
		s.err = s.f.MergeCell(s.name, a, b)
	}
}

func (s *sheet) set(cell string, v any) {
	if s.err == nil {
		s.err = s.f.SetCellValue(s.name, cell, v)
	}
}

func write(f *excelize.File, errs ...error) ([]byte, error) {
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func newSheet(f *excelize.File, name string, first bool) *sheet {
	s := &sheet{f: f, name: name}
	if first {
		s.err = f.SetSheetName("Sheet1", name)
	} else {
		_, s.err = f.NewSheet(name)
	}
	return s
}

// Destatis imitates a GENESIS-Online table saved as XLSX: the table code
// and title on top, then the region and the unit; a header of three rows
// with merged cells (Stichtag over Geschlecht over Merkmal, the years as
// number cells); a stub of two label columns whose names stand in the last
// header row, the outer one written once per block; Destatis's symbols
// ("-" nothing, "." unknown or secret, "x" not sensible, "/" too
// uncertain, "..." not yet available) and flags ("123 p" provisional,
// "(15)" limited reliability); and the footer GENESIS writes
// ("__________", "Stand:", "© Statistisches Bundesamt (Destatis), 2024").
func Destatis() ([]byte, error) {
	f := excelize.NewFile()
	s := newSheet(f, "12411-0006", true)
	s.rows(1,
		[]any{"Bevölkerung: Deutschland, Stichtag, Nationalität, Geschlecht, Altersgruppen"},
		[]any{"Fortschreibung des Bevölkerungsstandes"},
		[]any{"Deutschland"},
		[]any{"Bevölkerungsstand (Anzahl, Anteil in %)"},
		nil,
		[]any{nil, nil, 2022, nil, nil, nil, 2023},
		[]any{nil, nil, "männlich", nil, "weiblich", nil, "männlich", nil, "weiblich"},
		[]any{"Nationalität", "Altersgruppe", "Anzahl", "Anteil", "Anzahl", "Anteil", "Anzahl", "Anteil", "Anzahl", "Anteil"},
		[]any{"Deutsche", "unter 18 Jahre", 6512345, 16.2, 6187654, 15.1, "6498765 p", 16.1, "6170001 p", 15.0},
		[]any{nil, "18 bis unter 65 Jahre", 24012345, 59.8, 23456789, 57.4, "23900000 p", "x", "23400000 p", "x"},
		[]any{nil, "65 Jahre und mehr", 7654321, 19.1, 9876543, 24.2, "...", "...", "...", "..."},
		[]any{"Ausländer", "unter 18 Jahre", 1876543, "(4.7)", 1765432, "/", "1901234 p", "(4.7)", "1789012 p", "/"},
		[]any{nil, "18 bis unter 65 Jahre", 5123456, 12.8, 4234567, 10.4, ".", ".", ".", "."},
		[]any{nil, "65 Jahre und mehr", 612345, 1.5, 598765, "-", "634567 p", 1.6, "612000 p", "-"},
		[]any{"__________"},
		[]any{"Fortschreibung auf Grundlage des Zensus 2011."},
		[]any{"Stand: 12.06.2024 / 10:15:31"},
		[]any{"© Statistisches Bundesamt (Destatis), 2024"},
	)
	s.merge("C6", "F6")
	s.merge("G6", "J6")
	for _, m := range [][2]string{{"C7", "D7"}, {"E7", "F7"}, {"G7", "H7"}, {"I7", "J7"}} {
		s.merge(m[0], m[1])
	}
	return write(f, s.err)
}

// DestatisBlocks imitates a GENESIS or Regionalstatistik table whose
// outer stub variable (here Geschlecht) is written as a heading row over
// each block of the inner one (the Länder), with the Stichtag dates as
// text in the header, provisional values "5534567 p" and the footer.
func DestatisBlocks() ([]byte, error) {
	f := excelize.NewFile()
	s := newSheet(f, "12411-0012", true)
	s.rows(1,
		[]any{"12411-0012: Bevölkerung: Bundesländer, Stichtag, Geschlecht"},
		[]any{"Fortschreibung des Bevölkerungsstandes"},
		[]any{"Bevölkerung (Anzahl)"},
		nil,
		[]any{"Bundesland", "31.12.2022", "31.12.2023"},
		[]any{"männlich"},
		[]any{"Baden-Württemberg", 5569862, "5604012 p"},
		[]any{"Bayern", 6585401, "6629587 p"},
		[]any{"Bremen", 340128, "."},
		[]any{"weiblich"},
		[]any{"Baden-Württemberg", 5710434, "5739512 p"},
		[]any{"Bayern", 6731238, "6771350 p"},
		[]any{"Bremen", 344719, "."},
		[]any{"Insgesamt"},
		[]any{"Baden-Württemberg", 11280296, "11343524 p"},
		[]any{"Bayern", 13316639, "13400937 p"},
		[]any{"Bremen", 684847, "."},
		[]any{"__________"},
		[]any{"Stand: 20.06.2024 / 09:48:21"},
		[]any{"© Statistisches Bundesamt (Destatis), 2024"},
	)
	return write(f, s.err)
}

// HomeOfficeOpenData imitates the Home Office's police recorded crime
// open data tables: a long table with Financial Year, Financial Quarter
// (a number, 1 to 4), Force Name, Offence Description, Offence Group,
// Offence Subgroup, Offence Code and Number of Offences.
func HomeOfficeOpenData() ([]byte, error) {
	f := excelize.NewFile()
	s := newSheet(f, "Data", true)
	s.rows(1, []any{"Financial Year", "Financial Quarter", "Force Name", "Offence Description", "Offence Group", "Offence Subgroup", "Offence Code", "Number of Offences"})
	offences := [][3]string{
		{"Burglary - residential", "Theft offences", "Burglary"},
		{"Robbery of business property", "Robbery", "Robbery"},
	}
	codes := []string{"28E", "34A"}
	row := 2
	n := 100
	for _, fy := range []string{"2022/23", "2023/24"} {
		for q := 1; q <= 4; q++ {
			for _, force := range []string{"Avon and Somerset", "Bedfordshire"} {
				for i, o := range offences {
					s.rows(row, []any{fy, q, force, o[0], o[1], o[2], codes[i], n})
					row++
					n += 7
				}
			}
		}
	}
	return write(f, s.err)
}

// ONS imitates the accessible spreadsheets of the Office for National
// Statistics and the UK Government Analysis Function guidance: a Cover
// sheet (text only, with a publication date), a Notes sheet (note numbers
// 1..n as numbers beside their text), then Table_1 whose table starts at
// A4 under a title, "This worksheet contains one table." and a source
// line; "[note n]" markers in headers and labels; numbers stored as text
// with thousands commas; shorthand "[c]" confidential, "[x]" not
// available, "[z]" not applicable and "[u]" low reliability after a value.
func ONS() ([]byte, error) {
	f := excelize.NewFile()
	c := newSheet(f, "Cover", true)
	c.rows(1,
		[]any{"Crime in England and Wales: Police Force Area data tables"},
		[]any{"This workbook contains police recorded crime figures."},
		[]any{"Publication dates"},
		[]any{"Published 24 April 2025. Next update: 24 July 2025"},
		[]any{"Contact details"},
		[]any{"crimestatistics@ons.gov.uk"},
	)
	n := newSheet(f, "Notes", false)
	n.rows(1,
		[]any{"Notes"},
		[]any{"This worksheet contains one table."},
		[]any{"Note number", "Note text"},
		[]any{1, "Police recorded crime is not designated as accredited official statistics."},
		[]any{2, "Percentage change is not shown where the base is under 50."},
		[]any{3, "Includes offences recorded by the British Transport Police."},
	)
	t := newSheet(f, "Table_1", false)
	t.rows(1,
		[]any{"Table 1: Police recorded crime by offence group, England and Wales, year ending March 2023 and 2024 [note 1]"},
		[]any{"This worksheet contains one table. Some cells refer to notes which can be found in the notes worksheet."},
		[]any{"Source: Home Office"},
		[]any{"Offence group", "Apr 2022 to Mar 2023", "Apr 2023 to Mar 2024", "Percentage change [note 2]"},
		[]any{"Total recorded crime [note 3]", "6,687,459", "6,664,591", "0"},
		[]any{"Violence against the person", "2,114,234", "2,083,532", "-1"},
		[]any{"Homicide", "602", "590", "[z]"},
		[]any{"Sexual offences", "196,889", "198,044", "1"},
		[]any{"Robbery", "74,542", "76,503", "3"},
		[]any{"Theft offences", "1,705,212", "1,810,133", "6"},
		[]any{"Miscellaneous crimes against society", "[c]", "212,345", "[x]"},
		[]any{"Fraud offences", "[x]", "45 [u]", "[x]"},
	)
	return write(f, c.err, n.err, t.err)
}

// Eurostat imitates an XLSX download from the Eurostat data browser: a
// Summary sheet listing the contents, then "Sheet 1" with the title,
// "Data extracted on ...", "Dataset:" and "Last updated:" lines, one line
// per fixed dimension ("Time frequency", "Annual"), a header row of time
// periods as text with "TIME" in its first cell, a row naming the stub
// ("GEO (Labels)"), values as numbers or ":" with each value's flag in
// the unheaded column after it, a country with no value at all, and the
// "Special value" and flags legend below.
func Eurostat() ([]byte, error) {
	f := excelize.NewFile()
	m := newSheet(f, "Summary", true)
	m.rows(1,
		[]any{"Police-recorded offences by offence category"},
		[]any{"Contents"},
		[]any{"Sheet 1", "Intentional homicide"},
		[]any{"Sheet 2", "Robbery"},
	)
	s := newSheet(f, "Sheet 1", false)
	s.rows(1,
		[]any{"Police-recorded offences by offence category"},
		nil,
		[]any{"Data extracted on 27/11/2026 10:15:31 from [ESTAT]"},
		[]any{"Dataset:", "Recorded offences by offence category - police data [crim_off_cat__custom_1234567]"},
		[]any{"Last updated:", "15/05/2025 23:00"},
		nil,
		[]any{"Time frequency", "Annual"},
		[]any{"International classification of crime for statistical purposes (ICCS)", "Intentional homicide"},
		[]any{"Unit of measure", "Number"},
		nil,
		[]any{"TIME", "2020", nil, "2021", nil, "2022", nil},
		[]any{"GEO (Labels)"},
		[]any{"Belgium", 112, nil, 98, nil, 105, "p"},
		[]any{"Bulgaria", 84, nil, ":", nil, 77, nil},
		[]any{"Germany", 782, nil, 700, "b", 793, nil},
		[]any{"France", 889, "e", 871, nil, ":", "c"},
		[]any{"Liechtenstein", ":", nil, ":", nil, ":", nil},
		nil,
		[]any{"Special value"},
		[]any{":", "not available"},
		nil,
		[]any{"Available flags:"},
		[]any{"b", "break in time series"},
		[]any{"c", "confidential"},
		[]any{"e", "estimated"},
		[]any{"p", "provisional"},
	)
	return write(f, m.err, s.err)
}

// ReadxlDatasets imitates readxl's datasets.xlsx: sheets iris, mtcars,
// chickwts and quakes of plain rectangular data with a header row (the
// first rows of each data set; mtcars without row names, as readxl wrote
// it).
func ReadxlDatasets() ([]byte, error) {
	f := excelize.NewFile()
	i := newSheet(f, "iris", true)
	i.rows(1,
		[]any{"Sepal.Length", "Sepal.Width", "Petal.Length", "Petal.Width", "Species"},
		[]any{5.1, 3.5, 1.4, 0.2, "setosa"},
		[]any{4.9, 3, 1.4, 0.2, "setosa"},
		[]any{4.7, 3.2, 1.3, 0.2, "setosa"},
		[]any{7, 3.2, 4.7, 1.4, "versicolor"},
		[]any{6.4, 3.2, 4.5, 1.5, "versicolor"},
		[]any{6.3, 3.3, 6, 2.5, "virginica"},
	)
	m := newSheet(f, "mtcars", false)
	m.rows(1,
		[]any{"mpg", "cyl", "disp", "hp", "drat", "wt", "qsec", "vs", "am", "gear", "carb"},
		[]any{21, 6, 160, 110, 3.9, 2.62, 16.46, 0, 1, 4, 4},
		[]any{21, 6, 160, 110, 3.9, 2.875, 17.02, 0, 1, 4, 4},
		[]any{22.8, 4, 108, 93, 3.85, 2.32, 18.61, 1, 1, 4, 1},
		[]any{21.4, 6, 258, 110, 3.08, 3.215, 19.44, 1, 0, 3, 1},
	)
	c := newSheet(f, "chickwts", false)
	c.rows(1,
		[]any{"weight", "feed"},
		[]any{179, "horsebean"},
		[]any{160, "horsebean"},
		[]any{309, "linseed"},
		[]any{243, "soybean"},
	)
	q := newSheet(f, "quakes", false)
	q.rows(1,
		[]any{"lat", "long", "depth", "mag", "stations"},
		[]any{-20.42, 181.62, 562, 4.8, 41},
		[]any{-20.62, 181.03, 650, 4.2, 15},
		[]any{-26, 184.1, 42, 5.4, 43},
	)
	return write(f, i.err, m.err, c.err, q.err)
}

// ReadxlDeaths imitates readxl's deaths.xlsx: notes in the first rows
// ("Lots of people", "simply cannot resist writing", ...) spread over
// several columns, the table of famous deaths (Name, Profession, Age, Has
// kids as booleans, Date of birth and Date of death as date cells), then
// notes below. A second sheet, "offset", holds a table that starts at C4
// after blank rows and columns (readxl's geometry cases).
func ReadxlDeaths() ([]byte, error) {
	f := excelize.NewFile()
	s := newSheet(f, "arts", true)
	d := func(y, m, dd int) time.Time { return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC) }
	s.rows(1,
		[]any{"Lots of people"},
		[]any{"simply cannot resist writing", nil, nil, nil, "some notes"},
		[]any{nil, "at", "the", "top"},
		[]any{"of their spreadsheets"},
		[]any{"Name", "Profession", "Age", "Has kids", "Date of birth", "Date of death"},
		[]any{"David Bowie", "musician", 69, true, d(1947, 1, 8), d(2016, 1, 10)},
		[]any{"Carrie Fisher", "actor", 60, true, d(1956, 10, 21), d(2016, 12, 27)},
		[]any{"Chuck Berry", "musician", 90, true, d(1926, 10, 18), d(2017, 3, 18)},
		[]any{"Bill Paxton", "actor", 61, true, d(1955, 5, 17), d(2017, 2, 25)},
		[]any{"Prince", "musician", 57, true, d(1958, 6, 7), d(2016, 4, 21)},
		[]any{"Alan Rickman", "actor", 69, false, d(1946, 2, 21), d(2016, 1, 14)},
		nil,
		[]any{"This sheet also has some notes"},
		[]any{"at the bottom", "which a reader must leave out"},
	)
	o := newSheet(f, "offset", false)
	o.rows(4, []any{nil, nil, "Land", "Fälle", "Aufklärungsquote"})
	o.rows(5, []any{nil, nil, "Bayern", 563412, 66.4})
	o.rows(6, []any{nil, nil, "Berlin", 536695, 45.2})
	o.rows(7, []any{nil, nil, "Bremen", 82761, 48.9})
	return write(f, s.err, o.err)
}

// Edges builds openpyxl's edge cases in one workbook: an empty first
// sheet, a hidden sheet with numbers, and a sheet named with spaces and
// non-ASCII letters whose labels are inline strings in one column and
// shared strings in another, with a total written as a formula with its
// cached value, a share written as a formula without one (as openpyxl
// and pandas write formulas), a date column and a boolean column.
func Edges() ([]byte, error) {
	f := excelize.NewFile()
	e := newSheet(f, "Leer", true)
	h := newSheet(f, "versteckt", false)
	h.rows(1, []any{"x", "y"}, []any{"a", 1}, []any{"b", 2})
	if h.err == nil {
		h.err = f.SetSheetVisible("versteckt", false)
	}
	name := "Straftaten 2023 – Übersicht"
	s := newSheet(f, name, false)
	s.rows(1, []any{"Bereich", "Delikt", "Stichtag", "Erfasst", "Fälle", "Anteil"})
	type row struct {
		area, crime string
		day         time.Time
		ok          bool
		n           int
	}
	data := []row{
		{"Nord", "Diebstahl", time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC), true, 1200},
		{"Nord", "Betrug", time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC), false, 300},
		{"Süd", "Diebstahl", time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC), true, 900},
	}
	for i, r := range data {
		y := i + 2
		if s.err == nil {
			s.err = f.SetCellDefault(name, fmt.Sprintf("A%d", y), r.area) // inline string
		}
		s.set(fmt.Sprintf("B%d", y), r.crime) // shared string
		s.set(fmt.Sprintf("C%d", y), r.day)
		s.set(fmt.Sprintf("D%d", y), r.ok)
		s.set(fmt.Sprintf("E%d", y), r.n)
		if s.err == nil {
			// no cached value, as openpyxl writes it
			s.err = f.SetCellFormula(name, fmt.Sprintf("F%d", y), fmt.Sprintf("E%d/E5", y))
		}
	}
	if s.err == nil {
		s.err = f.SetCellDefault(name, "A5", "Gesamt")
	}
	s.set("B5", "Insgesamt")
	s.set("C5", time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC))
	s.set("D5", true)
	s.set("E5", 2400) // the cached value
	if s.err == nil {
		s.err = f.SetCellFormula(name, "E5", "SUM(E2:E4)")
	}
	if s.err == nil {
		s.err = f.SetCellFormula(name, "F5", "E5/E5")
	}
	for c := 'C'; c <= 'C'; c++ {
		for y := 2; y <= 5; y++ {
			st, err := f.NewStyle(&excelize.Style{NumFmt: 14})
			if err == nil && s.err == nil {
				s.err = f.SetCellStyle(name, fmt.Sprintf("%c%d", c, y), fmt.Sprintf("%c%d", c, y), st)
			}
		}
	}
	return write(f, e.err, h.err, s.err)
}

// Date1904 builds a table whose rows are dates, in a workbook of the 1904
// date system.
func Date1904() ([]byte, error) {
	f := excelize.NewFile()
	t := true
	if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &t}); err != nil {
		return nil, err
	}
	s := newSheet(f, "Monate", true)
	s.rows(1, []any{"Monat", "Fälle"})
	st, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd")})
	if err != nil {
		return nil, err
	}
	for i, m := range []int{1, 2, 3} {
		day := time.Date(2024, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		s.set(fmt.Sprintf("A%d", i+2), day)
		s.set(fmt.Sprintf("B%d", i+2), 100+i)
		if s.err == nil {
			s.err = f.SetCellStyle("Monate", fmt.Sprintf("A%d", i+2), fmt.Sprintf("A%d", i+2), st)
		}
	}
	return write(f, s.err)
}

func ptr[T any](v T) *T { return &v }
