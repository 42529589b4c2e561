package main

import (
	"context"
	"encoding/json"
	"os"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/media/eval"
)

var cmdMediaEval = &command{
	name:  "eval",
	short: "measure the coder against hand-coded gold texts",
	usage: "baserate media eval --gold FILE.jsonl [--format text|json] [--errors] [--rules-only | --role-model FILE --crime-model FILE]",
	long: `
Eval codes the texts of a gold file (lines shaped like
../shared/data/gold/dev.jsonl: id, lang, text and a "gold" coding) and
reports per field precision, recall, F1 and Cohen's kappa, micro-F1 on
(text, origin code) pairs, the share of victims' origins counted as
suspects', overall and per language. --errors lists every text where the
coding differs, with the coder's evidence. --rules-only measures the rules
without the role and crime models; --role-model FILE and --crime-model
FILE measure other models.`,
}

func init() { cmdMediaEval.run = runMediaEval }

func runMediaEval(ctx context.Context, e *env, args []string) error {
	fs := newFlags(cmdMediaEval, e)
	goldPath := fs.String("gold", "", "gold `FILE` (JSON Lines)")
	format := fs.String("format", "text", "output: text or json")
	errors := fs.Bool("errors", false, "list the errors with evidence (always in json)")
	var cf coderFlags
	cf.register(fs)
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *goldPath == "" {
		return usagef("--gold is required")
	}
	f, err := os.Open(*goldPath)
	if err != nil {
		return baserate.E("media eval", baserate.KindNotFound, err)
	}
	defer f.Close()
	gold, err := eval.ReadGold(f, *goldPath)
	if err != nil {
		return err
	}
	coder, err := cf.coder()
	if err != nil {
		return err
	}
	res, err := eval.Run(ctx, coder, gold)
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	case "text":
		return res.WriteText(e.stdout, *errors)
	}
	return usagef("--format must be text or json")
}
