package px

import (
	"context"
	"io"
	"math"
	"slices"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/internal/decimal"
)

// dataScanner splits the DATA section into tokens without holding more
// than one buffer of it in memory.
type dataScanner struct {
	r    io.Reader
	buf  []byte
	i, n int
	eof  bool
	err  error
	line int
}

const (
	dEnd    = iota // ';' or end of input
	dNumber        // an unquoted token
	dQuoted        // a quoted token
)

func newDataScanner(r io.Reader, line int) *dataScanner {
	return &dataScanner{r: r, buf: make([]byte, 256<<10), line: line}
}

// fill moves the unread bytes from keep to the front and reads more.
// It returns the new position of keep.
func (d *dataScanner) fill(keep int) int {
	if d.eof {
		return keep
	}
	if keep > 0 {
		copy(d.buf, d.buf[keep:d.n])
		d.n -= keep
		d.i -= keep
	}
	if d.n == len(d.buf) {
		// A single token fills the buffer: grow it, within reason.
		if len(d.buf) >= 16<<20 {
			d.err = io.ErrShortBuffer
			d.eof = true
			return 0
		}
		nb := make([]byte, 2*len(d.buf))
		copy(nb, d.buf[:d.n])
		d.buf = nb
	}
	m, err := d.r.Read(d.buf[d.n:])
	d.n += m
	if err != nil {
		d.eof = true
		if err != io.EOF {
			d.err = err
		}
	}
	return 0
}

// next returns the next token. The returned bytes are valid until the
// next call. Separators are white space and commas.
func (d *dataScanner) next() (kind int, tok []byte) {
	for {
		for d.i < d.n {
			c := d.buf[d.i]
			switch c {
			case ' ', '\t', '\r', ',', '\f', 0x1a:
				d.i++
				continue
			case '\n':
				d.line++
				d.i++
				continue
			case ';':
				d.i++
				return dEnd, nil
			case '"':
				start := d.i + 1
				j := start
				for {
					for j < d.n && d.buf[j] != '"' && d.buf[j] != '\n' {
						j++
					}
					if j < d.n || d.eof {
						break
					}
					off := j - start
					d.i = start
					d.fill(start)
					start = d.i
					j = start + off
				}
				if j >= d.n || d.buf[j] == '\n' {
					// Unterminated: return what there is as a quoted token.
					d.i = j
					return dQuoted, d.buf[start:j]
				}
				d.i = j + 1
				return dQuoted, d.buf[start:j]
			default:
				start := d.i
				j := start
				for {
					for j < d.n {
						c := d.buf[j]
						if c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ';' || c == '"' {
							break
						}
						j++
					}
					if j < d.n || d.eof {
						break
					}
					off := j - start
					d.i = start
					d.fill(start)
					start = d.i
					j = start + off
				}
				d.i = j
				return dNumber, d.buf[start:j]
			}
		}
		if d.eof {
			return dEnd, nil
		}
		d.i = d.n
		d.fill(d.n)
	}
}

// symbol interns the common missing-value symbols.
func symbol(b []byte) baserate.Status {
	switch string(b) {
	case ".":
		return "."
	case "..":
		return ".."
	case "...":
		return "..."
	case "....":
		return "...."
	case ".....":
		return "....."
	case "......":
		return "......"
	case "-":
		return "-"
	case ":":
		return ":"
	}
	return baserate.Status(b)
}

// isDots reports whether b is a run of 1 to 6 dots, or "-" or ":": the
// symbols some writers put in DATA without quotes.
func isSymbol(b []byte) bool {
	if len(b) == 1 && (b[0] == '-' || b[0] == ':') {
		return true
	}
	if len(b) == 0 || len(b) > 6 {
		return false
	}
	for _, c := range b {
		if c != '.' {
			return false
		}
	}
	return true
}

