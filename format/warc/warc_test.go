package warc

import (
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/base32"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format/internal/peertest"
)

type got struct {
	types   []string
	offsets []int64
	lengths []int64
	err     error
}

func readAll(t *testing.T, path string) got {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var g got
	r := NewReader(f, path)
	var last *Record
	for {
		rec, err := r.Next()
		if last != nil && err != nil && err != io.EOF {
			g.lengths = append(g.lengths, -1)
		} else if last != nil {
			g.lengths = append(g.lengths, last.Length)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			g.err = err
			break
		}
		g.types = append(g.types, rec.Type)
		g.offsets = append(g.offsets, rec.Offset)
		last = rec
	}
	return g
}

// TestWarcioSequences checks the record types, offsets and lengths that
// warcio's tests assert (peer EXPECTED.md, warc/warcio).
func TestWarcioSequences(t *testing.T) {
	dir := peertest.Dir(t, "warc", "warcio")
	seq := []string{"warcinfo", "warcinfo", "response", "request", "revisit", "request"}
	cases := []struct {
		file    string
		types   []string
		offsets []int64
		lengths []int64
	}{
		{"example.warc.gz", seq, []int64{0, 353, 784, 2012, 2621, 3207}, []int64{353, 431, 1228, 609, 586, 609}},
		{"example.warc", seq, []int64{0, 488, 1197, 2566, 3370, 4316}, []int64{484, 705, 1365, 800, 942, 800}},
		{"example-iana.org-chunked.warc", []string{"warcinfo", "response", "request"}, []int64{0, 405, 8379}, nil},
		{"example-resource.warc.gz", []string{"warcinfo", "warcinfo", "resource"}, []int64{0, 361, 802}, nil},
	}
	for _, c := range cases {
		g := readAll(t, filepath.Join(dir, c.file))
		if g.err != nil {
			t.Errorf("%s: %v", c.file, g.err)
			continue
		}
		if !slices.Equal(g.types, c.types) {
			t.Errorf("%s: types %v, want %v", c.file, g.types, c.types)
		}
		if !slices.Equal(g.offsets, c.offsets) {
			t.Errorf("%s: offsets %v, want %v", c.file, g.offsets, c.offsets)
		}
		if c.lengths != nil && !slices.Equal(g.lengths, c.lengths) {
			t.Errorf("%s: lengths %v, want %v", c.file, g.lengths, c.lengths)
		}
	}
}

// TestWarcioMustFail checks that the broken files warcio rejects are
// rejected here too, with the offset of the damage, and that a truncated
// file yields its records and then exactly one error.
func TestWarcioMustFail(t *testing.T) {
	dir := peertest.Dir(t, "warc", "warcio")
	for _, c := range []struct {
		file    string
		records int
		msg     string
	}{
		{"example-bad-non-chunked.warc.gz", 1, "offset 0: gzip member holds more than one record"},
		{"example-wrong-chunks.warc.gz", 1, "offset"},
		{"example-bad.warc.gz.bad", -1, "offset"},
		{"example.arc", 0, "offset 0: expected a WARC/ version line"},
		{"example.arc.gz", 0, "offset 0: expected a WARC/ version line"},
	} {
		g := readAll(t, filepath.Join(dir, c.file))
		if g.err == nil {
			t.Errorf("%s: no error, want %q", c.file, c.msg)
			continue
		}
		if !strings.Contains(g.err.Error(), c.msg) || !strings.Contains(g.err.Error(), c.file) {
			t.Errorf("%s: error %q, want it to name the file and contain %q", c.file, g.err, c.msg)
		}
		if baserate.KindOf(g.err) != baserate.KindInvalid {
			t.Errorf("%s: kind %v", c.file, baserate.KindOf(g.err))
		}
		if c.records >= 0 && len(g.types) != c.records {
			t.Errorf("%s: %d records before the error, want %d", c.file, len(g.types), c.records)
		}
	}
}

// TestWarcioTruncated: a record whose Content-Length is 2 bytes short is
// followed by data that is not a record; warcio reports one error and goes
// on, and so do we, noting the skip on the next record.
func TestWarcioTruncated(t *testing.T) {
	dir := peertest.Dir(t, "warc", "warcio")
	f, _ := os.Open(filepath.Join(dir, "example-trunc.warc"))
	defer f.Close()
	var types, issues []string
	for rec, err := range NewReader(f, "t").All() {
		if err != nil {
			t.Fatal(err)
		}
		types = append(types, rec.Type)
		issues = append(issues, rec.Issues...)
	}
	if !slices.Equal(types, []string{"warcinfo", "warcinfo", "response", "request"}) {
		t.Errorf("types %v", types)
	}
	if len(issues) != 1 || !strings.Contains(issues[0], "6 bytes of data that is not a record skipped at offset 2560") {
		t.Errorf("issues %q", issues)
	}
}

