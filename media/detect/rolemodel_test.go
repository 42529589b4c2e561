package detect

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/media/eval"
	"github.com/baserate/baserate/media/heldout"
)

// TestFitRoleModel fits the model on rows whose class is set by two
// features and checks that it finds them again on new rows.
func TestFitRoleModel(t *testing.T) {
	nf := len(FeatureNames)
	rng := rand.New(rand.NewPCG(1, 2))
	row := func() ([]float64, int) {
		x := make([]float64, nf)
		for j := range x {
			x[j] = rng.NormFloat64()
		}
		switch {
		case x[3] > 0.5:
			return x, ClassVictim
		case x[7] > 0.5:
			return x, ClassNone
		}
		return x, ClassSuspect
	}
	var xs [][]float64
	var ys []int
	for range 600 {
		x, y := row()
		xs, ys = append(xs, x), append(ys, y)
	}
	var progress strings.Builder
	FitProgress = &progress
	rm, err := FitRoleModel(xs, ys, 1, "all")
	FitProgress = nil
	if err != nil {
		t.Fatal(err)
	}
	// The fit reports how it ended (cmd/rolemodel's progress).
	if !strings.Contains(progress.String(), "role model fit: ended after ") {
		t.Errorf("no end of the fit in its progress: %q", progress.String())
	}
	if err := rm.Check(); err != nil {
		t.Fatal(err)
	}
	right := 0
	for range 300 {
		x, y := row()
		p := rm.Probs(x, nil)
		if s := p[0] + p[1] + p[2]; math.Abs(s-1) > 1e-9 {
			t.Fatalf("probabilities sum to %v", s)
		}
		if k := argmax(p); k == y {
			right++
		}
	}
	if right < 270 {
		t.Errorf("%d of 300 new rows classified right, want at least 270", right)
	}
	if _, err := FitRoleModel(xs[:2], ys[:1], 1, "all"); err == nil {
		t.Error("rows and labels of different lengths: no error")
	}
}

// constModel is a model that gives class k to every mention.
func constModel(mode string, k int) *RoleModel {
	nf := len(FeatureNames)
	rm := &RoleModel{Mode: mode, Features: FeatureNames, Mean: make([]float64, nf), SD: make([]float64, nf), Classes: ClassNames}
	for j := range rm.SD {
		rm.SD[j] = 1
	}
	for c := range NClasses {
		rm.W[c] = make([]float64, nf+1)
	}
	rm.W[k][0] = 10
	return rm
}

// TestMentionRowsAndRoleModel checks the rows of a text (one per origin
// mention, with the rules' role and every feature), that a model in mode
// "all" decides the roles with evidence naming its deciding features,
// and that in mode "fallback" it leaves a mention a cue decided alone.
func TestMentionRowsAndRoleModel(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	a := baserate.Article{ID: "x", Lang: "de", Source: "ffm-polizei",
		Text: "Ein 23-jähriger Syrer wurde nach einem Raub festgenommen. Das Opfer, ein 40-jähriger Deutscher, blieb unverletzt."}
	cod, rows := c.MentionRows(a)
	if !slices.Equal(cod.SuspectOrigins, []string{"SY"}) || !slices.Equal(cod.VictimOrigins, []string{"DE"}) {
		t.Fatalf("rules: suspects %v victims %v", cod.SuspectOrigins, cod.VictimOrigins)
	}
	if len(rows) != 2 || rows[0].Code != "SY" || rows[0].Role != "suspect" || rows[1].Code != "DE" || rows[1].Role != "victim" {
		t.Fatalf("rows %+v", rows)
	}
	x := rows[0].X
	if len(x) != len(FeatureNames) {
		t.Fatalf("%d features, want %d", len(x), len(FeatureNames))
	}
	at := func(name string) float64 { return x[slices.Index(FeatureNames, name)] }
	if at("rule_suspect") != 1 || at("sent_offence") != 1 || at("corpus_police") != 1 || at("lang_de") != 1 || at("score_suspect") <= 0 {
		t.Errorf("features of the Syrer: %v", x)
	}
	if a.Text[rows[0].Start:rows[0].End] != "Syrer" {
		t.Errorf("span %q", a.Text[rows[0].Start:rows[0].End])
	}

	all := c.WithRoleModel(constModel("all", ClassVictim)).Code(a)
	if len(all.SuspectOrigins) != 0 || !slices.Equal(all.VictimOrigins, []string{"DE", "SY"}) {
		t.Errorf("mode all, every mention a victim: suspects %v victims %v", all.SuspectOrigins, all.VictimOrigins)
	}
	found := false
	for _, ev := range all.Evidence {
		if ev.Field == "victim_origins" && ev.Text == "Syrer" {
			found = strings.Contains(ev.Reason, "role model (all): victim p=") && strings.Contains(ev.Reason, "deciding features")
		}
	}
	if !found {
		t.Errorf("no role-model evidence for the Syrer: %+v", all.Evidence)
	}

	fb := c.WithRoleModel(constModel("fallback", ClassVictim)).Code(a)
	if !slices.Equal(fb.SuspectOrigins, []string{"SY"}) {
		t.Errorf("mode fallback changed a cued suspect: %v", fb.SuspectOrigins)
	}
	if plain := c.Code(a); !slices.Equal(plain.SuspectOrigins, []string{"SY"}) {
		t.Errorf("the coder without a model changed: %v", plain.SuspectOrigins)
	}
}

