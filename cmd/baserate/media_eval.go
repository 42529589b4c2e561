package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/media/eval"
)

var cmdMediaEval = &command{
	name:  "eval",
	short: "measure the coder against hand-coded gold texts",
	usage: "baserate media eval --gold FILE.jsonl [--format text|json] [--errors] [--rules-only | --role-model FILE --crime-model FILE | --coded FILE.jsonl]",
	long: `
Eval codes the texts of a gold file (lines shaped like
../shared/data/gold/dev.jsonl: id, lang, text and a "gold" coding) and
reports per field precision, recall, F1 and Cohen's kappa, micro-F1 on
(text, origin code) pairs, the share of victims' origins counted as
suspects', overall and per language. --errors lists every text where the
coding differs, with the coder's evidence. --rules-only measures the rules
without the role and crime models; --role-model FILE and --crime-model
FILE measure other models.

--coded FILE measures codings already made instead of running the coder:
the output of media code, or a second hand-coding of the same texts in the
gold's shape (its "gold" objects are read as the coding), matched by id.
Every gold text needs a coding; other texts in FILE are left out. With a
second hand-coding the figures are the agreement of two coders: F1 and
kappa are symmetric, and alpha (Krippendorff's, nominal) is the
reliability figure content analysis reports.`,
}

func init() { cmdMediaEval.run = runMediaEval }

func runMediaEval(ctx context.Context, e *env, args []string) error {
	fs := newFlags(cmdMediaEval, e)
	goldPath := fs.String("gold", "", "gold `FILE` (JSON Lines)")
	format := fs.String("format", "text", "output: text or json")
	errors := fs.Bool("errors", false, "list the errors with evidence after the table (--format json always includes them)")
	codedPath := fs.String("coded", "", "measure the codings in `FILE` (media code output or gold-shaped lines) instead of running the coder")
	var cf coderFlags
	cf.register(fs)
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *goldPath == "" {
		return usagef("--gold is required")
	}
	if *codedPath != "" && (cf.rulesOnly || cf.roleModel != "" || cf.crimeModel != "") {
		return usagef("--coded excludes --rules-only, --role-model and --crime-model")
	}
	gold, err := readEvalFile(*goldPath, eval.ReadGold)
	if err != nil {
		return err
	}
	if len(gold) == 0 {
		// Not F1 1.000 on nothing.
		return baserate.E("media.eval", baserate.KindInvalid, fmt.Errorf("%s: no gold texts", *goldPath))
	}
	if *codedPath == "" {
		for _, g := range gold {
			if strings.TrimSpace(g.Text) == "" {
				return baserate.Invalid(*goldPath, g.Line, "no text to code (materialize the held-out sets first, or give --coded)")
			}
		}
	}
	var res *eval.Result
	if *codedPath != "" {
		coded, err := readEvalFile(*codedPath, eval.ReadCoded)
		if err != nil {
			return err
		}
		codes, err := eval.Match(gold, coded, *codedPath)
		if err != nil {
			return err
		}
		res = eval.Compare(gold, codes)
	} else {
		coder, err := cf.coder()
		if err != nil {
			return err
		}
		if res, err = eval.Run(ctx, coder, gold); err != nil {
			return err
		}
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

// readEvalFile opens path and reads it with read, which names it in its
// errors; a file that cannot be opened is a not-found error.
func readEvalFile[T any](path string, read func(io.Reader, string) (T, error)) (T, error) {
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, baserate.E("media.readEvalFile", baserate.KindNotFound, err)
	}
	defer f.Close()
	return read(f, path)
}
