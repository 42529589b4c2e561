package format_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format"
	"github.com/baserate/baserate/format/csvout"
	"github.com/baserate/baserate/format/internal/peertest"
	"github.com/baserate/baserate/format/internal/tabletest"
	"github.com/baserate/baserate/format/jsonstat"
)

// TestDetect checks that every peer file is recognised as the format of
// its folder (or refused naming the file, for the deliberately broken ones).
func TestDetect(t *testing.T) {
	root := peertest.Dir(t)
	want := map[string]format.Format{"jsonstat": format.JSONStat, "px": format.PX, "warc": format.WARC, "eurostat-tsv": format.EurostatTSV, "sdmx-csv": format.SDMXCSV, "xlsx": format.XLSX}
	n := 0
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".md") {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		kind := strings.Split(rel, string(filepath.Separator))[0]
		w, ok := want[kind]
		if !ok {
			return nil
		}
		// Files in peer folders that are not of the folder's kind.
		base := filepath.Base(p)
		switch {
		case strings.HasSuffix(base, ".cdx"), strings.HasSuffix(base, ".txt"), strings.HasSuffix(base, ".arc"), strings.HasSuffix(base, ".arc.gz"),
			strings.HasSuffix(base, ".bad"), strings.Contains(rel, "output_from_nodejs"), strings.HasPrefix(base, "px2013-keywords"),
			strings.HasSuffix(base, ".csv.gz"), base == "cases.json", strings.HasSuffix(base, "_exception.csv") && !strings.Contains(base, "structures"):
			return nil
		case kind == "warc" && (base == "example-wrong-chunks.warc.gz" || strings.HasPrefix(base, "invalid-warcfile-lonely-monkeys") || strings.HasPrefix(base, "invalid-warcfile-fields")):
		}
		if find := format.Formats(); !slices.Contains(find, w) && w != format.WARC {
			return nil // a reader not built yet
		}
		got, err := format.Detect(p)
		if err != nil || got != w {
			t.Errorf("%s: detected %q (%v), want %q", rel, got, err, w)
		}
		n++
		return nil
	})
	if n < 200 {
		t.Errorf("only %d files checked", n)
	}
}

