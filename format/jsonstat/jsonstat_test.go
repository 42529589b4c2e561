package jsonstat

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format/internal/peertest"
	"github.com/baserate/baserate/format/internal/tabletest"
)

func readDoc(t *testing.T, p string) *Document {
	t.Helper()
	d, err := ReadFile(context.Background(), p)
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	for _, ds := range d.Datasets {
		if err := ds.Validate(); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
	}
	return d
}

func one(t *testing.T, p string) *baserate.Table {
	t.Helper()
	d := readDoc(t, p)
	if len(d.Datasets) != 1 {
		t.Fatalf("%s: %d datasets", p, len(d.Datasets))
	}
	return d.Datasets[0]
}

func byID(d *Document, id string) *baserate.Table {
	for _, t := range d.Datasets {
		if t.ID == id {
			return t
		}
	}
	return nil
}

func dimIDs(t *baserate.Table) []string {
	var s []string
	for _, d := range t.Dims {
		s = append(s, d.ID)
	}
	return s
}

func dimSizes(t *baserate.Table) []int {
	var s []int
	for _, d := range t.Dims {
		s = append(s, d.Size())
	}
	return s
}

// Test26fe checks jsonstat.py's assertions (peer EXPECTED.md).
func Test26fe(t *testing.T) {
	dir := peertest.Dir(t, "jsonstat", "26fe-jsonstat.py")
	ex := filepath.Join(dir, "jsonstat", "examples", "www.json-stat.org")
	files, _ := filepath.Glob(filepath.Join(ex, "*.json"))
	if len(files) != 11 {
		t.Errorf("%d sample files", len(files))
	}
	for _, f := range files {
		readDoc(t, f)
	}
	d := readDoc(t, filepath.Join(ex, "oecd-canada.json"))
	oecd, canada := byID(d, "oecd"), byID(d, "canada")
	if oecd == nil || canada == nil || d.Class != "bundle" {
		t.Fatalf("bundle: %v %v %s", oecd, canada, d.Class)
	}
	if v := oecd.At("UNR", "AU", "2004"); math.Abs(v-5.39663128) > 1e-12 {
		t.Errorf("oecd UNR AU 2004 = %v", v)
	}
	off, _ := oecd.Lookup("UNR", "AU", "2013")
	if off != 10 || oecd.StatusAt(off) != "e" || oecd.StatusAt(1) != "" {
		t.Errorf("oecd 2013 offset %d status %q", off, oecd.StatusAt(off))
	}
	if c := oecd.Dims[0]; c.Size() != 1 || c.Categories[0].ID != "UNR" || c.Categories[0].Label != "unemployment rate" {
		t.Errorf("concept %+v", c.Categories)
	}
	// Whole table against the reference JS library's toTable output.
	compareToTable(t, oecd, filepath.Join(dir, "jsonstat-tests", "fixtures", "output_from_nodejs", "oecd-canada-to_table.csv"))

	col := readDoc(t, filepath.Join(ex, "oecd-canada-col.json"))
	if col.Class != "collection" || len(col.Datasets) != 2 {
		t.Errorf("oecd-canada-col: %s %d datasets", col.Class, len(col.Datasets))
	}
	c := readDoc(t, filepath.Join(ex, "collection.json"))
	if len(c.Links) != 8 || len(c.Datasets) != 0 {
		t.Errorf("collection.json: %d links %d datasets", len(c.Links), len(c.Datasets))
	}

	fx := filepath.Join(dir, "jsonstat-tests", "fixtures")
	u := one(t, filepath.Join(fx, "dataset", "dataset_unemployment_v1.json"))
	if !slices.Equal(dimIDs(u), []string{"serie", "year", "area"}) || !slices.Equal(dimSizes(u), []int{1, 3, 4}) || u.Size() != 12 {
		t.Errorf("unemployment: %v %v", dimIDs(u), dimSizes(u))
	}
	if u.Dims[1].Role != baserate.RoleTime || u.Dims[2].Role != baserate.RoleGeo {
		t.Errorf("roles %q %q", u.Dims[1].Role, u.Dims[2].Role)
	}
	s := u.Dims[0].Categories[0].ID
	if u.At(s, "2012", "AU") != 11 || u.At(s, "2014", "BE") != 33 || u.Dims[2].Categories[0].Label != "Australia" {
		t.Errorf("unemployment values %v", u.Values)
	}
	if u.At(s, "2012", "IT") != 14 || u.At(s, "2013", "IT") != 24 || u.At(s, "2014", "IT") != 34 {
		t.Errorf("unemployment IT %v", u.Values)
	}
	if u.Values[0] != 11 || u.Values[1] != 12 {
		t.Errorf("row-major: %v", u.Values[:2])
	}
	for _, f := range []string{"three_dim_v1.json", "three_dim_size_as_string_v1.json", "three_dim_size_as_string_v2.json"} {
		x := one(t, filepath.Join(fx, "dataset", f))
		if x.At("one_1", "two_1", "three_1") != 111 || x.At("one_2", "two_2", "three_2") != 222 {
			t.Errorf("%s: %v", f, x.Values)
		}
	}
	nqq := readDoc(t, filepath.Join(fx, "www.cso.ie", "cso_ie-NQQ25.json")).Datasets[0]
	if _, i := nqq.Dim("Sector"); i < 0 || nqq.Values[0] != 19960 {
		t.Errorf("NQQ25: %v %v", dimIDs(nqq), nqq.Values[0])
	}
	cia := readDoc(t, filepath.Join(fx, "www.cso.ie", "cso_ie-CIA01.json")).Datasets[0]
	if _, i := cia.Dim("County and Region"); i < 0 || cia.Values[0] != 41692 {
		t.Errorf("CIA01: %v %v", dimIDs(cia), cia.Values[0])
	}
	es := filepath.Join(fx, "www.ec.europa.eu_eurostat")
	it := byID(readDoc(t, filepath.Join(es, "eurostat-name_gpd_c-geo_IT.json")), "nama_gdp_c")
	if it == nil || it.Size() != 69 {
		t.Fatalf("nama_gdp_c IT: %v", it)
	}
	if d, _ := it.Dim("time"); d.Size() != 69 {
		t.Errorf("time size %d", d.Size())
	}
	if it.Missing() != 45 {
		t.Errorf("IT missing %d, want 45", it.Missing())
	}
	if v := atBy(it, map[string]string{"geo": "IT", "time": "2011"}); v != 26000 {
		t.Errorf("IT 2011 = %v", v)
	}
	compareToTable(t, it, filepath.Join(fx, "output_from_nodejs", "eurostat-name_gpd_c-geo_IT-to_table.csv"))
	itfr := byID(readDoc(t, filepath.Join(es, "eurostat-name_gpd_c-geo_IT_FR.json")), "nama_gdp_c")
	if itfr.Size() != 138 || atBy(itfr, map[string]string{"geo": "IT", "time": "2011"}) != 26000 || atBy(itfr, map[string]string{"geo": "FR", "time": "2011"}) != 30700 {
		t.Errorf("IT_FR: %d", itfr.Size())
	}
	ssb := readDoc(t, filepath.Join(fx, "www.ssb.no", "29843.json")).Datasets[0]
	if !slices.Equal(dimIDs(ssb), []string{"PKoder", "ContentsCode", "Tid"}) || !slices.Equal(dimSizes(ssb), []int{20, 6, 312}) {
		t.Errorf("29843: %v %v", dimIDs(ssb), dimSizes(ssb))
	}
	if v := atBy(ssb, map[string]string{"PKoder": "P1111", "Tid": "2013M07"}); v != 112.2 {
		t.Errorf("29843 P1111 2013M07 = %v", v)
	}
	if ssb.Missing() != 7200 {
		t.Errorf("29843 missing %d", ssb.Missing())
	}
	// Derived facts about the samples.
	for _, c := range []struct {
		file  string
		ids   []string
		sizes []int
		nulls int
	}{
		{"canada.json", []string{"country", "year", "age", "concept", "sex"}, []int{1, 1, 20, 2, 3}, -1},
		{"galicia.json", []string{"birth", "age", "gender", "time", "residence", "concept"}, []int{6, 22, 3, 2, 5, 1}, 4},
		{"hierarchy.json", []string{"commodity"}, []int{132}, 132},
		{"oecd.json", []string{"concept", "area", "year"}, []int{1, 36, 12}, -1},
		{"order.json", []string{"A", "B", "C"}, []int{3, 2, 4}, 24},
		{"us-gsp.json", []string{"year", "state", "concept"}, []int{1, 51, 4}, -1},
		{"us-labor.json", []string{"year", "county", "labor"}, []int{1, 3220, 4}, -1},
		{"us-unr.json", []string{"year", "county", "labor"}, []int{1, 3220, 1}, -1},
	} {
		x := one(t, filepath.Join(ex, c.file))
		if !slices.Equal(dimIDs(x), c.ids) || !slices.Equal(dimSizes(x), c.sizes) {
			t.Errorf("%s: %v %v", c.file, dimIDs(x), dimSizes(x))
		}
		if c.nulls >= 0 && x.Missing() != c.nulls {
			t.Errorf("%s: %d missing, want %d", c.file, x.Missing(), c.nulls)
		}
	}
	h := one(t, filepath.Join(ex, "hierarchy.json"))
	withParent := 0
	for _, c := range h.Dims[0].Categories {
		if c.Parent != "" {
			withParent++
		}
	}
	if withParent == 0 {
		t.Error("hierarchy.json: no parents from category.child")
	}
	o := one(t, filepath.Join(ex, "oecd.json"))
	n := 0
	for _, s := range o.Status {
		if s != "" {
			n++
		}
	}
	if n != 72 {
		t.Errorf("oecd.json: %d statuses, want 72", n)
	}
	cn := one(t, filepath.Join(ex, "canada.json"))
	if cn.StatusAt(0) == "" || cn.StatusAt(len(cn.Values)-1) != cn.StatusAt(0) {
		t.Errorf("canada.json: one status for all cells: %q", cn.StatusAt(0))
	}
}