// TestRoleModelCheck rejects a model whose features differ from the
// coder's.
func TestRoleModelCheck(t *testing.T) {
	rm := constModel("all", ClassSuspect)
	rm.Features = rm.Features[1:]
	if rm.Check() == nil {
		t.Error("features differ: no error")
	}
	rm = constModel("sometimes", ClassSuspect)
	if rm.Check() == nil {
		t.Error("unknown mode: no error")
	}
}

// TestFitRoleModelLex fits rows whose class only a word tells (the dense
// features are noise) and checks that the model learns the words, keeps
// words of fewer than minCount rows out, and that a text's lexical
// features hold its near, far and sentence words.
func TestFitRoleModelLex(t *testing.T) {
	nf := len(FeatureNames)
	rng := rand.New(rand.NewPCG(3, 4))
	row := func() ([]float64, []string, int) {
		x := make([]float64, nf)
		for j := range x {
			x[j] = rng.NormFloat64()
		}
		k := rng.IntN(NClasses)
		w := []string{"de|nl:" + []string{"festge", "opfer", "polizi"}[k], "de|s:und"}
		return x, w, k
	}
	var xs [][]float64
	var ws [][]string
	var ys []int
	for range 300 {
		x, w, y := row()
		xs, ws, ys = append(xs, x), append(ws, w), append(ys, y)
	}
	xs, ws, ys = append(xs, xs[0]), append(ws, []string{"de|nl:selten"}), append(ys, ClassVictim)
	rm, err := FitRoleModelLex(xs, ws, ys, 1, 0.3, 2, "all")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := rm.Lex["de|nl:selten"]; ok {
		t.Error("a word of one row is in the model")
	}
	if len(rm.Lex) != 4 {
		t.Errorf("%d words, want 4", len(rm.Lex))
	}
	right := 0
	for range 300 {
		x, w, y := row()
		if argmax(rm.Probs(x, w)) == y {
			right++
		}
	}
	if right < 290 {
		t.Errorf("%d of 300 new rows classified right, want at least 290", right)
	}
	// A repeated word counts once.
	x, w, _ := row()
	if p, q := rm.Probs(x, w), rm.Probs(x, append(w, w...)); p != q {
		t.Errorf("repeated words changed the probabilities: %v, %v", p, q)
	}

	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	_, rows := c.MentionRows(baserate.Article{ID: "x", Lang: "de", Source: "ffm-polizei",
		Text: "Am Montag wurde ein 23-jähriger Syrer nach einem Raub in Frankfurt festgenommen. Die Beute fehlt."})
	if len(rows) != 1 {
		t.Fatalf("rows %+v", rows)
	}
	for _, want := range []string{"de|nl:#", "de|nr:nach", "de|fr:festge", "de|s:festge", "de|fl:montag"} {
		if !slices.Contains(rows[0].Words, want) {
			t.Errorf("no %q in %v", want, rows[0].Words)
		}
	}
	if slices.Contains(rows[0].Words, "de|s:beute") {
		t.Errorf("a word of the next sentence: %v", rows[0].Words)
	}
	for _, w := range rows[0].Words {
		if strings.HasSuffix(w, ":syrer") {
			t.Errorf("the mention's own word is a feature: %q", w)
		}
	}
}

