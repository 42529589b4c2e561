package store

import (
	"context"
	"errors"
	"iter"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/baserate/baserate"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func sample(id string) *baserate.Table {
	t := baserate.New(id,
		baserate.NewDimension("year", "2022", "2023"),
		baserate.NewDimension("citizenship", "deutsch", "nichtdeutsch"))
	t.Label = "suspects"
	t.Source = "test"
	t.Values = []float64{10, 20, math.NaN(), 40}
	t.SetStatus(2, baserate.StatusConfidential)
	t.SetStatus(3, baserate.StatusProvisional)
	t.Caveats = []baserate.Caveat{{Code: "c1", Message: "a caveat"}}
	t.Dims[1].Categories[1].Label = "non-German"
	return t
}

func open(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestTableRoundTrip(t *testing.T) {
	for _, path := range []string{"", filepath.Join(t.TempDir(), "s.db")} {
		ctx := context.Background()
		s := open(t, path)
		in := sample("pks")
		if err := s.Update(ctx, UpdateOptions{Origin: "test"}, func(tx *Tx) error { return tx.PutTable(in) }); err != nil {
			t.Fatal(err)
		}
		out, err := s.Table(ctx, "pks")
		if err != nil {
			t.Fatal(err)
		}
		opts := []cmp.Option{cmpopts.EquateNaNs(), cmpopts.IgnoreUnexported(baserate.Dimension{})}
		if d := cmp.Diff(in, out, opts...); d != "" {
			t.Errorf("%s: table changed in the store (-in +out):\n%s", displayPath(path), d)
		}
		ds, err := s.Datasets(ctx)
		if err != nil || len(ds) != 1 || ds[0].ID != "pks" || ds[0].Cells != 4 || ds[0].Origin != "test" || len(ds[0].Dims) != 2 {
			t.Errorf("Datasets = %+v, %v", ds, err)
		}
		if _, err := s.Table(ctx, "nope"); baserate.KindOf(err) != baserate.KindNotFound {
			t.Errorf("missing table: err = %v, want kind NotFound", err)
		}
		if err := s.Check(ctx); err != nil {
			t.Error(err)
		}
	}
}

func TestUpdateIsAtomic(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "s.db"))
	if err := s.Update(ctx, UpdateOptions{}, func(tx *Tx) error { return tx.PutTable(sample("a")) }); err != nil {
		t.Fatal(err)
	}
	before, err := s.Digest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err = s.Update(ctx, UpdateOptions{Replace: true}, func(tx *Tx) error {
		if err := tx.PutTable(sample("b")); err != nil {
			return err
		}
		changed := sample("a")
		changed.Values[0] = 99
		if err := tx.PutTable(changed); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update returned %v, want boom", err)
	}
	after, _ := s.Digest(ctx)
	if before != after {
		t.Error("a failed update changed the store")
	}
	if _, err := s.Table(ctx, "b"); baserate.KindOf(err) != baserate.KindNotFound {
		t.Errorf("table from a failed update is visible: %v", err)
	}
}

