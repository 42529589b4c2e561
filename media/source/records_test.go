package source

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

// A UTF-8 byte order mark (Windows editors, Excel exports) is not part of
// the first record, in any format and under gzip.
func TestByteOrderMark(t *testing.T) {
	const bom = "\ufeff"
	for _, c := range []struct{ name, data string }{
		{"b.jsonl", bom + `{"id":"a","text":"eins"}` + "\r\n" + `{"id":"b","text":"zwei"}` + "\r\n"},
		{"b.json", bom + `[{"id":"a","text":"eins"},{"id":"b","text":"zwei"}]`},
		{"b.csv", bom + "id,text\r\na,eins\r\nb,zwei\r\n"},
		{"stdin", bom + `{"id":"a","text":"eins"}` + "\n" + `{"id":"b","text":"zwei"}` + "\n"},
	} {
		for _, gz := range []bool{false, true} {
			data, name := c.data, c.name
			if gz {
				var b bytes.Buffer
				zw := gzip.NewWriter(&b)
				zw.Write([]byte(data))
				zw.Close()
				data, name = b.String(), name+".gz"
			}
			arts, errs := readAll(t, open(t, data, name, Options{}))
			if len(errs) > 0 || len(arts) != 2 || arts[0].ID != "a" || arts[0].Text != "eins" || arts[1].Text != "zwei" {
				t.Errorf("%s: %+v %v", name, arts, errs)
			}
		}
	}
}

// A record whose text is null, or not a string, list or number, has no
// text: it is a bad record at its line, as one without the key, and not
// an empty text (which the coder would code as something). So is one
// without the column --text-column names.
func TestJSONLTextNull(t *testing.T) {
	in := `{"id":"a","text":null}
{"id":"b","text":"zwei"}
{"id":"c","text":{"de":"drei"}}
{"id":"d","text":true}
{"id":"e","text":""}
{"id":"f","text":null,"body":"sechs"}
`
	arts, errs := readAll(t, open(t, in, "n.jsonl", Options{}))
	if len(arts) != 3 || arts[0].ID != "b" || arts[1].ID != "e" || arts[2].ID != "f" || arts[2].Text != "sechs" {
		t.Errorf("articles %+v, want b, e (an empty text given as such) and f", arts)
	}
	want := []string{"n.jsonl:1: ", "n.jsonl:3: ", "n.jsonl:4: "}
	if len(errs) != len(want) {
		t.Fatalf("errors %v, want at lines 1, 3, 4", errs)
	}
	for i, err := range errs {
		if !Skippable(err) || !strings.HasPrefix(err.Error(), want[i]) {
			t.Errorf("error %v, want a skippable one starting %q", err, want[i])
		}
	}
	in = `{"id":"a","msg":"eins"}
{"id":"b","text":"zwei"}
`
	arts, errs = readAll(t, open(t, in, "c.jsonl", Options{TextColumn: "msg"}))
	if len(arts) != 1 || arts[0].Text != "eins" || len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "c.jsonl:2: ") {
		t.Errorf("--text-column msg: %+v %v, want a, and b a bad record at line 2", arts, errs)
	}
}

// In a JSON array, an element without text and one with invalid UTF-8 are
// bad records at their place, as in JSON Lines; the elements after them
// are still read.
func TestJSONArrayBadElements(t *testing.T) {
	in := `[{"id":"a"},{"id":"b","text":"x` + "\xff" + `y"},{"id":"c","text":"drei"}]`
	arts, errs := readAll(t, open(t, in, "a.json", Options{}))
	if len(arts) != 1 || arts[0].ID != "c" {
		t.Errorf("articles %+v, want c", arts)
	}
	if len(errs) != 2 || !Skippable(errs[0]) || !strings.HasPrefix(errs[0].Error(), "a.json: $[0]: no text") ||
		!Skippable(errs[1]) || !strings.HasPrefix(errs[1].Error(), "a.json: $[1]: invalid UTF-8") {
		t.Errorf("errors %v, want skippable ones at $[0] (no text) and $[1] (invalid UTF-8)", errs)
	}
}

