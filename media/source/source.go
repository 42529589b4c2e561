package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/baserate/baserate"
)

// Reader yields articles in input order. Next returns io.EOF after the
// last one.
type Reader interface {
	Next() (baserate.Article, error)
}

// RecordError is an error in one record; the reader can go on after it.
type RecordError struct{ Err error }

func (e *RecordError) Error() string { return e.Err.Error() }
func (e *RecordError) Unwrap() error { return e.Err }

// Skippable reports whether err concerns one record only.
func Skippable(err error) bool {
	var re *RecordError
	return errors.As(err, &re)
}

func recordErr(file string, line int, format string, args ...any) error {
	return &RecordError{Err: baserate.Invalid(file, line, format, args...)}
}

// Options say how to read a file. The zero value detects everything.
type Options struct {
	// Format is jsonl, json, csv, html, feed or warc; empty = from the
	// file name, else from the content.
	Format string
	// Source names the corpus, for articles that do not name their own.
	Source string
	// Lang is the language of every article, when the file does not say.
	Lang string
	// TextColumn, IDColumn, DateColumn and TitleColumn name the CSV columns
	// (or JSON keys) to use; empty = the usual names.
	TextColumn, IDColumn, DateColumn, TitleColumn string
}

// File is an open input: a Reader and the file under it.
type File struct {
	Reader
	closers []io.Closer
}

// Close closes the file.
func (f *File) Close() error {
	var err error
	for i := len(f.closers) - 1; i >= 0; i-- {
		if e := f.closers[i].Close(); e != nil && err == nil {
			err = e
		}
	}
	return err
}

// Open opens path ("-" = stdin) and returns a reader of its articles.
// Gzip compression (.gz, or by its magic bytes) is undone on the fly,
// except for WARC, where each record is its own gzip member.
func Open(ctx context.Context, path string, opt Options) (*File, error) {
	var r io.Reader
	f := &File{}
	name := path
	if path == "-" {
		r, name = os.Stdin, "stdin"
	} else {
		fh, err := os.Open(path)
		if err != nil {
			return nil, baserate.E("source.Open", baserate.KindNotFound, err)
		}
		f.closers = append(f.closers, fh)
		r = fh
	}
	rd, err := NewReader(ctx, r, name, opt)
	if err != nil {
		f.Close()
		return nil, err
	}
	f.Reader = rd
	if c, ok := rd.(io.Closer); ok {
		f.closers = append(f.closers, c)
	}
	return f, nil
}

// ReadFile reads every article of path into memory, stopping at the first
// bad record. It is for inputs that fit in memory (tests, benchmarks);
// corpora are read with [Open], one article at a time.
func ReadFile(ctx context.Context, path string, opt Options) ([]baserate.Article, error) {
	f, err := Open(ctx, path, opt)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var arts []baserate.Article
	for {
		a, err := f.Next()
		if err == io.EOF {
			return arts, nil
		}
		if err != nil {
			return nil, err
		}
		arts = append(arts, a)
	}
}

// NewReader returns a reader of the articles in r; name is used for the
// format guess and in errors.
func NewReader(ctx context.Context, r io.Reader, name string, opt Options) (Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(512)
	base := strings.ToLower(filepath.Base(name))
	format := opt.Format
	if format == "" {
		format = guess(base, head)
	}
	in := br
	if isGzip(head) && format != "warc" {
		zbr, err := gunzip(br, name)
		if err != nil {
			return nil, err
		}
		in = zbr
		if opt.Format == "" {
			h2, _ := zbr.Peek(512)
			format = guess(strings.TrimSuffix(base, ".gz"), h2)
		}
	}
	if format != "warc" {
		skipBOM(in)
	}
	if opt.Source == "" {
		opt.Source = corpusName(name)
	}
	switch format {
	case "jsonl":
		return newJSONL(in, name, opt), nil
	case "json":
		return newJSONArray(in, name, opt)
	case "csv":
		return newCSV(in, name, opt)
	case "html":
		return newHTML(ctx, in, name, opt), nil
	case "feed":
		return newFeed(ctx, in, name, opt)
	case "warc":
		return newWARC(ctx, in, name, opt), nil
	}
	return nil, baserate.E("source", baserate.KindInvalid, fmt.Sprintf("%s: unknown format %q (want jsonl, json, csv, html, feed or warc)", name, format))
}

// skipBOM drops a UTF-8 byte order mark at the start of br (Windows
// editors and spreadsheet exports write one): it is no part of the first
// record. WARC records are read as bytes and keep theirs.
func skipBOM(br *bufio.Reader) {
	if h, _ := br.Peek(3); bytes.Equal(h, []byte("\ufeff")) {
		br.Discard(3)
	}
}

// Gunzip returns the text of r: r itself, or, when r starts with the gzip
// magic bytes (whatever its name), r decompressed on the fly. name is used
// in errors. A stream that ends early (a truncated .gz) gives a read error
// that says so; read it with [NewLineScanner] to place it at its line.
func Gunzip(r io.Reader, name string) (io.Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if head, _ := br.Peek(2); !isGzip(head) {
		return br, nil
	}
	return gunzip(br, name)
}