// readData fills the table's values from the DATA section.
func (b *builder) readData(ctx context.Context, d *dataScanner, line int) error {
	t := b.t
	keyed := false
	for _, v := range b.vars {
		if v.keys != "" {
			keyed = true
		}
	}
	if keyed {
		return b.readKeyed(ctx, d)
	}
	n := len(t.Values)
	k := 0
	for {
		kind, tok := d.next()
		if kind == dEnd {
			if d.err != nil {
				return invalid(b.opt.Name, d.line+1, "DATA: %v", d.err)
			}
			if k >= n || d.eof && d.i >= d.n {
				break
			}
			continue // a ';' inside DATA before the last value
		}
		if k >= n {
			return invalid(b.opt.Name, d.line+1, "DATA has more than the %d values that the variables declare", n)
		}
		if err := b.set(k, kind, tok, d.line+1); err != nil {
			return err
		}
		k++
		if k&0xffff == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	if k < n {
		return invalid(b.opt.Name, d.line+1, "DATA ends after %d values; the variables declare %d", k, n)
	}
	return nil
}

// set stores one DATA token at offset k.
func (b *builder) set(k int, kind int, tok []byte, line int) error {
	t := b.t
	if kind == dNumber {
		if f, ok := decimal.Parse(tok); ok {
			t.Values[k] = f
			return nil
		}
		if !isSymbol(tok) {
			return invalid(b.opt.Name, line, "DATA value %q is not a number or a quoted symbol", truncate(tok))
		}
	} else if f, ok := decimal.Parse(tok); ok {
		t.Values[k] = f // a number in quotes
		return nil
	}
	if len(tok) > 32 {
		return invalid(b.opt.Name, line, "DATA symbol %q is too long", truncate(tok))
	}
	s := symbol(tok)
	if s == "-" {
		t.Values[k] = 0 // DATASYMBOLNIL: nil, a true zero
	} else {
		t.Values[k] = math.NaN()
	}
	t.SetStatus(k, s)
	return nil
}

// readKeyed reads DATA rows that start with the keys of the KEYS
// variables. Rows left out are zeros, as the PX rules for KEYS say.
func (b *builder) readKeyed(ctx context.Context, d *dataScanner) error {
	t := b.t
	var keyVars, free []int
	for i, v := range b.vars {
		if v.keys != "" {
			keyVars = append(keyVars, i)
		} else {
			free = append(free, i)
		}
	}
	// The order of keys in a row: the order of the KEYS keywords, which
	// some writers use, or the STUB order; chosen on the first row.
	var kwOrder []int
	for _, e := range b.entries {
		if e.key == "KEYS" && e.err == nil && len(e.sub) == 1 {
			for i, v := range b.vars {
				if v.name == b.dec(e.sub[0]) && !slices.Contains(kwOrder, i) {
					kwOrder = append(kwOrder, i)
				}
			}
		}
	}
	orders := [][]int{kwOrder, keyVars}
	rowLen := 1
	for _, i := range free {
		rowLen *= b.vars[i].dim.Size()
	}
	pos := make([]int, len(b.vars))
	keys := make([]string, len(keyVars))
	var order []int
	seen := map[int]bool{}
	rows := 0
	for {
		// Keys.
		kind, tok := d.next()
		if kind == dEnd {
			if d.err != nil {
				return invalid(b.opt.Name, d.line+1, "DATA: %v", d.err)
			}
			if d.eof && d.i >= d.n {
				break
			}
			continue
		}
		line := d.line + 1
		if kind != dQuoted {
			return invalid(b.opt.Name, line, "DATA row starts with %q; a KEYS file starts each row with its quoted keys", truncate(tok))
		}
		keys[0] = b.dec(tok)
		for j := 1; j < len(keyVars); j++ {
			kind, tok = d.next()
			if kind != dQuoted {
				return invalid(b.opt.Name, line, "DATA row has %d keys; KEYS names %d variables", j, len(keyVars))
			}
			keys[j] = b.dec(tok)
		}
		if order == nil {
			for _, o := range orders {
				if b.resolve(o, keys, pos) {
					order = o
					break
				}
			}
			if order == nil {
				return invalid(b.opt.Name, line, "DATA keys %q do not name categories of the KEYS variables", keys)
			}
		} else if !b.resolve(order, keys, pos) {
			return invalid(b.opt.Name, line, "DATA keys %q do not name categories of the KEYS variables", keys)
		}
		base := 0
		for _, i := range keyVars {
			base = base*b.vars[i].dim.Size() + pos[i]
		}
		if seen[base] {
			return invalid(b.opt.Name, line, "DATA has the key row %q twice", keys)
		}
		seen[base] = true
		rows++
		// Values: every combination of the free variables, row-major.
		for j := range free {
			pos[free[j]] = 0
		}
		for c := 0; c < rowLen; c++ {
			kind, tok = d.next()
			if kind == dEnd {
				return invalid(b.opt.Name, d.line+1, "DATA row %q has %d values; expected %d", keys, c, rowLen)
			}
			if err := b.set(t.Offset(pos), kind, tok, d.line+1); err != nil {
				return err
			}
			for j := len(free) - 1; j >= 0; j-- {
				i := free[j]
				pos[i]++
				if pos[i] < b.vars[i].dim.Size() {
					break
				}
				pos[i] = 0
			}
		}
		if rows&0xff == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	possible := 1
	for _, i := range keyVars {
		possible *= b.vars[i].dim.Size()
	}
	b.ext["keys"] = map[string]any{"rows": rows, "possible": possible}
	if rows < possible {
		b.caveat("px-keys", "the KEYS file has %d of %d possible key rows; the %d rows left out were read as zeros, as the PX rules for KEYS say", rows, possible, possible-rows)
	}
	return nil
}

// resolve finds the categories named by keys (in the variable order
// given) and stores their positions in pos.
func (b *builder) resolve(order []int, keys []string, pos []int) bool {
	if len(order) != len(keys) {
		return false
	}
	for j, i := range order {
		v := b.vars[i]
		var p int
		if v.keys == "CODES" {
			p = v.dim.Index(keys[j])
		} else {
			p = slices.Index(v.values, keys[j])
		}
		if p < 0 {
			return false
		}
		pos[i] = p
	}
	return true
}
