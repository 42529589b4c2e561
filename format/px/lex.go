package px

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// token kinds of a keyword's value.
const (
	tString = 's' // a quoted string, adjacent ones already joined
	tBare   = 'b' // an unquoted word: YES, 12, TLIST, A1, CODES
	tComma  = ','
	tDash   = '-'
	tColon  = ':'
	tLParen = '('
	tRParen = ')'
)

type token struct {
	kind byte
	text []byte // raw bytes, not yet decoded
}

// entry is one keyword of the header, with its value as raw tokens.
type entry struct {
	line int
	key  string   // upper case, such as "VALUES"
	lang string   // the [lang] suffix, or ""
	sub  [][]byte // the ("...","...") subkeys, raw
	toks []token
	err  error // a syntax error in the value; the entry is otherwise empty
}

// name returns the keyword as written in messages: KEY[lang]("a","b").
func (e *entry) name(dec func([]byte) string) string {
	var b strings.Builder
	b.WriteString(e.key)
	if e.lang != "" {
		b.WriteString("[" + e.lang + "]")
	}
	if len(e.sub) > 0 {
		b.WriteByte('(')
		for i, s := range e.sub {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "%q", dec(s))
		}
		b.WriteByte(')')
	}
	return b.String()
}

// lexer reads the header of a PX file keyword by keyword.
type lexer struct {
	r    *bufio.Reader
	line int
	n    int64 // bytes read
	max  int64
}

var errTooLong = errors.New("header too long")

// lexError is a syntax error that leaves nothing to recover from, at the
// line where its keyword starts.
type lexError struct {
	line int
	err  error
}

func (e *lexError) Error() string { return fmt.Sprintf("line %d: %v", e.line, e.err) }

func lineErr(line int, format string, args ...any) error {
	return &lexError{line: line, err: fmt.Errorf(format, args...)}
}

func (l *lexer) read() (byte, error) {
	c, err := l.r.ReadByte()
	if err != nil {
		return 0, err
	}
	l.n++
	if l.n > l.max {
		return 0, errTooLong
	}
	if c == '\n' {
		l.line++
	}
	return c, nil
}

func (l *lexer) unread(c byte) {
	l.r.UnreadByte()
	l.n--
	if c == '\n' {
		l.line--
	}
}

func (l *lexer) peek() (byte, error) {
	b, err := l.r.Peek(1)
	if err != nil {
		return 0, err
	}
	return b[0], nil
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0x1a
}

// next reads the next keyword. It returns io.EOF when the input ends
// before another keyword starts. A syntax error inside a value is kept in
// entry.err and the lexer moves on to the next keyword; an error that
// leaves nothing to recover from is returned.
func (l *lexer) next() (*entry, error) {
	// Skip white space, stray semicolons and a UTF-8 byte-order mark.
	for {
		c, err := l.read()
		if err != nil {
			return nil, err
		}
		if isSpace(c) || c == ';' {
			continue
		}
		if c == 0xEF && l.n == 1 {
			if b, _ := l.r.Peek(2); len(b) == 2 && b[0] == 0xBB && b[1] == 0xBF {
				l.r.Discard(2)
				l.n += 2
				continue
			}
		}
		l.unread(c)
		break
	}
	e := &entry{line: l.line + 1}
	// Keyword name.
	var name []byte
	for {
		c, err := l.read()
		if err == io.EOF {
			return nil, lineErr(e.line, "keyword %q has no '='", truncate(name))
		}
		if err != nil {
			return nil, err
		}
		if c == '=' || c == '[' || c == '(' {
			l.unread(c)
			break
		}
		if c == '\n' || c == ';' || c == '"' {
			return nil, lineErr(e.line, "%q is not a keyword (no '=' before the end of the line)", truncate(name))
		}
		name = append(name, c)
		if len(name) > 256 {
			return nil, lineErr(e.line, "keyword longer than 256 bytes")
		}
	}
	e.key = strings.ToUpper(strings.TrimSpace(string(name)))
	if e.key == "" {
		return nil, lineErr(e.line, "value without keyword")
	}
	// [lang] and ("sub",...) in either order, then '='.
	for {
		c, err := l.read()
		if err != nil {
			return nil, lineErr(e.line, "%s: unexpected end of file", e.key)
		}
		switch {
		case c == '=':
			if e.key == "DATA" {
				return e, nil
			}
			l.value(e)
			return e, nil
		case c == '[':
			var lang []byte
			for {
				c, err = l.read()
				if err != nil || c == '\n' {
					return nil, lineErr(e.line, "%s: unterminated [language]", e.key)
				}
				if c == ']' {
					break
				}
				lang = append(lang, c)
			}
			e.lang = strings.TrimSpace(string(lang))
		case c == '(':
			if err := l.subkeys(e); err != nil {
				return nil, err
			}
		case isSpace(c) && c != '\n':
		default:
			return nil, lineErr(e.line, "%s: unexpected %q before '='", e.key, c)
		}
	}
}

