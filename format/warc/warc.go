package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
)

// MaxHeaderBytes bounds the size of one record's header block. A header
// larger than this is reported as damage rather than read into memory.
const MaxHeaderBytes = 1 << 20

// Field is one header line of a record, with the name as written.
type Field struct {
	Name  string
	Value string
}

// Header is a record's header fields in file order.
type Header []Field

// Get returns the value of the first field named name, compared without
// regard to case, or "".
func (h Header) Get(name string) string {
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			return f.Value
		}
	}
	return ""
}

// Values returns the values of every field named name, in file order.
func (h Header) Values(name string) []string {
	var out []string
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			out = append(out, f.Value)
		}
	}
	return out
}

// Record is one WARC record.
type Record struct {
	// Offset is the byte offset in the file where the record starts; for a
	// compressed file, where its gzip member starts.
	Offset int64
	// Length is the number of bytes the record occupies in the file: for a
	// compressed file the length of its gzip member, otherwise the version
	// line, header and block without the CRLFCRLF that ends the record (as
	// warcio and CDX indexes count it). It is set once the record has been
	// read to its end, that is after the next call to Next.
	Length int64
	// Version is the version line as written, such as "WARC/1.0".
	Version string
	// Type is the WARC-Type in lower case ("response", "warcinfo", ...),
	// or "" when the record has none.
	Type string
	// Header holds the header fields in file order.
	Header Header
	// ContentLength is the declared length of the block.
	ContentLength int64
	// Compressed reports whether the record is a gzip member.
	Compressed bool
	// Issues lists the deviations from the standard that were tolerated
	// in this record.
	Issues []string

	block io.Reader
}

// TargetURI returns WARC-Target-URI without the angle brackets that some
// writers (wget 1.14) put around it.
func (r *Record) TargetURI() string {
	u := strings.TrimSpace(r.Header.Get("WARC-Target-URI"))
	if len(u) >= 2 && u[0] == '<' && u[len(u)-1] == '>' {
		u = u[1 : len(u)-1]
	}
	return u
}

// ID returns the WARC-Record-ID.
func (r *Record) ID() string { return r.Header.Get("WARC-Record-ID") }

// Date returns the WARC-Date as written.
func (r *Record) Date() string { return r.Header.Get("WARC-Date") }

// ContentType returns the record's Content-Type.
func (r *Record) ContentType() string { return r.Header.Get("Content-Type") }

// Block returns the record's content block. It may be read only until the
// next call to the reader's Next; what is left unread is skipped then.
func (r *Record) Block() io.Reader { return r.block }

// Reader reads the records of one WARC file in order.
type Reader struct {
	name string
	src  *countReader
	br   *bufio.Reader

	gz  *gzip.Reader
	gzr *bufio.Reader // reader over the current gzip member

	cur       *Record
	curStart  int64 // uncompressed: offset of record; used for Length
	curBlock  *io.LimitedReader
	recReader *bufio.Reader // br or gzr
	err       error
	// noLength is the offset of the last record, if it had no
	// Content-Length (-1 otherwise): data after it is its block.
	noLength int64
}

type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// NewReader returns a reader of the WARC data in r. Name is used in error
// messages; it is usually the file's path.
func NewReader(r io.Reader, name string) *Reader {
	src := &countReader{r: r}
	return &Reader{name: name, src: src, br: bufio.NewReaderSize(src, 64<<10), noLength: -1}
}

// pos is the file offset of the next unread byte of br.
func (r *Reader) pos() int64 { return r.src.n - int64(r.br.Buffered()) }

func (r *Reader) fail(off int64, format string, args ...any) error {
	r.err = &baserate.Error{Op: "warc", Kind: baserate.KindInvalid,
		Err: &baserate.PosError{File: r.name, Offset: off, Err: fmt.Errorf(format, args...)}}
	return r.err
}

