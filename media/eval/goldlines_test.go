package eval

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"strings"
	"testing"
)

// A gold line without a gold coding (a line of the texts, or of media code
// output) is an error at its line, not a text hand-coded as no crime; so
// is an id given twice, which would count one text twice.
func TestReadGoldBadLines(t *testing.T) {
	g := `{"id":"a","text":"x","gold":{"crime":false}}`
	for _, c := range []struct{ in, want string }{
		{g + "\n" + `{"id":"b","text":"y"}` + "\n", `g.jsonl:2: no gold coding`},
		{g + "\n" + `{"id":"b","crime":true,"categories":[]}` + "\n", `g.jsonl:2: no gold coding`},
		{g + "\n" + `{"id":"b","text":"y","gold":null}` + "\n", `g.jsonl:2: no gold coding`},
		{g + "\n\n" + `{"id":"a","text":"y","gold":{"crime":true}}` + "\n", `g.jsonl:3: id "a" twice (first at line 1)`},
	} {
		_, err := ReadGold(strings.NewReader(c.in), "g.jsonl")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.in, err, c.want)
		}
	}
}

// A byte order mark, blank lines of spaces and CRLF line ends are no
// records, in gold files and codings alike; every gold text keeps its line.
func TestReadBlankAndBOM(t *testing.T) {
	in := "\ufeff" + `{"id":"a","text":"x","gold":{"crime":true}}` + "\r\n   \r\n\t\n" + `{"id":"b","text":"y","gold":{"crime":false}}` + "\r\n"
	gold, err := ReadGold(strings.NewReader(in), "g.jsonl")
	if err != nil || len(gold) != 2 || gold[0].ID != "a" || !gold[0].Gold.Crime || gold[1].Line != 4 {
		t.Fatalf("%+v %v", gold, err)
	}
	coded, err := ReadCoded(strings.NewReader(in), "c.jsonl")
	if err != nil || len(coded) != 2 || !coded["a"].Crime {
		t.Fatalf("%+v %v", coded, err)
	}
}

// TestReadGzip: gold and coded files may be gzip-compressed, as the
// inputs of media code and media index may; a truncated one fails at the
// line where it stops, not with a parse error of its unfinished line.
func TestReadGzip(t *testing.T) {
	var plain bytes.Buffer
	for i := range 200 {
		fmt.Fprintf(&plain, `{"id":"t%d","lang":"de","text":"x","gold":{"crime":true,"categories":["violent"],"origin_named":false,"suspect_origins":[],"victim_origins":[],"appearance":false}}`+"\n", i)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(plain.Bytes())
	zw.Close()
	gold, err := ReadGold(bytes.NewReader(gz.Bytes()), "g.jsonl.gz")
	if err != nil || len(gold) != 200 {
		t.Fatalf("gzip: %d texts, %v", len(gold), err)
	}
	coded, err := ReadCoded(bytes.NewReader(gz.Bytes()), "g.jsonl.gz")
	if err != nil || len(coded) != 200 {
		t.Fatalf("gzip coded: %d codings, %v", len(coded), err)
	}
	cut := gz.Bytes()[:gz.Len()/2]
	_, err = ReadGold(bytes.NewReader(cut), "cut.jsonl.gz")
	if err == nil || !strings.Contains(err.Error(), "cut.jsonl.gz:") || !strings.Contains(err.Error(), "unexpected EOF") {
		t.Errorf("truncated: %v, want the file, a line and the cut", err)
	}
}
