package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/baserate/baserate"
	_ "modernc.org/sqlite" // the database/sql driver "sqlite"
)

// schemaVersion is stored in meta; Open refuses a store written by a newer
// schema.
const schemaVersion = 1

const schema = `
CREATE TABLE IF NOT EXISTS meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS datasets (
	id        TEXT PRIMARY KEY,
	label     TEXT NOT NULL DEFAULT '',
	source    TEXT NOT NULL DEFAULT '',
	updated   TEXT NOT NULL DEFAULT '',
	origin    TEXT NOT NULL DEFAULT '',
	loaded_at TEXT NOT NULL,
	cells     INTEGER NOT NULL,
	meta      TEXT NOT NULL -- JSON: the table without values and status
);
CREATE TABLE IF NOT EXISTS cells (
	dataset TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
	off     INTEGER NOT NULL,
	value   REAL,            -- NULL when missing
	status  TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (dataset, off)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS corpora (
	id        TEXT PRIMARY KEY,
	label     TEXT NOT NULL DEFAULT '',
	source    TEXT NOT NULL DEFAULT '',
	origin    TEXT NOT NULL DEFAULT '',
	loaded_at TEXT NOT NULL,
	items     INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS media_items (
	corpus          TEXT NOT NULL REFERENCES corpora(id) ON DELETE CASCADE,
	seq             INTEGER NOT NULL,
	id              TEXT NOT NULL,
	source          TEXT NOT NULL DEFAULT '',
	lang            TEXT NOT NULL DEFAULT '',
	date            TEXT NOT NULL DEFAULT '',
	crime           INTEGER NOT NULL,
	categories      TEXT NOT NULL, -- JSON array
	origin_named    INTEGER NOT NULL,
	suspect_origins TEXT NOT NULL, -- JSON array
	victim_origins  TEXT NOT NULL, -- JSON array
	appearance      INTEGER NOT NULL,
	PRIMARY KEY (corpus, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ingests (
	seq     INTEGER PRIMARY KEY,
	at      TEXT NOT NULL,
	summary TEXT NOT NULL
);
`

// Store is an open baserate database. It is safe for concurrent use.
type Store struct {
	db       *sql.DB
	path     string
	readOnly bool
	log      *slog.Logger
}

// Options configure Open.
type Options struct {
	// ReadOnly refuses every write (PRAGMA query_only).
	ReadOnly bool
	// Log receives debug messages; nil discards them.
	Log *slog.Logger
}

// Open opens the store at path, creating the file and its schema if it does
// not exist. An empty path opens a private in-memory store, which lives
// until Close.
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	const op = "store.Open"
	log := opt.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout(10000)")
	var dsn string
	if path == "" {
		// One connection: every connection to ":memory:" would be its own
		// empty database.
		dsn = ":memory:?" + q.Encode()
	} else {
		// SQLite says only "unable to open database file (14)" when the
		// directory is missing.
		if dir := filepath.Dir(path); dir != "" {
			if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
				return nil, baserate.E(op, baserate.KindNotFound, fmt.Errorf("%s: the directory %s does not exist", path, dir))
			}
		}
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
		q.Set("_txlock", "immediate")
		dsn = "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, baserate.E(op, baserate.KindInternal, err)
	}
	if path == "" {
		db.SetMaxOpenConns(1)
	} else {
		db.SetMaxOpenConns(8)
	}
	s := &Store{db: db, path: path, log: log}
	if err := s.migrateRetry(ctx); err != nil {
		db.Close()
		return nil, baserate.E(op, baserate.KindOf(err), fmt.Errorf("%s: %w", displayPath(path), err))
	}
	if opt.ReadOnly {
		// query_only is per connection: set it through the DSN for every
		// connection opened from now on, by reopening.
		db.Close()
		q.Add("_pragma", "query_only(1)")
		if path == "" {
			return nil, baserate.E(op, baserate.KindInvalid, "a read-only store needs a file")
		}
		db, err = sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+q.Encode())
		if err != nil {
			return nil, baserate.E(op, baserate.KindInternal, err)
		}
		db.SetMaxOpenConns(8)
		s.db = db
		s.readOnly = true
	}
	return s, nil
}

