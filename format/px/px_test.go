package px

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format/internal/peertest"
)

func read(t *testing.T, path string) *baserate.Table {
	t.Helper()
	tb, err := ReadFile(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := tb.Validate(); err != nil {
		t.Fatal(err)
	}
	return tb
}

func sizes(t *baserate.Table) []int {
	var s []int
	for _, d := range t.Dims {
		s = append(s, d.Size())
	}
	return s
}

func ids(t *baserate.Table) []string {
	var s []string
	for _, d := range t.Dims {
		s = append(s, d.ID)
	}
	return s
}

// TestPx2csvGo reproduces px2csv-go's expected output for its Statistics
// Finland file byte for byte: 44,010 rows, stub-major, the HEADING values
// pivoted to columns, Finnish labels decoded from windows-1252, missing
// cells written as ".".
func TestPx2csvGo(t *testing.T) {
	dir := peertest.Dir(t, "px", "mikaelhg-px2csv-go")
	tb := read(t, filepath.Join(dir, "010_kats_tau_101.px"))
	f, err := os.Open(filepath.Join(dir, "testout.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := io.ReadAll(zr)

	var buf bytes.Buffer
	stub := tb.Dims[:3]
	head := tb.Dims[3]
	var cols []string
	for _, d := range stub {
		cols = append(cols, strconv.Quote(d.Label))
	}
	for _, c := range head.Categories {
		cols = append(cols, strconv.Quote(c.Label))
	}
	buf.WriteString(strings.Join(cols, ";") + "\n")
	pos := make([]int, 4)
	rows := 0
	for off := 0; off < len(tb.Values); off += head.Size() {
		tb.Coords(off, pos)
		var f []string
		for i, d := range stub {
			f = append(f, `"`+d.Categories[pos[i]].Label+`"`)
		}
		for j := 0; j < head.Size(); j++ {
			v := tb.Values[off+j]
			if math.IsNaN(v) {
				f = append(f, string(tb.StatusAt(off+j)))
			} else {
				f = append(f, strconv.FormatFloat(v, 'f', -1, 64))
			}
		}
		buf.WriteString(strings.Join(f, ";") + "\n")
		rows++
	}
	if rows != 44010 {
		t.Errorf("%d rows, want 44010", rows)
	}
	if tb.Missing() != 188792 {
		t.Errorf("missing %d, want 188792", tb.Missing())
	}
	if !bytes.Equal(buf.Bytes(), want) {
		got := strings.Split(buf.String(), "\n")
		exp := strings.Split(string(want), "\n")
		for i := range min(len(got), len(exp)) {
			if got[i] != exp[i] {
				t.Fatalf("line %d:\n got %s\nwant %s", i+1, got[i], exp[i])
			}
		}
		t.Fatalf("%d lines, want %d", len(got), len(exp))
	}
	// Labels in all three languages.
	d := tb.Dims[0]
	if d.Labels["sv"] != "Besiktningsår" || d.Labels["en"] != "Year of inspection" || d.Labels["fi"] != "Katsastusvuosi" {
		t.Errorf("dimension labels %v", d.Labels)
	}
	if tb.Labels["en"] != "Periodic inspections of cars by Year of inspection, Brand and model series, Registration year and Information" {
		t.Errorf("title en %q", tb.Labels["en"])
	}
}

// TestPCAxisSerializers checks the facts PxWeb's reference serializers
// assert about their files (peer EXPECTED.md, px/PCAxis.Serializers).
func TestPCAxisSerializers(t *testing.T) {
	dir := peertest.Dir(t, "px", "PCAxis.Serializers")
	tb := read(t, filepath.Join(dir, "PR0101B3.px"))
	if !slices.Equal(ids(tb), []string{"Product group", "period"}) || !slices.Equal(sizes(tb), []int{8, 5}) {
		t.Errorf("PR0101B3: %v %v", ids(tb), sizes(tb))
	}
	if got := tb.Dims[0].IDs(); !slices.Equal(got, []string{"01", "01.1", "01.1.1", "01.1.2", "01.1.3", "01.1.4", "01.1.5", "01.1.6"}) {
		t.Errorf("codes %v", got)
	}
	if tb.Dims[0].Categories[3].Label != "01.1.2 Meat" || tb.Dims[1].Categories[0].Label != "2006M01" {
		t.Errorf("labels %q %q", tb.Dims[0].Categories[3].Label, tb.Dims[1].Categories[0].Label)
	}
	if tb.Dims[1].Role != baserate.RoleTime || tb.Source != "Statistics Sweden" {
		t.Errorf("role %q source %q", tb.Dims[1].Role, tb.Source)
	}
	// The serializer rounds to SHOWDECIMALS=1; we keep the published
	// value (DECIMALS=2) and the rounding is the writer's business.
	want := []float64{237, 238.6, 238.7, 238.3, 242.1, 246.1, 247.9, 248, 247.6, 251.9, 245.3, 243.6, 245.3, 244.7, 245, 229.3, 232.2, 232.2, 232, 232.9, 316.3, 314.9, 321.9, 315.3, 332.8, 266.9, 267.4, 267, 266.3, 267.8, 208.8, 211.2, 211.8, 211.5, 211.7, 232.2, 227, 231.8, 232.8, 238.2}
	for i, w := range want {
		if math.Abs(math.Round(tb.Values[i]*10)/10-w) > 1e-9 {
			t.Errorf("PR0101B3 value %d = %v, rounds to %v, want %v", i, tb.Values[i], math.Round(tb.Values[i]*10)/10, w)
		}
	}
	if tb.Values[0] != 236.96 {
		t.Errorf("raw value 0 = %v, want 236.96", tb.Values[0])
	}

	tb = read(t, filepath.Join(dir, "MultipleContent.px"))
	if !slices.Equal(ids(tb), []string{"Statsbrgskap", "Tid", "ContentsCode"}) || !slices.Equal(sizes(tb), []int{276, 65, 3}) {
		t.Errorf("MultipleContent: %v %v", ids(tb), sizes(tb))
	}
	if tb.Dims[1].Role != baserate.RoleTime || tb.Dims[2].Role != baserate.RoleMetric {
		t.Errorf("roles %q %q", tb.Dims[1].Role, tb.Dims[2].Role)
	}
	if tb.Dims[2].Categories[0].Unit == nil {
		t.Error("content categories have no unit")
	}

	tb = read(t, filepath.Join(dir, "14216.px"))
	// Parquet serializer: tettsted 0801, year 2025: Areal 275.87, Bosatte 1110887; 2024: 276.30, 1098061.
	check := func(year string, areal, bosatte float64) {
		t.Helper()
		d := tb.Dims[1]
		var a, b float64 = math.NaN(), math.NaN()
		for _, c := range d.Categories {
			if strings.HasPrefix(c.ID, "Areal") {
				a = tb.At("0801", c.ID, year)
			} else {
				b = tb.At("0801", c.ID, year)
			}
		}
		if a != areal || b != bosatte {
			t.Errorf("14216 %s: %v %v, want %v %v (content ids %v)", year, a, b, areal, bosatte, d.IDs())
		}
	}
	check("2025", 275.87, 1110887)
	check("2024", 276.30, 1098061)

	// Missing symbols: "." in Issue220Finland (29767 of 42504), ".." in NAAC01 (1445) and TAB2936 (37).
	for _, c := range []struct {
		file    string
		cells   int
		missing int
		sym     baserate.Status
	}{
		{"Issue220Finland.px", 42504, 29767, "."},
		{"NAAC01_20230728-205316.px", 6720, 1445, ".."},
		{"TAB2936.px", 189, 37, ".."},
	} {
		tb := read(t, filepath.Join(dir, c.file))
		if tb.Size() != c.cells || tb.Missing() != c.missing {
			t.Errorf("%s: %d cells %d missing, want %d %d", c.file, tb.Size(), tb.Missing(), c.cells, c.missing)
		}
		n := 0
		for _, s := range tb.Status {
			if s == c.sym {
				n++
			}
		}
		if n != c.missing {
			t.Errorf("%s: %d cells with status %q, want %d", c.file, n, c.sym, c.missing)
		}
	}

	// The damaged file: declares iso-8859-15, holds UTF-8 with U+FFFD.
	tb = read(t, filepath.Join(dir, "WierdTimeWithOneValue.px"))
	var codes []string
	for _, c := range tb.Caveats {
		codes = append(codes, c.Code+": "+c.Message)
	}
	all := strings.Join(codes, "\n")
	if !strings.Contains(all, `declares CODEPAGE="iso-8859-15" but its text is valid UTF-8`) || !strings.Contains(all, "U+FFFD") {
		t.Errorf("WierdTimeWithOneValue caveats:\n%s", all)
	}

	// Every file reads, and values fill the declared cube.
	files, _ := filepath.Glob(filepath.Join(dir, "*.px"))
	for _, f := range files {
		tb, err := ReadFile(context.Background(), f, Options{})
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
			continue
		}
		if err := tb.Validate(); err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
		}
	}
}

// TestPxWebExample checks the PX-Web example database: every file outside
// error/ reads; fatal/ files fail naming the file, line where known and
// the defect; continue/ files read with a caveat naming the defect; KEYS
// files equal their dense twins.
func TestPxWebExample(t *testing.T) {
	dir := peertest.Dir(t, "px", "statisticssweden-PxWeb", "Example")
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(p, string(filepath.Separator)+"error"+string(filepath.Separator)) {
			return err
		}
		if _, err := ReadFile(context.Background(), p, Options{}); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fatal := map[string]string{
		"BE0101F1errorCodes.px":             `:24: CODES("region"): text "0" directly after the string "0"`,
		"BE0101F1errorHeading.px":           `:16: HEADING: text "od" directly after the string "peri"`,
		"BE0101F1errorMatrix.px":            `:8: MATRIX: text "01F1"`,
		"BE0101F1errorStub.px":              `:15: STUB: text "on"`,
		"BE0101F1errorSubjectArea.px":       `:6: SUBJECT-AREA: text "lation"`,
		"BE0101F1errorUnit.px":              `:14: UNITS: text "ber"`,
		"BE0101F1errorValues.px":            `:18: VALUES("region"): text "weden"`,
		"BE0101F1errorContvariable.px":      `:17: CONTVARIABLE: names "typex", which is not in STUB or HEADING`,
		"BE0101F1errorContVariableunits.px": `CONTVARIABLE "type": no UNITS("Inmigrated")`,
		"BE0101F1errorVarValue.px":          `:18: VALUES("regionx"): names variable "regionx"`,
		"BE0101F1errormissingValues.px":     `variable "age" has no VALUES`,
		"BE0101F1misingSubjectArea.px":      "missing mandatory keyword SUBJECT-AREA",
		"BE0101F1missingContents.px":        "missing mandatory keyword CONTENTS",
		"BE0101F1missingData.px":            "no DATA keyword",
		"BE0101F1missingDecimal.px":         "missing mandatory keyword DECIMALS",
		"BE0101F1missingMatrix.px":          "missing mandatory keyword MATRIX",
		"BE0101F1missingStubHeading.px":     "neither STUB nor HEADING",
		"BE0101F1missingSubjectCode.px":     "missing mandatory keyword SUBJECT-CODE",
		"BE0101F1missingTitle.px":           "missing mandatory keyword TITLE (or DESCRIPTION)",
		"BE0101F1missingUnit.px":            "missing mandatory keyword UNITS",
	}
	files, _ := filepath.Glob(filepath.Join(dir, "error", "fatal", "*.px"))
	if len(files) != len(fatal) {
		t.Errorf("%d fatal files, %d expectations", len(files), len(fatal))
	}
	for _, f := range files {
		_, err := ReadFile(context.Background(), f, Options{})
		want := fatal[filepath.Base(f)]
		if err == nil || want == "" || !strings.Contains(err.Error(), f+want) && !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", filepath.Base(f), err, want)
			continue
		}
		if !strings.Contains(err.Error(), f) || baserate.KindOf(err) != baserate.KindInvalid {
			t.Errorf("%s: error %v does not name the file or is not KindInvalid", filepath.Base(f), err)
		}
	}
	cont := map[string]string{
		"BE0101A1procerrorPrecision.px":       `PRECISION("$$SORT","Per centx") names an unknown variable or value`,
		"BE0101F1errorAggregAllowed.px":       `AGGREGALLOWED="2" must be YES or NO`,
		"BE0101F1errorCellnote.px":            "CELLNOTE has 4 coordinates for 5 variables",
		"BE0101F1errorContVariabledetails.px": `LAST-UPDATED("Inmigratedx") names "Inmigratedx"`,
		"BE0101F1errorContact.px":             `line 45: CONTACT("Inmigrated"): text "ksson"`,
		"BE0101F1errorDescDefault.px":         "DESCRIPTIONDEFAULT=YES but there is no DESCRIPTION",
		"BE0101F1errorDescription.px":         `line 10: DESCRIPTION: text "Migration"`,
		"BE0101F1errorDomain.px":              `DOMAIN("regionx") names a variable that is not in STUB or HEADING`,
		"BE0101F1errorDoubleCol.px":           `DOUBLECOLUMN("regionx")`,
		"BE0101F1errorElimYalue.px":           `ELIMINATION("regionx")`,
		"BE0101F1errorElimYes.px":             `ELIMINATION("sexx")`,
		"BE0101F1errorMap.px":                 `line 33: MAP("region"): text "en_municipality"`,
		"BE0101F1errorNote.px":                `line 49: NOTE: text "nal"`,
		"BE0101F1errorNoteVar.px":             `NOTE("regionx")`,
		"BE0101F1errorShowdecimals.px":        `SHOWDECIMALS="20" is not a number from 0 to 6`,
		"BE0101F1errorShowdecimals2.px":       `SHOWDECIMALS="A"`,
		"BE0101F1errorShowdecimals2d.px":      "SHOWDECIMALS=2 exceeds DECIMALS=0",
		"BE0101F1errorSource.px":              `line 44: SOURCE: text "stics"`,
		"BE0101F1errorTimeval.px":             `TIMEVAL("period") lists 2 periods for 1 VALUES`,
		"BE0101F1errorValueNote.px":           `line 60: VALUENOTE("age","20"): text "al"`,
		"BE0101F1errorValuenotex.px":          `line 59: VALUENOTEX("region","0114 Upplands Väsby"): text "for" after the string`,
	}
	multilang := map[string]string{
		"BE0101F1ensvcontvarerror.px":           "CONTVARIABLE has no [sv] version",
		"BE0101F1ensvdescerror.px":              `DESCRIPTION[svx] uses language "svx"`,
		"BE0101F1langensvfiolikacelln2error.px": `CELLNOTE[fix]`,
	}
	for sub, exp := range map[string]map[string]string{"continue": cont, "multilang": multilang} {
		for name, want := range exp {
			tb, err := ReadFile(context.Background(), filepath.Join(dir, "error", sub, name), Options{})
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			var msgs []string
			for _, c := range tb.Caveats {
				msgs = append(msgs, c.Message)
			}
			if !strings.Contains(strings.Join(msgs, "\n"), want) {
				t.Errorf("%s: caveats %q, want one containing %q", name, msgs, want)
			}
		}
	}
	// KEYS files equal their dense twins; left-out rows are zeros.
	for _, pair := range [][2]string{
		{"keys/BE101ACEkeys.px", "Population/BE101ACE.px"},
		{"keys/BE0101F1symbnotkeys.px", "Population/BE0101F1symbnot.px"},
	} {
		k := read(t, filepath.Join(dir, pair[0]))
		d := read(t, filepath.Join(dir, pair[1]))
		if len(k.Values) != len(d.Values) {
			t.Errorf("%s: %d values, dense twin %d", pair[0], len(k.Values), len(d.Values))
			continue
		}
		for i := range k.Values {
			kv, dv := k.Values[i], d.Values[i]
			if kv != dv && !(math.IsNaN(kv) && math.IsNaN(dv)) || k.StatusAt(i) != d.StatusAt(i) {
				t.Errorf("%s: cell %d = %v %q, dense %v %q", pair[0], i, kv, k.StatusAt(i), dv, d.StatusAt(i))
				break
			}
		}
	}
	// Symbols and their meanings.
	tb := read(t, filepath.Join(dir, "keys", "BE0101F1symbnotkeys.px"))
	syms := tb.Extension["px"].(map[string]any)["datasymbols"].(map[string]string)
	if syms["."] != "n.a." {
		t.Errorf("DATASYMBOL1 meaning %q", syms["."])
	}
	seen := map[baserate.Status]bool{}
	for _, s := range tb.Status {
		seen[s] = true
	}
	for _, s := range []baserate.Status{".", "..", "...", "....", ".....", "......"} {
		if !seen[s] {
			t.Errorf("status %q not seen in BE0101F1symbnotkeys", s)
		}
	}
	// "-" is nil: a true zero with its status.
	tb = read(t, filepath.Join(dir, "NPM", "BE0101F1nilSymbol.px"))
	found := false
	for i, s := range tb.Status {
		if s == "-" {
			found = true
			if tb.Values[i] != 0 {
				t.Errorf("nil cell %d = %v", i, tb.Values[i])
			}
		}
	}
	if !found {
		t.Error("no '-' cell in BE0101F1nilSymbol.px")
	}
	// Hierarchies become parents.
	tb = read(t, filepath.Join(dir, "Hierarchies", "PR0101B3hier2lang.px"))
	d, _ := tb.Dim("Product group")
	if d == nil {
		t.Fatalf("no Product group in %v", ids(tb))
	}
	if c := d.Categories[d.Index("01.1")]; c.Parent != "01" {
		t.Errorf("parent of 01.1 = %q", c.Parent)
	}
	if d.Labels["sv"] == "" || d.Categories[1].Labels["sv"] == "" {
		t.Errorf("no Swedish labels: %v %v", d.Labels, d.Categories[1].Labels)
	}
	// DATANOTECELL markers become statuses.
	tb = read(t, filepath.Join(dir, "datanotecell", "Transmengde.px"))
	n := 0
	for _, s := range tb.Status {
		if s == "*" {
			n++
		}
	}
	if n == 0 {
		t.Error("Transmengde: no DATANOTECELL statuses")
	}
}

