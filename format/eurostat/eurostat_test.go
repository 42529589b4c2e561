package eurostat

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format/internal/peertest"
)

func readFile(t *testing.T, p string) *baserate.Table {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(p, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	tb, err := Read(context.Background(), r, p)
	if err != nil {
		t.Fatal(err)
	}
	if err := tb.Validate(); err != nil {
		t.Fatal(err)
	}
	return tb
}

// TestWeeklyDeathsAPI: the legacy header, newest week first, ':' missing,
// "25 p" a provisional 25 (jszafran/eurostat-weekly-deaths-api).
func TestWeeklyDeathsAPI(t *testing.T) {
	dir := peertest.Dir(t, "eurostat-tsv", "jszafran-eurostat-weekly-deaths-api")
	tb := readFile(t, filepath.Join(dir, "eurostat_mockdata.tsv"))
	var ids []string
	for _, d := range tb.Dims {
		ids = append(ids, d.ID)
	}
	if !slices.Equal(ids, []string{"age", "sex", "unit", "geo", "time"}) {
		t.Errorf("dims %v", ids)
	}
	if got := tb.Dims[4].IDs(); !slices.Equal(got, []string{"2021W03", "2021W02", "2021W01"}) {
		t.Errorf("weeks %v", got)
	}
	check := func(sex, geo string, w1, w2, w3 float64) {
		t.Helper()
		for w, want := range map[string]float64{"2021W01": w1, "2021W02": w2, "2021W03": w3} {
			got := tb.At("TOTAL", sex, "NR", geo, w)
			if math.IsNaN(want) != math.IsNaN(got) || !math.IsNaN(want) && got != want {
				t.Errorf("%s %s %s = %v, want %v", sex, geo, w, got, want)
			}
		}
	}
	nan := math.NaN()
	// The peer maps ':' to 0; we keep it missing with status ':'.
	check("F", "AD", 1, nan, nan)
	check("T", "PL", nan, 123, 212)
	check("M", "GB", nan, 13, 25)
	off, _ := tb.Lookup("TOTAL", "M", "NR", "GB", "2021W03")
	if tb.StatusAt(off) != baserate.StatusProvisional {
		t.Errorf("GB W03 status %q", tb.StatusAt(off))
	}
	off, _ = tb.Lookup("TOTAL", "F", "NR", "AD", "2021W02")
	if tb.StatusAt(off) != ":" {
		t.Errorf("AD W02 status %q", tb.StatusAt(off))
	}
	// The cube: 1 age x 3 sexes x 1 unit x 3 geos x 3 weeks, 3 rows present, 5 values.
	if tb.Size() != 27 || tb.Missing() != 22 {
		t.Errorf("size %d missing %d", tb.Size(), tb.Missing())
	}
}

// TestGoWeeklyDeaths: values followed by a space before the tab, "0 p",
// no final newline, plain and gzipped twins equal.
func TestGoWeeklyDeaths(t *testing.T) {
	dir := peertest.Dir(t, "eurostat-tsv", "jszafran-go-eurostat-weekly-deaths")
	a := readFile(t, filepath.Join(dir, "eurostat_mock_data.tsv"))
	b := readFile(t, filepath.Join(dir, "eurostat_mock_data.tsv.gz"))
	// The peer's 9 records in file order.
	want := []struct {
		age, sex, geo, week string
		v                   float64
		st                  baserate.Status
	}{
		{"Y_LT5", "F", "PL", "2022W31", 1, ""}, {"Y_LT5", "F", "PL", "2022W30", 2, ""}, {"Y_LT5", "F", "PL", "2022W29", math.NaN(), ":"},
		{"Y20-24", "M", "DE", "2022W31", 100, "p"}, {"Y20-24", "M", "DE", "2022W30", 0, "p"}, {"Y20-24", "M", "DE", "2022W29", math.NaN(), ":"},
		{"TOTAL", "T", "FR", "2022W31", math.NaN(), ":"}, {"TOTAL", "T", "FR", "2022W30", math.NaN(), ":"}, {"TOTAL", "T", "FR", "2022W29", math.NaN(), ":"},
	}
	for _, tb := range []*baserate.Table{a, b} {
		for _, w := range want {
			off, err := tb.Lookup(w.age, w.sex, "NR", w.geo, w.week)
			if err != nil {
				t.Fatal(err)
			}
			v := tb.Values[off]
			if math.IsNaN(v) != math.IsNaN(w.v) || !math.IsNaN(v) && v != w.v || tb.StatusAt(off) != w.st {
				t.Errorf("%v: %v %q", w, v, tb.StatusAt(off))
			}
		}
	}
	if !slices.Equal(a.Dims[4].IDs(), []string{"2022W31", "2022W30", "2022W29"}) {
		t.Errorf("weeks %v", a.Dims[4].IDs())
	}
}

// TestLarray: 5 dimensions, shape (2,5,2,2,3), integer-looking labels kept
// as strings.
func TestLarray(t *testing.T) {
	dir := peertest.Dir(t, "eurostat-tsv", "larray")
	tb := readFile(t, filepath.Join(dir, "test5d_eurostat.csv"))
	var shape []int
	var ids []string
	for _, d := range tb.Dims {
		shape = append(shape, d.Size())
		ids = append(ids, d.ID)
	}
	if !slices.Equal(shape, []int{2, 5, 2, 2, 3}) || !slices.Equal(ids, []string{"arr", "age", "sex", "nat", "time"}) {
		t.Errorf("shape %v ids %v", shape, ids)
	}
	for i, y := range []string{"2007", "2010", "2013"} {
		if v := tb.At("1", "0", "F", "1", y); v != []float64{3722, 3395, 3347}[i] {
			t.Errorf("%s = %v", y, v)
		}
	}
	if tb.Missing() != 0 {
		t.Errorf("missing %d", tb.Missing())
	}
}

func TestModernHeaderAndErrors(t *testing.T) {
	in := "freq,unit,geo\\TIME_PERIOD\t2020 \t2021 \nA,NR,AT\t12.5 e\t:c\nA,NR,DE\t3\t4 bp\n"
	tb, err := Read(context.Background(), strings.NewReader(in), "x.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if tb.Dims[3].ID != "TIME_PERIOD" || tb.Dims[3].Role != baserate.RoleTime || tb.Dims[2].Role != baserate.RoleGeo {
		t.Errorf("dims %+v", tb.Dims[3])
	}
	if tb.At("A", "NR", "AT", "2020") != 12.5 || tb.StatusAt(0) != "e" || tb.StatusAt(1) != "c" || tb.StatusAt(3) != "bp" {
		t.Errorf("values %v %v", tb.Values, tb.Status)
	}
	for _, c := range []struct{ in, want string }{
		{"a,b\t2020\nx,y\t1\n", "x.tsv:1: first header field"},
		{"a,b\\time\t2020\nx\t1\n", "x.tsv:2: the row key \"x\" has 1 parts"},
		{"a,b\\time\t2020\nx,y\tabc\n", `x.tsv:2: field "2020": "abc" is not a number`},
		{"a,b\\time\t2020\nx,y\t1\t2\n", "x.tsv:2: more values"},
		{"a,b\\time\t2020\nx,y\t1\nx,y\t2\n", "x.tsv:3: the row \"x,y\" appears twice"},
		{"", "x.tsv:1: empty file"},
	} {
		_, err := Read(context.Background(), strings.NewReader(c.in), "x.tsv")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.in, err, c.want)
		}
	}
}

