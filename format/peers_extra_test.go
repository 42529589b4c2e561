package format_test

import (
	"context"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format"
)

// TestExtraPeers reads the files of other projects kept in
// testdata/peers (see each folder's PROVENANCE.md) and asserts what those
// projects state about them: dimension ids and sizes, values at positions,
// missing cells and statuses, labels.
func TestExtraPeers(t *testing.T) {
	ctx := context.Background()
	nan := math.NaN()
	for _, c := range []struct {
		file    string
		format  format.Format
		ids     []string
		sizes   []int
		missing int
		values  map[int]float64 // NaN: no value
		status  map[int]baserate.Status
		labels  map[string]string // "dim/category" -> label
	}{
		// pyjstat test_uk_dataset: 3 rows, 4 dimensions; value 0 = 56075912, value 2 = 28502536
		// (the ONS's declared size 8965 for a dimension of one category is overruled by the values).
		{"pyjstat/QS104EW.json", format.JSONStat,
			[]string{"2011WARDH", "CL_0000035", "Att_000001", "CL_0000137"}, []int{1, 3, 1, 1}, 0,
			map[int]float64{0: 56075912, 1: 27573376, 2: 28502536}, nil,
			map[string]string{"2011WARDH/K04000001": "England and Wales", "CL_0000035/CI_0000070": "Females"}},
		// Statistics Finland's fixtures: nulls with status "2" (not applicable), a lone null value.
		{"jsonstatgraphs/with-nulls.json", format.JSONStat,
			[]string{"vuosineljannes", "energialahde", "tiedot"}, []int{12, 3, 1}, 12,
			map[int]float64{0: nan, 11: nan, 12: -1.31, 35: 2.09}, map[int]baserate.Status{0: "2", 11: "2", 12: ""},
			map[string]string{"energialahde/SSS": "SSS TOTAL ENERGY CONSUMPTION"}},
		{"jsonstatgraphs/key-figure-null.json", format.JSONStat,
			[]string{"vuosi", "alue", "tiedot"}, []int{1, 1, 1}, 1, map[int]float64{0: nan}, nil,
			map[string]string{"alue/091": "Helsinki"}},
		// pyaxis test_statistical_disclosure: value 0 is NaN (".."), value 804 is "" (".").
		{"pyaxis/27067.px", format.PX,
			[]string{"Comunidades y Ciudades Autónomas", "Divisiones", "Índice y tasas", "Periodo"}, []int{1, 29, 4, 7}, 460,
			map[int]float64{0: nan, 56: 100, 804: nan}, map[int]baserate.Status{0: "..", 804: "."},
			map[string]string{"Comunidades y Ciudades Autónomas/CA06": "06 Cantabria"}},
		// pyaxis test_read: 1001.px ends "6.21 5.95;"; ISO-8859-15 labels decoded.
		{"pyaxis/1001.px", format.PX,
			[]string{"Sector económico", "Sexo", "Periodo"}, []int{7, 3, 24}, 0,
			map[int]float64{0: 0.86, 502: 6.21, 503: 5.95}, nil,
			map[string]string{"Sector económico/Construcción": "Construcción"}},
		// pystatis test_get_data: 17 rows; the total row has no attribute code and is named by its label.
		{"pystatis/11111-0001.csv", format.GenesisCSV,
			[]string{"time", "DLAND", "measure"}, []int{1, 17, 1}, 0,
			map[int]float64{0: 35747.85, 16: 357595.99}, nil,
			map[string]string{"DLAND/08": "Baden-Württemberg", "DLAND/Insgesamt": "Insgesamt", "measure/FLC006": "Gebietsflaeche"}},
		// Destatis's response recorded by pystatis: 32 years x 8 value variables, Latin-1.
		{"pystatis/23111-0001_flat.csv", format.GenesisCSV,
			[]string{"time", "DINSG", "measure"}, []int{32, 1, 8}, 0,
			map[int]float64{0: 2411, 1: 665565, 6: 14.0, 255: 69.0}, nil,
			map[string]string{"DINSG/DG": "Deutschland", "measure/GES012": "Durchschnittliche Verweildauer"}},
		// The same layout in English as Destatis sent it (language=en): the four columns of each
		// variable all named "n_variable_code"; "x" (not applicable) and "/" (too uncertain).
		{"pystatis/12211-0001_flat.csv", format.GenesisCSV,
			[]string{"time", "DINSG", "GES", "ALT068", "measure"}, []int{1, 1, 3, 15, 5}, 16,
			map[int]float64{0: 6174, 1: nan, 62: nan, 224: 39397}, map[int]baserate.Status{1: baserate.StatusNotApplic, 62: "/"},
			map[string]string{"GES/GESW": "Female", "GES/Total": "Total", "ALT068/ALT075UM": "75 years and over",
				"measure/ERW042": "Unemployed persons from primary residence hh."}},
	} {
		path := filepath.Join("testdata", "peers", c.file)
		tables, f, err := format.Open(ctx, path)
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		if f != c.format || len(tables) != 1 {
			t.Errorf("%s: %s, %d tables", c.file, f, len(tables))
			continue
		}
		tb := tables[0]
		if err := tb.Validate(); err != nil {
			t.Errorf("%s: %v", c.file, err)
		}
		var ids []string
		var sizes []int
		for _, d := range tb.Dims {
			ids = append(ids, d.ID)
			sizes = append(sizes, d.Size())
		}
		if !slices.Equal(ids, c.ids) || !slices.Equal(sizes, c.sizes) || tb.Missing() != c.missing {
			t.Errorf("%s: %q %v missing %d", c.file, ids, sizes, tb.Missing())
			continue
		}
		for i, v := range c.values {
			if got := tb.Values[i]; !(got == v || math.IsNaN(v) && math.IsNaN(got)) {
				t.Errorf("%s: value %d = %v, want %v", c.file, i, got, v)
			}
		}
		for i, s := range c.status {
			if got := tb.StatusAt(i); got != s {
				t.Errorf("%s: status %d = %q, want %q", c.file, i, got, s)
			}
		}
		for k, want := range c.labels {
			dim, cat, _ := strings.Cut(k, "/")
			got := "(no such category)"
			for _, d := range tb.Dims {
				if j := d.Index(cat); d.ID == dim && j >= 0 {
					got = d.Categories[j].Label
				}
			}
			if got != want {
				t.Errorf("%s: label of %s = %q, want %q", c.file, k, got, want)
			}
		}
		// What inspect prints agrees with the table.
		s, err := format.Inspect(ctx, path, format.Options{})
		if err != nil || s.Datasets[0].Cells != len(tb.Values) || s.Datasets[0].Missing != c.missing {
			t.Errorf("%s: inspect %v %+v", c.file, err, s)
		}
	}
}