// TestIIPCHelloWorld checks the CDX offsets of the IIPC primer's example
// and the payload digest of its response record.
func TestIIPCHelloWorld(t *testing.T) {
	dir := peertest.Dir(t, "warc", "iipc-warc-specifications")
	want := []string{"warcinfo", "request", "response", "metadata", "resource", "resource"}
	for _, name := range []string{"hello-world.warc", "hello-world.warc.gz"} {
		g := readAll(t, filepath.Join(dir, name))
		if g.err != nil || !slices.Equal(g.types, want) {
			t.Errorf("%s: %v %v, want %v", name, g.types, g.err, want)
		}
	}
	g := readAll(t, filepath.Join(dir, "hello-world.warc"))
	// CDX: offsets 1260 (response, length 1085), 2349, 2772, 3340.
	for _, off := range []int64{1260, 2349, 2772, 3340} {
		if !slices.Contains(g.offsets, off) {
			t.Errorf("no record at CDX offset %d; have %v", off, g.offsets)
		}
	}
	if i := slices.Index(g.offsets, 1260); i >= 0 && g.lengths[i] != 1085 {
		t.Errorf("response length %d, want 1085", g.lengths[i])
	}
	// Payload digest of the response: the HTTP body after the headers.
	f, _ := os.Open(filepath.Join(dir, "hello-world.warc"))
	defer f.Close()
	r := NewReader(f, "hello-world.warc")
	for rec, err := range r.All() {
		if err != nil {
			t.Fatal(err)
		}
		if rec.Type != "response" {
			continue
		}
		b, _ := io.ReadAll(rec.Block())
		_, body, _ := bytes.Cut(b, []byte("\r\n\r\n"))
		sum := sha1.Sum(body)
		d := "sha1:" + base32.StdEncoding.EncodeToString(sum[:])
		if d != rec.Header.Get("WARC-Payload-Digest") || d != "sha1:XMABAYFTCASBJ5QATNBILSXH6PSZEMG4" {
			t.Errorf("payload digest %s, header %s", d, rec.Header.Get("WARC-Payload-Digest"))
		}
	}
}

// TestJWAT checks the record counts jwat asserts for its conformance
// files, including WARC/0.17 and upper/lower-case variants.
func TestJWAT(t *testing.T) {
	dir := peertest.Dir(t, "warc", "jwat")
	for _, c := range []struct {
		file    string
		records int
		fails   bool
	}{
		{"IAH-20080430204825-00000-blackbook.warc.gz", 822, false},
		{"invalid-warcfile-encoding-headers.warc.gz", 4, false},
		{"invalid-warcfile-contenttype-warcinfo-recommended.warc", 1, false},
		{"invalid-warcfile-contenttype-recommended.warc", 7, false},
		{"valid-warcfile-contenttype-continuation.warc", 1, false},
		{"invalid-warcfile-digest-fields.warc", 4, false},
		{"invalid-warcfile-duplicate-fields.warc", 1, false},
		{"valid-warcfile-duplicate-concurrentto.warc", 1, false},
		{"valid-warcfile-fields-warcinfo.warc", 1, false},
		{"valid-warcfile-fields-metainfo.warc", 1, false},
		{"valid-warcfile-fields-continuation.warc", 1, false},
		{"valid-warcfile-non-warc-headers.warc", 1, false},
		{"invalid-warcfile-segment-number-continuation.warc", 2, false},
		{"invalid-warcfile-segment-number-response.warc", 2, false},
		{"valid-warcfile-upper-lower-case.warc", 5, false},
		{"invalid-warcfile-lonely-warcinfo-metadata.warc", 2, false},
		{"invalid-warcfile-lonely-request-response-resource-conversion.warc", 4, false},
		{"invalid-warcfile-lonely-continuation.warc", 1, false},
		{"invalid-warcfile-lonely-revisit.warc", 1, false},
		{"invalid-warcfile-lonely-monkeys.warc", 1, false},
		{"invalid-warcfile-record-then-garbage.warc", 1, true},
		{"valid-warcfile-utf8.warc", 1, false},
	} {
		g := readAll(t, filepath.Join(dir, c.file))
		if len(g.types) != c.records || (g.err != nil) != c.fails {
			t.Errorf("%s: %d records, err %v; want %d, fails %v", c.file, len(g.types), g.err, c.records, c.fails)
		}
	}
	// Duplicate WARC-Concurrent-To fields are all kept, in order.
	f, _ := os.Open(filepath.Join(dir, "valid-warcfile-duplicate-concurrentto.warc"))
	defer f.Close()
	rec, err := NewReader(f, "x").Next()
	if err != nil || len(rec.Header.Values("WARC-Concurrent-To")) != 3 {
		t.Errorf("concurrent-to: %v %v", rec, err)
	}
	// Non-WARC headers: case-insensitive lookup, first occurrence wins,
	// original case and order kept.
	f2, _ := os.Open(filepath.Join(dir, "valid-warcfile-non-warc-headers.warc"))
	defer f2.Close()
	rec, err = NewReader(f2, "x").Next()
	if err != nil {
		t.Fatal(err)
	}
	if rec.Header.Get("header1") != "hello" || rec.Header.Get("HEADER2") != "world" || len(rec.Header) != 9 {
		t.Errorf("non-warc headers: %q %q %d", rec.Header.Get("header1"), rec.Header.Get("HEADER2"), len(rec.Header))
	}
	if !slices.Contains(rec.Header.Values("Header1"), "domination") || rec.Header[len(rec.Header)-1].Name == "" {
		t.Errorf("non-warc headers: %v", rec.Header)
	}
}

