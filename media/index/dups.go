package index

import (
	"fmt"
	"hash/maphash"

	"github.com/baserate/baserate"
)

// Dedup finds codings given more than once, as when a file is given twice
// or files are concatenated. A coding whose id and source an earlier one
// has, and whose record is the same byte for byte, is the same coded text
// again: it is counted once. One that shares only the id and source with
// an earlier one is counted as a text of its own, since ids may repeat
// legitimately (JSON Lines without ids are numbered 1, 2, … in each file,
// so several files of one corpus repeat them); both cases are counted and
// reported by Warnings. The zero value is ready to use.
type Dedup struct {
	seed maphash.Seed
	seen map[[2]string][]uint64 // id and source -> hashes of the records
	// Exact counts the codings left out as given before; Repeated the
	// codings kept although an earlier one has their id and source.
	Exact, Repeated int
}

// Keep reports whether the coding c, read from record (its line), is to
// be counted: false for a record given before with the same id and source.
func (d *Dedup) Keep(c baserate.Coding, record []byte) bool {
	if d.seen == nil {
		d.seen, d.seed = map[[2]string][]uint64{}, maphash.MakeSeed()
	}
	k := [2]string{c.ID, c.Source}
	h := maphash.Bytes(d.seed, record)
	prev := d.seen[k]
	for _, p := range prev {
		if p == h {
			d.Exact++
			return false
		}
	}
	if len(prev) > 0 {
		d.Repeated++
	}
	d.seen[k] = append(prev, h)
	return true
}

// Warnings say what Keep found, with the counts; nil when every coding
// had an id and source of its own.
func (d *Dedup) Warnings() []baserate.Warning {
	var w []baserate.Warning
	if d.Exact > 0 {
		w = append(w, baserate.Warning{Code: "duplicate-codings", Message: fmt.Sprintf(
			"%d %s given again (the same record, with the same id and source: a file given twice, or files concatenated); each text is counted once", d.Exact, plural(d.Exact, "coding was", "codings were"))})
	}
	if d.Repeated > 0 {
		w = append(w, baserate.Warning{Code: "repeated-ids", Message: fmt.Sprintf(
			"%d %s the id and source of an earlier coding but not its content, and %s counted as %s of %s own (JSON Lines without ids are numbered 1, 2, … in each file); where both are the same text coded twice, that text is counted twice: give texts ids of their own, or each file its --source", d.Repeated,
			plural(d.Repeated, "coding shares", "codings share"), plural(d.Repeated, "is", "are"), plural(d.Repeated, "a text", "texts"), plural(d.Repeated, "its", "their"))})
	}
	return w
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
