// Command rolemodel builds the role model's training rows (every origin
// mention the coder finds in a crime report of dev.jsonl and held-out sets
// 1 to 14, with its features and the gold role of its (text, code) pair),
// and measures the model by leave-one-set-out cross-validation over sets 4
// to 14: for each set, the model is fitted on dev.jsonl and every other
// set, and the set is coded with it. It prints, per set and pooled, the
// figures of cmd/pool (origin_named F1, micro-F1, victims counted as
// suspects, bootstrap intervals that resample texts within sets) for the
// rules alone, for the rules with the cross-validated model, and for the
// blind first runs; and the paired bootstrap interval of the difference.
//
//	go run ./media/detect/cmd/rolemodel -shared ../shared [-lambda 1] [-reps 2000]
//	go run ./media/detect/cmd/rolemodel -shared ../shared -fit -mode fallback -out FILE.json
//
// The built-in model (media/detect/rolemodel.json; its "made" field) is
// fitted on the held-out sets and the role labels, deciding every mention
// but both sides of a mutual fight, a role the clause model gave only at
// p >= 0.9:
//
//	go run ./media/detect/cmd/rolemodel -shared ../shared -fit -mode all -gate 0.6 -clausegate 0.9 -labels -lexlambda 1 -sets 63 -out media/detect/rolemodel.json
//
// -holdout N measures every mode fitted on the sets before N against the
// rules on sets N and after (mode all also at clause gates 0.7 to 0.95);
// -leaveout leaves out the label texts those sets share, so that the
// measure stays blind. With -curve K1,K2,... it fits mode all on dev.jsonl,
// the labels and sets 1-K only, for each K, and measures each fit on the
// same holdout: a learning curve.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/media/detect"
	"github.com/baserate/baserate/media/eval"
	"github.com/baserate/baserate/media/heldout"
)

// curve is the -curve flag: the last sets of the learning curve's fits.
var curve string

// noSet is a set no text has: fitOn leaves nothing out.
const noSet = math.MinInt32

// lex holds the lexical-feature options every fit uses.
var lex struct {
	lambda     float64
	minCount   int
	labels     bool
	sets       int
	leaveOut   int
	gate       float64
	clauseGate float64
}

// text is one hand-coded text with its rows and the rules' coding.
type text struct {
	set  int // 0 = dev.jsonl
	gold eval.Gold
	cod  baserate.Coding
	rows []detect.MentionRow
	y    []int
}

