package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/media/detect"
	"github.com/baserate/baserate/media/source"
)

var cmdMediaCode = &command{
	name:  "code",
	short: "code crime texts for offence and suspects' named origin, with evidence",
	usage: "baserate media code [--in FILE]... [--format jsonl|json] [--lang de|en|it|sv] [--keep-going] [--rules-only | --role-model FILE --crime-model FILE] [FILE...]",
	long: `
Code reads texts (JSON Lines with id and text; CSV with named columns; JSON
arrays; HTML; RSS/Atom; WARC; any of them gzip-compressed; "-" or no input
for stdin) and prints one JSON object per text, in input order:

  {"id":"...","crime":bool,"categories":[...],"origin_named":bool,
   "suspect_origins":[...],"victim_origins":[...],"appearance":bool,
   "evidence":[...]}

The codes follow the codebook (../shared/data/gold/CODEBOOK.md). Every
evidence item gives the span (byte offsets) of the text, the lexicon term,
the code, the role and the cue that decided it. The role of every origin
mention is decided by the rules (role cues and a clause model) and then by
the built-in role model, a logistic regression over the rules' features
and the words around the mention, fitted on hand-coded texts; where the
model changes the rules' role, the evidence says so with its deciding
features. Whether a text is a crime report is decided by the rules'
offence, suspect-cue and non-crime weights and then by the built-in crime
model, a logistic regression over those weights and the terms that
matched, which changes the rules' decision only when it is sure (the
evidence says so with its probability). --rules-only codes with the rules
alone; --role-model FILE and --crime-model FILE with other models
(media/detect/cmd/rolemodel -fit and cmd/crimemodel -fit make them).

A bad record stops the run with its file and line; with --keep-going it is
skipped, counted on stderr, and the good ones are still coded (a run in
which every record was bad fails). A long run prints a progress line on
stderr every 10,000 texts.`,
}

func init() { cmdMediaCode.run = runMediaCode }

// mediaInputs is the input part of the flags shared by media subcommands.
type mediaInputs struct {
	in        multiFlag
	opt       source.Options
	keepGoing bool
}

type multiFlag []string

func (m *multiFlag) String() string     { return fmt.Sprint(*m) }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

func runMediaCode(ctx context.Context, e *env, args []string) error {
	fs := newFlags(cmdMediaCode, e)
	var mi mediaInputs
	fs.Var(&mi.in, "in", "input `FILE` (repeatable; - for stdin)")
	format := fs.String("format", "jsonl", "output format: jsonl or json (an array)")
	fs.StringVar(&mi.opt.Lang, "lang", "", "language of texts that do not say (default: detect)")
	fs.StringVar(&mi.opt.Source, "source", "", "corpus name for texts that do not name one")
	fs.StringVar(&mi.opt.Format, "input-format", "", "input format: jsonl, json, csv, html, feed, warc (default: from the name)")
	fs.StringVar(&mi.opt.TextColumn, "text-column", "", "CSV column or JSON key holding the text")
	fs.BoolVar(&mi.keepGoing, "keep-going", false, "skip bad records, count them, code the rest")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "texts coded in parallel")
	var cf coderFlags
	cf.register(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	mi.in = append(mi.in, pos...)
	if *format != "jsonl" && *format != "json" {
		return usagef("--format must be jsonl or json")
	}
	coder, err := cf.coder()
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(e.stdout, 64<<10)
	defer w.Flush()
	n := 0
	if *format == "json" {
		fmt.Fprint(w, "[")
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	skipped, err := codeInputs(ctx, e, mi, coder, *workers, func(c baserate.Coding) error {
		if *format == "json" && n > 0 {
			fmt.Fprint(w, ",")
		}
		n++
		return enc.Encode(c)
	})
	if *format == "json" {
		fmt.Fprintln(w, "]")
	}
	if err == nil && skipped > 0 && n == 0 {
		// --keep-going skips bad records among good ones; with no good
		// one, the run did nothing and fails.
		what := fmt.Sprintf("all %d records were bad", skipped)
		if skipped == 1 {
			what = "the only record was bad"
		}
		return &baserate.Error{Kind: baserate.KindInvalid, Err: fmt.Errorf("no text coded: %s and skipped", what)}
	}
	if skipped > 0 {
		fmt.Fprintf(e.stderr, "baserate media code: skipped %d bad records, coded %d texts\n", skipped, n)
	}
	return err
}

// progressEvery is how many texts a media run codes between two progress
// lines on standard error.
var progressEvery = 10000

// codeInputs reads every input, codes the texts in parallel and hands the
// codings to emit in input order. It returns the number of bad records
// skipped.
func codeInputs(ctx context.Context, e *env, mi mediaInputs, coder *detect.Coder, workers int, emit func(baserate.Coding) error) (int, error) {
	if len(mi.in) == 0 {
		mi.in = []string{"-"}
	}
	if workers < 1 {
		workers = 1
	}
	const batch = 256
	skipped := 0
	// A long run says how far it is on standard error, every
	// progressEvery texts (standard output carries the codings).
	coded, start := 0, time.Now()
	buf := make([]baserate.Article, 0, batch)
	out := make([]baserate.Coding, batch)
	flush := func() error {
		var wg sync.WaitGroup
		next := make(chan int, len(buf))
		for i := range buf {
			next <- i
		}
		close(next)
		for k := 0; k < workers; k++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					out[i] = coder.Code(buf[i])
				}
			}()
		}
		wg.Wait()
		for i := range buf {
			if err := emit(out[i]); err != nil {
				return err
			}
		}
		if coded/progressEvery != (coded+len(buf))/progressEvery {
			fmt.Fprintf(e.stderr, "media: %d texts coded (%.0f s)\n", coded+len(buf), time.Since(start).Seconds())
		}
		coded += len(buf)
		buf = buf[:0]
		return nil
	}
	for _, path := range mi.in {
		var f *source.File
		var err error
		if path == "-" {
			var rd source.Reader
			rd, err = source.NewReader(ctx, e.stdin, "stdin", mi.opt)
			f = &source.File{Reader: rd}
		} else {
			f, err = source.Open(ctx, path, mi.opt)
		}
		if err != nil {
			return skipped, err
		}
		for {
			if err := ctx.Err(); err != nil {
				f.Close()
				return skipped, err
			}
			a, err := f.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				if mi.keepGoing && source.Skippable(err) {
					skipped++
					fmt.Fprintf(e.stderr, "skipped: %v\n", err)
					continue
				}
				f.Close()
				if ferr := flush(); ferr != nil {
					return skipped, ferr
				}
				return skipped, err
			}
			buf = append(buf, a)
			if len(buf) == batch {
				if err := flush(); err != nil {
					f.Close()
					return skipped, err
				}
			}
		}
		f.Close()
	}
	return skipped, flush()
}