func displayPath(p string) string {
	if p == "" {
		return "(memory)"
	}
	return p
}

// migrateRetry runs migrate, again when SQLite says the database is busy:
// a connection's first statement can fail that way, without waiting for
// busy_timeout, while another process turns a new file into a WAL
// database (ingests started together on a new store).
func (s *Store) migrateRetry(ctx context.Context) error {
	deadline := time.Now().Add(10 * time.Second)
	for wait := 10 * time.Millisecond; ; wait = min(2*wait, 500*time.Millisecond) {
		err := s.migrate(ctx)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
}

// isBusy reports whether err is SQLite's SQLITE_BUSY (5) or one of its
// extended codes.
func isBusy(err error) bool {
	var c interface{ Code() int }
	return errors.As(err, &c) && c.Code()&0xff == 5
}

func (s *Store) migrate(ctx context.Context) error {
	names, err := s.tableNames(ctx)
	if err != nil {
		return err
	}
	if len(names) > 0 {
		return s.checkSchema(ctx, names)
	}
	// A new store. Another process may be creating it at the same time:
	// the transaction takes the write lock first (_txlock=immediate), and
	// whatever that process wrote is left as it is.
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, schema); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?), ('created', ?)`,
		fmt.Sprint(schemaVersion), time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}

// tableNames lists the database's own tables and views.
func (s *Store) tableNames(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`)
	if err != nil {
		if strings.Contains(err.Error(), "file is not a database") {
			return nil, baserate.E("", baserate.KindInvalid, "not a baserate store (not an SQLite database)")
		}
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

// checkSchema accepts a database that is a baserate store of a schema this
// program knows. Someone else's SQLite database is refused, not extended
// with baserate's tables.
func (s *Store) checkSchema(ctx context.Context, names []string) error {
	foreign := func(why string) error {
		shown := names
		if len(shown) > 5 {
			shown = append(shown[:5:5], "...")
		}
		return baserate.E("", baserate.KindInvalid, fmt.Sprintf("not a baserate store: an SQLite database %s (tables %s); give a new file or a store that baserate made", why, strings.Join(shown, ", ")))
	}
	if !slices.Contains(names, "meta") {
		return foreign("without baserate's meta table")
	}
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'schema_version'`).Scan(&v)
	if err != nil {
		return foreign("whose meta table holds no schema_version")
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 {
		return foreign(fmt.Sprintf("with schema_version %q", v))
	}
	if n > schemaVersion {
		return baserate.E("", baserate.KindConflict, fmt.Errorf("store has schema version %d; this program knows %d", n, schemaVersion))
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the file the store lives in, or "" for an in-memory store.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the store refuses writes.
func (s *Store) ReadOnly() bool { return s.readOnly }

// Check runs SQLite's integrity check and returns an error unless the
// database is intact.
func (s *Store) Check(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return baserate.E("store.Check", baserate.KindInternal, err)
	}
	defer rows.Close()
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return err
		}
		msgs = append(msgs, m)
	}
	if len(msgs) == 1 && msgs[0] == "ok" {
		return rows.Err()
	}
	return baserate.E("store.Check", baserate.KindInternal, strings.Join(msgs, "; "))
}

// Dataset describes one stored table without its values.
type Dataset struct {
	ID       string                `json:"id"`
	Label    string                `json:"label,omitempty"`
	Source   string                `json:"source,omitempty"`
	Updated  string                `json:"updated,omitempty"`
	Origin   string                `json:"origin,omitempty"`
	LoadedAt string                `json:"loaded_at"`
	Cells    int                   `json:"cells"`
	Dims     []*baserate.Dimension `json:"dimensions"`
	Notes    []string              `json:"notes,omitempty"`
	Caveats  []baserate.Caveat     `json:"caveats,omitempty"`
}

// Datasets lists the stored tables in id order.
func (s *Store) Datasets(ctx context.Context) ([]Dataset, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT origin, loaded_at, meta FROM datasets ORDER BY id`)
	if err != nil {
		return nil, baserate.E("store.Datasets", baserate.KindInternal, err)
	}
	defer rows.Close()
	var out []Dataset
	for rows.Next() {
		d, err := scanDataset(rows)
		if err != nil {
			return nil, baserate.E("store.Datasets", baserate.KindInternal, err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Dataset returns the description of the table with the given id.
func (s *Store) Dataset(ctx context.Context, id string) (Dataset, error) {
	row := s.db.QueryRowContext(ctx, `SELECT origin, loaded_at, meta FROM datasets WHERE id = ?`, id)
	d, err := scanDataset(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Dataset{}, baserate.E("store.Dataset", baserate.KindNotFound, fmt.Errorf("no dataset %q", id))
	}
	if err != nil {
		return Dataset{}, baserate.E("store.Dataset", baserate.KindInternal, err)
	}
	return d, nil
}

type scanner interface{ Scan(...any) error }

func scanDataset(r scanner) (Dataset, error) {
	var origin, loaded, meta string
	if err := r.Scan(&origin, &loaded, &meta); err != nil {
		return Dataset{}, err
	}
	var t baserate.Table
	if err := json.Unmarshal([]byte(meta), &t); err != nil {
		return Dataset{}, fmt.Errorf("decoding dataset metadata: %w", err)
	}
	return Dataset{
		ID: t.ID, Label: t.Label, Source: t.Source, Updated: t.Updated,
		Origin: origin, LoadedAt: loaded, Cells: t.Size(), Dims: t.Dims,
		Notes: t.Notes, Caveats: t.Caveats,
	}, nil
}

// Table returns the stored table with the given id, values and statuses
// included. A missing table is an error of kind NotFound.
func (s *Store) Table(ctx context.Context, id string) (*baserate.Table, error) {
	const op = "store.Table"
	var meta string
	err := s.db.QueryRowContext(ctx, `SELECT meta FROM datasets WHERE id = ?`, id).Scan(&meta)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, baserate.E(op, baserate.KindNotFound, fmt.Errorf("no dataset %q", id))
	}
	if err != nil {
		return nil, baserate.E(op, baserate.KindInternal, err)
	}
	var t baserate.Table
	if err := json.Unmarshal([]byte(meta), &t); err != nil {
		return nil, baserate.E(op, baserate.KindInternal, err)
	}
	n := t.Size()
	t.Values = make([]float64, n)
	for i := range t.Values {
		t.Values[i] = math.NaN()
	}
	rows, err := s.db.QueryContext(ctx, `SELECT off, value, status FROM cells WHERE dataset = ?`, id)
	if err != nil {
		return nil, baserate.E(op, baserate.KindInternal, err)
	}
	defer rows.Close()
	for rows.Next() {
		var off int
		var v sql.NullFloat64
		var st string
		if err := rows.Scan(&off, &v, &st); err != nil {
			return nil, baserate.E(op, baserate.KindInternal, err)
		}
		if off < 0 || off >= n {
			return nil, baserate.E(op, baserate.KindInternal, fmt.Errorf("dataset %q: cell %d outside %d cells", id, off, n))
		}
		if v.Valid {
			t.Values[off] = v.Float64
		}
		t.SetStatus(off, baserate.Status(st))
	}
	if err := rows.Err(); err != nil {
		return nil, baserate.E(op, baserate.KindInternal, err)
	}
	return &t, nil
}

// Corpus describes one stored coded corpus.
type Corpus struct {
	ID       string `json:"id"`
	Label    string `json:"label,omitempty"`
	Source   string `json:"source,omitempty"`
	Origin   string `json:"origin,omitempty"`
	LoadedAt string `json:"loaded_at"`
	Items    int    `json:"items"`
}

// Corpora lists the stored coded corpora in id order.
func (s *Store) Corpora(ctx context.Context) ([]Corpus, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, label, source, origin, loaded_at, items FROM corpora ORDER BY id`)
	if err != nil {
		return nil, baserate.E("store.Corpora", baserate.KindInternal, err)
	}
	defer rows.Close()
	var out []Corpus
	for rows.Next() {
		var c Corpus
		if err := rows.Scan(&c.ID, &c.Label, &c.Source, &c.Origin, &c.LoadedAt, &c.Items); err != nil {
			return nil, baserate.E("store.Corpora", baserate.KindInternal, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Items calls fn for each coded text of the corpus, in the order they were
// ingested, without the evidence spans (which are not stored). It stops at
// the first error fn returns.
func (s *Store) Items(ctx context.Context, corpus string, fn func(baserate.Coding) error) error {
	const op = "store.Items"
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM corpora WHERE id = ?`, corpus).Scan(&n); err != nil {
		return baserate.E(op, baserate.KindInternal, err)
	}
	if n == 0 {
		return baserate.E(op, baserate.KindNotFound, fmt.Errorf("no corpus %q", corpus))
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, source, lang, date, crime, categories, origin_named,
		suspect_origins, victim_origins, appearance FROM media_items WHERE corpus = ? ORDER BY seq`, corpus)
	if err != nil {
		return baserate.E(op, baserate.KindInternal, err)
	}
	defer rows.Close()
	for rows.Next() {
		var c baserate.Coding
		var cats, sus, vic string
		if err := rows.Scan(&c.ID, &c.Source, &c.Lang, &c.Date, &c.Crime, &cats, &c.OriginNamed, &sus, &vic, &c.Appearance); err != nil {
			return baserate.E(op, baserate.KindInternal, err)
		}
		if err := errors.Join(json.Unmarshal([]byte(cats), &c.Categories),
			json.Unmarshal([]byte(sus), &c.SuspectOrigins),
			json.Unmarshal([]byte(vic), &c.VictimOrigins)); err != nil {
			return baserate.E(op, baserate.KindInternal, err)
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Ingest is one record in the store's log of ingests.
type Ingest struct {
	Seq     int    `json:"seq"`
	At      string `json:"at"`
	Summary string `json:"summary"`
}

// Ingests returns the log of committed ingests, oldest first.
func (s *Store) Ingests(ctx context.Context) ([]Ingest, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, at, summary FROM ingests ORDER BY seq`)
	if err != nil {
		return nil, baserate.E("store.Ingests", baserate.KindInternal, err)
	}
	defer rows.Close()
	var out []Ingest
	for rows.Next() {
		var i Ingest
		if err := rows.Scan(&i.Seq, &i.At, &i.Summary); err != nil {
			return nil, err
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// Digest returns a SHA-256 over the store's tables, cells, corpora and
// coded texts in a fixed order. Two stores with equal digests hold the same
// data; the ingest log and load times are left out.
func (s *Store) Digest(ctx context.Context) (string, error) {
	h := sha256.New()
	queries := []string{
		`SELECT id, label, source, updated, cells, meta FROM datasets ORDER BY id`,
		`SELECT dataset, off, value, status FROM cells ORDER BY dataset, off`,
		`SELECT id, label, source, items FROM corpora ORDER BY id`,
		`SELECT corpus, seq, id, source, lang, date, crime, categories, origin_named, suspect_origins,
			victim_origins, appearance FROM media_items ORDER BY corpus, seq`,
	}
	for _, q := range queries {
		rows, err := s.db.QueryContext(ctx, q)
		if err != nil {
			return "", baserate.E("store.Digest", baserate.KindInternal, err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return "", baserate.E("store.Digest", baserate.KindInternal, err)
			}
			for _, v := range vals {
				fmt.Fprintf(h, "%v\x1f", v)
			}
			h.Write([]byte{'\n'})
		}
		if err := rows.Close(); err != nil {
			return "", err
		}
		if err := rows.Err(); err != nil {
			return "", err
		}
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