func main() {
	shared := flag.String("shared", "../shared", "the shared folder (data/gold/dev.jsonl, data/news)")
	lambda := flag.Float64("lambda", 1, "L2 penalty on the standardized weights")
	reps := flag.Int("reps", 2000, "bootstrap replicates")
	seed := flag.Uint64("seed", 20261210, "bootstrap seed (cmd/pool's)")
	fit := flag.Bool("fit", false, "fit on every set and write the model to -out instead of cross-validating")
	mode := flag.String("mode", "fallback", "with -fit: fallback, cue or all")
	train := flag.String("train", "all", "with -fit: rows fitted, all, default (the rules' default suspects) or raw (all, without the rules' role features)")
	out := flag.String("out", "", "with -fit: the model file")
	rowsOut := flag.String("rows", "", "write the training rows as JSON lines to this file")
	flag.Float64Var(&lex.lambda, "lexlambda", 0, "penalty of the lexical features (MentionRow.Words); 0 fits without them")
	flag.IntVar(&lex.minCount, "mincount", 3, "with -lexlambda: a lexical feature needs this many training rows")
	flag.BoolVar(&lex.labels, "labels", false, "fit on the role labels (heldout.RoleRefs) too")
	flag.Float64Var(&lex.gate, "gate", 0, "in modes cue and all: the probability the model needs to change a role the rules decided by a cue or clause")
	flag.Float64Var(&lex.clauseGate, "clausegate", 0, "in mode all: the probability the model needs to change a role the clause model gave, when higher than -gate")
	flag.IntVar(&lex.sets, "sets", 0, "use held-out sets 1 to this one only (0: every set)")
	flag.IntVar(&lex.leaveOut, "leaveout", 0, "with -labels: leave out the role labels' texts that are in held-out sets after this one (to code those sets blind)")
	labelCV := flag.Bool("labelcv", false, "measure the model on the role labels, one batch left out at a time, mention by mention, against the rules")
	flag.StringVar(&curve, "curve", "", "with -holdout: comma-separated last sets K; fit mode all on dev.jsonl, the labels and sets 1-K only, for each K, and measure each on the holdout (a learning curve)")
	holdout := flag.Int("holdout", 0, "fit on dev.jsonl and the sets before this one, and measure rules + model against the rules alone on this set and the ones after it (sets no rule was tuned on)")
	flag.Parse()
	if *labelCV {
		if err := runLabelCV(*shared, *lambda); err != nil {
			fmt.Fprintln(os.Stderr, "rolemodel:", err)
			os.Exit(1)
		}
		return
	}
	if *holdout > 0 {
		if err := runHoldout(*shared, *lambda, *reps, *seed, *holdout); err != nil {
			fmt.Fprintln(os.Stderr, "rolemodel:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*shared, *lambda, *reps, *seed, *fit, *mode, *train, *out, *rowsOut); err != nil {
		fmt.Fprintln(os.Stderr, "rolemodel:", err)
		os.Exit(1)
	}
}

func run(shared string, lambda float64, reps int, seed uint64, fit bool, mode, train, out, rowsOut string) error {
	ctx := context.Background()
	c, err := detect.NewRules()
	if err != nil {
		return err
	}
	texts, err := load(ctx, c, shared)
	if err != nil {
		return err
	}
	if rowsOut != "" {
		if err := writeRows(rowsOut, texts); err != nil {
			return err
		}
	}
	if fit {
		flags := ""
		rm, err := fitOn(texts, noSet, lambda, mode, train)
		if err != nil {
			return err
		}
		n := len(heldout.Sets)
		if lex.sets > 0 {
			n = min(lex.sets, n)
			flags += fmt.Sprintf(" -sets %d", n)
		}
		what := fmt.Sprintf("dev.jsonl and held-out sets 1-%d", n)
		if lex.labels {
			what += " and the role labels"
			flags += " -labels"
			if lex.leaveOut > 0 {
				what += fmt.Sprintf(" but those in sets after %d", lex.leaveOut)
				flags += fmt.Sprintf(" -leaveout %d", lex.leaveOut)
			}
		}
		if lex.lambda > 0 {
			flags += fmt.Sprintf(" -lexlambda %g -mincount %d", lex.lambda, lex.minCount)
		}
		if lex.gate > 0 {
			flags += fmt.Sprintf(" -gate %g", lex.gate)
		}
		if lex.clauseGate > 0 && mode == "all" {
			flags += fmt.Sprintf(" -clausegate %g", lex.clauseGate)
		}
		rm.Made = fmt.Sprintf("go run ./media/detect/cmd/rolemodel -shared ../shared -fit -mode %s -train %s -lambda %g%s -out FILE: %s, %d rows", mode, train, lambda, flags, what, countRows(texts, noSet, train))
		// Six decimals keep the file small; no probability moves by more
		// than about 1e-5.
		r6 := func(v float64) float64 { return math.Round(v*1e6) / 1e6 }
		for k := range rm.W {
			for j := range rm.W[k] {
				rm.W[k][j] = r6(rm.W[k][j])
			}
		}
		for w, ws := range rm.Lex {
			for k := range ws {
				ws[k] = r6(ws[k])
			}
			rm.Lex[w] = ws
		}
		b, err := json.Marshal(rm)
		if err != nil {
			return err
		}
		return os.WriteFile(out, append(b, '\n'), 0o644)
	}
	return crossValidate(c, texts, lambda, reps, seed)
}

func load(ctx context.Context, c *detect.Coder, shared string) ([]text, error) {
	sets, err := heldout.LoadDevAndSets(ctx, shared, lex.sets)
	if err != nil {
		return nil, err
	}
	var texts []text
	for set, gs := range sets {
		for _, g := range gs {
			cod, rows := c.MentionRows(g.Article)
			t := text{set: set, gold: g, cod: cod, rows: rows}
			for _, r := range rows {
				t.y = append(t.y, label(g.Gold, r.Code))
			}
			texts = append(texts, t)
		}
	}
	fmt.Fprintf(os.Stderr, "rolemodel: %d texts of dev.jsonl and the sets coded\n", len(texts))
	if !lex.labels {
		return texts, nil
	}
	ls, err := loadLabels(ctx, c, shared)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(os.Stderr, "rolemodel: %d texts of the role labels coded\n", len(ls))
	return append(texts, ls...), nil
}

// loadLabels returns the texts of the role labels, each of set -batch, a
// row's class its mention's label (-1 for a row whose span no label has:
// none, while the coder is the one that drew them).
func loadLabels(ctx context.Context, c *detect.Coder, shared string) ([]text, error) {
	ls, err := heldout.LoadRoles(ctx, shared)
	if err != nil {
		return nil, err
	}
	later := map[string]bool{}
	if lex.leaveOut > 0 {
		for _, set := range heldout.Sets[min(lex.leaveOut, len(heldout.Sets)):] {
			refs, err := heldout.RefsOf(set)
			if err != nil {
				return nil, err
			}
			for _, r := range refs {
				later[r.File+" "+r.Ref] = true
			}
		}
	}
	var texts []text
	left := 0
	defer func() {
		if lex.leaveOut > 0 {
			fmt.Fprintf(os.Stderr, "role labels: left out %d texts of sets after %d\n", left, lex.leaveOut)
		}
	}()
	for _, l := range ls {
		if later[l.File+" "+l.Ref] {
			left++
			continue
		}
		var batch int
		if _, err := fmt.Sscanf(l.ID, "m%d-", &batch); err != nil {
			return nil, fmt.Errorf("role labels: id %q: %v", l.ID, err)
		}
		cod, rows := c.MentionRows(l.Article)
		t := text{set: -batch, gold: eval.Gold{Article: l.Article}, cod: cod, rows: rows}
		for _, r := range rows {
			y := -1
			for _, m := range l.Mentions {
				if m.Start == r.Start && m.End == r.End {
					y = map[string]int{"S": detect.ClassSuspect, "V": detect.ClassVictim, "N": detect.ClassNone}[m.Label]
				}
			}
			t.y = append(t.y, y)
		}
		texts = append(texts, t)
	}
	return texts, nil
}

// runLabelCV fits the model on dev.jsonl, sets 1 to 35 and every batch
// of role labels but one, and measures it on that one, for each batch in
// turn, mention by mention: how often its class and the rules' class equal the label, over
// every mention and over the rules' default suspects, and how many
// mentions labelled victim or witness each makes a suspect.
func runLabelCV(shared string, lambda float64) error {
	c, err := detect.NewRules()
	if err != nil {
		return err
	}
	lex.labels = true
	texts, err := load(context.Background(), c, shared)
	if err != nil {
		return err
	}
	type tally struct{ n, rules, model, vasRules, vasModel, v int }
	for _, v := range variants {
		if v.train == "raw" {
			continue
		}
		var all, def tally
		batches := 0
		for _, t := range texts {
			batches = max(batches, -t.set)
		}
		for b := 1; b <= batches; b++ {
			rm, err := fitOn(texts, -b, lambda, v.mode, v.train)
			if err != nil {
				return err
			}
			for _, t := range texts {
				if t.set != -b {
					continue
				}
				for i, r := range t.rows {
					y := t.y[i]
					if y < 0 {
						continue
					}
					rc := detect.RoleClass(r.Role)
					mcl, _, _ := rm.Decide(r.Role, r.ByDefault, r.X, r.Words)
					for _, tl := range []*tally{&all, &def} {
						if tl == &def && !(r.ByDefault && r.Role == "suspect") {
							continue
						}
						tl.n++
						if rc == y {
							tl.rules++
						}
						if mcl == y {
							tl.model++
						}
						if y == detect.ClassVictim {
							tl.v++
							if rc == detect.ClassSuspect {
								tl.vasRules++
							}
							if mcl == detect.ClassSuspect {
								tl.vasModel++
							}
						}
					}
				}
			}
		}
		fmt.Printf("%s (%s/%s), lambda %g, lexlambda %g, mincount %d\n", v.name, v.mode, v.train, lambda, lex.lambda, lex.minCount)
		for _, e := range []struct {
			name string
			t    tally
		}{{"every mention", all}, {"the rules' default suspects", def}} {
			fmt.Printf("  %-28s %4d mentions: rules right %4d (%.3f), model right %4d (%.3f); victims or witnesses made suspects: rules %d, model %d of %d\n",
				e.name, e.t.n, e.t.rules, float64(e.t.rules)/float64(e.t.n), e.t.model, float64(e.t.model)/float64(e.t.n), e.t.vasRules, e.t.vasModel, e.t.v)
		}
	}
	return nil
}

// label is the gold role of a (text, code) pair, or -1 when the code is
// both a suspect's and a victim's: the coding does not tell which of its
// mentions names which, and labelling them all suspect taught the model
// to make a victim of a suspect's nationality a suspect too.
func label(g eval.GoldCoding, code string) int {
	switch {
	case slices.Contains(g.SuspectOrigins, code) && slices.Contains(g.VictimOrigins, code):
		return -1
	case slices.Contains(g.SuspectOrigins, code):
		return detect.ClassSuspect
	case slices.Contains(g.VictimOrigins, code):
		return detect.ClassVictim
	}
	return detect.ClassNone
}

func keep(r detect.MentionRow, train string) bool {
	return train != "default" || r.ByDefault && r.Role == "suspect"
}

func countRows(texts []text, leave int, train string) int {
	n := 0
	for _, t := range texts {
		if t.set == leave {
			continue
		}
		for i, r := range t.rows {
			if keep(r, train) && t.y[i] >= 0 {
				n++
			}
		}
	}
	return n
}

// fitOn fits the model on every text not of set leave.
func fitOn(texts []text, leave int, lambda float64, mode, train string) (*detect.RoleModel, error) {
	var x [][]float64
	var words [][]string
	var y []int
	for _, t := range texts {
		if t.set == leave {
			continue
		}
		for i, r := range t.rows {
			if keep(r, train) && t.y[i] >= 0 {
				xi := r.X
				if train == "raw" {
					// Zeroed, the rules' features get no weight.
					xi = append(make([]float64, ruleFeatures), r.X[ruleFeatures:]...)
				}
				x, y = append(x, xi), append(y, t.y[i])
				words = append(words, r.Words)
			}
		}
	}
	if lex.lambda <= 0 {
		words = nil
	}
	fmt.Fprintf(os.Stderr, "rolemodel: fitting on %d mention rows\n", len(x))
	detect.FitProgress = os.Stderr
	rm, err := detect.FitRoleModelLex(x, words, y, lambda, lex.lambda, lex.minCount, mode)
	if err == nil && mode != "fallback" {
		rm.Gate = lex.gate
	}
	if err == nil && mode == "all" {
		rm.ClauseGate = lex.clauseGate
	}
	return rm, err
}

func writeRows(name string, texts []text) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	for _, t := range texts {
		for i, r := range t.rows {
			label := "unlabelled"
			if t.y[i] >= 0 {
				label = detect.ClassNames[t.y[i]]
			}
			if err := enc.Encode(map[string]any{"set": t.set, "id": t.gold.ID, "code": r.Code, "rule_role": r.Role, "by_default": r.ByDefault, "label": label, "x": r.X, "words": r.Words}); err != nil {
				f.Close()
				return err
			}
		}
	}
	return f.Close()
}

func scored(t text, cod baserate.Coding) heldout.Scored {
	return heldout.Scored{Set: t.set, Ref: heldout.Ref{ID: t.gold.ID, Lang: t.gold.Lang, Gold: t.gold.Gold}, Code: heldout.FirstRun{
		Set: t.set, ID: t.gold.ID, Crime: cod.Crime, Categories: cod.Categories, OriginNamed: cod.OriginNamed,
		SuspectOrigins: cod.SuspectOrigins, VictimOrigins: cod.VictimOrigins, Appearance: cod.Appearance}}
}

// variant is one way of using the model.
type variant struct{ name, mode, train string }

var variants = []variant{
	{"model decides the rules' defaults (fitted on all rows)", "fallback", "all"},
	{"model decides the rules' defaults (fitted on default rows)", "fallback", "default"},
	{"model decides the defaults and the cue scores' roles", "cue", "all"},
	{"model decides every origin mention", "all", "all"},
	{"model decides every origin mention, without the rules' role features", "all", "raw"},
}

// ruleFeatures is how many leading features carry the rules' decision
// (rule_* to cue_victim); train "raw" fits without them.
const ruleFeatures = 11

func crossValidate(c *detect.Coder, texts []text, lambda float64, reps int, seed uint64) error {
	first, err := heldout.FirstRuns()
	if err != nil {
		return err
	}
	var rules []heldout.Scored
	for _, t := range texts {
		if t.set >= 4 {
			rules = append(rules, scored(t, t.cod))
		}
	}
	counts := map[string]int{}
	for _, t := range texts {
		for i, r := range t.rows {
			if t.y[i] < 0 {
				continue
			}
			if r.ByDefault && r.Role == "suspect" {
				counts["default "+detect.ClassNames[t.y[i]]]++
			}
			counts["all "+detect.ClassNames[t.y[i]]]++
		}
	}
	fmt.Printf("rows (origin mentions in crime reports, dev + sets 1-14): %d suspect, %d victim/witness, %d no party; of them the rules' defaults: %d suspect, %d victim/witness, %d no party\n\n",
		counts["all suspect"], counts["all victim"], counts["all none"], counts["default suspect"], counts["default victim"], counts["default none"])
	fmt.Printf("lambda %g; leave-one-set-out over sets 4-14 (train on dev.jsonl and the 13 other sets)\n\n", lambda)
	results := map[string][]heldout.Scored{}
	for _, v := range variants {
		var cv []heldout.Scored
		for s := 4; s <= 14; s++ {
			rm, err := fitOn(texts, s, lambda, v.mode, v.train)
			if err != nil {
				return err
			}
			mc := c.WithRoleModel(rm)
			for _, t := range texts {
				if t.set == s {
					cv = append(cv, scored(t, mc.Code(t.gold.Article)))
				}
			}
		}
		results[v.name] = cv
	}
	fmt.Println("set\ttexts\tblind first run: on F1 / micro-F1 / vas\trules now (tuned on it): on / micro / vas\t" + strings.Join(names(), "\t"))
	for s := 4; s <= 14; s++ {
		line := fmt.Sprintf("%d\t%d\t%s\t%s", s, len(ofSet(rules, s)), cell(heldout.Score(ofSet(first, s))), cell(heldout.Score(ofSet(rules, s))))
		for _, v := range variants {
			line += "\t" + cell(heldout.Score(ofSet(results[v.name], s)))
		}
		fmt.Println(line)
	}
	fmt.Println()
	pooled := func(name string, ts []heldout.Scored) { printPooled(name, 62, ts, reps, seed) }
	var fr []heldout.Scored
	for _, t := range first {
		fr = append(fr, t)
	}
	pooled("blind first runs (cmd/pool)", fr)
	pooled("rules now (development figures on sets 4-14)", rules)
	for _, v := range variants {
		pooled("rules + CV "+v.name, results[v.name])
	}
	fmt.Println()
	for _, v := range variants {
		d := paired(rules, results[v.name], reps, seed)
		fmt.Printf("CV %s minus rules now: origin_named F1 %+.3f (%+.3f to %+.3f), micro-F1 %+.3f (%+.3f to %+.3f), victims as suspects %+d; sets better/worse on micro-F1: %d/%d\n",
			v.name, d[0][0], d[0][1], d[0][2], d[1][0], d[1][1], d[1][2], heldout.Score(results[v.name]).VictimsAsSuspects-heldout.Score(rules).VictimsAsSuspects, better(rules, results[v.name], 1), better(results[v.name], rules, 1))
	}
	fmt.Println()
	for _, v := range variants {
		var fpOut, tpOut, tpIn, fpIn int
		for i, r := range rules {
			m := results[v.name][i]
			for _, c := range r.Code.SuspectOrigins {
				if !slices.Contains(m.Code.SuspectOrigins, c) {
					if slices.Contains(r.Ref.Gold.SuspectOrigins, c) {
						tpOut++
					} else {
						fpOut++
					}
				}
			}
			for _, c := range m.Code.SuspectOrigins {
				if !slices.Contains(r.Code.SuspectOrigins, c) {
					if slices.Contains(r.Ref.Gold.SuspectOrigins, c) {
						tpIn++
					} else {
						fpIn++
					}
				}
			}
		}
		fmt.Printf("CV %s: suspect pairs dropped %d (%d wrong, %d right), added %d (%d right, %d wrong)\n", v.name, fpOut+tpOut, fpOut, tpOut, tpIn+fpIn, tpIn, fpIn)
	}
	for _, l := range []string{"de", "it", "sv", "en"} {
		f := func(ts []heldout.Scored) []heldout.Scored {
			var o []heldout.Scored
			for _, t := range ts {
				if t.Ref.Lang == l {
					o = append(o, t)
				}
			}
			return o
		}
		line := fmt.Sprintf("\npooled %s: rules now %s", l, cell(heldout.Score(f(rules))))
		for _, v := range variants {
			line += "; " + v.mode + "/" + v.train + " " + cell(heldout.Score(f(results[v.name])))
		}
		fmt.Print(line)
	}
	fmt.Println()
	return nil
}

func names() []string {
	var o []string
	for _, v := range variants {
		o = append(o, "CV "+v.mode+"/"+v.train)
	}
	return o
}

func cell(f heldout.Figures) string {
	return fmt.Sprintf("%.3f / %.3f / %d of %d", f.OriginNamed, f.MicroF1, f.VictimsAsSuspects, f.VictimPairs)
}

func ofSet(ts []heldout.Scored, s int) []heldout.Scored {
	var o []heldout.Scored
	for _, t := range ts {
		if t.Set == s {
			o = append(o, t)
		}
	}
	return o
}

// better counts the sets where b's measure (0 origin_named, 1 micro-F1)
// exceeds a's.
func better(a, b []heldout.Scored, m int) int {
	n := 0
	for s := 4; s <= 14; s++ {
		fa, fb := heldout.Score(ofSet(a, s)), heldout.Score(ofSet(b, s))
		va, vb := fa.OriginNamed, fb.OriginNamed
		if m == 1 {
			va, vb = fa.MicroF1, fb.MicroF1
		}
		if vb > va+1e-12 {
			n++
		}
	}
	return n
}

// paired returns, for origin_named F1 and micro-F1, the difference b - a
// and its percentile bootstrap interval, resampling the same texts for
// both (within sets; a and b list the same texts in the same order).
func paired(a, b []heldout.Scored, reps int, seed uint64) [2][3]float64 {
	bySet := map[int][]int{}
	var sets []int
	for i, t := range a {
		if _, ok := bySet[t.Set]; !ok {
			sets = append(sets, t.Set)
		}
		bySet[t.Set] = append(bySet[t.Set], i)
	}
	sort.Ints(sets)
	rng := rand.New(rand.NewPCG(seed, 0x70616972))
	var don, dmi []float64
	sa, sb := make([]heldout.Scored, 0, len(a)), make([]heldout.Scored, 0, len(b))
	for range reps {
		sa, sb = sa[:0], sb[:0]
		for _, s := range sets {
			l := bySet[s]
			for range l {
				i := l[rng.IntN(len(l))]
				sa, sb = append(sa, a[i]), append(sb, b[i])
			}
		}
		fa, fb := heldout.Score(sa), heldout.Score(sb)
		if d := fb.OriginNamed - fa.OriginNamed; !math.IsNaN(d) {
			don = append(don, d)
		}
		if d := fb.MicroF1 - fa.MicroF1; !math.IsNaN(d) {
			dmi = append(dmi, d)
		}
	}
	fa, fb := heldout.Score(a), heldout.Score(b)
	lo1, hi1 := pct(don)
	lo2, hi2 := pct(dmi)
	return [2][3]float64{{fb.OriginNamed - fa.OriginNamed, lo1, hi1}, {fb.MicroF1 - fa.MicroF1, lo2, hi2}}
}

func pct(xs []float64) (float64, float64) {
	if len(xs) == 0 {
		return math.NaN(), math.NaN()
	}
	sort.Float64s(xs)
	lo := int(math.Floor(0.025 * float64(len(xs))))
	hi := min(len(xs)-1, int(math.Ceil(0.975*float64(len(xs))))-1)
	return xs[lo], xs[hi]
}

// runHoldout fits every variant on dev.jsonl and sets 1 to from-1 and
// measures it on sets from and after, against the rules alone on the
// same texts: when no rule was tuned on those sets (their first runs),
// this is the model's honest test.
func runHoldout(shared string, lambda float64, reps int, seed uint64, from int) error {
	c, err := detect.NewRules()
	if err != nil {
		return err
	}
	texts, err := load(context.Background(), c, shared)
	if err != nil {
		return err
	}
	var rules []heldout.Scored
	nrows := 0
	for _, t := range texts {
		if t.set >= from {
			rules = append(rules, scored(t, t.cod))
		} else {
			for _, y := range t.y {
				if y >= 0 {
					nrows++
				}
			}
		}
	}
	last := 0
	for _, t := range texts {
		last = max(last, t.set)
	}
	fmt.Printf("fitted on dev.jsonl and sets 1-%d (%d rows), measured on sets %d-%d (%d texts), lambda %g\n\n", from-1, nrows, from, last, len(rules), lambda)
	pooled := func(name string, ts []heldout.Scored) { printPooled(name, 72, ts, reps, seed) }
	pooled("rules", rules)
	// measure codes the sets from on with rm and prints its figures and
	// their difference from the rules'.
	measure := func(name string, rm *detect.RoleModel) {
		mc := c.WithRoleModel(rm)
		var ms []heldout.Scored
		for _, t := range texts {
			if t.set >= from {
				ms = append(ms, scored(t, mc.Code(t.gold.Article)))
			}
		}
		pooled("rules + "+name, ms)
		d := paired(rules, ms, reps, seed)
		fmt.Printf("%-72s origin_named F1 %+.3f (%+.3f to %+.3f)  micro-F1 %+.3f (%+.3f to %+.3f)\n", "  minus rules", d[0][0], d[0][1], d[0][2], d[1][0], d[1][1], d[1][2])
	}
	if curve != "" {
		for _, f := range strings.Split(curve, ",") {
			k, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || k < 0 || k >= from {
				return fmt.Errorf("-curve: %q is not a set before the holdout %d", f, from)
			}
			rm, err := fitOnBefore(texts, k+1, lambda, "all", "all")
			if err != nil {
				return err
			}
			measure(fmt.Sprintf("mode all fitted on sets 1-%d", k), rm)
		}
		return nil
	}
	for _, v := range variants {
		rm, err := fitOnBefore(texts, from, lambda, v.mode, v.train)
		if err != nil {
			return err
		}
		measure(v.name, rm)
		if v.mode != "all" || v.train != "all" {
			continue
		}
		// The same model with a higher gate for the clause model's roles.
		for _, cg := range []float64{0.7, 0.8, 0.9, 0.95} {
			rm.ClauseGate = cg
			measure(fmt.Sprintf("%s, clause gate %g", v.name, cg), rm)
		}
	}
	return nil
}

// fitOnBefore fits the model on dev.jsonl and the sets before from.
func fitOnBefore(texts []text, from int, lambda float64, mode, train string) (*detect.RoleModel, error) {
	var before []text
	for _, t := range texts {
		if t.set < from {
			before = append(before, t)
		}
	}
	return fitOn(before, noSet, lambda, mode, train)
}

// printPooled prints the pooled figures of ts with their 95% bootstrap
// intervals (resampling texts within sets), the name padded to width.
func printPooled(name string, width int, ts []heldout.Scored, reps int, seed uint64) {
	f := heldout.Score(ts)
	iv := heldout.Bootstrap(ts, reps, 0.95, seed)
	fmt.Printf("%-*s origin_named F1 %.3f (%.3f-%.3f)  micro-F1 %.3f (%.3f-%.3f)  victims as suspects %d of %d (%.0f%%-%.0f%%)  victim_origins F1 %.3f\n",
		width, name, f.OriginNamed, iv.OriginNamed.Lo, iv.OriginNamed.Hi, f.MicroF1, iv.MicroF1.Lo, iv.MicroF1.Hi, f.VictimsAsSuspects, f.VictimPairs, 100*iv.VictimRate.Lo, 100*iv.VictimRate.Hi, f.Victims)
}