// TestExtraPeersWARC: warcio's torture files (rebuilt with CRLF, see
// testdata/peers/warcio/PROVENANCE.md): the records and types warcio's
// check lists.
func TestExtraPeersWARC(t *testing.T) {
	for _, c := range []struct {
		file    string
		records int
		types   map[string]int
	}{
		{"warcio/standard-torture-validate-record.warc", 17, map[string]int{"warcinfo": 3, "response": 1, "resource": 3, "request": 2,
			"metadata": 2, "revisit": 3, "conversion": 1, "continuation": 2}},
		{"warcio/standard-torture-missing.warc", 1, map[string]int{"warcinfo": 1}},
	} {
		s, err := format.Inspect(context.Background(), filepath.Join("testdata", "peers", c.file), format.Options{})
		if err != nil || s.Format != format.WARC || *s.Records != c.records || !maps.Equal(s.Types, c.types) {
			t.Errorf("%s: %v %+v", c.file, err, s)
		}
	}
}

// TestEmptyWARCFile: a file named .warc is WARC even when empty (no
// records, as jwarc's emptyFileShouldReturnNoRecords has it).
func TestEmptyWARCFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "empty.warc")
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := format.Inspect(context.Background(), p, format.Options{})
	if err != nil || s.Format != format.WARC || s.Records == nil || *s.Records != 0 {
		t.Errorf("%v %+v", err, s)
	}
}
