package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format"
	"github.com/baserate/baserate/format/csvout"
	"github.com/baserate/baserate/format/jsonstat"
	"github.com/baserate/baserate/format/parquet"
	"github.com/baserate/baserate/internal/atomicfile"
)

var cmdConvert = &command{
	name:  "convert",
	short: "convert a statistical file to a long CSV, JSON-stat 2.0 or Parquet table",
	usage: "baserate convert FILE --to csv|jsonstat|parquet [--out PATH] [--wide DIM] [--from FORMAT] [--lenient] [--sheet NAME] [--range A1:F99] [--header-rows N]",
	long: `
Convert reads FILE (any format inspect knows but WARC) and writes its
tables in long form.

  csv       one column per dimension holding category ids, then "value"
            and, when any value has a status flag, "status"; a missing value
            is an empty field. Several datasets (a JSON-stat bundle) get a
            leading "dataset" column. --wide DIM puts the categories of
            DIM in columns instead (counts and populations side by side,
            as standardize reads them).
  jsonstat  JSON-stat 2.0: a dataset, or a collection of datasets.
  parquet   the same columns as csv, in the same order, for R (arrow),
            pandas and DuckDB: dimensions as strings (a year or time of
            plain integers as int64), value as an optional double, status
            as an optional string.

FILE - reads standard input (its format told from the first bytes, or
named with --from). Without --out, or with --out -, the result goes to
standard output. With --out it is written to a temporary file beside PATH
and renamed into place, so PATH is never left half-written; an existing
PATH is replaced, and its directory must exist. Interrupted (Ctrl-C), it
leaves PATH as it was.

Examples (from the repository root):

  baserate convert docs/examples/de2023_890000_age.json --to csv
  baserate convert docs/examples/de2023_890000_age.json --to csv --wide concept
  baserate convert docs/examples/de2023_890000_age.json --to parquet --out age.parquet`,
}

func init() { cmdConvert.run = runConvert }

func runConvert(ctx context.Context, e *env, args []string) error {
	fs := newFlags(cmdConvert, e)
	to := fs.String("to", "", "output format: csv, jsonstat or parquet")
	out := fs.String("out", "", "output `file`, replaced whole (default, or -: standard output)")
	wide := fs.String("wide", "", "csv: put the categories of this dimension in columns (such as a measure dimension with counts and populations)")
	var in inputFlags
	in.register(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one FILE, got %d arguments", len(pos))
	}
	if *wide != "" && *to != "csv" {
		return usagef("--wide is for --to csv")
	}
	var write func(io.Writer, []*baserate.Table) error
	switch *to {
	case "csv":
		write = func(w io.Writer, t []*baserate.Table) error {
			if *wide == "" {
				return csvout.Write(w, t...)
			}
			if len(t) != 1 {
				return fmt.Errorf("--wide needs one table; the file holds %d", len(t))
			}
			return csvout.WriteWide(w, t[0], *wide)
		}
	case "jsonstat", "json-stat", "json":
		write = func(w io.Writer, t []*baserate.Table) error { return jsonstat.Write(w, t...) }
	case "parquet":
		write = func(w io.Writer, t []*baserate.Table) error { return parquet.Write(w, t...) }
	case "":
		return usagef("--to is required: csv, jsonstat or parquet")
	default:
		return usagef("--to must be csv, jsonstat or parquet, not %q", *to)
	}
	if *out != "" && *out != "-" {
		if st, err := os.Stat(*out); err == nil && st.IsDir() {
			return usagef("--out %s is a directory; name a file", *out)
		}
	}
	tables, err := openTables(ctx, e, pos[0], in.options(e))
	if err != nil {
		return err
	}
	if *out == "" || *out == "-" {
		var buf bytes.Buffer
		if err := write(&ctxWriter{ctx: ctx, w: &buf}, tables); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	return atomicfile.Write(*out, func(w io.Writer) error {
		if err := write(&ctxWriter{ctx: ctx, w: w}, tables); err != nil {
			return err
		}
		return ctx.Err()
	})
}

// openTables reads the tables of path, or of standard input for "-".
func openTables(ctx context.Context, e *env, path string, opt format.Options) ([]*baserate.Table, error) {
	if path == "-" {
		tables, _, err := format.Read(ctx, e.stdin, "stdin", opt)
		return tables, err
	}
	tables, _, err := format.Open(ctx, path, opt)
	return tables, err
}

// ctxWriter fails its writes once ctx is done, so that an interrupted
// command stops writing (and leaves an --out file as it was).
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c *ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