func isGzip(head []byte) bool { return len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b }

// gunzip decompresses br, which starts with the gzip magic bytes.
func gunzip(br *bufio.Reader, name string) (*bufio.Reader, error) {
	zr, err := gzip.NewReader(br)
	if err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF // the magic bytes, then nothing: no header
		}
		return nil, baserate.E("source", baserate.KindInvalid, &baserate.PosError{File: name, Offset: 0, Err: fmt.Errorf("gzip: %w", err)})
	}
	return bufio.NewReaderSize(&gzErr{r: zr}, 64<<10), nil
}

// gzErr says where in the decompressed stream a decompression error (a
// truncated .gz) came; the reader on top places it at its line or offset.
type gzErr struct {
	r io.Reader
	n int64
}

func (g *gzErr) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	g.n += int64(n)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("gzip: %w after %d uncompressed bytes", err, g.n)
	}
	return n, err
}

// NewLineScanner reads r line by line (lines up to 64 MiB). Unlike a
// bare bufio.Scanner, it never hands out the unfinished last line of a
// stream whose reader failed (a truncated .gz): bufio.Scanner passes that
// line on before it reports the read error, and the line's parse error
// would then hide the truncation. Err gives the read error instead.
func NewLineScanner(r io.Reader) *bufio.Scanner {
	in := &firstErr{r: r}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		if atEOF && in.err != nil && bytes.IndexByte(data, '\n') < 0 {
			return 0, nil, in.err
		}
		return bufio.ScanLines(data, atEOF)
	})
	return sc
}

// firstErr remembers the first error but io.EOF that its reader returns.
type firstErr struct {
	r   io.Reader
	err error
}

func (f *firstErr) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err != nil && err != io.EOF && f.err == nil {
		f.err = err
	}
	return n, err
}

func guess(base string, head []byte) string {
	base = strings.TrimSuffix(base, ".gz")
	switch {
	case strings.HasSuffix(base, ".jsonl"), strings.HasSuffix(base, ".ndjson"):
		return "jsonl"
	case strings.HasSuffix(base, ".json"):
		if t := bytes.TrimLeft(head, " \t\r\n\ufeff"); len(t) > 0 && t[0] == '[' {
			return "json"
		}
		return "jsonl"
	case strings.HasSuffix(base, ".csv"), strings.HasSuffix(base, ".tsv"):
		return "csv"
	case strings.HasSuffix(base, ".html"), strings.HasSuffix(base, ".htm"):
		return "html"
	case strings.HasSuffix(base, ".rss"), strings.HasSuffix(base, ".atom"), strings.HasSuffix(base, ".xml"):
		return "feed"
	case strings.HasSuffix(base, ".warc"), strings.HasSuffix(base, ".arc"):
		return "warc"
	}
	t := bytes.TrimLeft(head, " \t\r\n\ufeff")
	switch {
	case len(t) == 0:
		return "jsonl" // empty (an empty pipe): no records, in any format
	case len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b:
		return "" // compressed; decided after decompression
	case bytes.HasPrefix(bytes.ToUpper(t), []byte("WARC/")):
		return "warc"
	case len(t) > 0 && t[0] == '[':
		return "json"
	case len(t) > 0 && t[0] == '{':
		return "jsonl"
	case bytes.Contains(head, []byte("<rss")), bytes.Contains(head, []byte("<feed")), bytes.Contains(head, []byte("<rdf:RDF")):
		return "feed"
	case bytes.Contains(bytes.ToLower(head), []byte("<html")), bytes.Contains(bytes.ToLower(head), []byte("<!doctype html")):
		return "html"
	}
	return "csv"
}

// corpusName is the default source name: the file name without
// extensions and year suffixes ("ffm_news_2016.csv" -> "ffm_news").
func corpusName(name string) string {
	b := filepath.Base(name)
	for {
		e := filepath.Ext(b)
		if e == "" || len(e) > 8 {
			break
		}
		b = strings.TrimSuffix(b, e)
	}
	if i := strings.LastIndexByte(b, '_'); i > 0 {
		if _, err := strconv.Atoi(b[i+1:]); err == nil && len(b)-i-1 == 4 {
			b = b[:i]
		}
	}
	return b
}

// normDate turns the date forms of the corpora into ISO 8601 ("2016-01-31"
// or "2016-01-31T12:44:00"); unknown forms are kept as they are.
func normDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 1e8 && n < 1e11 {
		return time.Unix(n, 0).UTC().Format("2006-01-02T15:04:05")
	}
	s2 := strings.TrimSpace(strings.TrimSuffix(s, "Uhr"))
	for _, l := range []string{"2006-01-02 15:04:05", "2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05", "02.01.2006 15:04", "02.01.2006", "2006-01-02", time.RFC1123Z, time.RFC1123, "January 2, 2006"} {
		if t, err := time.Parse(l, s2); err == nil {
			if strings.Contains(l, "15") {
				return t.Format("2006-01-02T15:04:05")
			}
			return t.Format("2006-01-02")
		}
	}
	return s
}
