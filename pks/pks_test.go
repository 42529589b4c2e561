package pks_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/internal/sharedtest"
	"github.com/baserate/baserate/pks"
)

// shared returns the path of a file under ../shared/data/stats, or skips
// (outside CI) or fails (in CI) when the data are not there.
func shared(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", "data", "stats", rel)
	sharedtest.Need(t, p)
	return p
}

func readTS(t *testing.T, rel string) *baserate.Table {
	t.Helper()
	f, err := os.Open(shared(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tb, err := pks.ReadTimeSeries(context.Background(), f, filepath.Base(rel))
	if err != nil {
		t.Fatal(err)
	}
	if err := tb.Validate(); err != nil {
		t.Fatal(err)
	}
	return tb
}

// The readers' numbers equal the tidy CSV that was extracted independently
// with Python's openpyxl (see the folder's PROVENANCE.md), cell by cell.
func TestTimeSeriesMatchesIndependentExtraction(t *testing.T) {
	tabs := map[string]*baserate.Table{
		pks.German:    readTS(t, "de-bka-pks-zeitreihen/ZR-TV-04-T40-TV-insg-deutsch_xls.xlsx"),
		pks.NonGerman: readTS(t, "de-bka-pks-zeitreihen/ZR-TV-07-T50-TV-insg-nichtdeutsch_xls.xlsx"),
	}
	f, err := os.Open(shared(t, "de-bka-pks-zeitreihen/pks_tv_by_citizenship_age_1987_2024.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// CSV columns of the counts in pks.AgeBands order.
	cols := []string{"tv_total", "age_0_6", "age_6_8", "age_8_10", "age_10_12", "age_12_14", "kinder_u14", "age_14_16", "age_16_18", "jugendliche_14_18",
		"heranwachsende_18_21", "tv_u21", "age_21_23", "age_23_25", "erw_21_25", "age_25_30", "age_30_40", "age_40_50", "age_50_60", "age_60plus", "erw_21plus"}
	idx := map[string]int{}
	for i, h := range rows[0] {
		idx[h] = i
	}
	repair := map[string]string{"3e+100": "3**100", "3e+200": "3**200", "3e+300": "3**300", "4e+100": "4**100", "4e+200": "4**200", "4e+300": "4**300"}
	checked := 0
	for _, r := range rows[1:] {
		tb := tabs[r[0]]
		key := r[2]
		if k, ok := repair[key]; ok {
			key = k
		}
		for j, c := range cols {
			want, err := strconv.ParseFloat(r[idx[c]], 64)
			if err != nil {
				t.Fatalf("csv %v: %v", r[:3], err)
			}
			got := tb.At(r[0], key, r[1], pks.AgeBands[j])
			if got != want {
				t.Fatalf("%s %s %s %s: reader %v, csv %v", r[0], key, r[1], pks.AgeBands[j], got, want)
			}
			checked++
		}
	}
	// Every non-missing cell of the reader's tables was checked.
	present := 0
	for _, tb := range tabs {
		present += len(tb.Values) - tb.Missing()
	}
	if present != checked {
		t.Errorf("reader has %d values, the CSV %d", present, checked)
	}
	if got := tabs[pks.NonGerman].At(pks.NonGerman, "890000", "2023", "total"); got != 694981 {
		t.Errorf("2023 non-German 890000 = %v, want 694981", got)
	}
	// The disjoint bands add up to the total.
	tb := tabs[pks.German]
	var sum float64
	for _, b := range pks.DisjointAgeBands {
		sum += tb.At(pks.German, "------", "2023", b)
	}
	if sum != tb.At(pks.German, "------", "2023", "total") {
		t.Errorf("disjoint bands sum to %v, total %v", sum, tb.At(pks.German, "------", "2023", "total"))
	}
	if !strings.Contains(strings.Join(tb.Notes, " "), "2009") {
		t.Errorf("the 2009 counting-change remark is not in the notes: %q", tb.Notes)
	}
}

func TestLaenderMatchesIndependentExtraction(t *testing.T) {
	f, err := os.Open(shared(t, "de-bka-pks-laender/LA-F-01-T01-Laender-Faelle_2024.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tb, err := pks.ReadLaender(context.Background(), f, "LA-F-01-T01.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	c, err := os.Open(shared(t, "de-bka-pks-laender/pks_laender_faelle_tv_nichtdeutsch_2024.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	rows, err := csv.NewReader(c).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// csv columns 4.. are the measures in order.
	n := 0
	for _, r := range rows[1:] {
		for j, m := range pks.LaenderMeasures {
			s := r[4+j]
			got := tb.At(r[1], r[3], m)
			if s == "" {
				if !math.IsNaN(got) {
					t.Fatalf("%s %s %s: reader %v, csv empty", r[1], r[3], m, got)
				}
				continue
			}
			want, err := strconv.ParseFloat(s, 64)
			if err != nil {
				continue // the csv keeps spreadsheet errors as text
			}
			if got != want {
				t.Fatalf("%s %s %s: reader %v, csv %v", r[1], r[3], m, got, want)
			}
			n++
		}
	}
	if n < 300000 {
		t.Errorf("only %d values compared", n)
	}
	if got := tb.At("------", "Bayern", "suspects_nongerman"); got != 153990 {
		t.Errorf("Bayern non-German suspects = %v", got)
	}
}

// makeWorkbook writes a small T40-shaped workbook.
func makeWorkbook(t testing.TB, title string, rows [][]any) []byte {
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	f.SetCellValue(sh, "A2", title)
	f.SetCellValue(sh, "A5", "V1.0 erstellt am: 19.03.2025")
	for i, h := range []string{"Schlüssel", "Straftat", "Jahr", "Tatverdächtige insgesamt"} {
		c, _ := excelize.CoordinatesToCellName(i+1, 6)
		f.SetCellValue(sh, c, h)
	}
	for i, r := range rows {
		for j, v := range r {
			c, _ := excelize.CoordinatesToCellName(j+1, 13+i)
			f.SetCellValue(sh, c, v)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func dataRow(key string, year any, total any) []any {
	r := []any{key, "Straftaten insgesamt", year, total}
	for len(r) < 31 {
		r = append(r, 1)
	}
	return r
}

func TestTimeSeriesErrorsNameTheCell(t *testing.T) {
	for _, tc := range []struct {
		name  string
		title string
		rows  [][]any
		want  string
	}{
		{"text count", "Deutsche Tatverdächtige insgesamt nach Alter", [][]any{dataRow("------", 2023, "viele")}, `x.xlsx: sheet "Sheet1" cell D13: "viele" is not a number`},
		{"bad year", "Deutsche Tatverdächtige insgesamt nach Alter", [][]any{dataRow("------", "20x3", 5)}, `cell C13: year "20x3" is not a year`},
		{"duplicate", "Deutsche Tatverdächtige insgesamt nach Alter", [][]any{dataRow("------", 2023, 5), dataRow("------", 2023, 6)}, `sheet "Sheet1" row 14: offence ------, year 2023 appears twice (first in row 13)`},
		{"negative", "Nichtdeutsche Tatverdächtige insgesamt nach Alter", [][]any{dataRow("892000", 2023, -5)}, `cell D13: negative count -5`},
		{"not T40", "Fälle insgesamt", [][]any{dataRow("------", 2023, 5)}, `not table T40 or T50`},
		{"bad key", "Deutsche Tatverdächtige insgesamt nach Alter", [][]any{dataRow("89x000", 2023, 5)}, `cell A13: "89x000" is not an offence key`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := makeWorkbook(t, tc.title, tc.rows)
			_, err := pks.ReadTimeSeries(context.Background(), bytes.NewReader(b), "x.xlsx")
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want %q", err, tc.want)
			}
			if baserate.KindOf(err) != baserate.KindInvalid {
				t.Errorf("kind %v", baserate.KindOf(err))
			}
		})
	}
	b := makeWorkbook(t, "Deutsche Tatverdächtige insgesamt nach Alter", [][]any{dataRow("------", 2023, 5)})
	tb, err := pks.ReadTimeSeries(context.Background(), bytes.NewReader(b), "x.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if tb.At(pks.German, "------", "2023", "total") != 5 {
		t.Errorf("total = %v", tb.At(pks.German, "------", "2023", "total"))
	}
	if _, err := pks.ReadTimeSeries(context.Background(), strings.NewReader("not a zip"), "x.xlsx"); err == nil || !strings.Contains(err.Error(), "x.xlsx: not a readable .xlsx") {
		t.Errorf("garbage: %v", err)
	}
}

func FuzzReadTimeSeries(f *testing.F) {
	f.Add(makeWorkbook(f, "Deutsche Tatverdächtige insgesamt nach Alter", [][]any{dataRow("------", 2023, 5), dataRow("892000", 2023, 1)}))
	f.Add(makeWorkbook(f, "Nichtdeutsche Tatverdächtige", [][]any{dataRow("------", 1987, "x")}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		tb, err := pks.ReadTimeSeries(context.Background(), bytes.NewReader(b), "f.xlsx")
		if err != nil {
			if baserate.KindOf(err) != baserate.KindInvalid {
				t.Fatalf("kind %v: %v", baserate.KindOf(err), err)
			}
			return
		}
		if err := tb.Validate(); err != nil {
			t.Fatal(err)
		}
	})
}

// The district table: the numbers of a few rows read by hand from the CSV,
// and sums that the file's own columns imply.
func TestKreise(t *testing.T) {
	for _, c := range []struct {
		file   string
		kreise int
		// ------ in Flensburg: cases, suspects, non-German suspects
		cases, sus, nd float64
	}{
		{"de-bka-pks-kreise/KR-F-01-T01-Kreise-Faelle-HZ_2022.csv", 400, 9677, 3772, 1311},
		{"de-bka-pks-kreise/KR-F-01-T01-Kreise-Faelle-HZ_2020_with_pop.csv", 401, 8380, 3618, 1233},
	} {
		f, err := os.Open(shared(t, c.file))
		if err != nil {
			t.Fatal(err)
		}
		tb, err := pks.ReadKreise(context.Background(), f, filepath.Base(c.file))
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := tb.Validate(); err != nil {
			t.Fatal(err)
		}
		kd, _ := tb.Dim("kreis")
		if kd.Size() != c.kreise {
			t.Errorf("%s: %d districts", c.file, kd.Size())
		}
		if got := tb.At("------", "01001", "cases"); got != c.cases {
			t.Errorf("%s: Flensburg cases %v", c.file, got)
		}
		if got := tb.At("------", "01001", "suspects"); got != c.sus {
			t.Errorf("%s: Flensburg suspects %v", c.file, got)
		}
		if got := tb.At("------", "01001", "suspects_nongerman"); got != c.nd {
			t.Errorf("%s: Flensburg non-German suspects %v", c.file, got)
		}
		if kd.Categories[kd.Index("01003")].Label != "Lübeck" {
			t.Errorf("Latin-1 not decoded: %q", kd.Categories[kd.Index("01003")].Label)
		}
		arts := tb.Extension[pks.KreisartKey].(map[string]string)
		if arts["01001"] != "KfS" || arts["01051"] != "K" || arts["02000"] != "KfS" {
			t.Errorf("district types %v %v %v", arts["01001"], arts["01051"], arts["02000"])
		}
		// Male and female suspects add up to all suspects in every row.
		od, _ := tb.Dim("offence")
		for _, o := range od.IDs() {
			for _, k := range kd.IDs() {
				s, m, w := tb.At(o, k, "suspects"), tb.At(o, k, "suspects_male"), tb.At(o, k, "suspects_female")
				if s == s && m+w != s {
					t.Fatalf("%s %s %s: %v + %v != %v", c.file, o, k, m, w, s)
				}
			}
		}
	}
	for _, bad := range []struct{ in, err string }{
		{"a;b\n", "kr.csv:1: not table KR-F-01-T01"},
		{"1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18\nSchluessel;Straftat;Gemeindeschluessel;x;x;x;x;x;x;x;x;x;x;x;x;x;x;x\n------;all;1001;Flensburg;KfS;1;1;1;1;1;1;1;1;1;1;0;x1;1\n", `kr.csv:3: field 17 (suspects_nongerman): "x1" is not a number`},
		{"1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18\nSchluessel;Straftat;Gemeindeschluessel;x;x;x;x;x;x;x;x;x;x;x;x;x;x;x\n------;all;abc;Flensburg;KfS;1;1;1;1;1;1;1;1;1;1;0;1;1\n", `kr.csv:3: field "Gemeindeschluessel": "abc" is not a district key`},
		// The error names the file's line, not the record's number, after a blank line.
		{"1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18\nSchluessel;Straftat;Gemeindeschluessel;x;x;x;x;x;x;x;x;x;x;x;x;x;x;x\n\n------;all;abc;Flensburg;KfS;1;1;1;1;1;1;1;1;1;1;0;1;1\n", `kr.csv:4: field "Gemeindeschluessel": "abc" is not a district key`},
	} {
		_, err := pks.ReadKreise(context.Background(), strings.NewReader(bad.in), "kr.csv")
		if err == nil || !strings.Contains(err.Error(), bad.err) {
			t.Errorf("error %v, want %q", err, bad.err)
		}
	}
}

// FuzzReadKreise: no panic on any input; a table that is read is valid and
// its errors are of kind invalid.
func FuzzReadKreise(f *testing.F) {
	head := "1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18\nSchluessel;Straftat;Gemeindeschluessel;Stadt-/Landkreis;Kreisart;a;b;c;d;e;f;g;h;i;j;k;l;m\n"
	f.Add([]byte(head + "------;Straftaten insgesamt;1001;Flensburg;KfS;9,677;10,621;764;7.9;12;6;5,824;60.2;3,772;2,876;896;1,311;34.8\n"))
	f.Add([]byte(head + "892000;Gewalt;9162;M\xfcnchen;KfS;1;2;3;4;5;6;7;8;9;5;4;3;2\n892000;Gewalt;9162;x;y;1;2;3;4;5;6;7;8;9;5;4;3;2\n"))
	f.Add([]byte(head))
	f.Fuzz(func(t *testing.T, b []byte) {
		tb, err := pks.ReadKreise(context.Background(), bytes.NewReader(b), "f.csv")
		if err != nil {
			if k := baserate.KindOf(err); k != baserate.KindInvalid {
				t.Fatalf("kind %v: %v", k, err)
			}
			return
		}
		if err := tb.Validate(); err != nil {
			t.Fatal(err)
		}
	})
}

// The names of a key are kept per year, so that a renamed key (what it
// covers changed) can be found; spacing is cleaned.
func TestTimeSeriesLabelsByYear(t *testing.T) {
	old := dataRow("111000", 2016, 5)
	old[1] = "Vergewaltigung und sexuelle Nötigung §§ 177 Abs. 2, 3 und 4, 178 StGB"
	renamed := dataRow("111000", 2017, 6)
	renamed[1] = "Vergewaltigung\u00a0und sexuelle  Nötigung/Übergriffe §§ 177 Abs. 1, 2, 3, 4, 6, 7, 8 und 9, 178 StGB"
	b := makeWorkbook(t, "Deutsche Tatverdächtige insgesamt nach Alter", [][]any{old, renamed})
	labels, err := pks.ReadTimeSeriesLabels(context.Background(), bytes.NewReader(b), "x.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{
		2016: "Vergewaltigung und sexuelle Nötigung §§ 177 Abs. 2, 3 und 4, 178 StGB",
		2017: "Vergewaltigung und sexuelle Nötigung/Übergriffe §§ 177 Abs. 1, 2, 3, 4, 6, 7, 8 und 9, 178 StGB",
	}
	if diff := cmp.Diff(want, labels["111000"]); diff != "" {
		t.Errorf("labels of 111000 (-want +got):\n%s", diff)
	}
	if _, err := pks.ReadTimeSeriesLabels(context.Background(), strings.NewReader("not a zip"), "x.xlsx"); err == nil {
		t.Error("garbage read without error")
	}
}
