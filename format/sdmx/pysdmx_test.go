package sdmx

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/baserate/baserate/format/internal/peertest"
)

// TestPysdmx checks pysdmx's reader assertions: datasets, rows, which
// columns are data, labels stripped, errors for broken files.
func TestPysdmx(t *testing.T) {
	dir := peertest.Dir(t, "sdmx-csv", "pysdmx")
	obs := func(p string) (int, []string, string) {
		t.Helper()
		ts := readFile(t, filepath.Join(dir, p))
		n := 0
		for _, tb := range ts {
			n += len(tb.Values) - countEmptyCells(tb)
		}
		var ids []string
		for _, tb := range ts {
			ids = append(ids, tb.ID)
		}
		return n, ids, ts[0].Extension["sdmx"].(map[string]any)["version"].(string)
	}
	for _, c := range []struct {
		file    string
		id      string
		version string
	}{
		{"sdmx10/data_v1.csv", "BIS:BIS_DER(1.0)", "1.0"},
		{"sdmx10/data_v1_no_freq_cols.csv", "WB:GCI(1.0)", "1.0"},
		{"sdmx10/csv_labels_both.csv", "MD:MD_TEST(1.0)", "1.0"},
		{"sdmx20/data_v2.csv", "BIS:BIS_DER(1.0)", "2.0"},
		{"sdmx20/data_v2_no_freq_cols.csv", "WB:GCI(1.0)", "2.0"},
		{"sdmx20/csv_labels_both.csv", "MD:MD_TEST(1.0)", "2.0"},
		{"sdmx20/csv_labels_name.csv", "MD:MD_TEST(1.0)", "2.0"},
		{"sdmx20/csv_keys_both.csv", "MD:MD_TEST(1.0)", "2.0"},
		{"sdmx20/data_v2_merge_action.csv", "TEST:TEST_MD(1.0)", "2.1"},
		{"sdmx21/csv_labels_name.csv", "MD:MD_TEST(1.0)", "2.1"},
	} {
		_, ids, v := obs(c.file)
		if ids[0] != c.id || v != c.version {
			t.Errorf("%s: %v version %s", c.file, ids, v)
		}
	}
	ts := readFile(t, filepath.Join(dir, "sdmx20/data_v2_structures.csv"))
	var ids []string
	for _, tb := range ts {
		ids = append(ids, tb.ID)
	}
	if !slices.Equal(ids, []string{"ESTAT:DF_A(1.6.0)", "ESTAT:DSD_B(1.7.0)", "ESTAT:DPA_C(1.8.0)"}) {
		t.Errorf("structures: %v", ids)
	}
	ts = readFile(t, filepath.Join(dir, "sdmx20/data_v2_structures_uppercase.csv"))
	if len(ts) != 3 {
		t.Errorf("uppercase structures: %d", len(ts))
	}
	// csv_labels_name: dimensions DIM1, DIM2, TIME_PERIOD; ATT1/ATT2 attributes; value 1.
	tb := readFile(t, filepath.Join(dir, "sdmx20/csv_labels_name.csv"))[0]
	var dims []string
	for _, d := range tb.Dims {
		dims = append(dims, d.ID)
	}
	if !slices.Equal(dims, []string{"DIM1", "DIM2", "TIME_PERIOD"}) || tb.At("A", "B", "2020") != 1 {
		t.Errorf("labels_name: %v %v", dims, tb.Values)
	}
	attrs := tb.Extension["sdmx"].(map[string]any)["attributes"].(map[string]string)
	if attrs["ATT1"] != "C" || attrs["ATT2"] != "D" {
		t.Errorf("labels_name attributes %v", attrs)
	}
	// Labels both: "A: A" → id A.
	tb = readFile(t, filepath.Join(dir, "sdmx10/csv_labels_both.csv"))[0]
	if tb.At("A", "B", "2020") != 1 || tb.Dims[0].Label != "DIMENSION 1" {
		t.Errorf("labels_both: %v %+v", tb.Values, tb.Dims[0])
	}
	// SERIES_KEY and OBS_KEY are not data columns.
	tb = readFile(t, filepath.Join(dir, "sdmx20/csv_keys_both.csv"))[0]
	if len(tb.Dims) != 3 {
		t.Errorf("keys_both dims %d", len(tb.Dims))
	}
	// EMBARGO_TIME is kept verbatim.
	tb = readFile(t, filepath.Join(dir, "sdmx10/data_v1_datetime.csv"))[0]
	if a := tb.Extension["sdmx"].(map[string]any)["attributes"].(map[string]string); a["EMBARGO_TIME"] != "2025-12-19T14:30:00Z" {
		t.Errorf("embargo %v", a)
	}
	// 1000 rows of data_v1 and 20 of data_v2: every row is an observation key.
	for f, rows := range map[string]int{"sdmx10/data_v1.csv": 1000, "sdmx20/data_v2.csv": 20, "sdmx20/data_v2_action_col.csv": 20, "sdmx10/data_v1_no_freq_cols.csv": 7} {
		ts := readFile(t, filepath.Join(dir, f))
		if n := ts[0].Extension["sdmx"].(map[string]any)["rows"].(int); n != rows {
			t.Errorf("%s: %d rows, want %d", f, n, rows)
		}
	}
	// Errors.
	for f, want := range map[string]string{
		"sdmx10/data_v1_exception.csv":            `:1: field "FREQ": not SDMX-CSV: field 1 must be DATAFLOW`,
		"sdmx20/data_v2_exception.csv":            `:1: field "FREQ": not SDMX-CSV`,
		"sdmx20/data_v2_structures_exception.csv": `:4: field "STRUCTURE": "dataTESTERROR" is not dataflow`,
		"sdmx20/data_v2_invalid_action.csv":       `:2: field "ACTION": "E" is not I, A, R, D or M`,
	} {
		fh, err := os.Open(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		_, err = Read(context.Background(), fh, f)
		fh.Close()
		if err == nil || !strings.Contains(err.Error(), f+want) {
			t.Errorf("%s: %v, want %q", f, err, want)
		}
	}
}

func countEmptyCells(tb interface{ Missing() int }) int { return tb.Missing() }