func (l *lexer) subkeys(e *entry) error {
	for {
		c, err := l.read()
		if err != nil {
			return lineErr(e.line, "%s: unterminated subkey list", e.key)
		}
		switch {
		case c == ')':
			return nil
		case c == ',' || isSpace(c):
		case c == '"':
			var s []byte
			for {
				c, err = l.read()
				if err != nil || c == '\n' {
					return lineErr(e.line, "%s: unterminated string in subkeys", e.key)
				}
				if c == '"' {
					break
				}
				s = append(s, c)
			}
			e.sub = append(e.sub, s)
		default:
			// Unquoted subkey, as some writers produce.
			s := []byte{c}
			for {
				c, err = l.read()
				if err != nil {
					return lineErr(e.line, "%s: unterminated subkey list", e.key)
				}
				if c == ',' || c == ')' || c == '\n' {
					l.unread(c)
					break
				}
				s = append(s, c)
			}
			e.sub = append(e.sub, bytes.TrimSpace(s))
		}
	}
}

// value reads tokens up to the ';' that ends the keyword. On a syntax
// error it records the error and skips to the next ';' that ends a line.
func (l *lexer) value(e *entry) {
	prevString := false // the previous token was a string (for joining)
	prevEnd := 0        // the line on which that string ended
	for {
		c, err := l.read()
		if err != nil {
			if err == errTooLong {
				e.err = err
				return
			}
			e.err = fmt.Errorf("value not ended by ';' before the end of the file")
			return
		}
		switch {
		case isSpace(c):
			continue
		case c == ';':
			return
		case c == '"':
			open := l.line + 1
			var s []byte
			for {
				c, err = l.read()
				if err != nil {
					e.err = fmt.Errorf("unterminated string %q", truncate(s))
					e.toks = nil
					return
				}
				if c == '"' {
					break
				}
				s = append(s, c)
			}
			// A string is continued by another on the next line
			// ("aaa"<newline>"bbb" is "aaabbb"). Two strings on one line
			// with only blanks between them are not a continuation, which
			// no PX writer produces, but most likely a missing ','
			// (STUB="a" "b"; joined would be the one variable "ab").
			if prevString && open == prevEnd {
				at := ""
				if open != e.line {
					at = fmt.Sprintf(" (line %d)", open)
				}
				e.err = fmt.Errorf("the strings %q and %q are on one line%s with no ',' between them: a missing ','? (a string is continued only by one on the next line)", truncate(e.toks[len(e.toks)-1].text), truncate(s), at)
				e.toks = nil
				l.recover()
				return
			}
			prevEnd = l.line + 1
			// What follows a closing quote must be a separator.
			if n, err := l.peek(); err == nil && !isSpace(n) && !strings.ContainsRune(",;-:)\"", rune(n)) {
				var rest []byte
				for len(rest) < 20 {
					c, err := l.read()
					if err != nil || isSpace(c) || c == '"' || c == ';' || c == ',' {
						if err == nil {
							l.unread(c)
						}
						break
					}
					rest = append(rest, c)
				}
				e.err = fmt.Errorf("text %q directly after the string %q (a quote inside a value?)", rest, truncate(s))
				e.toks = nil
				l.recover()
				return
			}
			if prevString {
				last := &e.toks[len(e.toks)-1]
				last.text = append(last.text, s...)
			} else {
				e.toks = append(e.toks, token{kind: tString, text: s})
			}
			prevString = true
			continue
		case c == ',' || c == ':' || c == '(' || c == ')':
			e.toks = append(e.toks, token{kind: c})
		case c == '-' && prevString:
			e.toks = append(e.toks, token{kind: tDash})
		default:
			s := []byte{c}
			for {
				c, err = l.read()
				if err != nil {
					break
				}
				if isSpace(c) || strings.ContainsRune(",;\"():", rune(c)) {
					l.unread(c)
					break
				}
				s = append(s, c)
			}
			if prevString {
				e.err = fmt.Errorf("text %q after the string %q without a ',' (a quote inside a value?)", truncate(s), truncate(e.toks[len(e.toks)-1].text))
				e.toks = nil
				l.recover()
				return
			}
			e.toks = append(e.toks, token{kind: tBare, text: s})
		}
		prevString = false
	}
}

// recover skips to just after the next ';' that is the last non-blank
// byte of its line, or to the end of the file.
func (l *lexer) recover() {
	for {
		c, err := l.read()
		if err != nil {
			return
		}
		if c != ';' {
			continue
		}
		for {
			n, err := l.peek()
			if err != nil || n == '\n' {
				return
			}
			if n == ' ' || n == '\t' || n == '\r' {
				l.read()
				continue
			}
			break
		}
	}
}

func truncate(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "..."
	}
	return string(b)
}

// strings returns the string and bare tokens of a simple list value
// ("a","b",...), or an error naming the first token that does not fit.
func listOf(toks []token) ([][]byte, error) {
	var out [][]byte
	want := true
	for _, t := range toks {
		switch t.kind {
		case tString, tBare:
			if !want {
				return nil, fmt.Errorf("missing ',' before %q", truncate(t.text))
			}
			out = append(out, t.text)
			want = false
		case tComma:
			if want {
				// An empty element, as in "1","2",; is tolerated.
				continue
			}
			want = true
		default:
			return nil, fmt.Errorf("unexpected %q in a list", t.kind)
		}
	}
	return out, nil
}