// TestBuiltinRoleModel: the built-in model loads, decides every mention
// but both sides of a mutual fight (mode all), a role the cue scores gave
// at a gate and one the clause model gave only at the higher clause gate,
// and on dev.jsonl and held-out set 30 every origin the two coders give
// differently is a mention the model decided, its evidence naming the
// model and, for a clause model's role, a probability at the clause gate.
func TestBuiltinRoleModel(t *testing.T) {
	rm, err := BuiltinRoleModel()
	if err != nil {
		t.Fatal(err)
	}
	if rm.Mode != "all" || rm.Gate < 0.5 || rm.ClauseGate < 0.8 || len(rm.Lex) < 1000 || !strings.Contains(rm.Made, "-labels") {
		t.Fatalf("built-in model: mode %q, gates %g and %g, %d words, made %q", rm.Mode, rm.Gate, rm.ClauseGate, len(rm.Lex), rm.Made)
	}
	rules, err := NewRules()
	if err != nil {
		t.Fatal(err)
	}
	withCrime, err := New()
	if err != nil {
		t.Fatal(err)
	}
	// The role model alone: the crime model's changes are
	// TestBuiltinCrimeModel's.
	model := withCrime.WithCrimeModel(nil)
	texts := loadDevAndSet30(t)
	changed := 0
	for _, g := range texts {
		r, m := rules.Code(g.Article), model.Code(g.Article)
		byModel := map[string]bool{}
		for _, ev := range m.Evidence {
			i := strings.Index(ev.Reason, "role model (all): ")
			if i < 0 {
				continue
			}
			if strings.Contains(ev.Reason, "in a release of a mutual fight") {
				t.Errorf("%s: the model decided a mention of both sides of a mutual fight: %s", g.ID, ev.Reason)
			}
			var class string
			var p float64
			if _, err := fmt.Sscanf(ev.Reason[i+len("role model (all): "):], "%s p=%f", &class, &p); err != nil {
				t.Fatalf("%s: %v in %q", g.ID, err, ev.Reason)
			}
			if strings.Contains(ev.Reason, "clause model:") && p < rm.ClauseGate {
				t.Errorf("%s: a clause model's role changed at p=%.2f, under the clause gate: %s", g.ID, p, ev.Reason)
			}
			byModel[ev.Code] = true
		}
		for _, pair := range [][2][]string{{r.SuspectOrigins, m.SuspectOrigins}, {r.VictimOrigins, m.VictimOrigins}} {
			for _, c := range symDiff(pair[0], pair[1]) {
				changed++
				if !byModel[c] {
					t.Errorf("%s: %s differs (rules %v, model %v) with no role-model evidence", g.ID, c, pair[0], pair[1])
				}
			}
		}
	}
	if changed == 0 {
		t.Error("the model changed no origin on dev.jsonl and set 30")
	}
}

// loadDevAndSet30 returns the texts of dev.jsonl and held-out set 30,
// on which the built-in models' changes are checked.
func loadDevAndSet30(t *testing.T) []eval.Gold {
	t.Helper()
	set30, err := heldout.LoadSet(context.Background(), filepath.Join("..", "..", "..", "shared"), heldout.Set30)
	if err != nil {
		t.Fatal(err)
	}
	return append(loadDev(t), set30...)
}

func symDiff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			out = append(out, x)
		}
	}
	return out
}

