package genesis_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format/genesis"
	"github.com/baserate/baserate/internal/sharedtest"
)

const head = "statistics_code;statistics_label;time_code;time_label;time;1_variable_code;1_variable_label;1_variable_attribute_code;1_variable_attribute_label;2_variable_code;2_variable_label;2_variable_attribute_code;2_variable_attribute_label;value;value_unit;value_variable_code;value_variable_label\n"

func row(time, nat, natLabel, value string) string {
	return "12411;Fortschreibung des Bevölkerungsstandes;STAG;Stichtag;" + time + ";DINSG;Deutschland insgesamt;DG;Deutschland;NAT;Nationalität;" + nat + ";" + natLabel + ";" + value + ";Anzahl;BEVSTD;Bevölkerungsstand\n"
}

func TestReadShared12411(t *testing.T) {
	p := filepath.Join("..", "..", "..", "shared", "data", "stats", "de-destatis-population", "destatis_12411_bevoelkerung_nationalitaet_1984_2024.csv")
	f, err := os.Open(p)
	if err != nil {
		sharedtest.Missing(t, err)
	}
	defer f.Close()
	tb, err := genesis.Read(context.Background(), f, "12411.csv")
	if err != nil {
		t.Fatal(err)
	}
	if tb.ID != "12411" || tb.Dims[0].Size() != 41 {
		t.Errorf("table %s with %d times", tb.ID, tb.Dims[0].Size())
	}
	for _, c := range []struct {
		nat  string
		want float64
	}{{"NATA", 12108988}, {"NATD", 71347057}} {
		if got := tb.At("2023-12-31", "DG", c.nat, "BEVSTD"); got != c.want {
			t.Errorf("2023 %s = %v, want %v", c.nat, got, c.want)
		}
	}
	if got := tb.At("1989-12-31", "DG", "Insgesamt", "BEVSTD"); got != 62679035 {
		t.Errorf("1989 total = %v", got)
	}
}

