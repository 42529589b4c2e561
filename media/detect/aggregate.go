package detect

import (
	"strings"

	"github.com/baserate/baserate/media/lexicon"
)

// Aggregates: counts of offences and people. The codebook codes
// statistics pieces as no crime report, and people counted in checks
// are no suspects.

// statisticsCounts is how many different counts of offences (not of
// people at large: demonstrations name many) make a text a statistics
// piece. Over dev.jsonl and sets 1-11 the texts with four or more are
// all statistics pieces (a year's right-wing offences, New Year's
// suspects, a month of traffic checks, a year's crime figures); a report
// of a case names at most three ("230 Anzeigen", "3.000 Anzeigen").
const statisticsCounts = 4

// countWords holds a language's count nouns, whole words and prefixes.
type countWords struct {
	words    map[string]bool
	prefixes []string
}

func newCountWords(list []string) countWords {
	cw := countWords{words: map[string]bool{}}
	for _, w := range list {
		if p, ok := strings.CutSuffix(w, "*"); ok {
			cw.prefixes = append(cw.prefixes, p)
		} else {
			cw.words[w] = true
		}
	}
	return cw
}

func (cw *countWords) has(w string) bool {
	if cw.words[w] {
		return true
	}
	for _, p := range cw.prefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// statistics reports whether the text counts offences or people often
// enough to be a statistics piece: at least statisticsCounts different
// numbers of ten or more (not years, decimals or dates) each followed,
// within two words, by a count noun.
func (d *decider) statistics() bool { return len(d.counts(statisticsCounts)) >= statisticsCounts }

// counts returns up to max different counts of offences or people in the
// text.
func (d *decider) counts(max int) []string {
	cw := &d.m.counts
	if len(cw.words)+len(cw.prefixes) == 0 {
		return nil
	}
	seen := d.countSeen[:0]
	defer func() { d.countSeen = seen[:0] }()
	for t := 0; t < len(d.tx.Tokens) && len(seen) < max; t++ {
		num, ok := d.countAt(t)
		if !ok {
			continue
		}
		counted := false
		for k := t + 1; k <= t+2 && k < len(d.tx.Tokens) && d.sentence(k) == d.sentence(t); k++ {
			if cw.has(d.tx.Word(k)) {
				counted = true
				break
			}
		}
		if !counted {
			continue
		}
		dup := false
		for _, s := range seen {
			dup = dup || s == num
		}
		if !dup {
			seen = append(seen, num)
		}
	}
	return seen
}

// countAt returns the number that ends at token t as written ("13.846",
// "509"), if it is ten or more and no year; digits grouped by a point or
// a comma before t belong to it ("13.846" is two tokens).
func (d *decider) countAt(t int) (string, bool) {
	if !allDigitBytes(d.word(t)) {
		return "", false // most tokens: no string made of them
	}
	if t+1 < len(d.tx.Tokens) && allDigitBytes(d.word(t+1)) {
		// Not the end of the number ("13" of "13.846").
		s, _ := d.tx.Span(t+1, t+2)
		_, e := d.tx.Span(t, t+1)
		if s-e == 1 && (d.text[e] == '.' || d.text[e] == ',') {
			return "", false
		}
	}
	s, e := d.tx.Span(t, t+1)
	if e-s != 3 && s > 1 && (d.text[s-1] == '.' || d.text[s-1] == ',') && d.text[s-2] >= '0' && d.text[s-2] <= '9' {
		return "", false // a decimal ("3,8 Promille")
	}
	for s > 1 && (d.text[s-1] == '.' || d.text[s-1] == ',') && d.text[s-2] >= '0' && d.text[s-2] <= '9' {
		s -= 2
		for s > 0 && d.text[s-1] >= '0' && d.text[s-1] <= '9' {
			s--
		}
	}
	num := d.text[s:e]
	if len(num) < 2 || num[0] == '0' {
		return "", false
	}
	if len(num) == 4 && (num[:2] == "19" || num[:2] == "20") {
		return "", false // a year
	}
	if s > 0 && (d.text[s-1] == '.' || d.text[s-1] == ':' || d.text[s-1] == '/' || d.text[s-1] == '-') {
		return "", false // a date, a time, a file number
	}
	return num, true
}

// partOfCount reports whether a mention names the part of a counted group
// of ten or more: "Sono state identificate 42 persone, di cui 13
// nazionalità straniera", "davon 5 mit ausländischer
// Staatsangehörigkeit".
func (d *decider) partOfCount(h hit) bool {
	ps := &d.m.partitives
	if len(ps.byLast) == 0 {
		return false
	}
	s := d.sentence(h.t0)
	for t := h.t0; t >= 1 && h.t0-t <= 4 && d.sentence(t-1) == s; t-- {
		p := d.phraseEndingAt(t, ps)
		if p == "" {
			continue
		}
		// A count of ten or more before the partitive, in its sentence.
		for q := t - strings.Count(p, " ") - 2; q >= 0 && d.sentence(q) == s; q-- {
			if num, ok := d.countAt(q); ok && len(num) >= 2 {
				return true
			}
		}
		return false
	}
	return false
}

// wholeOfPart reports whether status mention ms[i] names a group of which
// a partitive names a part by nationality later in its sentence ("sei
// stranieri ..., di questi due tunisini", "drei Ausländer, darunter zwei
// Rumänen"): the status is the whole group's, not only the named part's,
// so it is not dropped as the status of a person whose nationality is
// named.
func (d *decider) wholeOfPart(ms []mention, i int) bool {
	st := ms[i]
	ps := &d.m.partitives
	if len(ps.byLast) == 0 {
		return false
	}
	s := d.sentence(st.h.t0)
	for _, o := range ms {
		if o.kind != lexicon.Nationality && o.kind != lexicon.Country || o.h.t0 <= st.h.t1 || d.sentence(o.h.t0) != s {
			continue
		}
		for t := o.h.t0; t > st.h.t1 && o.h.t0-t <= 4; t-- {
			if d.phraseEndingAt(t, ps) != "" {
				return true
			}
		}
	}
	return false
}

// allDigitBytes is allDigits of a token's bytes, without a string.
func allDigitBytes(w []byte) bool {
	for _, c := range w {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(w) > 0
}
