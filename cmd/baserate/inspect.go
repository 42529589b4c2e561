package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format"
)

var cmdInspect = &command{
	name:  "inspect",
	short: "describe a statistical file: format, datasets, dimensions, cells, missing",
	usage: "baserate inspect FILE [--format text|json] [--from FORMAT] [--lenient] [--sheet NAME] [--range A1:F99] [--header-rows N]",
	long: `
Inspect reads FILE (- for standard input) and describes it. It tells the
format from the name and the first bytes (looking inside .gz): jsonstat,
px, eurostat-tsv, sdmx-csv, genesis-csv, xlsx, csv or warc; --from names
it instead.

With --format json it prints
  {"format":"px","datasets":[{"id":"...","label":"...","dimensions":
    [{"id":"...","label":"...","size":N,"categories":["id",...]}],
    "cells":N,"missing":N}]}
where cells is the product of the sizes and missing counts the cells
without a value, whatever the reason. A JSON-stat bundle or collection lists
each dataset. For a WARC file it prints {"format":"warc","records":N,
"types":{"response":N,...}}.

A file that cannot be read exits 1 with an error that names the file and
the line, byte offset or JSON path of the problem.

Example (from the repository root):

  baserate inspect docs/examples/de2023_890000_age.json
  baserate inspect docs/examples/de2023_890000_age.json --format json`,
}

func init() { cmdInspect.run = runInspect }

func runInspect(ctx context.Context, e *env, args []string) error {
	fs := newFlags(cmdInspect, e)
	out := fs.String("format", "text", "output: text or json")
	var in inputFlags
	in.register(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one FILE, got %d arguments", len(pos))
	}
	if *out != "text" && *out != "json" {
		return usagef("--format must be text or json, not %q", *out)
	}
	path, name := pos[0], pos[0]
	if path == "-" {
		// format.Inspect reads a file (a WARC or JSON-stat one more than
		// once), so standard input is copied to one first.
		tmp, cleanup, err := spoolStdin(ctx, e)
		if err != nil {
			return err
		}
		defer cleanup()
		path, name = tmp, "stdin"
	}
	s, err := format.Inspect(ctx, path, in.options(e))
	if err != nil {
		if path != pos[0] {
			return renamePath(err, path, name)
		}
		return err
	}
	if *out == "json" {
		enc := json.NewEncoder(e.stdout)
		return enc.Encode(s)
	}
	return printSummary(e, name, s)
}

// spoolStdin copies standard input to a temporary file and returns its
// path and a function that removes it. A read from a terminal blocks until
// a line is typed, so the copy runs on its own: when ctx ends (the first
// Ctrl-C) spoolStdin removes the file and returns at once, and the blocked
// read ends with the process.
func spoolStdin(ctx context.Context, e *env) (string, func(), error) {
	dir, err := os.MkdirTemp("", "baserate-stdin-")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	path := filepath.Join(dir, "stdin")
	f, err := os.Create(path)
	if err == nil {
		copied := make(chan error, 1)
		go func() {
			_, err := io.Copy(&ctxWriter{ctx: ctx, w: f}, e.stdin)
			copied <- err
		}()
		select {
		case err = <-copied:
		case <-ctx.Done():
			err = ctx.Err()
		}
		// After a cancellation the copy may still write: the closed file
		// refuses it.
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		cleanup()
		return "", nil, fmt.Errorf("reading standard input: %w", err)
	}
	return path, cleanup, nil
}

// renamedError is an error whose text names a file by another name (the
// temporary copy of standard input as "stdin"); it keeps the cause for
// errors.Is and the error kind.
type renamedError struct {
	msg string
	err error
}

func (r *renamedError) Error() string { return r.msg }
func (r *renamedError) Unwrap() error { return r.err }

func renamePath(err error, path, name string) error {
	msg := strings.ReplaceAll(baserate.Message(err), path, name)
	return &baserate.Error{Kind: baserate.KindOf(err), Err: &renamedError{msg: msg, err: err}}
}

func printSummary(e *env, file string, s *format.Summary) error {
	w := e.stdout
	fmt.Fprintf(w, "%s: %s\n", file, s.Format)
	if s.Records != nil {
		fmt.Fprintf(w, "  %d records\n", *s.Records)
		for _, k := range sortedKeys(s.Types) {
			fmt.Fprintf(w, "  %-12s %d\n", k, s.Types[k])
		}
		return nil
	}
	for _, d := range s.Datasets {
		fmt.Fprintf(w, "\ndataset %s", d.ID)
		if d.Label != "" {
			fmt.Fprintf(w, ": %s", d.Label)
		}
		fmt.Fprintln(w)
		if d.Href != "" {
			fmt.Fprintf(w, "  link only: %s\n", d.Href)
			continue
		}
		for _, dim := range d.Dimensions {
			cats := dim.Categories
			more := ""
			if len(cats) > 6 {
				cats, more = cats[:6], fmt.Sprintf(", ... (%d more)", len(dim.Categories)-6)
			}
			role := ""
			if dim.Role != "" {
				role = " [" + dim.Role + "]"
			}
			fmt.Fprintf(w, "  %-24s %5d%s  %s%s\n", dim.ID, dim.Size, role, strings.Join(cats, ", "), more)
		}
		fmt.Fprintf(w, "  cells %d, missing %d\n", d.Cells, d.Missing)
		for _, k := range d.StatusCounts() {
			fmt.Fprintf(w, "  status %q: %d cells\n", k, d.Status[k])
		}
		for _, c := range d.Caveats {
			fmt.Fprintf(w, "  caveat %s: %s\n", c.Code, c.Message)
		}
	}
	return nil
}

// inputFlags are the flags of the commands that read a statistical file
// (inspect, convert).
type inputFlags struct {
	from       string
	lenient    bool
	sheet      string
	rng        string
	headerRows int
}

func (in *inputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&in.from, "from", "", "input format (jsonstat, px, eurostat-tsv, sdmx-csv, genesis-csv, xlsx, csv, warc); default: detect")
	fs.BoolVar(&in.lenient, "lenient", false, "accept PX files that lack mandatory metadata keywords (noted as caveats)")
	fs.StringVar(&in.sheet, "sheet", "", "XLSX: sheet to read (default: the first with data)")
	fs.StringVar(&in.rng, "range", "", "XLSX: cell range such as A3:F200 (default: the used range)")
	fs.IntVar(&in.headerRows, "header-rows", 0, "XLSX: number of header rows (default: detect)")
}

func (in *inputFlags) options(e *env) format.Options {
	return format.Options{Format: format.Format(in.from), Lenient: in.lenient, Sheet: in.sheet, Range: in.rng, HeaderRows: in.headerRows, Log: e.log}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