func TestLatin1AndSymbols(t *testing.T) {
	in := head + row("2023-12-31", "NATA", "Ausländer", "12108988") + row("2023-12-31", "NATD", "Deutsche", "5,5p") + row("2022-12-31", "NATA", "Ausländer", "...")
	latin := make([]byte, 0, len(in))
	for _, r := range in {
		latin = append(latin, byte(r)) // every rune here is below 256
	}
	tb, err := genesis.Read(context.Background(), strings.NewReader(string(latin)), "l1.csv")
	if err != nil {
		t.Fatal(err)
	}
	if tb.Label != "Fortschreibung des Bevölkerungsstandes" {
		t.Errorf("label %q: Latin-1 not decoded", tb.Label)
	}
	off, _ := tb.Lookup("2023-12-31", "DG", "NATD", "BEVSTD")
	if tb.Values[off] != 5.5 || tb.StatusAt(off) != baserate.StatusProvisional {
		t.Errorf("5,5p read as %v %q", tb.Values[off], tb.StatusAt(off))
	}
	off, _ = tb.Lookup("2022-12-31", "DG", "NATA", "BEVSTD")
	if !math.IsNaN(tb.Values[off]) || tb.StatusAt(off) != baserate.StatusNotAvailable {
		t.Errorf("... read as %v %q", tb.Values[off], tb.StatusAt(off))
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"not genesis", "a;b\n1;2\n", `x.csv:1: no column "statistics_code"`},
		{"ragged", head + row("2023-12-31", "NATA", "A", "1") + "12411;x\n", "x.csv:3: ragged row"},
		{"number", head + row("2023-12-31", "NATA", "A", "12a"), `x.csv:2: field "value": "12a" is not a number`},
		{"duplicate", head + row("2023-12-31", "NATA", "A", "1") + row("2023-12-31", "NATA", "A", "2"), "x.csv:3: duplicate value for 2023-12-31, DG, NATA, BEVSTD (first at line 2)"},
		{"empty", "", "x.csv:1: empty file"},
		{"no rows", head, "x.csv:2: no data rows"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := genesis.Read(context.Background(), strings.NewReader(tc.in), "x.csv")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	f.Add(head + row("2023-12-31", "NATA", "Ausländer", "12108988"))
	f.Add(head + row("2023", "", "Insgesamt", "-") + row("2023", "NATD", "D", "1,5e"))
	f.Add("statistics_code;time;value\n1;2;3\n")
	f.Fuzz(func(t *testing.T, in string) {
		tb, err := genesis.Read(context.Background(), strings.NewReader(in), "f.csv")
		if err != nil {
			k := baserate.KindOf(err)
			if k != baserate.KindInvalid && k != baserate.KindTooLarge {
				t.Fatalf("kind %v: %v", k, err)
			}
			return
		}
		if err := tb.Validate(); err != nil {
			t.Fatal(err)
		}
	})
}

// TestGermanLayout: the older flat file with German headers and one column
// per value variable (pystatis's fixtures; more in format/peers_extra_test.go):
// the variables' columns are the measure's categories with label and unit,
// the total without an attribute code is named by its label, and the
// footer line of old exports ends the data.
func TestGermanLayout(t *testing.T) {
	in := "Statistik_Code;Statistik_Label;Zeit_Code;Zeit_Label;Zeit;1_Merkmal_Code;1_Merkmal_Label;1_Auspraegung_Code;1_Auspraegung_Label;BEV003__Gestorbene__Anzahl;BEV004__Anteil_Frauen__Prozent\n" +
		"23211;Todesursachenstatistik;JAHR;Jahr;2022;DLAND;Bundesländer;08;Baden-Württemberg;115000;51,2\n" +
		"23211;Todesursachenstatistik;JAHR;Jahr;2022;DLAND;Bundesländer;;Insgesamt;1066341;...\n" +
		"__________\n"
	tb, err := genesis.Read(context.Background(), strings.NewReader(in), "23211.csv")
	if err != nil {
		t.Fatal(err)
	}
	m := tb.Dims[2]
	if tb.Dims[0].Label != "Jahr" || tb.Dims[1].ID != "DLAND" || tb.Dims[1].Categories[1].ID != "Insgesamt" ||
		m.Categories[1].ID != "BEV004" || m.Categories[1].Label != "Anteil Frauen" || m.Categories[1].Unit.Label != "Prozent" {
		t.Errorf("dims %+v %+v %+v", tb.Dims[0], tb.Dims[1], m)
	}
	if tb.Values[1] != 51.2 || tb.Values[2] != 1066341 || tb.StatusAt(3) != baserate.StatusNotAvailable {
		t.Errorf("values %v", tb.Values)
	}
}

// TestCube: the GENESIS cube file ("Datenquader", the cubefile service), as
// restatis records it (tests/testthat/cube1/api/data/cubefile-*.csv; the
// first lines here are that file's, the rows a few of its 120): variables
// from DQA and DQZ, value variables from DQI, values from QEI with their
// quality flags.
func TestCube(t *testing.T) {
	in := "* Der Benutzer DE5256891X der Benutzergruppe DE0089 hat am 24.03.2025 um 22:19:22 diesen Export angestossen.\n" +
		"K;DQ;FACH-SCHL;GHH-ART;GHM-WERTE-JN;GENESIS-VBD;REGIOSTAT;EU-VBD;\"mit Werten\"\n" +
		"D;47414BJ002;;N;N;N;N\nK;DQ-ERH;FACH-SCHL\nD;47414\nK;DQA;NAME;RHF-BSR;RHF-ACHSE\nD;DINSG;1;1\nD;WZ08N7;2;2\nD;WERTE4;3;3\n" +
		"K;DQZ;NAME;ZI-RHF-BSR;ZI-RHF-ACHSE\nD;JAHR;4;4\n" +
		"K;DQI;NAME;ME-NAME;DST;TYP;NKM-STELLEN;GHH-ART;GHM-WERTE-JN\nD;UMS103;2015=100;FEST;PROZENT;1;;N\n" +
		"K;QEI;FACH-SCHL;FACH-SCHL;FACH-SCHL;ZI-WERT;WERT;QUALITAET;GESPERRT;WERT-VERFAELSCHT\n" +
		"D;DG;WZ08-49-01;NOMINAL;2015;100.0;e;;0.0\nD;DG;WZ08-49-01;NOMINAL;2016;99.3;e;;0.0\n" +
		"D;DG;WZ08-49-01;REAL;2015;100.0;e;;0.0\nD;DG;WZ08-49-01;REAL;2016;102.0;e;;0.0\n" +
		"D;DG;WZ08-49-02;NOMINAL;2015;100.0;e;;0.0\nD;DG;WZ08-49-02;NOMINAL;2023;118.3;p;;0.0\n" +
		"D;DG;WZ08-49-02;REAL;2015;.;;;0.0\n"
	if !genesis.IsCube([]byte(in)) || genesis.IsCube([]byte(head)) {
		t.Fatal("IsCube")
	}
	tb, err := genesis.ReadCube(context.Background(), strings.NewReader(in), "cubefile.csv")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range tb.Dims {
		ids = append(ids, fmt.Sprintf("%s:%d", d.ID, d.Size()))
	}
	if tb.ID != "47414BJ002" || strings.Join(ids, " ") != "DINSG:1 WZ08N7:2 WERTE4:2 JAHR:3 measure:1" || tb.Dims[3].Role != baserate.RoleTime {
		t.Fatalf("%s %v", tb.ID, ids)
	}
	if u := tb.Dims[4].Categories[0].Unit; u == nil || u.Label != "2015=100" || u.Decimals != 1 {
		t.Errorf("unit %+v", u)
	}
	if v := tb.At("DG", "WZ08-49-01", "NOMINAL", "2016", "UMS103"); v != 99.3 || tb.StatusAt(1) != baserate.StatusEstimated {
		t.Errorf("value %v status %q", v, tb.StatusAt(1))
	}
	if v := tb.At("DG", "WZ08-49-02", "NOMINAL", "2023", "UMS103"); v != 118.3 {
		t.Errorf("2023: %v", v)
	}
	if tb.StatusAt(tb.Offset([]int{0, 1, 1, 0, 0})) != baserate.StatusConfidential {
		t.Errorf("'.' is secret: %q", tb.StatusAt(tb.Offset([]int{0, 1, 1, 0, 0})))
	}
	for _, c := range []struct{ in, want string }{
		{"K;DQ;FACH-SCHL\nD;X\nK;QEI;FACH-SCHL\nD;a\n", "x.csv:3: values (QEI) before the variables"},
		{"K;DQ;FACH-SCHL\nD;X\nK;DQA;NAME\nD;A\nK;DQZ;NAME\nD;JAHR\nK;DQI;NAME\nD;V\nK;QEI;F;Z;W;Q;G;V\nD;a;2020;zz;;;\n", "x.csv:10: field \"V\": \"zz\" is not a number"},
		{"K;DQ;FACH-SCHL\nX;Y\n", "x.csv:2: a line must start with K"},
	} {
		_, err := genesis.ReadCube(context.Background(), strings.NewReader(c.in), "x.csv")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %s", c.in, err, c.want)
		}
	}
}