func TestTargetURIBrackets(t *testing.T) {
	dir := peertest.Dir(t, "warc", "warcio")
	f, _ := os.Open(filepath.Join(dir, "example-wget-bad-target-uri.warc.gz"))
	defer f.Close()
	for rec, err := range NewReader(f, "x").All() {
		if err != nil {
			t.Fatal(err)
		}
		if rec.Type == "response" {
			if rec.TargetURI() != "http://example.com/" {
				t.Errorf("target %q", rec.TargetURI())
			}
			return
		}
	}
	t.Error("no response record")
}

func TestSummarize(t *testing.T) {
	dir := peertest.Dir(t, "warc", "jwat")
	f, _ := os.Open(filepath.Join(dir, "IAH-20080430204825-00000-blackbook.warc.gz"))
	defer f.Close()
	s, err := Summarize(context.Background(), f, "blackbook")
	if err != nil {
		t.Fatal(err)
	}
	if s.Records != 822 || s.Types["response"]+s.Types["request"]+s.Types["metadata"]+s.Types["warcinfo"] != 822 {
		t.Errorf("summary %+v", s)
	}
}

func TestErrorsAreTyped(t *testing.T) {
	_, err := NewReader(strings.NewReader("hello"), "x.warc").Next()
	var pe *baserate.PosError
	if !errors.As(err, &pe) || pe.Offset != 0 || pe.File != "x.warc" {
		t.Errorf("err %v", err)
	}
	// A header that never ends is bounded.
	big := "WARC/1.0\r\n" + strings.Repeat("X-A: "+strings.Repeat("a", 1000)+"\r\n", 2000)
	_, err = NewReader(strings.NewReader(big), "big.warc").Next()
	if err == nil || !strings.Contains(err.Error(), "longer than") {
		t.Errorf("big header: %v", err)
	}
}

// TestNotARecordShowsItsBytes: the error quotes the bytes found at the
// offset (the buffer moved under the quoted slice and showed "age\nage\n"
// for "garbage\n"), and an empty file has no records, as jwarc's
// emptyFileShouldReturnNoRecords has it.
func TestNotARecordShowsItsBytes(t *testing.T) {
	_, err := NewReader(strings.NewReader("garbage\n"), "bad.warc").Next()
	if err == nil || !strings.Contains(err.Error(), `offset 0: expected a WARC/ version line, found "garbage\n"`) {
		t.Errorf("err %v", err)
	}
	s, err := Summarize(context.Background(), strings.NewReader(""), "empty.warc")
	if err != nil || s.Records != 0 {
		t.Errorf("empty: %+v %v", s, err)
	}
}

// TestNoContentLength: a record without Content-Length whose block is not
// empty is named at its own offset (it was reported at the block's offset
// as "expected a WARC/ version line").
func TestNoContentLength(t *testing.T) {
	in := "WARC/1.0\r\nWARC-Type: response\r\n\r\nabc\r\n\r\n"
	r := NewReader(strings.NewReader(in), "nocl.warc")
	rec, err := r.Next()
	if err != nil || len(rec.Issues) == 0 {
		t.Fatalf("%v %+v", err, rec)
	}
	_, err = r.Next()
	if err == nil || !strings.Contains(err.Error(), "nocl.warc: offset 0: the record has no Content-Length, but data follows its header (at offset 33)") {
		t.Errorf("err %v", err)
	}
}
