package sdmx

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format/internal/peertest"
)

func readFile(t *testing.T, p string) []*baserate.Table {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ts, err := Read(context.Background(), f, p)
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(p), err)
	}
	for _, tb := range ts {
		if err := tb.Validate(); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
	}
	return ts
}

func dimIDs(t *baserate.Table) []string {
	var s []string
	for _, d := range t.Dims {
		s = append(s, d.ID)
	}
	return s
}

// TestSpecExamples reads all 21 SDMX-CSV 2.0 specification examples.
func TestSpecExamples(t *testing.T) {
	dir := peertest.Dir(t, "sdmx-csv", "sdmx-test-data")
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	if len(files) != 21 {
		t.Errorf("%d files", len(files))
	}
	for _, f := range files {
		readFile(t, f)
	}
	// example-01: 1 dataset, 2 observations, obs[0] = 12.4 at A,B,2014-01.
	ts := readFile(t, filepath.Join(dir, "example-01.csv"))
	if len(ts) != 1 || !slices.Equal(dimIDs(ts[0]), []string{"DIM_1", "DIM_2", "DIM_3"}) {
		t.Fatalf("example-01: %d tables %v", len(ts), dimIDs(ts[0]))
	}
	tb := ts[0]
	if tb.ID != "ESTAT:NA_MAIN(1.6.0)" || tb.At("A", "B", "2014-01") != 12.4 || tb.At("A", "B", "2014-02") != 10.8 || tb.Size() != 2 {
		t.Errorf("example-01: %s %v", tb.ID, tb.Values)
	}
	// example-02: two measures become a measure dimension; dims in header order.
	tb = readFile(t, filepath.Join(dir, "example-02.csv"))[0]
	if !slices.Equal(dimIDs(tb), []string{"DIM_2", "DIM_1", "DIM_3", "measure"}) || tb.At("B", "A", "2014-01", "OBS_VALUE2") != 12.5 {
		t.Errorf("example-02: %v %v", dimIDs(tb), tb.Values)
	}
	// example-04: ';' delimiter, decimal comma, "ID: Name" labels.
	tb = readFile(t, filepath.Join(dir, "example-04.csv"))[0]
	if !slices.Equal(dimIDs(tb), []string{"DIM_1", "DIM_2", "DIM_3"}) || tb.At("A", "B", "2014-01") != 12.4 || tb.Dims[0].Label != "Dimension 1" || tb.Dims[0].Categories[0].Label != "Value A" {
		t.Errorf("example-04: %v %v %+v", dimIDs(tb), tb.Values, tb.Dims[0])
	}
	// example-06: STRUCTURE_NAME and a label column after each component.
	tb = readFile(t, filepath.Join(dir, "example-06.csv"))[0]
	if !slices.Equal(dimIDs(tb), []string{"DIM_1", "DIM_2", "DIM_3"}) || tb.Dims[0].Label != "Dimension 1" || tb.At("A", "B", "2014-02") != 10.8 {
		t.Errorf("example-06: %v %v", dimIDs(tb), tb.Values)
	}
	// example-09A: three structures, three tables.
	ts = readFile(t, filepath.Join(dir, "example-09A.csv"))
	if len(ts) != 3 || ts[2].ID != "ESTAT:DPA_NA_MAIN(1.8.0)" || ts[2].At("A", "B", "2014-03") != 11.2 {
		t.Errorf("example-09A: %d tables", len(ts))
	}
	// example-15: an embedded newline and doubled quotes in an attribute.
	tb = readFile(t, filepath.Join(dir, "example-15.csv"))[0]
	if tb.Size() != 2 || tb.At("A", "B", "2014-02") != 10.8 {
		t.Errorf("example-15: %v", tb.Values)
	}
	// example-16: deletions are cells without value, status D.
	tb = readFile(t, filepath.Join(dir, "example-16.csv"))[0]
	if tb.Missing() != tb.Size() || tb.StatusAt(0) != "D" {
		t.Errorf("example-16: %v %v", tb.Values, tb.Status)
	}
	// Constant attributes are kept.
	tb = readFile(t, filepath.Join(dir, "example-01.csv"))[0]
	attrs := tb.Extension["sdmx"].(map[string]any)["attributes"].(map[string]string)
	if attrs["ATTR_3"] != "Normal, special and other values" {
		t.Errorf("attributes %v", attrs)
	}
}

func TestErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"STRUCTURE,ACTION,DIM_1,OBS_VALUE\ndataflow,I,A,1\n", `x.csv:1: field "ACTION": not SDMX-CSV 2.0: field 2 must be STRUCTURE_ID`},
		{"FOO,DIM_1,OBS_VALUE\nx,A,1\n", `x.csv:1: field "FOO": not SDMX-CSV`},
		{"STRUCTURE,STRUCTURE_ID,DIM_1,OBS_VALUE\ndataTESTERROR,A:B(1.0),A,1\n", `x.csv:2: field "STRUCTURE": "dataTESTERROR" is not dataflow`},
		{"STRUCTURE,STRUCTURE_ID,ACTION,DIM_1,OBS_VALUE\ndataflow,A:B(1.0),E,A,1\n", `x.csv:2: field "ACTION": "E" is not I, A, R, D or M`},
		{"STRUCTURE,STRUCTURE_ID,DIM_1,OBS_VALUE\ndataflow,A:B(1.0),A,abc\n", `x.csv:2: field "OBS_VALUE": "abc" is not a number`},
		{"STRUCTURE,STRUCTURE_ID,DIM_1,OBS_VALUE\ndataflow,A:B(1.0),A,1,2\n", `x.csv:2: 5 fields; the header has 4`},
	} {
		_, err := Read(context.Background(), strings.NewReader(c.in), "x.csv")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.in, err, c.want)
		}
	}
}

