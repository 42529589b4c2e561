// Package formats benchmarks the statistical format readers: MB/s of
// input on the largest peer file of each format, each beside a baseline
// that reads the same data with the standard library (encoding/csv for
// the same cells as CSV, encoding/json, compress/gzip, excelize's own
// GetRows). Run:
//
//	go test ./bench/formats -run XXX -bench . -benchtime 2s -count 3
package formats

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/baserate/baserate/format/eurostat"
	"github.com/baserate/baserate/format/jsonstat"
	"github.com/baserate/baserate/format/px"
	"github.com/baserate/baserate/format/sdmx"
	"github.com/baserate/baserate/format/warc"
	"github.com/baserate/baserate/format/xlsx"
	"github.com/baserate/baserate/internal/sharedtest"
)

func shared(b *testing.B, parts ...string) []byte {
	b.Helper()
	p := filepath.Join(append([]string{"..", "..", "..", "shared"}, parts...)...)
	data, err := os.ReadFile(p)
	if err != nil {
		sharedtest.Missing(b, err)
	}
	return data
}

func gunzip(b *testing.B, data []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		b.Fatal(err)
	}
	return out
}

// csvCells reads CSV and parses every field that is a number, as a reader
// of the same table would.
func csvCells(b *testing.B, data []byte, comma rune) int {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = comma
	r.ReuseRecord = true
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	n := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return n
		}
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range rec {
			if _, err := strconv.ParseFloat(strings.TrimSpace(f), 64); err == nil {
				n++
			}
		}
	}
}

// PX: Statistics Finland's 1.26 MB file (264,060 cells) against
// encoding/csv on px2csv-go's CSV of the same table (2.14 MB).
func BenchmarkPX(b *testing.B) {
	data := shared(b, "data", "formats", "px", "mikaelhg-px2csv-go", "010_kats_tau_101.px")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := px.Read(context.Background(), bytes.NewReader(data), px.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPXBaselineCSV(b *testing.B) {
	data := gunzip(b, shared(b, "data", "formats", "px", "mikaelhg-px2csv-go", "testout.csv.gz"))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		csvCells(b, data, ';')
	}
}

// bigPX makes a PX file of 2,000,000 cells (about 14 MB): STUB region
// (1,000) and sex (20), HEADING year (100), with ".." here and there; and
// the same table as CSV in px2csv's layout (stub columns, one column per
// year) for the baseline.
func bigPX() (pxFile, csvFile []byte) {
	var p, c bytes.Buffer
	p.WriteString("CHARSET=\"ANSI\";\nMATRIX=\"BIG\";\nSUBJECT-CODE=\"B\";\nSUBJECT-AREA=\"Bench\";\nDECIMALS=1;\nTITLE=\"Benchmark\";\nCONTENTS=\"x\";\nUNITS=\"persons\";\n")
	p.WriteString("STUB=\"region\",\"sex\";\nHEADING=\"year\";\n")
	var regions, sexes, years []string
	for i := 0; i < 1000; i++ {
		regions = append(regions, fmt.Sprintf("%q", fmt.Sprintf("R%04d", i)))
	}
	for i := 0; i < 20; i++ {
		sexes = append(sexes, fmt.Sprintf("%q", fmt.Sprintf("S%02d", i)))
	}
	for y := 1925; y < 2025; y++ {
		years = append(years, fmt.Sprintf("%q", strconv.Itoa(y)))
	}
	fmt.Fprintf(&p, "VALUES(\"region\")=%s;\nVALUES(\"sex\")=%s;\nVALUES(\"year\")=%s;\nDATA=\n", strings.Join(regions, ","), strings.Join(sexes, ","), strings.Join(years, ","))
	c.WriteString("region;sex")
	for y := 1925; y < 2025; y++ {
		fmt.Fprintf(&c, ";%d", y)
	}
	c.WriteByte('\n')
	for r := 0; r < 1000; r++ {
		for s := 0; s < 20; s++ {
			fmt.Fprintf(&c, "R%04d;S%02d", r, s)
			for y := 0; y < 100; y++ {
				if (r+s+y)%23 == 0 {
					p.WriteString("\"..\" ")
					c.WriteString(";..")
					continue
				}
				v := fmt.Sprintf("%d.%d", r*31+s*7+y, y%10)
				p.WriteString(v)
				p.WriteByte(' ')
				c.WriteByte(';')
				c.WriteString(v)
			}
			p.WriteByte('\n')
			c.WriteByte('\n')
		}
	}
	p.WriteString(";\n")
	return p.Bytes(), c.Bytes()
}

func BenchmarkPX14MB(b *testing.B) {
	data, _ := bigPX()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		t, err := px.Read(context.Background(), bytes.NewReader(data), px.Options{})
		if err != nil || len(t.Values) != 2000000 {
			b.Fatal(err)
		}
	}
}