// TestPxR checks pxR's files: KEYS in reverse order and sparse, multiple
// ';' in DATA, Latin-1 with CRLF.
func TestPxR(t *testing.T) {
	dir := peertest.Dir(t, "px", "pxR")
	tb := read(t, filepath.Join(dir, "tests_review", "example4.px"))
	if !slices.Equal(sizes(tb), []int{4, 3, 2, 2}) {
		t.Fatalf("example4 sizes %v", sizes(tb))
	}
	if tb.At("01", "01", "1", "D1") != 1 || tb.At("01", "01", "1", "D2") != 2 || tb.At("04", "03", "2", "D1") != 47 || tb.At("04", "03", "2", "D2") != 48 {
		t.Errorf("example4 values %v", tb.Values)
	}
	tb = read(t, filepath.Join(dir, "inst", "extdata", "example6.px"))
	// The row ("C2","B1") is absent: its cells are zeros.
	for _, a := range []string{"A1", "A2", "A3", "A4"} {
		if v := tb.At("B1", "002", a); v != 0 {
			t.Errorf("example6 B1/C2/%s = %v, want 0", a, v)
		}
	}
	if tb.At("B3", "002", "A4") != 24 || tb.At("B1", "001", "A1") != 1 {
		t.Errorf("example6 values %v", tb.Values)
	}
	tb = read(t, filepath.Join(dir, "tests_review", "example6.px"))
	if tb.Values[23] != 24 {
		t.Errorf("example6 (multiple ';'): last value %v", tb.Values[23])
	}
	tb = read(t, filepath.Join(dir, "inst", "extdata", "example.px"))
	if !slices.Equal(sizes(tb), []int{3, 184, 19}) {
		t.Errorf("example.px sizes %v", sizes(tb))
	}
	tb = read(t, filepath.Join(dir, "inst", "extdata", "EPA_es_1.px"))
	if tb.Missing() != 13 {
		t.Errorf("EPA_es_1 missing %d, want 13", tb.Missing())
	}
	for _, f := range []string{"example2.px", "example3.px", "example5.px", "example7.px"} {
		read(t, filepath.Join(dir, "tests_review", f))
	}
}

