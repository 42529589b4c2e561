package px

import (
	"io"
	"math"
	"strconv"

	"github.com/baserate/baserate"
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

var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseNumber parses a decimal number as strconv.ParseFloat does, with a
// fast exact path for the plain decimals that PX files hold.
func parseNumber(b []byte) (float64, bool) {
	if len(b) == 0 {
		return 0, false
	}
	i := 0
	neg := false
	if b[0] == '-' || b[0] == '+' {
		neg = b[0] == '-'
		i++
	}
	var mant uint64
	digits, frac, nd := 0, 0, 0
	seenDot := false
	for ; i < len(b); i++ {
		c := b[i]
		if c >= '0' && c <= '9' {
			nd++
			if digits < 19 {
				mant = mant*10 + uint64(c-'0')
				if mant != 0 {
					digits++
				}
			} else {
				return slowNumber(b)
			}
			if seenDot {
				frac++
			}
			continue
		}
		if c == '.' && !seenDot {
			seenDot = true
			continue
		}
		return slowNumber(b)
	}
	if nd == 0 {
		return 0, false
	}
	if mant < 1<<53 && frac <= 22 {
		f := float64(mant) / pow10[frac]
		if neg {
			f = -f
		}
		return f, true
	}
	return slowNumber(b)
}

func slowNumber(b []byte) (float64, bool) {
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
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
