package formula_test

import (
	"context"
	"encoding/json"
	"flag"
	"math"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/baserate/baserate/frame"
	"github.com/baserate/baserate/stat/formula"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rerun R (Rscript designs.R) to refresh testdata/designs_R.json")

type rDesign struct {
	Formula []string    `json:"formula"`
	Names   []string    `json:"names"`
	Terms   []string    `json:"terms"`
	Columns [][]float64 `json:"columns"`
}

// TestDesignMatchesR checks names, term labels and values of the model
// matrix against R's model.matrix for the formulas in testdata/designs.txt.
func TestDesignMatchesR(t *testing.T) {
	if *update {
		cmd := exec.Command("Rscript", "designs.R")
		cmd.Dir = "testdata"
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("Rscript designs.R: %v", err)
		}
		if err := os.WriteFile("testdata/designs_R.json", out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	raw, err := os.ReadFile("testdata/designs_R.json")
	if err != nil {
		t.Fatal(err)
	}
	var want []rDesign
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	data, err := frame.ReadFile(context.Background(), "testdata/designs.csv", frame.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 20 {
		t.Fatalf("only %d reference designs", len(want))
	}
	for _, w := range want {
		f, err := formula.Parse(w.Formula[0])
		if err != nil {
			t.Errorf("Parse(%q): %v", w.Formula[0], err)
			continue
		}
		if diff := cmp.Diff(w.Terms, f.Terms()); diff != "" {
			t.Errorf("%s: terms (-R +ours):\n%s", w.Formula[0], diff)
		}
		d, err := f.Design(data, formula.Options{})
		if err != nil {
			t.Errorf("%s: %v", w.Formula[0], err)
			continue
		}
		if diff := cmp.Diff(w.Names, d.Names); diff != "" {
			t.Errorf("%s: column names (-R +ours):\n%s", w.Formula[0], diff)
			continue
		}
		for j, col := range w.Columns {
			for i, v := range col {
				if g := d.X[j][i]; math.Abs(g-v) > 1e-13*math.Max(1, math.Abs(v)) {
					t.Errorf("%s: column %s row %d = %v, R %v", w.Formula[0], w.Names[j], i+1, g, v)
					break
				}
			}
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"y ~ a +", "column 8: formula ends where a term was expected"},
		{"y ~ a + )", "column 9: unexpected \")\""},
		{"y a", "column 3: expected \"~\""},
		{"y ~ log(x", "column 10: expected \",\" or \")\" in the call to log"},
		{"y ~ a | b | c", "more than one \"|\""},
		{"y ~ a | log(b)", "column 9: fixed effects must be column names"},
		{"y ~ a %in% b", "column 7: operator %in% is not supported"},
		{"y ~ 2 + a", "column 5: the number 2 is not a term"},
		{"y ~ a + \"x", "column 9: string is not closed"},
		{"y ~ a:1", "intercept (1 or 0) cannot be part of an interaction"},
		{"y ~ a | b + b", "fixed effect b appears twice"},
		{"y ~ (a+b)^x", "^ takes a positive whole number"},
		{"y ~ a # b", "column 7: unexpected character '#'"},
	} {
		_, err := formula.Parse(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) error = %v, want %q", tc.in, err, tc.want)
		}
	}
}

func TestParseParts(t *testing.T) {
	f, err := formula.Parse("suspects ~ group + age + log_density + income + offset(log(pop)) | district + year + district^year")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"group", "age", "log_density", "income"}, f.Terms()); diff != "" {
		t.Errorf("terms (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"district", "year", "district^year"}, f.FixedEffectNames()); diff != "" {
		t.Errorf("fixed effects (-want +got):\n%s", diff)
	}
	if len(f.Offsets()) != 1 || f.Offsets()[0].String() != "log(pop)" {
		t.Errorf("offsets = %v", f.Offsets())
	}
	if !f.Intercept() {
		t.Error("intercept lost")
	}
	if got := f.String(); got != "suspects ~ group + age + log_density + income + offset(log(pop)) | district + year + district^year" {
		t.Errorf("String() = %q", got)
	}
}

func TestDeparse(t *testing.T) {
	for in, want := range map[string]string{
		"log(x+1)":           "log(x + 1)",
		"I(x/1000)":          "I(x/1000)",
		"I(x^2)":             "I(x^2)",
		"I(-2^2)":            "I(-2^2)",
		"relevel(g,'a')":     `relevel(g, "a")`,
		"relevel(g,ref='a')": `relevel(g, ref = "a")`,
		"I(x*1e6)":           "I(x * 1e+06)",
		"`a b`":              "`a b`",
		"I((x+1)*2)":         "I((x + 1) * 2)",
		"log(pop, 10)":       "log(pop, 10)",
		"exp(-x)":            "exp(-x)",
		"I(100000 + 123456)": "I(1e+05 + 123456)",
	} {
		e, err := formula.ParseExpr(in)
		if err != nil {
			t.Errorf("ParseExpr(%q): %v", in, err)
			continue
		}
		if got := e.String(); got != want {
			t.Errorf("ParseExpr(%q).String() = %q, want %q", in, got, want)
		}
	}
}

func TestDesignMissingAndErrors(t *testing.T) {
	csv := "y,g,x,pop,fe\n1,a,1,10,u\n2,b,,20,u\n3,b,3,30,\n0,a,-1,40,v\n5,c,2,0,v\n"
	data, err := frame.ReadCSV(context.Background(), strings.NewReader(csv), "m.csv", frame.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := formula.Parse("y ~ g + log(x) | fe")
	d, err := f.Design(data, formula.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Row 2 lacks x, row 3 lacks fe, row 4 has log(-1) = NaN.
	if diff := cmp.Diff([]int{0, 4}, d.Rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{1, 2, 3}, d.Missing); diff != "" {
		t.Errorf("missing (-want +got):\n%s", diff)
	}
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0].Message, "log(x) is not a number in 1 rows") {
		t.Errorf("warnings = %v", d.Warnings)
	}
	// Level b is unused after dropping rows, so g has levels a, c.
	if diff := cmp.Diff([]string{"gc", "log(x)"}, d.Names); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"u", "v"}, d.FixedEffects[0].Levels); diff != "" {
		t.Errorf("fe levels (-want +got):\n%s", diff)
	}

	f, _ = formula.Parse("y ~ x + offset(log(pop))")
	_, err = f.Design(data, formula.Options{})
	if err == nil || !strings.Contains(err.Error(), "m.csv:6: data row 5: offset log(pop) is -Inf") {
		t.Errorf("offset log(0): error = %v", err)
	}
	for in, want := range map[string]string{
		"y ~ nope":               "column 5: no column \"nope\" in the data",
		"y ~ relevel(g, \"zz\")": "\"zz\" is not a level of g (levels: a, b, c)",
		"y ~ lg(x)":              "unknown function lg",
		"g ~ x":                  "the response g is a factor",
		"y ~ log(g)":             "g is a factor, not a number",
		"y ~ relevel(x, \"1\")":  "relevel needs a factor",
	} {
		f, err := formula.Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Design(data, formula.Options{}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error = %v, want %q", in, err, want)
		}
	}
}

