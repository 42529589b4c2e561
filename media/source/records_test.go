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
