package eval

import (
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