// TestEurostat10 reads the SDMX-CSV 1.0 that Eurostat's API returns, with
// OBS_FLAG as status.
func TestEurostat10(t *testing.T) {
	in := "DATAFLOW,LAST UPDATE,freq,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n" +
		"ESTAT:DEMO_R_MWK_TS(1.0),05/11/24 23:00:00,W,NR,AT,2024-W01,1800,\n" +
		"ESTAT:DEMO_R_MWK_TS(1.0),05/11/24 23:00:00,W,NR,AT,2024-W02,1750,p\n" +
		"ESTAT:DEMO_R_MWK_TS(1.0),05/11/24 23:00:00,W,NR,DE,2024-W01,,c\n"
	ts, err := Read(context.Background(), strings.NewReader(in), "e.csv")
	if err != nil {
		t.Fatal(err)
	}
	tb := ts[0]
	if !slices.Equal(dimIDs(tb), []string{"freq", "unit", "geo", "TIME_PERIOD"}) || tb.Dims[3].Role != baserate.RoleTime {
		t.Fatalf("dims %v", dimIDs(tb))
	}
	off, _ := tb.Lookup("W", "NR", "AT", "2024-W02")
	if tb.Values[off] != 1750 || tb.StatusAt(off) != "p" {
		t.Errorf("AT W02 %v %q", tb.Values[off], tb.StatusAt(off))
	}
	off, _ = tb.Lookup("W", "NR", "DE", "2024-W01")
	if !math.IsNaN(tb.Values[off]) || tb.StatusAt(off) != "c" {
		t.Errorf("DE W01")
	}
	off, _ = tb.Lookup("W", "NR", "DE", "2024-W02")
	if !math.IsNaN(tb.Values[off]) || tb.StatusAt(off) != "" {
		t.Errorf("DE W02: a combination no row names is missing without status")
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte("STRUCTURE,STRUCTURE_ID,ACTION,DIM_1,DIM_2,DIM_3,OBS_VALUE,ATTR_2\ndataflow,ESTAT:NA_MAIN(1.6.0),I,A,B,2014-01,12.4,Y\n"))
	f.Add([]byte("DATAFLOW,freq,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\nE:X(1.0),A,AT,2020,1,p\n"))
	f.Add([]byte("STRUCTURE[|];STRUCTURE_ID;ACTION;DIM_1: Dimension 1;OBS_VALUE: Observation value\ndataflow;E:X(1.0): Name;I;A: Value A;12,4\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ts, err := Read(context.Background(), strings.NewReader(string(b)), "f.csv")
		if err == nil {
			for _, tb := range ts {
				if err := tb.Validate(); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
}

// TestOfficeShapes: SDMX-CSV as offices serve it, beyond the specification's
// examples. BIS writes labels=both headers without a space ("FREQ:Frequency",
// from a fixture mirroring data.bis.org's WS_CBPOL_csv_flat), with a TITLE
// attribute that varies by series; the OECD names a dimension MEASURE; Data
// Commons' SDMX API puts unknown attribute columns (scalingFactor, facetId)
// after OBS_VALUE. Attributes must not become dimensions (they multiplied the
// cube), and MEASURE or measurementMethod are dimensions, not measures.
func TestOfficeShapes(t *testing.T) {
	for _, c := range []struct {
		name, in string
		ids      []string
		sizes    []int
		missing  int
		attr     string
	}{
		{"bis.csv", `STRUCTURE,STRUCTURE_ID,ACTION,FREQ:Frequency,REF_AREA:Reference area,TIME_PERIOD:Time period or range,OBS_VALUE:Observation Value,TITLE:Title,OBS_STATUS:Observation Status
dataflow,BIS:WS_CBPOL(1.0),I,M: Monthly,BR: Brazil,2024-01,11.75,Brazil,A: Normal value
dataflow,BIS:WS_CBPOL(1.0),I,M: Monthly,BR: Brazil,2024-02,11.25,Brazil,A: Normal value
dataflow,BIS:WS_CBPOL(1.0),I,M: Monthly,US: United States,2024-02,5.5,United States,E: Estimated
`, []string{"FREQ", "REF_AREA", "TIME_PERIOD"}, []int{1, 2, 2}, 1, "TITLE"},
		{"oecd.csv", `STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,FREQ,METHODOLOGY,MEASURE,UNIT_MEASURE,EXPENDITURE,ADJUSTMENT,TRANSFORMATION,TIME_PERIOD,OBS_VALUE
DATAFLOW,OECD.SDD.TPS:DSD_PRICES@DF_PRICES_ALL(1.0),I,GBR,M,N,CPI,PA,_T,N,GY,2026-07,3.4
DATAFLOW,OECD.SDD.TPS:DSD_PRICES@DF_PRICES_ALL(1.0),I,GBR,M,N,CPI,PA,_T,N,GY,2026-08,3.6
`, []string{"REF_AREA", "FREQ", "METHODOLOGY", "MEASURE", "UNIT_MEASURE", "EXPENDITURE", "ADJUSTMENT", "TRANSFORMATION", "TIME_PERIOD"}, []int{1, 1, 1, 1, 1, 1, 1, 1, 2}, 0, ""},
		{"dc.csv", `STRUCTURE,STRUCTURE_ID,ACTION,variableMeasured,observationAbout,measurementMethod,TIME_PERIOD,OBS_VALUE,scalingFactor,facetId
dataflow,DC:DF_OBS(1.0.0),I,Count_Person,country/USA,CensusPEP,2025,340,,1803
dataflow,DC:DF_OBS(1.0.0),I,Count_Person,country/FRA,CensusPEP,2025,68,,1803
dataflow,DC:DF_OBS(1.0.0),I,Count_Person,country/FRA,CensusPEP,2024,67,,2202
`, []string{"variableMeasured", "observationAbout", "measurementMethod", "TIME_PERIOD"}, []int{1, 2, 1, 2}, 1, "facetId"},
	} {
		ts, err := Read(context.Background(), strings.NewReader(c.in), c.name)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		tb := ts[0]
		var sizes []int
		for _, d := range tb.Dims {
			sizes = append(sizes, d.Size())
		}
		if !slices.Equal(dimIDs(tb), c.ids) || !slices.Equal(sizes, c.sizes) || tb.Missing() != c.missing {
			t.Errorf("%s: %v %v missing %d", c.name, dimIDs(tb), sizes, tb.Missing())
		}
		if c.attr != "" {
			ext := tb.Extension["sdmx"].(map[string]any)
			if v, _ := ext["varyingAttributes"].([]string); !slices.Contains(v, c.attr) {
				t.Errorf("%s: %s not a varying attribute: %v", c.name, c.attr, ext)
			}
		}
	}
	// Labels of the BIS file split from the ids; the status from "E: Estimated".
	ts, _ := Read(context.Background(), strings.NewReader(`STRUCTURE,STRUCTURE_ID,ACTION,FREQ:Frequency,REF_AREA:Reference area,TIME_PERIOD:Time period or range,OBS_VALUE:Observation Value,OBS_STATUS:Observation Status
dataflow,BIS:WS_CBPOL(1.0),I,M: Monthly,US: United States,2024-02,5.5,E: Estimated
`), "bis.csv")
	d := ts[0].Dims[1]
	if d.Label != "Reference area" || d.Categories[0].ID != "US" || d.Categories[0].Label != "United States" || ts[0].StatusAt(0) != "E" {
		t.Errorf("labels: %+v status %q", d, ts[0].StatusAt(0))
	}
}

// TestECBAndSymbols: the ECB's csvdata (KEY first, as fixtures of ECB
// clients capture it: the EXR dataflow with 24 attribute columns after
// OBS_VALUE, of which TITLE and TITLE_COMPL vary by series; the history form
// with ACTION "Replace" and VALID_FROM), and a missing-value symbol written in
// OBS_VALUE (":" in a Eurostat SDMX-CSV fixture), read as missing with the
// symbol as status.
func TestECBAndSymbols(t *testing.T) {
	ecb := `KEY,FREQ,CURRENCY,CURRENCY_DENOM,EXR_TYPE,EXR_SUFFIX,TIME_PERIOD,OBS_VALUE,OBS_STATUS,OBS_CONF,OBS_PRE_BREAK,OBS_COM,TIME_FORMAT,BREAKS,COLLECTION,COMPILING_ORG,DISS_ORG,DOM_SER_IDS,PUBL_ECB,PUBL_MU,PUBL_PUBLIC,UNIT_INDEX_BASE,COMPILATION,COVERAGE,DECIMALS,NAT_TITLE,SOURCE_AGENCY,SOURCE_PUB,TITLE,TITLE_COMPL,UNIT,UNIT_MULT
EXR.M.USD.EUR.SP00.A,M,USD,EUR,SP00,A,2024-01,1.0905,A,F,,,P1M,,A,,,,,,,,,,4,,4F0,,US dollar/Euro,"ECB reference exchange rate, US dollar/Euro, 2:15 pm (C.E.T.)",USD,0
EXR.M.USD.EUR.SP00.A,M,USD,EUR,SP00,A,2024-02,1.0795,A,F,,,P1M,,A,,,,,,,,,,4,,4F0,,US dollar/Euro,"ECB reference exchange rate, US dollar/Euro, 2:15 pm (C.E.T.)",USD,0
EXR.M.GBP.EUR.SP00.A,M,GBP,EUR,SP00,A,2024-01,0.8601,A,F,,,P1M,,A,,,,,,,,,,4,,4F0,,UK pound sterling/Euro,"ECB reference exchange rate, UK pound sterling/Euro, 2:15 pm (C.E.T.)",GBP,0
`
	if !Sniff([]byte(ecb)) || Sniff([]byte("KEY,NAME,VALUE\na,b,1\n")) {
		t.Errorf("sniff")
	}
	for _, c := range []struct {
		name, in string
		id       string
		ids      []string
		values   []float64
		status   map[int]baserate.Status
	}{
		{"ecb.csv", ecb, "EXR", []string{"FREQ", "CURRENCY", "CURRENCY_DENOM", "EXR_TYPE", "EXR_SUFFIX", "TIME_PERIOD"}, []float64{1.0905, 1.0795, 0.8601, math.NaN()}, nil},
		{"ecb-history.csv", `KEY,FREQ,CURRENCY,CURRENCY_DENOM,EXR_TYPE,EXR_SUFFIX,TIME_PERIOD,OBS_VALUE,ACTION,VALID_FROM,VALID_TO
EXR.D.USD.EUR.SP00.A,D,USD,EUR,SP00,A,2024-01-02,1.0956,Replace,2024-01-02T15:57:01.000+01:00,
EXR.D.USD.EUR.SP00.A,D,USD,EUR,SP00,A,2024-01-03,1.0919,Replace,2024-01-03T15:57:01.000+01:00,
`, "EXR", []string{"FREQ", "CURRENCY", "CURRENCY_DENOM", "EXR_TYPE", "EXR_SUFFIX", "TIME_PERIOD"}, []float64{1.0956, 1.0919}, nil},
		{"estat.csv", `DATAFLOW,LAST UPDATE,freq,unit,sex,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS
ESTAT:X(1.0),01/10/26,A,PC,T,ITI3,2024,7.7,u,
ESTAT:X(1.0),01/10/26,A,PC,T,ITI3,2025,:,,
`, "ESTAT:X(1.0)", []string{"freq", "unit", "sex", "geo", "TIME_PERIOD"}, []float64{7.7, math.NaN()}, map[int]baserate.Status{0: "u", 1: ":"}},
	} {
		ts, err := Read(context.Background(), strings.NewReader(c.in), c.name)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		tb := ts[0]
		if tb.ID != c.id || !slices.Equal(dimIDs(tb), c.ids) || len(tb.Values) != len(c.values) {
			t.Fatalf("%s: %s %v %v", c.name, tb.ID, dimIDs(tb), tb.Values)
		}
		for i, v := range c.values {
			if got := tb.Values[i]; got != v && !(math.IsNaN(v) && math.IsNaN(got)) {
				t.Errorf("%s: value %d = %v, want %v", c.name, i, got, v)
			}
		}
		for i, s := range c.status {
			if tb.StatusAt(i) != s {
				t.Errorf("%s: status %d = %q, want %q", c.name, i, tb.StatusAt(i), s)
			}
		}
	}
}