func BenchmarkPX14MBBaselineCSV(b *testing.B) {
	_, data := bigPX()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		csvCells(b, data, ';')
	}
}

// bigTSV makes a Eurostat TSV of about 20 MB: 40,000 rows of 50 years
// with flags and ':' here and there, in the bulk-download layout.
func bigTSV() []byte {
	var buf bytes.Buffer
	buf.WriteString("freq,unit,age,sex,geo\\TIME_PERIOD")
	for y := 2024; y > 1974; y-- {
		fmt.Fprintf(&buf, "\t%d ", y)
	}
	buf.WriteByte('\n')
	for r := 0; r < 40000; r++ {
		fmt.Fprintf(&buf, "A,NR,Y%d,%c,R%05d", r%20, "FMT"[r%3], r/60)
		for y := 0; y < 50; y++ {
			switch (r + y) % 17 {
			case 0:
				buf.WriteString("\t: ")
			case 1:
				fmt.Fprintf(&buf, "\t%d p", r*7+y)
			default:
				fmt.Fprintf(&buf, "\t%d.%d ", r*3+y, y%10)
			}
		}
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

// Eurostat TSV: the real crim_just_ctz download (75 kB), and a 20 MB file
// in the same layout, each against encoding/csv with tab as delimiter.
func BenchmarkEurostatTSV(b *testing.B) {
	data := shared(b, "data", "stats", "eu-eurostat-crim-just-ctz", "crim_just_ctz_2008_2023.tsv")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := eurostat.Read(context.Background(), bytes.NewReader(data), "x.tsv"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEurostatTSVBaselineCSV(b *testing.B) {
	data := shared(b, "data", "stats", "eu-eurostat-crim-just-ctz", "crim_just_ctz_2008_2023.tsv")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		csvCells(b, data, '\t')
	}
}

func BenchmarkEurostatTSV20MB(b *testing.B) {
	data := bigTSV()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := eurostat.Read(context.Background(), bytes.NewReader(data), "x.tsv"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEurostatTSV20MBBaselineCSV(b *testing.B) {
	data := bigTSV()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		csvCells(b, data, '\t')
	}
}

// JSON-stat: Statistics Norway's 292 kB response (37,440 cells), against
// encoding/json decoding it into generic values.
func BenchmarkJSONStat(b *testing.B) {
	data := shared(b, "data", "formats", "jsonstat", "26fe-jsonstat.py", "jsonstat-tests", "fixtures", "www.ssb.no", "29843.json")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := jsonstat.Read(context.Background(), bytes.NewReader(data), "x.json"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSONStatBaselineJSON(b *testing.B) {
	data := shared(b, "data", "formats", "jsonstat", "26fe-jsonstat.py", "jsonstat-tests", "fixtures", "www.ssb.no", "29843.json")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
	}
}

// SDMX-CSV: pysdmx's 1,000-row BIS file, against encoding/csv.
func BenchmarkSDMXCSV(b *testing.B) {
	data := shared(b, "data", "formats", "sdmx-csv", "pysdmx", "sdmx10", "data_v1.csv")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := sdmx.Read(context.Background(), bytes.NewReader(data), "x.csv"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSDMXCSVBaselineCSV(b *testing.B) {
	data := shared(b, "data", "formats", "sdmx-csv", "pysdmx", "sdmx10", "data_v1.csv")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		csvCells(b, data, ',')
	}
}

// WARC: the 2.5 MB Heritrix crawl (822 records, one gzip member each),
// against decompressing the same file with compress/gzip alone.
func BenchmarkWARC(b *testing.B) {
	data := shared(b, "data", "formats", "warc", "jwat", "IAH-20080430204825-00000-blackbook.warc.gz")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		s, err := warc.Summarize(context.Background(), bytes.NewReader(data), "x")
		if err != nil || s.Records != 822 {
			b.Fatal(s, err)
		}
	}
}

func BenchmarkWARCBaselineGzip(b *testing.B) {
	data := shared(b, "data", "formats", "warc", "jwat", "IAH-20080430204825-00000-blackbook.warc.gz")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, zr)
	}
}

// XLSX: Statistics Denmark's 1.6 MB workbook, against excelize's GetRows
// on the same sheet.
func BenchmarkXLSX(b *testing.B) {
	data := shared(b, "data", "stats", "dk-dst-convicted-by-origin", "Danmark_stats_crime_socioeconomic.xlsx")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := xlsx.Read(context.Background(), bytes.NewReader(data), xlsx.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkXLSXBaselineExcelize(b *testing.B) {
	data := shared(b, "data", "stats", "dk-dst-convicted-by-origin", "Danmark_stats_crime_socioeconomic.xlsx")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.GetRows(f.GetSheetList()[0]); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
}