// Next returns the next record, or io.EOF after the last one. After an
// error other than io.EOF the reader is done: the error names the file
// and the byte offset of the damage.
func (r *Reader) Next() (*Record, error) {
	if r.err != nil {
		return nil, r.err
	}
	if r.cur != nil {
		if err := r.finish(); err != nil {
			return nil, err
		}
	}
	// Skip blank lines between records, noting them on the next record.
	var issues []string
	blank := 0
	for {
		b, err := r.br.Peek(1)
		if err == io.EOF || (err == nil && len(b) == 0) {
			r.err = io.EOF
			return nil, io.EOF
		}
		if err != nil {
			return nil, r.fail(r.pos(), "%v", err)
		}
		if b[0] == '\r' || b[0] == '\n' {
			r.br.Discard(1)
			blank++
			continue
		}
		break
	}
	if blank > 0 {
		issues = append(issues, fmt.Sprintf("%d extra line-end bytes before the record", blank))
	}
	if head, _ := r.br.Peek(5); !hasPrefixFold(head, "WARC/") && !(len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b) {
		// Data that is not a record: a wrong Content-Length before it, or
		// garbage. Resynchronise on the next version line, if there is one.
		at := r.pos()
		skipped, err := r.resync()
		if err != nil {
			if r.noLength >= 0 {
				return nil, r.fail(r.noLength, "the record has no Content-Length, but data follows its header (at offset %d)", at)
			}
			return nil, err
		}
		issues = append(issues, fmt.Sprintf("%d bytes of data that is not a record skipped at offset %d (the previous record's Content-Length may be wrong)", skipped, at))
	}
	start := r.pos()
	rec := &Record{Offset: start, Issues: issues}
	in := r.br
	if magic, _ := r.br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		var err error
		if r.gz == nil {
			r.gz, err = gzip.NewReader(r.br)
		} else {
			err = r.gz.Reset(r.br)
		}
		if err != nil {
			return nil, r.fail(start, "bad gzip member: %v", err)
		}
		r.gz.Multistream(false)
		if r.gzr == nil {
			r.gzr = bufio.NewReaderSize(r.gz, 32<<10)
		} else {
			r.gzr.Reset(r.gz)
		}
		in = r.gzr
		rec.Compressed = true
	}
	r.recReader = in
	// Version line.
	line, n, err := readLine(in, 512)
	if err != nil || !hasPrefixFold(line, "WARC/") {
		what := "no version line"
		if len(line) > 0 {
			what = fmt.Sprintf("found %q", truncate(line, 40))
		} else if err != nil && err != io.EOF {
			what = err.Error()
		}
		return nil, r.fail(start, "expected a WARC/ version line, %s", what)
	}
	hdrBytes := int64(n)
	rec.Version = strings.TrimSpace(string(line))
	if !strings.HasPrefix(rec.Version, "WARC/") {
		rec.Issues = append(rec.Issues, "version line not in upper case")
	}
	// Header fields up to the blank line.
	for {
		line, n, err = readLine(in, MaxHeaderBytes)
		hdrBytes += int64(n)
		if hdrBytes > MaxHeaderBytes {
			return nil, r.fail(start, "record header longer than %d bytes", MaxHeaderBytes)
		}
		if err != nil {
			if err == io.EOF {
				return nil, r.fail(start, "record header ends before the blank line that closes it")
			}
			return nil, r.fail(start, "%v", err)
		}
		if len(line) == 0 {
			break
		}
		if (line[0] == ' ' || line[0] == '\t') && len(rec.Header) > 0 {
			last := &rec.Header[len(rec.Header)-1]
			last.Value += " " + strings.TrimSpace(string(line))
			continue
		}
		i := bytes.IndexByte(line, ':')
		if i <= 0 {
			return nil, r.fail(start, "header line %q is not a field", truncate(line, 40))
		}
		rec.Header = append(rec.Header, Field{
			Name:  string(bytes.TrimSpace(line[:i])),
			Value: string(bytes.TrimSpace(line[i+1:])),
		})
	}
	rec.Type = strings.ToLower(rec.Header.Get("WARC-Type"))
	cl := rec.Header.Get("Content-Length")
	r.noLength = -1
	if cl == "" {
		rec.Issues = append(rec.Issues, "no Content-Length; block taken as empty")
		r.noLength = start
	} else {
		v, err := strconv.ParseInt(strings.TrimSpace(cl), 10, 64)
		if err != nil || v < 0 {
			return nil, r.fail(start, "bad Content-Length %q", cl)
		}
		rec.ContentLength = v
	}
	r.cur = rec
	r.curStart = start
	r.curBlock = &io.LimitedReader{R: in, N: rec.ContentLength}
	rec.block = r.curBlock
	return rec, nil
}

// MaxResync bounds how far the reader looks for the next version line
// after data that is not a record.
const MaxResync = 1 << 20