// TestDecide: mode fallback decides only default suspects, mode all every
// mention but both sides of a mutual fight, a cued one only at p >= Gate
// and one the clause model gave only at p >= ClauseGate, and a witness
// read as a victim stays a witness.
func TestDecide(t *testing.T) {
	x := make([]float64, len(FeatureNames))
	// considers, which spares the coder the features of mentions the
	// model cannot change, agrees with Decide.
	for _, mode := range []string{"fallback", "cue", "all"} {
		for k := range NClasses {
			rm := constModel(mode, k)
			for _, role := range []string{"suspect", "victim", "witness", "other", "all"} {
				for _, def := range []bool{false, true} {
					for _, byClause := range []bool{false, true} {
						xc := slices.Clone(x)
						if byClause {
							xc[featByClause] = 1
						}
						if _, _, ch := rm.Decide(role, def, xc, nil); ch && !rm.considers(role, def, byClause) {
							t.Errorf("mode %s, class %d, role %s, default %v, clause %v: Decide changes a mention considers skips", mode, k, role, def, byClause)
						}
					}
				}
			}
		}
	}
	fb := constModel("fallback", ClassVictim)
	if k, _, ch := fb.Decide("suspect", false, x, nil); ch || k != ClassSuspect {
		t.Errorf("fallback, cued suspect: class %d changed %v", k, ch)
	}
	if k, _, ch := fb.Decide("suspect", true, x, nil); !ch || k != ClassVictim {
		t.Errorf("fallback, default suspect: class %d changed %v", k, ch)
	}
	cue := constModel("cue", ClassVictim)
	if k, _, ch := cue.Decide("suspect", false, x, nil); !ch || k != ClassVictim {
		t.Errorf("cue, suspect by the cue scores: class %d changed %v", k, ch)
	}
	if k, _, ch := cue.Decide("all", false, x, nil); ch || k != ClassSuspect {
		t.Errorf("cue, both sides of a mutual fight: class %d changed %v", k, ch)
	}
	byClause := slices.Clone(x)
	byClause[slices.Index(FeatureNames, "by_clause")] = 1
	if k, _, ch := cue.Decide("suspect", false, byClause, nil); ch || k != ClassSuspect {
		t.Errorf("cue, suspect by the clause model: class %d changed %v", k, ch)
	}
	cue.Gate = 1.1
	if _, _, ch := cue.Decide("suspect", false, x, nil); ch {
		t.Error("cue, suspect by the cue scores under the gate: changed")
	}
	if _, _, ch := cue.Decide("suspect", true, x, nil); !ch {
		t.Error("cue, default suspect under the gate: not changed")
	}
	all := constModel("all", ClassVictim)
	if k, _, ch := all.Decide("witness", false, x, nil); ch || k != ClassVictim {
		t.Errorf("all, witness read as a victim: class %d changed %v", k, ch)
	}
	if _, _, ch := all.Decide("suspect", false, x, nil); !ch {
		t.Error("all, cued suspect, no gate: not changed")
	}
	all.Gate = 1.1
	if _, _, ch := all.Decide("suspect", false, x, nil); ch {
		t.Error("all, cued suspect under the gate: changed")
	}
	if _, _, ch := all.Decide("suspect", true, x, nil); !ch {
		t.Error("all, default suspect under the gate: not changed (the gate is for cued roles)")
	}
	// The clause gate holds back the clause model's roles only.
	all.Gate, all.ClauseGate = 0, 1.1
	if _, _, ch := all.Decide("suspect", false, byClause, nil); ch {
		t.Error("all, suspect by the clause model under the clause gate: changed")
	}
	if _, _, ch := all.Decide("suspect", false, x, nil); !ch {
		t.Error("all, suspect by the cue scores under the clause gate: not changed")
	}
	all.ClauseGate = 0
	if _, _, ch := all.Decide("suspect", false, byClause, nil); !ch {
		t.Error("all, suspect by the clause model, no clause gate: not changed")
	}
	// Both sides of a mutual fight stay both in every mode.
	for _, k := range []int{ClassVictim, ClassNone} {
		if _, _, ch := constModel("all", k).Decide("all", false, x, nil); ch {
			t.Errorf("all, both sides of a mutual fight read as class %d: changed", k)
		}
	}
}

// TestLexSum checks that the coder's lexical weights by stem (lexSum, the
// index the coder uses) sum to exactly what the model's weights of the
// feature strings (lexOf over lexFeatures, what the model was fitted
// on) give, for every origin mention of the construction battery.
func TestLexSum(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if c.rolesIx == nil {
		t.Fatal("the built-in role model has no lexical index")
	}
	f, err := os.ReadFile("testdata/constructions.tsv")
	if err != nil {
		t.Fatal(err)
	}
	n, nonzero := 0, 0
	s := new(scratch)
	for _, line := range strings.Split(string(f), "\n") {
		p := strings.Split(line, "\t")
		if len(p) != 4 || p[0] == "lang" || strings.HasPrefix(line, "#") {
			continue
		}
		c.codeWith(s, baserate.Article{ID: "c", Lang: p[0], Text: p[3]})
		for i := range s.d.ms {
			mn := &s.d.ms[i]
			got := s.d.lexSum(mn)
			want := c.roles.lexOf(s.d.lexFeatures(mn, s.d.lang))
			if got != want {
				t.Errorf("%q: mention %q: lexSum %v, lexOf %v", p[3], s.d.tx.Word(mn.h.t0), got, want)
			}
			n++
			if want != [NClasses]float64{} {
				nonzero++
			}
		}
	}
	if n < 300 || nonzero < 300 {
		t.Fatalf("compared %d mentions (%d with lexical weights), want 300 or more", n, nonzero)
	}
}
