package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/baserate/baserate"
)

// sqliteFile makes an SQLite database at path with the given statements,
// as another program would.
func sqliteFile(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

func tableList(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	return strings.Join(names, ",")
}

// TestOpenForeignDatabase: an SQLite file that some other program made
// (a browser's history, a GeoPackage) given as --store is refused and
// left as it was, not extended with the store's tables.
func TestOpenForeignDatabase(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name  string
		stmts []string
		want  string
	}{
		{"places.sqlite", []string{`CREATE TABLE moz_places(id INTEGER PRIMARY KEY, url TEXT)`, `INSERT INTO moz_places(url) VALUES ('https://example.org/')`}, "without baserate's meta table (tables moz_places)"},
		{"kv.db", []string{`CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)`, `INSERT INTO meta VALUES ('owner', 'someone else')`}, "whose meta table holds no schema_version"},
		{"other.db", []string{`CREATE TABLE meta(k TEXT, v TEXT)`}, "whose meta table holds no schema_version"},
	} {
		path := filepath.Join(dir, c.name)
		sqliteFile(t, path, c.stmts...)
		before := tableList(t, path)
		for _, ro := range []bool{false, true} {
			s, err := Open(context.Background(), path, Options{ReadOnly: ro})
			if err == nil {
				s.Close()
			}
			if baserate.KindOf(err) != baserate.KindInvalid || !strings.Contains(err.Error(), "not a baserate store") || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s (read-only %v): err = %v, want kind Invalid naming %q", c.name, ro, err, c.want)
			}
		}
		if after := tableList(t, path); after != before {
			t.Errorf("%s: tables %s became %s", c.name, before, after)
		}
	}
}

// TestOpenNewerSchema: a store written by a newer baserate is refused
// with both versions named, not read with the wrong schema.
func TestOpenNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	open(t, path).Close()
	sqliteFile(t, path, `UPDATE meta SET value = '2' WHERE key = 'schema_version'`)
	_, err := Open(context.Background(), path, Options{})
	if baserate.KindOf(err) != baserate.KindConflict || !strings.Contains(err.Error(), "schema version 2; this program knows 1") {
		t.Errorf("err = %v, want kind Conflict naming both versions", err)
	}
}

// TestOpenConcurrentCreate: processes started together on a new store
// file (ingests in parallel in a script) all open it; each used to try to
// write the schema version and all but one failed on its unique key.
func TestOpenConcurrentCreate(t *testing.T) {
	for i := range 10 {
		path := filepath.Join(t.TempDir(), "s.db")
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for j := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s, err := Open(context.Background(), path, Options{})
				if err == nil {
					err = s.Close()
				}
				errs[j] = err
			}()
		}
		wg.Wait()
		for j, err := range errs {
			if err != nil {
				t.Fatalf("round %d, opener %d: %v", i, j, err)
			}
		}
	}
}

// TestPutTwiceInOneUpdate: Replace replaces what was stored before; it
// must not let a second table with the same id in the same update
// silently take the first one's place.
func TestPutTwiceInOneUpdate(t *testing.T) {
	ctx := context.Background()
	s := open(t, "")
	err := s.Update(ctx, UpdateOptions{Replace: true}, func(tx *Tx) error {
		if err := tx.PutTable(sample("a")); err != nil {
			return err
		}
		return tx.PutTable(sample("a"))
	})
	if baserate.KindOf(err) != baserate.KindInvalid || !strings.Contains(err.Error(), `dataset "a" is written twice in one update`) {
		t.Errorf("table: err = %v", err)
	}
	err = s.Update(ctx, UpdateOptions{Replace: true}, func(tx *Tx) error {
		if err := tx.PutCorpus(Corpus{ID: "c"}, items(baserate.Coding{ID: "1"})); err != nil {
			return err
		}
		return tx.PutCorpus(Corpus{ID: "c"}, items(baserate.Coding{ID: "2"}))
	})
	if baserate.KindOf(err) != baserate.KindInvalid || !strings.Contains(err.Error(), `corpus "c" is written twice`) {
		t.Errorf("corpus: err = %v", err)
	}
	// Deleting and writing again in one update is fine.
	if err := s.Update(ctx, UpdateOptions{}, func(tx *Tx) error { return tx.PutTable(sample("b")) }); err != nil {
		t.Fatal(err)
	}
	err = s.Update(ctx, UpdateOptions{}, func(tx *Tx) error {
		if err := tx.DeleteTable("b"); err != nil {
			return err
		}
		return tx.PutTable(sample("b"))
	})
	if err != nil {
		t.Errorf("delete then put: %v", err)
	}
}

// TestCommitted: Committed reports the update's own summary, after the
// commit, and not for a failed update.
func TestCommitted(t *testing.T) {
	ctx := context.Background()
	s := open(t, "")
	var got []string
	opt := UpdateOptions{Committed: func(sum string) { got = append(got, sum) }}
	if err := s.Update(ctx, opt, func(tx *Tx) error {
		if err := tx.PutTable(sample("a")); err != nil {
			return err
		}
		return tx.PutCorpus(Corpus{ID: "c"}, items(baserate.Coding{ID: "1"}))
	}); err != nil {
		t.Fatal(err)
	}
	s.Update(ctx, opt, func(tx *Tx) error { return tx.PutTable(sample("a")) }) // a conflict
	if len(got) != 1 || got[0] != "table a (4 cells); corpus c (1 texts)" {
		t.Errorf("Committed got %q", got)
	}
}

// TestOpenMissingDirectory: SQLite says only "unable to open database
// file (14)"; the error names the directory that is missing.
func TestOpenMissingDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nodir", "s.db")
	_, err := Open(context.Background(), path, Options{})
	if err == nil || !strings.Contains(err.Error(), "the directory "+filepath.Dir(path)+" does not exist") {
		t.Errorf("error %v, want one naming the missing directory", err)
	}
}