// Every feed item has an id, also without guid and link.
func TestFeedItemID(t *testing.T) {
	rss := `<rss version="2.0"><channel><title>P</title><item><description>eins</description></item><item><description>zwei</description></item></channel></rss>`
	arts, errs := readAll(t, open(t, rss, "f.rss", Options{}))
	if len(errs) > 0 || len(arts) != 2 || arts[0].ID == "" || arts[0].ID == arts[1].ID {
		t.Errorf("%+v %v: want two items with ids of their own", arts, errs)
	}
}

// Empty input of no known format (an empty pipe) holds no texts; it is no
// CSV without a header.
func TestEmptyStdin(t *testing.T) {
	for _, in := range []string{"", "\n\n", " \r\n"} {
		arts, errs := readAll(t, open(t, in, "stdin", Options{}))
		if len(arts) != 0 || len(errs) != 0 {
			t.Errorf("%q: %+v %v, want nothing", in, arts, errs)
		}
	}
}

// In a JSON array, an element that is no object (a number, a string,
// null) is a bad record at its place, which --keep-going skips; the
// elements after it are still read.
func TestJSONArrayNonObject(t *testing.T) {
	in := `[5,"x",{"id":"c","text":"drei"},null,[1],{"id":"f","text":"sechs"}]`
	arts, errs := readAll(t, open(t, in, "a.json", Options{}))
	if len(arts) != 2 || arts[0].ID != "c" || arts[1].ID != "f" {
		t.Errorf("articles %+v, want c and f", arts)
	}
	want := []string{"a.json: $[0]: want an object, not a number (5)", `a.json: $[1]: want an object, not a string ("x")`, "a.json: $[3]: want an object, not null", "a.json: $[4]: want an object, not an array"}
	if len(errs) != len(want) {
		t.Fatalf("errors %v, want %d", errs, len(want))
	}
	for i, err := range errs {
		if !Skippable(err) || err.Error() != want[i] {
			t.Errorf("error %v (skippable %v), want the skippable %q", err, Skippable(err), want[i])
		}
	}
}

// An HTML page without article text (empty, blank, an empty body) is a
// bad record naming the file, with a plain message, and not
// go-readability's "the Node field is nil".
func TestHTMLNoText(t *testing.T) {
	for _, page := range []string{"", "  \n", "<html><body></body></html>"} {
		arts, errs := readAll(t, open(t, page, "p.html", Options{Format: "html"}))
		if len(arts) != 0 || len(errs) != 1 || !Skippable(errs[0]) || !strings.HasPrefix(errs[0].Error(), "p.html: no article text found") {
			t.Errorf("%q: %+v %v, want one skippable error \"p.html: no article text found\"", page, arts, errs)
		}
	}
}

// Gunzip passes plain text on and decompresses gzip (by its magic bytes,
// whatever the name); a truncated .gz is a read error that says so, after
// the lines before the cut.
func TestGunzip(t *testing.T) {
	const text = "eins\nzwei\ndrei\n"
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.NoCompression)
	zw.Write([]byte(text))
	zw.Close()
	for _, c := range []struct{ name, data string }{{"x.jsonl", text}, {"x.jsonl.gz", b.String()}, {"stdin", b.String()}} {
		r, err := Gunzip(strings.NewReader(c.data), c.name)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var lines []string
		sc := NewLineScanner(r)
		for sc.Scan() {
			lines = append(lines, sc.Text())
		}
		if sc.Err() != nil || strings.Join(lines, "\n")+"\n" != text {
			t.Errorf("%s: lines %q, error %v", c.name, lines, sc.Err())
		}
	}
	cut := b.Bytes()[:b.Len()-8-5-3] // the trailer, the empty last block and the last line's last 3 bytes
	r, err := Gunzip(bytes.NewReader(cut), "x.jsonl.gz")
	if err != nil {
		t.Fatal(err)
	}
	sc := NewLineScanner(r)
	n := 0
	for sc.Scan() {
		n++
	}
	if n != 2 || sc.Err() == nil || !strings.Contains(sc.Err().Error(), "unexpected EOF") {
		t.Errorf("truncated: %d lines, error %v; want 2 and unexpected EOF", n, sc.Err())
	}
	if _, err := Gunzip(strings.NewReader("\x1f\x8b"), "m.jsonl.gz"); err == nil || !strings.Contains(err.Error(), "m.jsonl.gz") {
		t.Errorf("gzip magic without a header: %v, want an error naming the file", err)
	}
}