// resync skips to the next line that starts "WARC/" (in any case) within
// MaxResync bytes, or fails at the offset of the unexpected data.
func (r *Reader) resync() (int64, error) {
	at := r.pos()
	head, _ := r.br.Peek(40)
	// Peek's slice is the buffer, which the scan below moves: keep a copy.
	head = bytes.Clone(head)
	var skipped int64
	atLineStart := false
	for skipped < MaxResync {
		b, err := r.br.Peek(5)
		if atLineStart && hasPrefixFold(b, "WARC/") {
			return skipped, nil
		}
		if err != nil && len(b) < 5 {
			break
		}
		atLineStart = b[0] == '\n'
		r.br.Discard(1)
		skipped++
	}
	what := "no version line"
	if len(head) > 0 {
		what = fmt.Sprintf("found %q", truncate(head, 40))
	}
	return 0, r.fail(at, "expected a WARC/ version line, %s", what)
}

// finish skips what is left of the current record's block and its end
// marker, checks the gzip member ends with it, and sets its Length.
func (r *Reader) finish() error {
	rec := r.cur
	r.cur = nil
	in := r.recReader
	if _, err := io.Copy(io.Discard, r.curBlock); err != nil {
		return r.fail(rec.Offset, "reading block: %v", err)
	}
	if r.curBlock.N > 0 {
		return r.fail(rec.Offset, "record truncated: Content-Length %d but the block ends after %d bytes",
			rec.ContentLength, rec.ContentLength-r.curBlock.N)
	}
	if !rec.Compressed {
		rec.Length = r.pos() - rec.Offset
	}
	// End-of-record marker: CRLFCRLF, tolerating LF-only and missing ones at EOF.
	nl := 0
	for nl < 4 {
		b, err := in.Peek(1)
		if err != nil || len(b) == 0 || (b[0] != '\r' && b[0] != '\n') {
			break
		}
		in.Discard(1)
		nl++
	}
	if rec.Compressed {
		// The member must end here (possibly after more line ends).
		var rest [512]byte
		for {
			n, err := in.Read(rest[:])
			if len(bytes.Trim(rest[:n], "\r\n")) > 0 {
				return r.fail(rec.Offset, "gzip member holds more than one record: the file was compressed as a whole, not record by record; gunzip it and read the plain .warc")
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				return r.fail(rec.Offset, "gzip member: %v", err)
			}
		}
		rec.Length = r.pos() - rec.Offset
	}
	return nil
}

// All returns an iterator over the records and a final error, if any.
// It stops after the first error.
func (r *Reader) All() iter.Seq2[*Record, error] {
	return func(yield func(*Record, error) bool) {
		for {
			rec, err := r.Next()
			if err == io.EOF {
				return
			}
			if !yield(rec, err) || err != nil {
				return
			}
		}
	}
}

func readLine(r *bufio.Reader, limit int) ([]byte, int, error) {
	var buf []byte
	n := 0
	for {
		chunk, err := r.ReadSlice('\n')
		n += len(chunk)
		buf = append(buf, chunk...)
		if err == bufio.ErrBufferFull {
			if n > limit {
				return nil, n, fmt.Errorf("line longer than %d bytes", limit)
			}
			continue
		}
		if err != nil {
			if err == io.EOF && len(buf) > 0 {
				return bytes.TrimRight(buf, "\r\n"), n, nil
			}
			return bytes.TrimRight(buf, "\r\n"), n, err
		}
		return bytes.TrimRight(buf, "\r\n"), n, nil
	}
}

func hasPrefixFold(b []byte, p string) bool {
	return len(b) >= len(p) && strings.EqualFold(string(b[:len(p)]), p)
}

func truncate(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "..."
	}
	return string(b)
}

// Summary counts the records of a file by type.
type Summary struct {
	Records int            `json:"records"`
	Types   map[string]int `json:"types"`
}

// Summarize reads every record of r and counts them by WARC-Type. On
// damage it returns the counts so far with the error.
func Summarize(ctx context.Context, r io.Reader, name string) (Summary, error) {
	s := Summary{Types: map[string]int{}}
	wr := NewReader(r, name)
	for rec, err := range wr.All() {
		if err != nil {
			return s, err
		}
		if s.Records%256 == 0 {
			if err := ctx.Err(); err != nil {
				return s, err
			}
		}
		s.Records++
		t := rec.Type
		if t == "" {
			t = "unknown"
		}
		s.Types[t]++
	}
	return s, nil
}

// IsWARC reports whether head, the first bytes of a file, look like a
// WARC record (plain) or a gzip member (which the caller should confirm).
func IsWARC(head []byte) bool {
	head = bytes.TrimLeft(head, "\r\n")
	return hasPrefixFold(head, "WARC/")
}