// atBy returns the value at the given categories, with the other
// dimensions at their first category.
func atBy(t *baserate.Table, at map[string]string) float64 {
	pos := make([]int, len(t.Dims))
	for i, d := range t.Dims {
		if id, ok := at[d.ID]; ok {
			pos[i] = d.Index(id)
			if pos[i] < 0 {
				return math.NaN()
			}
		}
	}
	return t.Values[t.Offset(pos)]
}

// compareToTable checks a table against jsonstat-toolkit's toTable() CSV:
// a header of dimension labels and "Value", then one row per cell with
// category labels, null as the empty string.
func compareToTable(t *testing.T, tb *baserate.Table, p string) {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-1 != len(tb.Values) {
		t.Fatalf("%s: %d rows for %d cells", p, len(rows)-1, len(tb.Values))
	}
	for j, d := range tb.Dims {
		if rows[0][j] != d.Label {
			t.Errorf("%s: header %d = %q, want %q", p, j, rows[0][j], d.Label)
		}
	}
	pos := make([]int, len(tb.Dims))
	for i, v := range tb.Values {
		row := rows[i+1]
		tb.Coords(i, pos)
		for j, d := range tb.Dims {
			c := d.Categories[pos[j]]
			label := c.Label
			if label == "" {
				label = c.ID // toTable falls back to the id
			}
			if row[j] != label {
				t.Fatalf("%s: row %d col %d = %q, want %q", p, i+1, j, row[j], label)
			}
		}
		got := row[len(row)-1]
		if math.IsNaN(v) {
			if got != "" {
				t.Fatalf("%s: row %d value %q, want empty", p, i+1, got)
			}
			continue
		}
		w, err := strconv.ParseFloat(got, 64)
		if err != nil || w != v {
			t.Fatalf("%s: row %d value %q, want %v", p, i+1, got, v)
		}
	}
}