// TestQmrparser checks the PX specification's worked examples.
func TestQmrparser(t *testing.T) {
	dir := peertest.Dir(t, "px", "qmrparser")
	tb := read(t, filepath.Join(dir, "datInSFexample6_1.px"))
	if tb.Size() != 54 || !slices.Equal(sizes(tb), []int{3, 3, 2, 3}) {
		t.Errorf("6_1: %v", sizes(tb))
	}
	tb = read(t, filepath.Join(dir, "datInSFexample6_3.px"))
	if d, _ := tb.Dim("alue"); d == nil || d.Elimination == "" {
		t.Errorf("6_3: ELIMINATION(\"alue\") not kept")
	}
	if d, _ := tb.Dim("aika"); d == nil || d.Role != baserate.RoleTime {
		t.Errorf("6_3: aika is not time")
	}
	tb = read(t, filepath.Join(dir, "datInSFexample6_4.px"))
	// Sparse KEYS: ages "0-6" and "7-14" rows are absent (zeros).
	if tb.At("049", "30-34", tb.Dims[2].Categories[0].ID) != 16064 {
		t.Errorf("6_4: %v", tb.Values)
	}
	tb = read(t, filepath.Join(dir, "datInSFexample6_5.px"))
	d, _ := tb.Dim("typ")
	if d == nil || d.Role != baserate.RoleMetric {
		t.Fatalf("6_5: no metric typ")
	}
	if j := d.Index("in3"); j < 0 || d.Categories[j].Unit == nil || d.Categories[j].Unit.Label != "ton" {
		t.Errorf("6_5: UNITS(in3) %v", d.Categories)
	}
	tb = read(t, filepath.Join(dir, "datInSFexampleA_5.px"))
	if tb.Dims[0].Labels["sv"] == "" || tb.Dims[0].Labels["fi"] == "" {
		t.Errorf("A_5 labels %v", tb.Dims[0].Labels)
	}
	read(t, filepath.Join(dir, "datInSFexample6_2.px"))
}