func TestSniff(t *testing.T) {
	if !Sniff([]byte("geo\\time\t2020\n")) || Sniff([]byte("a,b,c\n")) || Sniff(bytes.Repeat([]byte("x"), 10)) {
		t.Error("sniff")
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte("age,sex,unit,geo\\time\t2021W03\t2021W02\nTOTAL,F,NR,AD\t:\t1 p\n"))
	f.Add([]byte("freq,unit,geo\\TIME_PERIOD\t2020 \t2021 \nA,NR,AT\t12.5 e\t:c\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		tb, err := Read(context.Background(), bytes.NewReader(b), "f.tsv")
		if err == nil {
			if err := tb.Validate(); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// TestRolesByName: roles follow the names, so a file with the years as rows
// and the countries as columns (time\geo) gets time and geo right; as do
// the layouts of other readers' fixtures (java4eurostat-style: geo\time
// alone, a blank line between rows, a flag without space).
func TestRolesByName(t *testing.T) {
	tb, err := Read(context.Background(), strings.NewReader("unit,time\\geo\tAT\tBE\nNR,2020\t1\t2\nNR,2021\t3\t: \n"), "tg.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if tb.Dims[1].Role != baserate.RoleTime || tb.Dims[2].Role != baserate.RoleGeo || tb.At("NR", "2021", "AT") != 3 {
		t.Errorf("dims %+v %+v", tb.Dims[1], tb.Dims[2])
	}
	tb, err = Read(context.Background(), strings.NewReader("geo\\time\t2003 \t2004 \nAL\t: \t51.2 \n\nAT\t102.6b\t103.4 \n"), "one.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Dims) != 2 || tb.Dims[0].Role != baserate.RoleGeo || tb.At("AT", "2003") != 102.6 || tb.StatusAt(2) != "b" || tb.Missing() != 1 {
		t.Errorf("one: %+v %v", tb.Dims, tb.Values)
	}
}
