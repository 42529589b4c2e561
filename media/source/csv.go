package source

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/internal/csvrec"
)

// csvReader reads CSV with a header naming the columns.
type csvReader struct {
	r      *csv.Reader
	name   string
	opt    Options
	header []string
	col    map[string]int
	n      int
}

// labelQuoted matches the 10kGNAD layout: no header, label;'text'.
var labelQuoted = regexp.MustCompile(`^[A-Za-z]+;'`)

func newCSV(in io.Reader, name string, opt Options) (Reader, error) {
	br, ok := in.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(in, 64<<10)
	}
	head, _ := br.Peek(4096)
	first := string(head)
	if i := strings.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	if labelQuoted.MatchString(first) {
		return newLabelQuoted(br, name, opt), nil
	}
	comma := ','
	if strings.Count(first, ";") > strings.Count(first, ",") {
		comma = ';'
	}
	if strings.Count(first, "\t") > strings.Count(first, string(comma)) {
		comma = '\t'
	}
	r := csv.NewReader(br)
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		if err == io.EOF {
			return nil, baserate.Invalid(name, 1, "empty CSV: no header")
		}
		return nil, baserate.Invalid(name, 1, "header: %v", err)
	}
	c := &csvReader{r: r, name: name, opt: opt, header: append([]string(nil), header...), col: map[string]int{}}
	for i, h := range c.header {
		c.col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	if opt.TextColumn != "" {
		if _, ok := c.col[opt.TextColumn]; !ok {
			return nil, baserate.Invalid(name, 1, "no column %q in header %v", opt.TextColumn, c.header)
		}
	} else if !c.hasAny(textKeys) {
		return nil, baserate.Invalid(name, 1, "no text column in header %v (want one of %s, or --text-column)", c.header, strings.Join(textKeys, ", "))
	}
	return c, nil
}

func (c *csvReader) hasAny(keys []string) bool {
	for _, k := range keys {
		if _, ok := c.col[k]; ok {
			return true
		}
	}
	return false
}

func (c *csvReader) Next() (baserate.Article, error) {
	rec, err := c.r.Read()
	if err == io.EOF {
		return baserate.Article{}, io.EOF
	}
	if err != nil {
		if _, ok := errors.AsType[*csv.ParseError](err); ok {
			return baserate.Article{}, &RecordError{Err: csvrec.Err(c.name, err)} // the next record can still be read
		}
		return baserate.Article{}, csvrec.Err(c.name, err)
	}
	line, _ := c.r.FieldPos(0)
	c.n++
	for _, f := range rec {
		if !utf8.ValidString(f) {
			return baserate.Article{}, recordErr(c.name, line, "invalid UTF-8")
		}
	}
	get := func(keys ...string) string {
		for _, k := range keys {
			if i, ok := c.col[k]; ok && i < len(rec) && strings.TrimSpace(rec[i]) != "" {
				return strings.TrimSpace(rec[i])
			}
		}
		return ""
	}
	a := toArticle(get, c.opt, c.n)
	if a.ID == strconv.Itoa(c.n) {
		a.ID = c.opt.Source + ":" + strconv.Itoa(line)
	}
	return a, nil
}

// labelReader reads label;'text' lines with ” for a quote inside text.
type labelReader struct {
	sc   *bufio.Scanner
	name string
	opt  Options
	line int
}

func newLabelQuoted(r io.Reader, name string, opt Options) *labelReader {
	sc := NewLineScanner(r)
	return &labelReader{sc: sc, name: name, opt: opt}
}

func (l *labelReader) Next() (baserate.Article, error) {
	for l.sc.Scan() {
		l.line++
		s := strings.TrimRight(l.sc.Text(), "\r")
		if s == "" {
			continue
		}
		i := strings.IndexByte(s, ';')
		if i < 0 {
			return baserate.Article{}, recordErr(l.name, l.line, "want label;text")
		}
		if !utf8.ValidString(s) {
			return baserate.Article{}, recordErr(l.name, l.line, "invalid UTF-8")
		}
		text := s[i+1:]
		if len(text) >= 2 && text[0] == '\'' && text[len(text)-1] == '\'' {
			// Quoted only when needed (Python csv, quotechar "'").
			text = strings.ReplaceAll(text[1:len(text)-1], "''", "'")
		}
		src := s[:i]
		if l.opt.Source != "" {
			src = l.opt.Source + "-" + src
		}
		return baserate.Article{ID: l.opt.Source + ":" + strconv.Itoa(l.line), Text: text, Source: src, Lang: l.opt.Lang}, nil
	}
	if err := l.sc.Err(); err != nil {
		return baserate.Article{}, baserate.Invalid(l.name, l.line+1, "%v", err)
	}
	return baserate.Article{}, io.EOF
}