// TestLexerFixtures runs pxspec's tokenizer fixtures: multi-line values,
// TIMEVAL forms, hierarchy pairs, and DATA without a final ';'.
func TestLexerFixtures(t *testing.T) {
	dir := peertest.Dir(t, "px", "mikaelhg-pxspec")
	lex := func(name string) []*entry {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		lx := &lexer{r: bufio.NewReader(bytes.NewReader(b)), max: 1 << 20}
		var out []*entry
		for {
			e, err := lx.next()
			if err == io.EOF {
				return out
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			out = append(out, e)
			if e.key == "DATA" {
				return out
			}
		}
	}
	es := lex("multiline.px")
	if es[0].key != "FOO" {
		t.Fatal(es[0].key)
	}
	l, err := listOf(es[0].toks)
	if err != nil || len(l) != 2 || string(l[0]) != "aaaaabbbbb" || string(l[1]) != "cccccddddd" {
		t.Errorf("multiline FOO = %q %v", l, err)
	}
	es = lex("timeval.px")
	b := &builder{dec: utf8String}
	for i, want := range [][]string{{"1994", "1996"}, {"1994", "1996"}, {"2011", "2012", "2013", "2014", "2015"}} {
		scale, vals, isRange := b.tlist(es[i])
		if scale != "A1" || !slices.Equal(vals, want) || isRange != (i < 2) {
			t.Errorf("timeval %d: %q %q %v", i, scale, vals, isRange)
		}
	}
	es = lex("hierarchy.px")
	n := 0
	for _, tk := range es[1].toks {
		if tk.kind == tColon {
			n++
		}
	}
	if es[1].key != "HIERARCHY" || n != 3 {
		t.Errorf("hierarchy: %s %d pairs", es[1].key, n)
	}
	// Without mandatory keywords the fixtures are refused by default and
	// read in lenient mode, up to their DATA, which is not a number.
	_, err = ReadFile(context.Background(), filepath.Join(dir, "hierarchy.px"), Options{})
	if err == nil || !strings.Contains(err.Error(), "missing mandatory keyword MATRIX") {
		t.Errorf("hierarchy.px: %v", err)
	}
}

func TestSmallFiles(t *testing.T) {
	const head = `CHARSET="ANSI";
MATRIX="T1";
SUBJECT-CODE="X";
SUBJECT-AREA="X";
DECIMALS=1;
TITLE="t";
CONTENTS="c";
UNITS="persons";
STUB="a";
HEADING="b";
VALUES("a")="a1","a2";
VALUES("b")="b1","b2","b3";
`
	cases := []struct {
		name, data string
		want       []float64
		status     []baserate.Status
		err        string
	}{
		{"plain", "DATA=\n1 2 3\n4 5 6;", []float64{1, 2, 3, 4, 5, 6}, nil, ""},
		{"symbols", "DATA=\n1 \"..\" 3\n\"-\" 5.5 \".\";", []float64{1, math.NaN(), 3, 0, 5.5, math.NaN()}, []baserate.Status{"", "..", "", "-", "", "."}, ""},
		{"short", "DATA=\n1 2 3\n4 5;", nil, nil, "DATA ends after 5 values; the variables declare 6"},
		{"long", "DATA=\n1 2 3\n4 5 6 7;", nil, nil, ":15: DATA has more than the 6 values"},
		{"word", "DATA=\n1 2 x\n4 5 6;", nil, nil, `:14: DATA value "x" is not a number`},
		{"noend", "DATA=\n1 2 3\n4 5 6", []float64{1, 2, 3, 4, 5, 6}, nil, ""},
		{"commas", "DATA=\n1,2,3,\n4,5,6;", []float64{1, 2, 3, 4, 5, 6}, nil, ""},
		{"negative", "DATA=\n-1 -2.5 1e3 0.001 +4 007;", []float64{-1, -2.5, 1000, 0.001, 4, 7}, nil, ""},
		{"same line", "DESCRIPTION=\"\";\nDATA=\"..\" 2 3 4 5 \".\"\n;", []float64{math.NaN(), 2, 3, 4, 5, math.NaN()}, []baserate.Status{"..", "", "", "", "", "."}, ""},
		{"crlf tabs", "DATA=\r\n1\t2\t3\r\n4\t5\t6\r\n;\r\n", []float64{1, 2, 3, 4, 5, 6}, nil, ""},
	}
	for _, c := range cases {
		tb, err := Read(context.Background(), strings.NewReader(head+c.data), Options{Name: "t.px"})
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: err %v, want %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		for i, w := range c.want {
			g := tb.Values[i]
			if g != w && !(math.IsNaN(g) && math.IsNaN(w)) {
				t.Errorf("%s: value %d = %v, want %v", c.name, i, g, w)
			}
			if c.status != nil && tb.StatusAt(i) != c.status[i] {
				t.Errorf("%s: status %d = %q, want %q", c.name, i, tb.StatusAt(i), c.status[i])
			}
		}
	}
	// Absurd declared sizes are refused before allocation.
	big := strings.Replace(head, `VALUES("a")="a1","a2";`, `VALUES("a")=`+strings.Repeat(`"x",`, 0)+bigList(20000)+`;`, 1)
	big = strings.Replace(big, `VALUES("b")="b1","b2","b3";`, `VALUES("b")=`+bigList(20000)+`;`, 1)
	_, err := Read(context.Background(), strings.NewReader(big+"DATA=\n1;"), Options{Name: "big.px"})
	if baserate.KindOf(err) != baserate.KindTooLarge {
		t.Errorf("big: %v", err)
	}
	var pe *baserate.PosError
	_, err = Read(context.Background(), strings.NewReader("hello"), Options{Name: "x.px"})
	if !errors.As(err, &pe) || pe.File != "x.px" {
		t.Errorf("not px: %v", err)
	}
}

func bigList(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q", strconv.Itoa(i))
	}
	return b.String()
}