// TestTimeOrder checks that the time dimension is in time order when its
// ids read as times, whatever the file's row order, with every value
// still at its own time; ids that are not times keep the file's order.
func TestTimeOrder(t *testing.T) {
	in := head + row("2021-12-31", "NATA", "Ausländer", "3") + row("1989-12-31", "NATA", "Ausländer", "1") +
		row("2003-12-31", "NATA", "Ausländer", "2") + row("1989-12-31", "NATD", "Deutsche", "10") +
		row("2024-12-31", "NATA", "Ausländer", "4")
	tb, err := genesis.Read(context.Background(), strings.NewReader(in), "t.csv")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(tb.Dims[0].IDs(), " "); got != "1989-12-31 2003-12-31 2021-12-31 2024-12-31" {
		t.Errorf("times %s", got)
	}
	for time, want := range map[string]float64{"1989-12-31": 1, "2003-12-31": 2, "2021-12-31": 3, "2024-12-31": 4} {
		if v := tb.At(time, "DG", "NATA", "BEVSTD"); v != want {
			t.Errorf("%s: %v, want %v", time, v, want)
		}
	}
	if v := tb.At("1989-12-31", "DG", "NATD", "BEVSTD"); v != 10 {
		t.Errorf("NATD 1989: %v", v)
	}
	if !math.IsNaN(tb.At("2003-12-31", "DG", "NATD", "BEVSTD")) {
		t.Error("a missing cell got a value")
	}
	// Not times: the order of the file.
	in = head + row("b", "NATA", "Ausländer", "1") + row("a", "NATA", "Ausländer", "2")
	if tb, err = genesis.Read(context.Background(), strings.NewReader(in), "t.csv"); err != nil || strings.Join(tb.Dims[0].IDs(), " ") != "b a" {
		t.Errorf("non-times: %v %v", tb.Dims[0].IDs(), err)
	}

	cube := "K;DQ;FACH-SCHL\nD;X1\nK;DQA;NAME\nD;A\nK;DQZ;NAME\nD;JAHR\nK;DQI;NAME\nD;V\nK;QEI;F;Z;W;Q;G;V\n" +
		"D;a;2021;21;;;\nD;a;1999;99;;;\nD;b;1989;89;;;\nD;a;2003;3;;;\n"
	tb, err = genesis.ReadCube(context.Background(), strings.NewReader(cube), "c.csv")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(tb.Dims[1].IDs(), " "); got != "1989 1999 2003 2021" {
		t.Errorf("cube times %s", got)
	}
	for _, c := range []struct {
		a, y string
		v    float64
	}{{"a", "2021", 21}, {"a", "1999", 99}, {"b", "1989", 89}, {"a", "2003", 3}} {
		if v := tb.At(c.a, c.y, "V"); v != c.v {
			t.Errorf("cube %s %s: %v, want %v", c.a, c.y, v, c.v)
		}
	}
}