func TestConflictWithoutReplace(t *testing.T) {
	ctx := context.Background()
	s := open(t, "")
	put := func(opt UpdateOptions) error {
		return s.Update(ctx, opt, func(tx *Tx) error { return tx.PutTable(sample("a")) })
	}
	if err := put(UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := put(UpdateOptions{}); baserate.KindOf(err) != baserate.KindConflict {
		t.Errorf("second put: err = %v, want kind Conflict", err)
	}
	if err := put(UpdateOptions{Replace: true}); err != nil {
		t.Errorf("replace: %v", err)
	}
	log, err := s.Ingests(ctx)
	if err != nil || len(log) != 2 {
		t.Errorf("ingest log = %v, %v; want two committed updates", log, err)
	}
}

func TestInvalidTableRefused(t *testing.T) {
	s := open(t, "")
	bad := sample("a")
	bad.Values = bad.Values[:3]
	err := s.Update(context.Background(), UpdateOptions{}, func(tx *Tx) error { return tx.PutTable(bad) })
	if baserate.KindOf(err) != baserate.KindInvalid {
		t.Errorf("err = %v, want kind Invalid", err)
	}
}

func items(cs ...baserate.Coding) iter.Seq2[baserate.Coding, error] {
	return func(yield func(baserate.Coding, error) bool) {
		for _, c := range cs {
			if !yield(c, nil) {
				return
			}
		}
	}
}

func TestCorpus(t *testing.T) {
	ctx := context.Background()
	s := open(t, "")
	in := []baserate.Coding{
		{ID: "1", Source: "ffm", Date: "2019-01-02", Crime: true, Categories: []string{"violent"}, OriginNamed: true, SuspectOrigins: []string{"DE", "SY"}, VictimOrigins: []string{}},
		{ID: "2", Source: "ffm", Crime: false, Categories: []string{}, SuspectOrigins: []string{}, VictimOrigins: []string{"TR"}, Appearance: true},
	}
	err := s.Update(ctx, UpdateOptions{Origin: "test"}, func(tx *Tx) error {
		return tx.PutCorpus(Corpus{ID: "ffm", Label: "Frankfurt police"}, items(in...))
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []baserate.Coding
	if err := s.Items(ctx, "ffm", func(c baserate.Coding) error { out = append(out, c); return nil }); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(in, out); d != "" {
		t.Errorf("corpus changed in the store (-in +out):\n%s", d)
	}
	cs, err := s.Corpora(ctx)
	if err != nil || len(cs) != 1 || cs[0].Items != 2 {
		t.Errorf("Corpora = %+v, %v", cs, err)
	}
	if err := s.Items(ctx, "nope", func(baserate.Coding) error { return nil }); baserate.KindOf(err) != baserate.KindNotFound {
		t.Errorf("missing corpus: %v", err)
	}
	// A reader error aborts the whole update.
	bad := func(yield func(baserate.Coding, error) bool) {
		if yield(baserate.Coding{ID: "x"}, nil) {
			yield(baserate.Coding{}, baserate.Invalid("c.jsonl", 2, "broken"))
		}
	}
	err = s.Update(ctx, UpdateOptions{}, func(tx *Tx) error { return tx.PutCorpus(Corpus{ID: "other"}, bad) })
	if err == nil || err.Error() != "c.jsonl:2: broken" {
		t.Errorf("err = %v, want the reader's error", err)
	}
	if cs, _ := s.Corpora(ctx); len(cs) != 1 {
		t.Errorf("failed corpus ingest left %d corpora", len(cs))
	}
}

func TestReadOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	s := open(t, path)
	if err := s.Update(ctx, UpdateOptions{}, func(tx *Tx) error { return tx.PutTable(sample("a")) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	ro, err := Open(ctx, path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.Table(ctx, "a"); err != nil {
		t.Errorf("read from read-only store: %v", err)
	}
	err = ro.Update(ctx, UpdateOptions{}, func(tx *Tx) error { return tx.PutTable(sample("b")) })
	if baserate.KindOf(err) != baserate.KindDenied {
		t.Errorf("write to read-only store: err = %v, want kind Denied", err)
	}
	// The pragma refuses writes even past the Go-level check.
	if _, err := ro.db.ExecContext(ctx, `DELETE FROM datasets`); err == nil {
		t.Error("query_only store accepted a DELETE")
	}
}

func TestOpenNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "junk.db")
	if err := os.WriteFile(path, []byte("this is not sqlite, just some text that is long enough to be read as a header..........................................."), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), path, Options{})
	if err == nil {
		t.Fatal("opened a text file as a store")
	}
	if baserate.KindOf(err) != baserate.KindInvalid {
		t.Errorf("err = %v (kind %v), want kind Invalid", err, baserate.KindOf(err))
	}
}
