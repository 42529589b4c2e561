package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"strings"
	"time"

	"github.com/baserate/baserate"
)

// UpdateOptions configure one Update.
type UpdateOptions struct {
	// Replace lets a table or corpus replace a stored one with the same id.
	// Without it, reusing an id is an error of kind Conflict.
	Replace bool
	// Origin is recorded with every table and corpus written, such as
	// "bundle" or "ingest:file.csv".
	Origin string
	// Progress, if set, is called after every ProgressEvery rows written.
	Progress func(what string, rows int)
	// ProgressEvery defaults to 10000.
	ProgressEvery int
	// Committed, if set, is called once the update has committed, with
	// the summary the log of ingests records for it, so that a caller
	// reports its own update rather than one another process committed
	// in the meantime.
	Committed func(summary string)
}

// Tx is one update of the store: what is put through it becomes visible
// all at once when the function given to Update returns nil, and not at
// all otherwise.
type Tx struct {
	ctx     context.Context
	tx      *sql.Tx
	opt     UpdateOptions
	now     string
	summary []string
	rows    int
	put     map[string]bool // "dataset id" or "corpus id" written in this update
}

// Update runs fn in one transaction. If fn returns an error, or the process
// dies before Update returns, the store is left exactly as it was.
func (s *Store) Update(ctx context.Context, opt UpdateOptions, fn func(*Tx) error) error {
	const op = "store.Update"
	if s.readOnly {
		return baserate.E(op, baserate.KindDenied, "the store is open read-only")
	}
	if opt.ProgressEvery <= 0 {
		opt.ProgressEvery = 10000
	}
	// BeginTx takes the write lock (_txlock=immediate), waiting up to the
	// busy timeout while another process writes.
	s.log.Debug("store update: taking the write lock")
	sqlTx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return baserate.E(op, baserate.KindInternal, err)
	}
	defer sqlTx.Rollback()
	tx := &Tx{ctx: ctx, tx: sqlTx, opt: opt, now: time.Now().UTC().Format(time.RFC3339), put: map[string]bool{}}
	if err := fn(tx); err != nil {
		return err
	}
	if len(tx.summary) > 0 {
		if _, err := sqlTx.ExecContext(ctx, `INSERT INTO ingests(at, summary) VALUES (?, ?)`,
			tx.now, strings.Join(tx.summary, "; ")); err != nil {
			return baserate.E(op, baserate.KindInternal, err)
		}
	}
	if err := sqlTx.Commit(); err != nil {
		return baserate.E(op, baserate.KindInternal, err)
	}
	s.log.Debug("store updated", "summary", tx.summary)
	if opt.Committed != nil && len(tx.summary) > 0 {
		opt.Committed(strings.Join(tx.summary, "; "))
	}
	return nil
}

// once refuses a second write of the same table or corpus in one update:
// Replace is about what was stored before, and must not let a later file
// silently take the place of an earlier one given with it.
func (tx *Tx) once(op, what, id string) error {
	k := what + " " + id
	if _, dup := tx.put[k]; dup {
		return baserate.E(op, baserate.KindInvalid, fmt.Errorf("%s %q is written twice in one update (two files with the same id?)", what, id))
	}
	tx.put[k] = true
	return nil
}

func (tx *Tx) row(what string) {
	tx.rows++
	if tx.opt.Progress != nil && tx.rows%tx.opt.ProgressEvery == 0 {
		tx.opt.Progress(what, tx.rows)
	}
}

func (tx *Tx) exists(table, id string) (bool, error) {
	var n int
	err := tx.tx.QueryRowContext(tx.ctx, `SELECT count(*) FROM `+table+` WHERE id = ?`, id).Scan(&n)
	return n > 0, err
}

