package heldout

import (
	"embed"
	"fmt"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/media/eval"
)

// Second codings. A second engineer coded the texts of four committed sets
// again, blind to the first coding and to the coder (two sets drawn as
// dev.jsonl, 184 and 185, and two of the Italian and English frame, 207
// and 208), to measure how far two hand codings of the same texts agree:
// how much of the coder's distance from a set's coding is disagreement
// between engineers. second/second<N>.jsonl are shaped as the sets.
//
//go:embed second/*.jsonl
var secondFiles embed.FS

// SecondSets are the sets coded twice.
var SecondSets = []int{184, 185, 207, 208}

// Twice is one text of a set coded twice: First is the set's coding (its
// gold), Second the second engineer's.
type Twice struct {
	Set           int
	First, Second Ref
}

// SecondCodings returns every text of SecondSets with both codings, in set
// order. A second coding that differs from its set in length, id or text
// digest is an error naming the file and line.
func SecondCodings() ([]Twice, error) {
	var out []Twice
	for _, num := range SecondSets {
		first, err := RefsOf(Sets[num-1])
		if err != nil {
			return nil, err
		}
		name := fmt.Sprintf("second/second%d.jsonl", num)
		data, err := secondFiles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("heldout: no second coding of set %d", num)
		}
		ts, err := pairUp(num, first, name, data)
		if err != nil {
			return nil, err
		}
		out = append(out, ts...)
	}
	return out, nil
}

// pairUp pairs set num's coding, first, with the second coding in data
// (a file called name), line by line.
func pairUp(num int, first []Ref, name string, data []byte) ([]Twice, error) {
	var out []Twice
	err := jsonLines(data, name, func(line int, r Ref) error {
		n := len(out)
		if n >= len(first) {
			return baserate.Invalid(name, line, "more lines than set %d's %d", num, len(first))
		}
		if f := first[n]; r.ID != f.ID || r.SHA256 != f.SHA256 {
			return baserate.Invalid(name, line, "id %s (digest %.12s) where set %d has %s (%.12s)", r.ID, r.SHA256, num, f.ID, f.SHA256)
		}
		out = append(out, Twice{Set: num, First: first[n], Second: r})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) != len(first) {
		return nil, fmt.Errorf("heldout: %s: %d lines, set %d has %d", name, len(out), num, len(first))
	}
	return out, nil
}

// Agreement measures one coding of ts against the other with the measures
// of `baserate media eval`: the first coding taken as the gold, or the
// second when swap is set. F1 and kappa are the same either way; victims
// counted as suspects are not (those are the gold's victims).
func Agreement(ts []Twice, swap bool) *eval.Result {
	gold := make([]eval.Gold, len(ts))
	codes := make([]baserate.Coding, len(ts))
	for i, t := range ts {
		a, b := t.First, t.Second
		if swap {
			a, b = b, a
		}
		gold[i] = eval.Gold{Article: baserate.Article{ID: a.ID, Lang: a.Lang}, Gold: a.Gold}
		codes[i] = b.Gold.Coding(b.ID)
	}
	return eval.Compare(gold, codes)
}
