package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"path/filepath"
	"slices"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format"
	brcsv "github.com/baserate/baserate/format/csv"
	"github.com/baserate/baserate/store"
)

// Kinds of source.
const (
	KindTable  = "table"
	KindCorpus = "corpus"
)

// Source is one file to ingest.
type Source struct {
	// Name is the file name, used in error messages and to guess Kind and
	// Format from the extension.
	Name string
	// Open returns the file's contents.
	Open func() (io.ReadCloser, error)
	// Kind is "table" or "corpus"; empty means corpus for .jsonl files and
	// table otherwise.
	Kind string
	// ID names the stored table or corpus; empty means the file's base
	// name without extension.
	ID    string
	Label string
	// Format of a table, one of format.Formats() ("csv", "jsonstat",
	// "px", "eurostat-tsv", "sdmx-csv", "genesis-csv", "xlsx"); empty means
	// detect it from the name and the first bytes.
	Format string
	// Dims and Measures declare a tidy CSV's columns (see format/csv).
	// Without them a CSV's columns are inferred: a "value" column is the
	// measure, or the all-numeric columns are.
	Dims, Measures []string
	// AllowMissing accepts empty or "NA" measure cells in a CSV.
	AllowMissing bool
}

func (s *Source) resolve() error {
	ext := strings.ToLower(filepath.Ext(s.Name))
	if s.Kind == "" {
		if ext == ".jsonl" || ext == ".ndjson" {
			s.Kind = KindCorpus
		} else {
			s.Kind = KindTable
		}
	}
	if s.ID == "" {
		s.ID = strings.TrimSuffix(filepath.Base(s.Name), filepath.Ext(s.Name))
	}
	switch s.Kind {
	case KindCorpus:
	case KindTable:
		if (len(s.Dims) == 0) != (len(s.Measures) == 0) {
			return baserate.E("ingest", baserate.KindInvalid, fmt.Errorf("%s: declare both the dimension and the measure columns, or neither", s.Name))
		}
		if s.Format != "" && !slices.Contains(format.Formats(), format.Format(s.Format)) {
			return baserate.E("ingest", baserate.KindInvalid, fmt.Errorf("%s: unknown format %q (known: %v)", s.Name, s.Format, format.Formats()))
		}
	default:
		return baserate.E("ingest", baserate.KindInvalid, fmt.Errorf("%s: unknown kind %q (table or corpus)", s.Name, s.Kind))
	}
	return nil
}

// Run stores every source in one transaction of st. If any source is bad,
// nothing is stored and the error names the file and line.
func Run(ctx context.Context, st *store.Store, srcs []Source, opt store.UpdateOptions) error {
	for i := range srcs {
		if err := srcs[i].resolve(); err != nil {
			return err
		}
	}
	return st.Update(ctx, opt, func(tx *store.Tx) error {
		seen := map[string]string{}
		for _, src := range srcs {
			if err := one(ctx, tx, src, seen); err != nil {
				return err
			}
		}
		return nil
	})
}

// claim records that src writes the table or corpus id, and refuses an id
// that an earlier file of the same run writes: with --replace the later
// file would silently take the earlier one's place, and without it the
// error would say the id "is already stored" when nothing was.
func claim(seen map[string]string, kind, id string, src Source) error {
	k := kind + " " + id
	if other, ok := seen[k]; ok {
		return baserate.E("ingest", baserate.KindInvalid, fmt.Errorf("%s: %s id %q is also the id of %s; nothing was stored: ingest one of them with --id", src.Name, kind, id, other))
	}
	seen[k] = src.Name
	return nil
}

func one(ctx context.Context, tx *store.Tx, src Source, seen map[string]string) error {
	rc, err := src.Open()
	if err != nil {
		return baserate.E("ingest", baserate.KindInvalid, err)
	}
	defer rc.Close()
	switch src.Kind {
	case KindCorpus:
		if err := claim(seen, KindCorpus, src.ID, src); err != nil {
			return err
		}
		return tx.PutCorpus(store.Corpus{ID: src.ID, Label: src.Label, Source: filepath.Base(src.Name)}, Codings(rc, src.Name))
	}
	var tables []*baserate.Table
	if len(src.Dims) > 0 {
		t, err := brcsv.Read(ctx, rc, src.Name, brcsv.Spec{Dims: src.Dims, Measures: src.Measures, AllowMissing: src.AllowMissing})
		if err != nil {
			return err
		}
		tables = []*baserate.Table{t}
	} else {
		tables, _, err = format.Read(ctx, rc, src.Name, format.Options{Format: format.Format(src.Format)})
		if err != nil {
			return err
		}
	}
	for _, t := range tables {
		if len(tables) == 1 {
			t.ID = src.ID
		} else {
			t.ID = src.ID + "-" + t.ID
		}
		if src.Label != "" {
			t.Label = src.Label
		}
		if t.Source == "" {
			t.Source = filepath.Base(src.Name)
		}
		if err := claim(seen, KindTable, t.ID, src); err != nil {
			return err
		}
		if err := tx.PutTable(t); err != nil {
			return err
		}
	}
	return nil
}

// maxLine bounds one JSON line of a coded corpus.
const maxLine = 16 << 20

// Codings reads JSON Lines of codings (the output of "baserate media code
// --format jsonl"), one object a line; blank lines are skipped. A line that
// is not a coding stops the sequence with an error naming name and the
// line.
func Codings(r io.Reader, name string) iter.Seq2[baserate.Coding, error] {
	return func(yield func(baserate.Coding, error) bool) {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64<<10), maxLine)
		line := 0
		for sc.Scan() {
			line++
			b := bytes.TrimSpace(sc.Bytes())
			if len(b) == 0 {
				continue
			}
			var c baserate.Coding
			dec := json.NewDecoder(bytes.NewReader(b))
			if err := dec.Decode(&c); err != nil {
				yield(c, baserate.Invalid(name, line, "not a coding: %v", err))
				return
			}
			if dec.More() {
				yield(c, baserate.Invalid(name, line, "more than one JSON value on the line"))
				return
			}
			if c.ID == "" {
				yield(c, baserate.Invalid(name, line, "coding has no \"id\""))
				return
			}
			if !yield(c, nil) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			yield(baserate.Coding{}, baserate.Invalid(name, line+1, "%v", err))
		}
	}
}