// TestRjstat checks rjstat's assertions.
func TestRjstat(t *testing.T) {
	dir := peertest.Dir(t, "jsonstat", "rjstat")
	ds := one(t, filepath.Join(dir, "dataset.json"))
	if ds.Dims[0].Label != "A dimension" || ds.Values[0] != 1 {
		t.Errorf("dataset.json: %+v", ds)
	}
	col := readDoc(t, filepath.Join(dir, "collection.json"))
	if len(col.Datasets) != 1 || col.Datasets[0].Values[0] != 1 || col.Datasets[0].Dims[0].Label != "A dimension" {
		t.Errorf("collection.json: %+v", col)
	}
	b := readDoc(t, filepath.Join(dir, "bundle.json"))
	if len(b.Datasets) != 2 || b.Datasets[0].ID != "dataset" || b.Datasets[1].ID != "dataset2" ||
		b.Datasets[0].Label != "A dataset with array value" || b.Datasets[1].Label != "A dataset with object value" {
		t.Fatalf("bundle.json: %d datasets", len(b.Datasets))
	}
	d1 := b.Datasets[0]
	if !slices.Equal(dimIDs(d1), []string{"testdimension1", "testdimension2", "testdimension3"}) {
		t.Errorf("bundle ids %v", dimIDs(d1))
	}
	var labels []string
	for _, d := range d1.Dims {
		labels = append(labels, d.Label)
	}
	if !slices.Equal(labels, []string{"A dimension with array index", "A dimension with object index", "A dimension without index"}) {
		t.Errorf("bundle labels %q", labels)
	}
	var col1, col2, col3 []string
	pos := make([]int, 3)
	for i := range d1.Values {
		d1.Coords(i, pos)
		col1 = append(col1, d1.Dims[0].Categories[pos[0]].Label)
		col2 = append(col2, d1.Dims[1].Categories[pos[1]].Label)
		col3 = append(col3, d1.Dims[2].Categories[pos[2]].Label)
	}
	if strings.Join(col1, ",") != "Category 11,Category 11,Category 11,Category 12,Category 12,Category 12" ||
		strings.Join(col2, ",") != "Category 21,Category 22,Category 23,Category 21,Category 22,Category 23" ||
		strings.Join(col3, ",") != "Category 3,Category 3,Category 3,Category 3,Category 3,Category 3" {
		t.Errorf("bundle columns %q %q %q", col1, col2, col3)
	}
	if !slices.Equal(d1.Values, []float64{1.23456789, 2.3456789, 3.456789, 4.56789, 5.6789, 6.789}) {
		t.Errorf("bundle values %v", d1.Values)
	}
	d2 := b.Datasets[1].Values
	if !math.IsNaN(d2[0]) || d2[1] != 2 || !math.IsNaN(d2[2]) || d2[3] != 4 {
		t.Errorf("sparse values %v", d2)
	}
	_, err := ReadFile(context.Background(), filepath.Join(dir, "notjsonstat.json"))
	if err == nil || !strings.Contains(err.Error(), "notjsonstat.json") {
		t.Errorf("notjsonstat.json: %v", err)
	}
	for _, f := range []string{"oecd.json", "canada.json", "oecd-canada-col.json", "galicia.json", "order.json", "hierarchy.json", "us-gsp.json", "us-unr.json", "us-labor.json", "collection_sample.json", "nonexistent.json", "oecd_tidy.json", "dataset2.json"} {
		readDoc(t, filepath.Join(dir, f))
	}
	o := one(t, filepath.Join(dir, "oecd.json"))
	if !slices.Equal(dimSizes(o), []int{1, 36, 12}) || o.StatusAt(10) != "e" {
		t.Errorf("oecd: %v %q", dimSizes(o), o.StatusAt(10))
	}
	// R cell [concept1, area5, year1] ≈ 9.5434.
	if v := o.Values[o.Offset([]int{0, 4, 0})]; math.Abs(v-9.5434) > 1e-4 {
		t.Errorf("oecd [1,5,1] = %v", v)
	}
	// Long data frame row 12 (1-based) value ≈ 5.463.
	if math.Abs(o.Values[11]-5.463) > 1e-3 {
		t.Errorf("oecd row 12 = %v", o.Values[11])
	}
	cn := one(t, filepath.Join(dir, "canada.json"))
	if got := cn.Dims[2].IDs(); strings.Join(got, ",") != "T,4,9,14,19,24,29,34,39,44,49,54,59,64,69,74,79,84,89,older" {
		t.Errorf("canada age %v", got)
	}
	if strings.Join(cn.Dims[3].IDs(), ",") != "POP,PERCENT" || strings.Join(cn.Dims[4].IDs(), ",") != "T,M,F" {
		t.Errorf("canada %v %v", cn.Dims[3].IDs(), cn.Dims[4].IDs())
	}
	h := one(t, filepath.Join(dir, "hierarchy.json"))
	if h.Size() != 132 || h.Dims[0].Categories[1].ID != "1" || h.Dims[0].Categories[2].ID != "1.1" {
		t.Errorf("hierarchy %d %v", h.Size(), h.Dims[0].IDs()[:3])
	}
	g := one(t, filepath.Join(dir, "us-gsp.json"))
	want := []float64{45600.0, 0.31, 0.7, 65143}
	for j, w := range want {
		if v := g.Values[g.Offset([]int{0, 1, j})]; v != w {
			t.Errorf("us-gsp [1,2,%d] = %v, want %v", j+1, v, w)
		}
	}
}