func TestFixedEffectCombination(t *testing.T) {
	csv := "y,a,b\n1,x,1\n2,x,2\n3,y,1\n4,x,1\n"
	data, _ := frame.ReadCSV(context.Background(), strings.NewReader(csv), "c.csv", frame.Options{})
	f, _ := formula.Parse("y ~ 1 | a^b")
	d, err := f.Design(data, formula.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fe := d.FixedEffects[0]
	if fe.Name != "a^b" || !cmp.Equal([]string{"x_1", "x_2", "y_1"}, fe.Levels) || !cmp.Equal([]int32{0, 1, 2, 0}, fe.Codes) {
		t.Errorf("fe = %+v", fe)
	}
	if len(d.X) != 0 {
		t.Errorf("intercept-only FE model has %d columns, want 0", len(d.X))
	}
}

// A column that should hold numbers but has text in a field is refused with
// the file and line of that field, wherever a number is needed: the
// response, a function's argument, an offset, and a regressor whose other
// values are numbers. factor(x) still makes such a column a factor, and a
// column of text with a few numbers (g) is a factor as before.
func TestTextWhereNumberExpected(t *testing.T) {
	csv := "y,n,x,pop,g,code\n1,1,0.5,100,a,1\n2,2,1.5,200,b,2\n3,3,abc,300,7,3\n4,4,2.5,4x00,b,4\n5,many,0.1,500,a,x9\n6,6,0.2,600,b,6\n"
	data, err := frame.ReadCSV(context.Background(), strings.NewReader(csv), "t.csv", frame.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"n ~ g":                    `t.csv:6: field "n": "many" is not a number`,
		"pop ~ g":                  `t.csv:5: field "pop": "4x00" is not a number`,
		"y ~ g + log(pop)":         `t.csv:5: field "pop": "4x00" is not a number`,
		"y ~ g + offset(log(pop))": `t.csv:5: field "pop": "4x00" is not a number`,
		"y ~ g + I(x * 2)":         `t.csv:4: field "x": "abc" is not a number`,
		"y ~ g + x":                `t.csv:4: field "x": "abc" is not a number`,
		"y ~ g:x":                  `t.csv:4: field "x": "abc" is not a number`,
		"y ~ g + code":             `t.csv:6: field "code": "x9" is not a number`,
	} {
		f, err := formula.Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.Design(data, formula.Options{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error = %v, want %q", in, err, want)
		}
	}
	for _, in := range []string{"y ~ factor(x)", "y ~ factor(code) + g", "y ~ g + relevel(factor(pop), \"100\")"} {
		f, _ := formula.Parse(in)
		if _, err := f.Design(data, formula.Options{}); err != nil {
			t.Errorf("%s: %v", in, err)
		}
	}
}

// The response on the right-hand side is dropped with a warning, as R's
// model.matrix drops it ("y ~ y + x" fits y ~ x).
func TestResponseOnRightIsDropped(t *testing.T) {
	f, err := formula.Parse("y ~ y + x")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"x"}, f.Terms()); diff != "" {
		t.Errorf("terms (-want +got):\n%s", diff)
	}
	data, _ := frame.ReadCSV(context.Background(), strings.NewReader("y,x\n1,2\n3,4\n5,7\n"), "r.csv", frame.Options{})
	d, err := f.Design(data, formula.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"(Intercept)", "x"}, d.Names); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
	if len(d.Warnings) != 1 || d.Warnings[0].Code != "response-on-right" {
		t.Errorf("warnings = %v", d.Warnings)
	}
}

// TestOffsetErrorQuotesOffset checks that an error inside an offset added
// with AddOffset (the CLI's --offset) quotes the offset's text, which is
// what its column counts in, not the formula's.
func TestOffsetErrorQuotesOffset(t *testing.T) {
	csv := "count,g,pop\n1,a,10\n2,b,20\n"
	data, err := frame.ReadCSV(context.Background(), strings.NewReader(csv), "o.csv", frame.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := formula.Parse("count ~ g")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.AddOffset("log(popx)"); err != nil {
		t.Fatal(err)
	}
	_, err = f.Design(data, formula.Options{})
	want := `offset "log(popx)": column 5: no column "popx" in the data`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error = %v, want %q", err, want)
	}
	if err := f.AddOffset("log(pop"); err == nil || !strings.HasPrefix(err.Error(), `offset "log(pop": column 8:`) {
		t.Errorf("syntax error in offset = %v", err)
	}
}