// PutTable writes t. The table must be valid (see [baserate.Table.Validate])
// and have a non-empty ID.
func (tx *Tx) PutTable(t *baserate.Table) error {
	const op = "store.PutTable"
	if t.ID == "" {
		return baserate.E(op, baserate.KindInvalid, "table has no id")
	}
	if err := t.Validate(); err != nil {
		return baserate.E(op, baserate.KindInvalid, err)
	}
	if err := tx.once(op, "dataset", t.ID); err != nil {
		return err
	}
	have, err := tx.exists("datasets", t.ID)
	if err != nil {
		return baserate.E(op, baserate.KindInternal, err)
	}
	if have {
		if !tx.opt.Replace {
			return baserate.E(op, baserate.KindConflict, fmt.Errorf("dataset %q is already stored (replace it explicitly)", t.ID))
		}
		if _, err := tx.tx.ExecContext(tx.ctx, `DELETE FROM datasets WHERE id = ?`, t.ID); err != nil {
			return baserate.E(op, baserate.KindInternal, err)
		}
	}
	meta := *t
	meta.Values, meta.Status = nil, nil
	mj, err := json.Marshal(&meta)
	if err != nil {
		return baserate.E(op, baserate.KindInternal, err)
	}
	if _, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO datasets(id, label, source, updated, origin, loaded_at, cells, meta)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, t.ID, t.Label, t.Source, t.Updated, tx.opt.Origin, tx.now, len(t.Values), string(mj)); err != nil {
		return baserate.E(op, baserate.KindInternal, err)
	}
	stmt, err := tx.tx.PrepareContext(tx.ctx, `INSERT INTO cells(dataset, off, value, status) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return baserate.E(op, baserate.KindInternal, err)
	}
	defer stmt.Close()
	for off, v := range t.Values {
		st := t.StatusAt(off)
		if math.IsNaN(v) && st == baserate.StatusNone {
			continue // missing without a reason: not stored, read back as NaN
		}
		var val any
		if !math.IsNaN(v) {
			val = v
		}
		if _, err := stmt.ExecContext(tx.ctx, t.ID, off, val, string(st)); err != nil {
			return baserate.E(op, baserate.KindInternal, err)
		}
		tx.row("table " + t.ID)
	}
	tx.summary = append(tx.summary, fmt.Sprintf("table %s (%d cells)", t.ID, len(t.Values)))
	return nil
}

// PutCorpus writes a coded corpus, reading its codings from items until
// the sequence ends or yields an error, which aborts the update. The
// evidence spans are not stored: the store keeps what the index aggregates.
func (tx *Tx) PutCorpus(c Corpus, items iter.Seq2[baserate.Coding, error]) error {
	const op = "store.PutCorpus"
	if c.ID == "" {
		return baserate.E(op, baserate.KindInvalid, "corpus has no id")
	}
	if err := tx.once(op, "corpus", c.ID); err != nil {
		return err
	}
	have, err := tx.exists("corpora", c.ID)
	if err != nil {
		return baserate.E(op, baserate.KindInternal, err)
	}
	if have {
		if !tx.opt.Replace {
			return baserate.E(op, baserate.KindConflict, fmt.Errorf("corpus %q is already stored (replace it explicitly)", c.ID))
		}
		if _, err := tx.tx.ExecContext(tx.ctx, `DELETE FROM corpora WHERE id = ?`, c.ID); err != nil {
			return baserate.E(op, baserate.KindInternal, err)
		}
	}
	if _, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO corpora(id, label, source, origin, loaded_at, items) VALUES (?, ?, ?, ?, ?, 0)`,
		c.ID, c.Label, c.Source, tx.opt.Origin, tx.now); err != nil {
		return baserate.E(op, baserate.KindInternal, err)
	}
	stmt, err := tx.tx.PrepareContext(tx.ctx, `INSERT INTO media_items(corpus, seq, id, source, lang, date, crime, categories,
		origin_named, suspect_origins, victim_origins, appearance) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return baserate.E(op, baserate.KindInternal, err)
	}
	defer stmt.Close()
	n := 0
	for it, err := range items {
		if err != nil {
			return err
		}
		if err := tx.ctx.Err(); err != nil {
			return err
		}
		if _, err := stmt.ExecContext(tx.ctx, c.ID, n, it.ID, it.Source, it.Lang, it.Date, it.Crime,
			jsonList(it.Categories), it.OriginNamed, jsonList(it.SuspectOrigins), jsonList(it.VictimOrigins), it.Appearance); err != nil {
			return baserate.E(op, baserate.KindInternal, err)
		}
		n++
		tx.row("corpus " + c.ID)
	}
	if _, err := tx.tx.ExecContext(tx.ctx, `UPDATE corpora SET items = ? WHERE id = ?`, n, c.ID); err != nil {
		return baserate.E(op, baserate.KindInternal, err)
	}
	tx.summary = append(tx.summary, fmt.Sprintf("corpus %s (%d texts)", c.ID, n))
	return nil
}

func jsonList(l []string) string {
	if len(l) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(l)
	return string(b)
}

// DeleteTable removes a stored table; a missing one is an error of kind
// NotFound.
func (tx *Tx) DeleteTable(id string) error {
	res, err := tx.tx.ExecContext(tx.ctx, `DELETE FROM datasets WHERE id = ?`, id)
	if err != nil {
		return baserate.E("store.DeleteTable", baserate.KindInternal, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return baserate.E("store.DeleteTable", baserate.KindNotFound, fmt.Errorf("no dataset %q", id))
	}
	delete(tx.put, "dataset "+id)
	tx.summary = append(tx.summary, "deleted table "+id)
	return nil
}
