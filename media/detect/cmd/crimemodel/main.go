// Command crimemodel fits and measures the crime model (media/detect
// crimemodel.go): a logistic regression that revisits the rules' crime
// decision, fitted on the crime labels of dev.jsonl and the held-out sets.
//
// Without -fit it measures the model by cross-validation over the sets:
// the texts are split into -folds folds by set (dev.jsonl and set n in
// fold (n+1) mod folds), each fold is coded with the model fitted on the
// others and with the rules' crime decision, both with the built-in role
// model, and it prints crime, origin_named and origin-code figures (eval's)
// for the two, and the same at other thresholds.
//
//	go run ./media/detect/cmd/crimemodel -shared ../shared
//	go run ./media/detect/cmd/crimemodel -shared ../shared -fit -sets 87 -out media/detect/crimemodel.json
//
// The built-in model's "made" field gives the command that fitted it.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/media/detect"
	"github.com/baserate/baserate/media/eval"
	"github.com/baserate/baserate/media/heldout"
)

// text is one hand-coded text with its crime features.
type text struct {
	set  int // 0 = dev.jsonl
	gold eval.Gold
	row  detect.CrimeRow
}

func main() {
	shared := flag.String("shared", "../shared", "the shared folder (data/gold/dev.jsonl, data/news)")
	lambda := flag.Float64("lambda", 1, "L2 penalty on the standardized dense weights")
	lexLambda := flag.Float64("lexlambda", 1, "L2 penalty on the term weights (0: no term features)")
	minCount := flag.Int("mincount", 3, "a term feature needs this many training texts")
	on := flag.Float64("on", 0.5, "the probability a text the rules rejected needs to become a crime report")
	off := flag.Float64("off", 0.2, "the probability below which a text the rules accepted is none")
	folds := flag.Int("folds", 8, "cross-validation folds (by set)")
	sets := flag.Int("sets", 0, "use held-out sets 1 to this one only (0: every set)")
	fit := flag.Bool("fit", false, "fit on every text and write the model to -out instead of cross-validating")
	out := flag.String("out", "", "with -fit: the model file")
	flag.Parse()
	if err := run(*shared, *lambda, *lexLambda, *minCount, *on, *off, *folds, *sets, *fit, *out); err != nil {
		fmt.Fprintln(os.Stderr, "crimemodel:", err)
		os.Exit(1)
	}
}

func run(shared string, lambda, lexLambda float64, minCount int, on, off float64, folds, nsets int, fit bool, out string) error {
	if folds < 2 {
		return fmt.Errorf("-folds %d: want 2 or more", folds)
	}
	ctx := context.Background()
	rules, err := detect.NewRules()
	if err != nil {
		return err
	}
	texts, err := load(ctx, rules, shared, nsets)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "crimemodel: %d texts loaded\n", len(texts))
	n := len(heldout.Sets)
	if nsets > 0 {
		n = min(nsets, n)
	}
	if fit {
		cm, err := fitOn(texts, -1, folds, lambda, lexLambda, minCount, on, off)
		if err != nil {
			return err
		}
		// -sets always: the same command fits the same model after more
		// sets are committed.
		cm.Made = fmt.Sprintf("go run ./media/detect/cmd/crimemodel -shared ../shared -fit -lambda %g -lexlambda %g -mincount %d -on %g -off %g -sets %d -out FILE: fitted on the crime labels of dev.jsonl and held-out sets 1-%d (%d texts)", lambda, lexLambda, minCount, on, off, n, n, len(texts))
		b, err := json.MarshalIndent(cm, "", " ")
		if err != nil {
			return err
		}
		if out == "" {
			return fmt.Errorf("-fit needs -out")
		}
		return os.WriteFile(out, append(b, '\n'), 0o644)
	}
	full, err := detect.New()
	if err != nil {
		return err
	}
	ruleCrime := full.WithCrimeModel(nil)
	// Out-of-fold probabilities, then the codings at each threshold pair.
	prob := make([]float64, len(texts))
	models := make([]*detect.CrimeModel, folds)
	for k := range folds {
		cm, err := fitOn(texts, k, folds, lambda, lexLambda, minCount, on, off)
		if err != nil {
			return err
		}
		models[k] = cm
		fmt.Fprintf(os.Stderr, "crimemodel: fold %d of %d fitted\n", k+1, folds)
		for i, t := range texts {
			if fold(t.set, folds) == k {
				prob[i] = cm.Prob(t.row.X, t.row.Words)
			}
		}
	}
	ths := [][2]float64{{on, off}, {0.5, 0.5}, {0.5, 0.1}, {0.4, 0.2}, {0.6, 0.2}}
	fmt.Fprintf(os.Stderr, "crimemodel: coding %d texts by the rules and at %d threshold pairs\n", len(texts), len(ths))
	gold := make([]eval.Gold, len(texts))
	base := make([]baserate.Coding, len(texts))
	for i, t := range texts {
		gold[i] = t.gold
		base[i] = ruleCrime.Code(t.gold.Article)
	}
	fmt.Printf("%d texts (dev.jsonl and sets 1-%d), %d folds by set; every coding with the built-in role model\n", len(texts), n, folds)
	fmt.Println("crime decision\tcrime F1\tcrime kappa\tFP\tFN\torigin_named F1\tmicro-F1\tvictims as suspects")
	report := func(name string, codes []baserate.Coding) {
		r := eval.Compare(gold, codes).All
		fmt.Printf("%s\t%.4f\t%.4f\t%d\t%d\t%.4f\t%.4f\t%d of %d\n", name, r.Crime.F1, r.Crime.Kappa, r.Crime.FP, r.Crime.FN, r.OriginNamed.F1, r.SuspectOrigins.F1, r.VictimsAsSuspects, r.VictimPairs)
	}
	report("rules", base)
	for _, th := range ths {
		codes := make([]baserate.Coding, len(texts))
		for k, cm := range models {
			cm.On, cm.Off = th[0], th[1]
			c := full.WithCrimeModel(cm)
			for i, t := range texts {
				if fold(t.set, folds) == k {
					if cm.Decide(t.row.Crime, prob[i]) == t.row.Crime {
						codes[i] = base[i]
					} else {
						codes[i] = c.Code(t.gold.Article)
					}
				}
			}
		}
		report(fmt.Sprintf("model on %g off %g", th[0], th[1]), codes)
	}
	return nil
}

// fold is the cross-validation fold of a set.
func fold(set, folds int) int { return (set + 1) % folds }

// fitOn fits the model on the texts outside fold k (-1: all).
func fitOn(texts []text, k, folds int, lambda, lexLambda float64, minCount int, on, off float64) (*detect.CrimeModel, error) {
	var rows []detect.CrimeRow
	var y []bool
	for _, t := range texts {
		if k >= 0 && fold(t.set, folds) == k {
			continue
		}
		rows = append(rows, t.row)
		y = append(y, t.gold.Gold.Crime)
	}
	return detect.FitCrimeModel(rows, y, lambda, lexLambda, minCount, on, off)
}

// load reads dev.jsonl and the held-out sets (1 to nsets; 0: all) and
// computes each text's crime features with the rules.
func load(ctx context.Context, c *detect.Coder, shared string, nsets int) ([]text, error) {
	sets, err := heldout.LoadDevAndSets(ctx, shared, nsets)
	if err != nil {
		return nil, err
	}
	var texts []text
	for set, gs := range sets {
		for _, g := range gs {
			texts = append(texts, text{set: set, gold: g, row: c.CrimeRow(g.Article)})
		}
	}
	return texts, nil
}