// TestInspectPeers runs Inspect on peer files and checks the summary the
// CLI prints: dimension ids and sizes, cells, missing, WARC counts.
func TestInspectPeers(t *testing.T) {
	root := peertest.Dir(t)
	ctx := context.Background()
	for _, c := range []struct {
		file    string
		format  format.Format
		ids     []string
		sizes   []int
		missing int
	}{
		{"px/mikaelhg-px2csv-go/010_kats_tau_101.px", format.PX, []string{"Katsastusvuosi", "Merkki ja mallisarja", "Käyttöönottovuosi", "Tiedot"}, []int{5, 489, 18, 6}, 188792},
		{"px/PCAxis.Serializers/MultipleContent.px", format.PX, []string{"Statsbrgskap", "Tid", "ContentsCode"}, []int{276, 65, 3}, 0},
		{"jsonstat/rjstat/oecd.json", format.JSONStat, []string{"concept", "area", "year"}, []int{1, 36, 12}, 0},
		{"jsonstat/26fe-jsonstat.py/jsonstat-tests/fixtures/www.ssb.no/29843.json", format.JSONStat, []string{"PKoder", "ContentsCode", "Tid"}, []int{20, 6, 312}, 7200},
	} {
		s, err := format.Inspect(ctx, filepath.Join(root, c.file), format.Options{})
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		if s.Format != c.format || len(s.Datasets) != 1 {
			t.Errorf("%s: %s with %d datasets", c.file, s.Format, len(s.Datasets))
			continue
		}
		d := s.Datasets[0]
		var ids []string
		var sizes []int
		cells := 1
		for _, dim := range d.Dimensions {
			ids = append(ids, dim.ID)
			sizes = append(sizes, dim.Size)
			cells *= dim.Size
			if len(dim.Categories) != dim.Size {
				t.Errorf("%s: %s lists %d categories for size %d", c.file, dim.ID, len(dim.Categories), dim.Size)
			}
		}
		if !slices.Equal(ids, c.ids) || !slices.Equal(sizes, c.sizes) || d.Cells != cells || d.Missing != c.missing {
			t.Errorf("%s: %v %v cells %d missing %d", c.file, ids, sizes, d.Cells, d.Missing)
		}
	}
	// Bundles and collections list each dataset, links included.
	s, err := format.Inspect(ctx, filepath.Join(root, "jsonstat/26fe-jsonstat.py/jsonstat/examples/www.json-stat.org/collection.json"), format.Options{})
	if err != nil || len(s.Datasets) != 8 || s.Datasets[0].Href == "" || s.Datasets[0].Cells != 0 {
		t.Errorf("collection: %v %+v", err, s)
	}
	s, err = format.Inspect(ctx, filepath.Join(root, "jsonstat/rjstat/bundle.json"), format.Options{})
	if err != nil || len(s.Datasets) != 2 || s.Datasets[1].Missing != 2 || s.Datasets[1].Cells != 4 {
		t.Errorf("bundle: %v %+v", err, s)
	}
	s, err = format.Inspect(ctx, filepath.Join(root, "warc/jwat/IAH-20080430204825-00000-blackbook.warc.gz"), format.Options{})
	if err != nil || *s.Records != 822 || s.Types["warcinfo"] != 1 {
		t.Errorf("blackbook: %v %+v", err, s)
	}
	// Compressed files are read inside gzip.
	dir := t.TempDir()
	for _, src := range []string{"jsonstat/rjstat/oecd.json", "px/pxR/tests_review/example4.px", "eurostat-tsv/larray/test5d_eurostat.csv"} {
		b, err := os.ReadFile(filepath.Join(root, src))
		if err != nil {
			t.Fatal(err)
		}
		gz := filepath.Join(dir, filepath.Base(src)+".gz")
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		os.WriteFile(gz, buf.Bytes(), 0o644)
		plain, err1 := format.Inspect(ctx, filepath.Join(root, src), format.Options{})
		packed, err2 := format.Inspect(ctx, gz, format.Options{})
		if err1 != nil || err2 != nil || plain.Format != packed.Format || plain.Datasets[0].Cells != packed.Datasets[0].Cells || plain.Datasets[0].ID != packed.Datasets[0].ID {
			t.Errorf("%s.gz: %v %v %+v %+v", src, err1, err2, plain, packed)
		}
	}
	// An unreadable file: the error names the file and the position.
	bad := filepath.Join(root, "px/statisticssweden-PxWeb/Example/error/fatal/BE0101F1errorHeading.px")
	_, err = format.Inspect(ctx, bad, format.Options{})
	if err == nil || !strings.Contains(err.Error(), bad+":16:") {
		t.Errorf("bad px: %v", err)
	}
	bad = filepath.Join(root, "warc/warcio/example-bad-non-chunked.warc.gz")
	_, err = format.Inspect(ctx, bad, format.Options{})
	if err == nil || !strings.Contains(err.Error(), bad+": offset 0:") {
		t.Errorf("bad warc: %v", err)
	}
}

// TestRoundTripPX: PX → JSON-stat → table keeps every value, status and
// label, for every readable peer PX file.
func TestRoundTripPX(t *testing.T) {
	root := peertest.Dir(t, "px")
	ctx := context.Background()
	n := 0
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".px") || strings.Contains(p, "/error/") || strings.Contains(p, "pxspec") {
			return err
		}
		tables, _, err := format.Open(ctx, p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		var buf bytes.Buffer
		if err := jsonstat.Write(&buf, tables...); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		back, _, err := format.Read(ctx, &buf, "back.json", format.Options{})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if msg := tabletest.Diff(tables[0], back[0]); msg != "" {
			t.Errorf("%s: %s", p, msg)
		}
		n++
		return nil
	})
	if n < 100 {
		t.Errorf("only %d files", n)
	}
	t.Logf("%d PX files round-tripped through JSON-stat", n)
}

