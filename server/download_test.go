package server

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/baserate/baserate/format/parquet/parquettest"
)

// parquetColumn is one column of a Parquet file as a reader sees it.
type parquetColumn struct {
	Name     string
	Kind     string // "string", "int64" or "double"
	Optional bool
}

// readParquet reads a Parquet file back (parquettest.Read).
func readParquet(t *testing.T, b []byte) ([]parquetColumn, [][]string) {
	cols, rows := parquettest.Read(t, b)
	out := make([]parquetColumn, len(cols))
	for i, c := range cols {
		out[i] = parquetColumn(c)
	}
	return out, rows
}

// TestParquetDownloadIsTheCSV: every download offered as both CSV and
// Parquet has the same columns in the same order and the same cells in
// both, a double value, a string status, and an integer year where the
// years are integers.
func TestParquetDownloadIsTheCSV(t *testing.T) {
	ts := testServer(t)
	_, b := get(t, ts.URL+"/api/v1/datasets")
	var ds struct {
		Datasets []struct{ ID string }
	}
	if err := json.Unmarshal(b, &ds); err != nil || len(ds.Datasets) < 5 {
		t.Fatalf("datasets: %v %s", err, b)
	}
	paths := []string{
		"/api/v1/factsheet?year=2023&offence=890000",
		"/api/v1/factsheet?year=2023&offence=890000&group=nichtdeutsch",
		"/api/v1/factsheet?year=2022&offence=892000&area=09162",
	}
	for _, d := range ds.Datasets {
		paths = append(paths, "/api/v1/datasets/"+d.ID+"/data?")
	}
	// The year column's type in each download: int64 where the dataset
	// has a year of plain integers, string for destatis-population's
	// dates (1989-12-31).
	yearKind := map[string]string{
		paths[0]:                              "int64",
		"/api/v1/datasets/pks-suspects/data?": "int64",
		"/api/v1/datasets/destatis-population/data?": "string",
	}
	for _, p := range paths {
		sep := "&"
		if p[len(p)-1] == '?' {
			sep = ""
		}
		resp, cb := get(t, ts.URL+p+sep+"format=csv")
		if resp.StatusCode != 200 {
			t.Fatalf("%s csv: %s %s", p, resp.Status, cb)
		}
		resp, pb := get(t, ts.URL+p+sep+"format=parquet")
		if resp.StatusCode != 200 {
			t.Fatalf("%s parquet: %s %s", p, resp.Status, pb)
		}
		recs, err := csv.NewReader(bytes.NewReader(cb)).ReadAll()
		if err != nil {
			t.Fatalf("%s csv: %v", p, err)
		}
		cols, rows := readParquet(t, pb)
		var names []string
		for _, c := range cols {
			names = append(names, c.Name)
		}
		if d := cmp.Diff(recs[0], names); d != "" {
			t.Errorf("%s: Parquet columns differ from the CSV header (-csv +parquet):\n%s", p, d)
			continue
		}
		if d := cmp.Diff(recs[1:], rows); d != "" {
			t.Errorf("%s: Parquet rows differ from the CSV rows (-csv +parquet):\n%s", p, d)
		}
		n := len(cols)
		if cols[n-2] != (parquetColumn{"value", "double", true}) || cols[n-1] != (parquetColumn{"status", "string", true}) {
			t.Errorf("%s: value and status columns %+v", p, cols[n-2:])
		}
		if want, ok := yearKind[p]; ok {
			i := slices.IndexFunc(cols, func(c parquetColumn) bool { return c.Name == "year" || c.Name == "time" })
			if i < 0 || cols[i].Kind != want {
				t.Errorf("%s: year column %v, want one of %s", p, cols, want)
			}
		}
	}
}
