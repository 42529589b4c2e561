package index

import (
	"strings"
	"testing"

	"github.com/baserate/baserate"
)

// The same record given again is left out and counted; a record that only
// shares its id and source with another is kept and counted apart.
func TestDedup(t *testing.T) {
	var d Dedup
	a := baserate.Coding{ID: "1", Source: "s"}
	b := baserate.Coding{ID: "1", Source: "t"} // another corpus: no repeat
	steps := []struct {
		c      baserate.Coding
		record string
		keep   bool
	}{
		{a, `{"id":"1","source":"s","crime":true}`, true},
		{b, `{"id":"1","source":"t","crime":true}`, true},
		{a, `{"id":"1","source":"s","crime":true}`, false},  // given again
		{a, `{"id":"1","source":"s","crime":false}`, true},  // another text, same id
		{a, `{"id":"1","source":"s","crime":false}`, false}, // that one again
		{a, `{"id":"1","source":"s","crime":true}`, false},
	}
	for i, s := range steps {
		if got := d.Keep(s.c, []byte(s.record)); got != s.keep {
			t.Errorf("step %d: Keep = %v, want %v", i, got, s.keep)
		}
	}
	if d.Exact != 3 || d.Repeated != 1 {
		t.Errorf("Exact %d, Repeated %d; want 3 and 1", d.Exact, d.Repeated)
	}
	w := d.Warnings()
	if len(w) != 2 || w[0].Code != "duplicate-codings" || !strings.HasPrefix(w[0].Message, "3 codings were given again") ||
		w[1].Code != "repeated-ids" || !strings.HasPrefix(w[1].Message, "1 coding shares") {
		t.Errorf("warnings %+v", w)
	}
	var none Dedup
	none.Keep(a, []byte("x"))
	if w := none.Warnings(); w != nil {
		t.Errorf("no repeats: warnings %+v", w)
	}
}