func TestGenesisTableCSV(t *testing.T) {
	in := "GENESIS-Tabelle: 12411-0001\nBevölkerung: Deutschland, Stichtag;;\n"
	_, f, err := format.Read(context.Background(), strings.NewReader(in), "12411-0001.csv", format.Options{})
	if f != format.GenesisCSV || err == nil || !strings.Contains(err.Error(), "12411-0001.csv:1: a GENESIS table laid out for reading") {
		t.Errorf("%s %v", f, err)
	}
}

func TestSummaryJSON(t *testing.T) {
	n := 2
	b, _ := json.Marshal(&format.Summary{Format: format.WARC, Records: &n, Types: map[string]int{"response": 2}})
	if string(b) != `{"format":"warc","records":2,"types":{"response":2}}` {
		t.Errorf("warc: %s", b)
	}
	b, _ = json.Marshal(&format.Summary{Format: format.JSONStat})
	if string(b) != `{"format":"jsonstat","datasets":[]}` {
		t.Errorf("empty: %s", b)
	}
	tb := baserate.New("t", baserate.NewDimension("geo", "AT"))
	b, _ = json.Marshal(&format.Summary{Format: format.CSV, Datasets: []format.DatasetSummary{format.Summarize(tb)}})
	if string(b) != `{"format":"csv","datasets":[{"id":"t","label":"","dimensions":[{"id":"geo","label":"","size":1,"categories":["AT"]}],"cells":1,"missing":1}]}` {
		t.Errorf("table: %s", b)
	}
}

func TestLongAndCSV(t *testing.T) {
	tb := baserate.New("t", baserate.NewDimension("geo", "AT", "DE"), baserate.NewDimension("year", "2020", "2021", "2022"))
	for i := range tb.Values {
		tb.Values[i] = float64(i)
	}
	tb.Values[4] = math.NaN()
	tb.SetStatus(4, ":")
	var got []string
	for r := range format.Long(tb) {
		got = append(got, strings.Join(r.IDs, "/"))
		if r.Offset == 4 && (!math.IsNaN(r.Value) || r.Status != ":") {
			t.Errorf("row 4: %+v", r)
		}
	}
	if strings.Join(got, " ") != "AT/2020 AT/2021 AT/2022 DE/2020 DE/2021 DE/2022" {
		t.Errorf("long order %v", got)
	}
	var buf bytes.Buffer
	if err := csvout.Write(&buf, tb); err != nil {
		t.Fatal(err)
	}
	want := "geo,year,value,status\nAT,2020,0,\nAT,2021,1,\nAT,2022,2,\nDE,2020,3,\nDE,2021,,:\nDE,2022,5,\n"
	if buf.String() != want {
		t.Errorf("csv:\n%s", buf.String())
	}
	// And the CSV reads back through the registry as the same cube.
	back, fm, err := format.Read(context.Background(), &buf, "t.csv", format.Options{})
	if err != nil || fm != format.CSV {
		t.Fatal(fm, err)
	}
	b := back[0]
	if len(b.Dims) != 3 || b.At("DE", "2022", "value") != 5 || !math.IsNaN(b.At("DE", "2021", "value")) {
		t.Errorf("csv back: %v %v", b.Dims, b.Values)
	}
}

// TestParquetIsWrittenNotRead checks that a Parquet file, which convert
// writes, is refused with that said and the formats that are read, not
// with "cannot tell the format".
func TestParquetIsWrittenNotRead(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{"t.parquet": "PAR1\x15\x04junk", "t.bin": "PAR1\x15\x04junk"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := format.Detect(p)
		if err == nil {
			t.Fatalf("%s: detected", name)
		}
		for _, w := range []string{name + ": a Parquet file", "baserate writes Parquet", "does not read it", "jsonstat, px"} {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %v lacks %q", name, err, w)
			}
		}
	}
}

func TestFromParquetIsWrittenNotRead(t *testing.T) {
	_, _, err := format.Read(context.Background(), strings.NewReader("PAR1"), "t.parquet", format.Options{Format: "parquet"})
	if err == nil || !strings.Contains(err.Error(), "format parquet is written (convert --to parquet), not read; the formats read are jsonstat") {
		t.Errorf("--from parquet: %v", err)
	}
}
