package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/store"
	"github.com/baserate/baserate/store/ingest"
)

var cmdIngest = &command{
	name:  "ingest",
	short: "load tables and coded corpora into a store, in one transaction",
	usage: "baserate ingest --store FILE [--kind table|corpus] [--id ID] [--label TEXT] [--format FORMAT] [--dims COL,... --measures COL,...] [--allow-missing] [--replace] [--bundle] [--list] FILE...",
	long: `
Ingest loads files into a store (an SQLite file; created if missing) in one
transaction: either every file is stored, or, when one is bad or the
process is killed, none is and the store is as it was.

A file is a table in any format the format registry reads (JSON-stat, PX,
Eurostat TSV, SDMX-CSV, GENESIS CSV, XLSX, tidy CSV), or, with --kind
corpus or a .jsonl name, a coded corpus: the JSON Lines that "baserate media
code --format jsonl" writes. A tidy CSV's columns are inferred (a "value"
column, or the all-numeric columns, are measures) unless --dims and
--measures declare them. The id is the file's base name unless --id gives
one (only with a single file; "-" reads standard input, needs --id, and
is named stdin in errors and as the stored source).
A stored id is refused unless --replace; two files of one run with the same
id are refused.

--bundle stores the bundled official tables. --list prints what the store
holds. Progress goes to standard error every 10,000 rows.

Example (from the repository root):

  baserate ingest --store my.db --bundle
  baserate ingest --store my.db docs/examples/de2023_890000_age.json
  baserate ingest --store my.db --list
  baserate serve --store my.db`,
}

func init() { cmdIngest.run = runIngest }

func runIngest(ctx context.Context, e *env, args []string) error {
	fs := newFlags(cmdIngest, e)
	path := fs.String("store", "", "store `file` (created if missing)")
	kind := fs.String("kind", "", "table or corpus (default: corpus for .jsonl, else table)")
	id := fs.String("id", "", "`id` to store a single file under (default: its base name)")
	label := fs.String("label", "", "label of the table or corpus")
	format := fs.String("format", "", "table format (default: detect from the name and the first bytes)")
	dims := fs.String("dims", "", "tidy CSV: comma-separated dimension `columns`")
	measures := fs.String("measures", "", "tidy CSV: comma-separated measure `columns`")
	allowMissing := fs.Bool("allow-missing", false, "tidy CSV with --dims: accept empty or NA measure cells")
	replace := fs.Bool("replace", false, "replace stored tables or corpora with the same id")
	withBundle := fs.Bool("bundle", false, "store the bundled official tables")
	list := fs.Bool("list", false, "list the store's tables and corpora")
	files, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if *path == "" {
		return usagef("--store is required")
	}
	if len(files) == 0 && !*withBundle && !*list {
		return usagef("name files to ingest, or --bundle, or --list")
	}
	if *id != "" && len(files) > 1 {
		return usagef("--id names one file; %d given", len(files))
	}
	if slices.Contains(files, "-") && *id == "" {
		// Otherwise the table would be stored under the id "-".
		return usagef("standard input (-) has no name to take an id from: give one with --id")
	}
	if len(files) == 0 && !*withBundle {
		// Only --list: a mistyped name should not create an empty store.
		if _, err := os.Stat(*path); errors.Is(err, os.ErrNotExist) {
			return baserate.E("ingest", baserate.KindNotFound, fmt.Errorf("no store %s", *path))
		}
	}
	st, err := store.Open(ctx, *path, store.Options{Log: e.log})
	if err != nil {
		return err
	}
	defer st.Close()
	if *withBundle {
		if err := ingest.Bundle(ctx, st); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "stored the %d bundled tables\n", len(ingest.BundledTables))
	}
	if len(files) > 0 {
		srcs := make([]ingest.Source, len(files))
		for i, f := range files {
			name := f
			if f == "-" {
				// Errors and the stored source say "stdin", as other
				// commands do.
				name = "stdin"
			}
			srcs[i] = ingest.Source{
				Name: name, Kind: *kind, ID: *id, Label: *label, Format: *format,
				Dims: ingestList(*dims), Measures: ingestList(*measures), AllowMissing: *allowMissing,
				Open: func() (io.ReadCloser, error) {
					if f == "-" {
						return io.NopCloser(e.stdin), nil
					}
					return os.Open(f)
				},
			}
		}
		progress := func(what string, rows int) {
			fmt.Fprintf(e.stderr, "ingest: %s: %d rows written\n", what, rows)
		}
		// Report this run's own summary: reading the log before and after
		// would also report what another process stored meanwhile.
		committed := func(summary string) { fmt.Fprintf(e.stdout, "stored %s\n", summary) }
		if err := ingest.Run(ctx, st, srcs, store.UpdateOptions{Replace: *replace, Origin: "ingest", Progress: progress, Committed: committed}); err != nil {
			if baserate.KindOf(err) == baserate.KindConflict && !*replace {
				return fmt.Errorf("%w; nothing was stored: run again with --replace to replace it, or give another id with --id", err)
			}
			return err
		}
	}
	if *list {
		return listStore(ctx, e.stdout, st)
	}
	return nil
}

func ingestList(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

func listStore(ctx context.Context, w io.Writer, st *store.Store) error {
	ds, err := st.Datasets(ctx)
	if err != nil {
		return err
	}
	cs, err := st.Corpora(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "kind\tid\tsize\tdimensions\torigin")
	for _, d := range ds {
		var dims []string
		for _, dm := range d.Dims {
			dims = append(dims, fmt.Sprintf("%s(%d)", dm.ID, dm.Size()))
		}
		fmt.Fprintf(tw, "table\t%s\t%d cells\t%s\t%s\n", d.ID, d.Cells, strings.Join(dims, " x "), d.Origin)
	}
	for _, c := range cs {
		fmt.Fprintf(tw, "corpus\t%s\t%d texts\t\t%s\n", c.ID, c.Items, c.Origin)
	}
	return tw.Flush()
}