// TestValidatorCorpus feeds the json-stat.org validator's 20 cases and
// checks that the codes we report match.
func TestValidatorCorpus(t *testing.T) {
	dir := peertest.Dir(t, "jsonstat", "jsonstat-validator")
	b, err := os.ReadFile(filepath.Join(dir, "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		ID       string `json:"id"`
		Expected struct {
			Valid         *bool    `json:"valid"`
			Codes         []string `json:"codes"`
			NoOtherErrors *bool    `json:"noOtherErrors"`
		} `json:"expected"`
		Input json.RawMessage `json:"input"`
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) != 20 {
		t.Errorf("%d cases", len(cases))
	}
	for _, c := range cases {
		issues, err := Check(context.Background(), bytes.NewReader(c.Input), c.ID)
		if err != nil {
			t.Errorf("%s: %v", c.ID, err)
			continue
		}
		codes := map[string]bool{}
		valid := true
		for _, is := range issues {
			codes[is.Code] = true
			if !is.Warning {
				valid = false
			}
		}
		for _, want := range c.Expected.Codes {
			if !codes[want] {
				t.Errorf("%s: codes %v, missing %s", c.ID, issues, want)
			}
		}
		if c.Expected.Valid != nil && *c.Expected.Valid != valid {
			t.Errorf("%s: valid %v, want %v (%v)", c.ID, valid, *c.Expected.Valid, issues)
		}
		if c.Expected.NoOtherErrors == nil || *c.Expected.NoOtherErrors {
			for _, is := range issues {
				if !is.Warning && !slices.Contains(c.Expected.Codes, is.Code) {
					t.Errorf("%s: unexpected %v", c.ID, is)
				}
			}
		}
		// Read agrees: it fails exactly when the case is invalid.
		_, err = Read(context.Background(), bytes.NewReader(c.Input), c.ID+".json")
		if (err == nil) != valid {
			t.Errorf("%s: Read error %v, valid %v", c.ID, err, valid)
		}
		if err != nil && !strings.Contains(err.Error(), c.ID+".json: $") {
			t.Errorf("%s: error %q does not name file and JSON path", c.ID, err)
		}
	}
}

// TestMalformed covers the errors jsonstat.py asserts for inline input.
func TestMalformed(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"version":"2.0","class":"dataset","id":["a"],"size":[2],"dimension":{"a":{"category":{"index":["x","y"]}}}}`, "VALUE_MISSING"},
		{`{"version":"2.0","class":"dataset","id":["a"],"size":[2],"dimension":{"a":{"category":{"index":["x","y"]}}},"value":[1]}`, "VALUE_LEN_MISMATCH"},
		{`{"version":"2.0","class":"dataset","id":["a"],"size":[2],"value":[1,2]}`, "DIMENSION_MISSING"},
		{`{"version":"2.0","class":"dataset","id":["a","b"],"size":[4,12],"dimension":{"a":{"category":{"index":["1","2","3","4"]}},"b":{"category":{"label":{}}}},"value":[1,2,3,4]}`, "INDEX_COUNT_MISMATCH"},
		{`[1,2]`, "top level is a JSON array"},
		{`{"a":`, "in.json:1: not valid JSON at byte 5: the document ends before it is complete"},
		{`{"a":1} x`, "in.json:1: not valid JSON at byte"},
		{"{\n\"a\": tru}", "in.json:2: not valid JSON at byte"},
		{`{"version":"2.0","class":"dataset","id":["a"],"size":[999999999999],"dimension":{"a":{}},"value":[]}`, "TOO_LARGE"},
		// Error responses say what the server said (Eurostat's JSON-stat API, the 1.x "error").
		{`{"error":{"status":"404","id":100,"label":"No results found"}}`, "error response, not data: status 404, id 100, label No results found (ERROR_RESPONSE)"},
		{`{"version":"2.0","class":"error","error":[{"status":400,"id":"X","label":"too big"}]}`, "status 400, id X, label too big (ERROR_RESPONSE)"},
		{`{"version":"2.0","class":"error","status":"400","label":"Bad request"}`, "status 400, label Bad request (ERROR_RESPONSE)"},
		// Categories that disagree with the size, values that fit neither.
		{`{"version":"2.0","class":"dataset","id":["a","b"],"size":[5,2],"dimension":{"a":{"category":{"index":["x"]}},"b":{"category":{"index":["p","q"]}}},"value":[1,2,3]}`, "INDEX_COUNT_MISMATCH"},
	} {
		_, err := Read(context.Background(), strings.NewReader(c.in), "in.json")
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "in.json") {
			t.Errorf("%s: %v, want %s", c.in, err, c.want)
		}
	}
}

// TestRoundTrip: JSON-stat → table → JSON-stat → table keeps every value,
// status and label, for every sample that has data.
func TestRoundTrip(t *testing.T) {
	dir := peertest.Dir(t, "jsonstat", "26fe-jsonstat.py")
	files, _ := filepath.Glob(filepath.Join(dir, "jsonstat", "examples", "www.json-stat.org", "*.json"))
	more, _ := filepath.Glob(filepath.Join(dir, "jsonstat-tests", "fixtures", "*", "*.json"))
	for _, f := range append(files, more...) {
		d := readDoc(t, f)
		for _, a := range d.Datasets {
			var buf bytes.Buffer
			if err := Write(&buf, a); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			d2, err := Read(context.Background(), &buf, "rt.json")
			if err != nil {
				t.Fatalf("%s: %v\n%s", f, err, buf.String()[:min(500, buf.Len())])
			}
			if msg := tabletest.Diff(a, d2.Datasets[0]); msg != "" {
				t.Errorf("%s %s: %s", f, a.ID, msg)
			}
			// Writing the table read back gives the same document.
			var first, second bytes.Buffer
			Write(&first, a)
			Write(&second, d2.Datasets[0])
			if !bytes.Equal(first.Bytes(), second.Bytes()) {
				t.Errorf("%s %s: the second JSON-stat differs from the first", f, a.ID)
			}
		}
	}
}

// TestSizeCategoryMismatch: the ONS API declares a dimension's full size but
// lists only the categories it sends (pyjstat's QS104EW.json: size 8965 for
// one ward); pyjstat reads 3 rows of 4 dimensions. The categories are used
// when the values fit them, with a warning; the validator's case, whose
// values fit the declared size, stays an error.
func TestSizeCategoryMismatch(t *testing.T) {
	in := `{"QS104EW":{"label":"Sex","value":{"0":56075912,"2":28502536,"1":27573376},
	 "dimension":{"id":["2011WARDH","CL_0000035","Att_000001","CL_0000137"],"size":[8965,3,1,1],
	  "2011WARDH":{"category":{"label":{"K04000001":"England and Wales"},"index":{"K04000001":0}}},
	  "CL_0000035":{"category":{"index":{"CI_0000070":2,"CI_0000071":1,"CI_0000121":0}}},
	  "Att_000001":{"category":{"index":{"Segment_1":0}}},
	  "CL_0000137":{"category":{"index":{"CI_0000001":0}}}}}}`
	doc, err := Read(context.Background(), strings.NewReader(in), "QS104EW.json")
	if err != nil {
		t.Fatal(err)
	}
	ds := doc.Datasets[0]
	if len(ds.Values) != 3 || ds.Values[0] != 56075912 || ds.Values[2] != 28502536 || ds.Dims[0].Size() != 1 {
		t.Errorf("values %v dims %v", ds.Values, ds.Dims)
	}
	if len(doc.Issues) != 1 || doc.Issues[0].Code != "SIZE_CATEGORY_MISMATCH" || !doc.Issues[0].Warning {
		t.Errorf("issues %v", doc.Issues)
	}
	// A dense array that fits the categories, not the sizes.
	in = `{"version":"2.0","class":"dataset","id":["a","b"],"size":[5,2],"dimension":{"a":{"category":{"index":["x"]}},"b":{"category":{"index":["p","q"]}}},"value":[1,2]}`
	if doc, err = Read(context.Background(), strings.NewReader(in), "in.json"); err != nil || doc.Datasets[0].Values[1] != 2 {
		t.Errorf("dense: %v", err)
	}
}

// TestUnitBase: PxWeb's JSON-stat (SCB's API v2, recorded in the pxweb R
// package's tests; Statistics Denmark's, in swift-jsonstat's) names the unit
// in "base"; it becomes the unit's label.
func TestUnitBase(t *testing.T) {
	in := `{"version":"2.0","class":"dataset","id":["ContentsCode"],"size":[1],"role":{"metric":["ContentsCode"]},
	"dimension":{"ContentsCode":{"label":"tabellinnehåll","category":{"index":{"BE0101N1":0},"label":{"BE0101N1":"Folkmängd"},
	"unit":{"BE0101N1":{"base":"antal personer","decimals":0}}},"extension":{"elimination":false,"show":"value"}}},"value":[50937]}`
	doc, err := Read(context.Background(), strings.NewReader(in), "TAB638.json")
	if err != nil {
		t.Fatal(err)
	}
	if u := doc.Datasets[0].Dims[0].Categories[0].Unit; u == nil || u.Label != "antal personer" {
		t.Errorf("unit %+v", u)
	}
}

// TestMetadataOnly: PxWeb API v2 answers a metadata request in JSON-stat 2.0
// with "value": [] (PxWebApi's MetadataById_tab001_js2.json): the
// dimensions are read, every cell is missing, with a warning.
func TestMetadataOnly(t *testing.T) {
	in := `{"version":"2.0","class":"dataset","label":"Population","id":["REGION","TIME"],"size":[2,3],
	"role":{"time":["TIME"],"geo":["REGION"]},
	"dimension":{"REGION":{"label":"region","category":{"index":{"AT":0,"BE":1}},"extension":{"elimination":false,"codelists":[]}},
	"TIME":{"label":"year","category":{"index":{"1981":0,"1991":1,"2001":2}}}},"value":[]}`
	doc, err := Read(context.Background(), strings.NewReader(in), "MetadataById_tab001_js2.json")
	if err != nil {
		t.Fatal(err)
	}
	ds := doc.Datasets[0]
	if len(ds.Values) != 6 || ds.Missing() != 6 || len(doc.Issues) != 1 || doc.Issues[0].Code != "VALUE_EMPTY" {
		t.Errorf("values %v issues %v", ds.Values, doc.Issues)
	}
}

// TestDimensionDocument: a document of class "dimension" (pyjstat's
// dimension.json) reads as a table of that dimension with every cell
// missing, so inspect lists its categories; without categories it is an
// error.
func TestDimensionDocument(t *testing.T) {
	in := `{"version":"2.0","class":"dimension","label":"sex","category":{"index":["T","M","F"],"label":{"T":"total","M":"male","F":"female"}}}`
	doc, err := Read(context.Background(), strings.NewReader(in), "dimension.json")
	if err != nil {
		t.Fatal(err)
	}
	ds := doc.Datasets[0]
	if len(ds.Dims) != 1 || ds.Dims[0].ID != "sex" || ds.Dims[0].Size() != 3 || ds.Dims[0].Categories[2].Label != "female" || ds.Missing() != 3 {
		t.Errorf("%+v", ds.Dims)
	}
	_, err = Read(context.Background(), strings.NewReader(`{"version":"2.0","class":"dimension","label":"x","category":{}}`), "d0.json")
	if err == nil || !strings.Contains(err.Error(), "DIMENSION_EMPTY") {
		t.Errorf("empty: %v", err)
	}
}

// TestUpdatedISO: JSON-stat 2.0 asks "updated" to be ISO 8601 (what
// Date.parse reads), but tables carry their producer's stamp as published:
// PX's LAST-UPDATED "20040212 16:28", or free text from a spreadsheet. The
// writer puts an ISO form in "updated", or leaves it out, and keeps the
// stamp under extension.baserate, so that reading back gives it again.
func TestUpdatedISO(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"20040212 16:28", "2004-02-12T16:28:00"},
		{"20220210 12:00:30", "2022-02-10T12:00:30"},
		{"20040212", "2004-02-12"},
		{"2012-11-27", "2012-11-27"},
		{"2024-06-20T10:00:00Z", "2024-06-20T10:00:00Z"},
		{"2025-03-20T23:00:00+0100", "2025-03-20T23:00:00+01:00"},
		{"17/10/2013 16:51:00", ""},
		{"2024-06-20 10:00", "2024-06-20T10:00"},
		{"Stand: 01.02.2024", ""},
		{"20041312 16:28", ""}, // month 13
	} {
		tb := baserate.New("t", baserate.NewDimension("a", "x"))
		tb.Values[0] = 1
		tb.Updated = c.in
		var buf bytes.Buffer
		if err := Write(&buf, tb); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Updated   *string `json:"updated"`
			Extension struct {
				Baserate struct {
					Updated string `json:"updated"`
				} `json:"baserate"`
			} `json:"extension"`
		}
		if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		switch {
		case c.want == "" && doc.Updated != nil:
			t.Errorf("%q: updated %q, want none", c.in, *doc.Updated)
		case c.want != "" && (doc.Updated == nil || *doc.Updated != c.want):
			t.Errorf("%q: updated %v, want %q", c.in, doc.Updated, c.want)
		}
		if kept := doc.Extension.Baserate.Updated; c.want == c.in && kept != "" || c.want != c.in && kept != c.in {
			t.Errorf("%q: extension.baserate.updated %q", c.in, kept)
		}
		d, err := Read(context.Background(), &buf, "u.json")
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Datasets[0].Updated; got != c.in {
			t.Errorf("%q: read back as %q", c.in, got)
		}
	}
}
