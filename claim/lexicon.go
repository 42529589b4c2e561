package claim

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

//go:embed lexicon/*.tsv
var lexiconFS embed.FS

// entry is one phrase of a lexicon.
type entry struct {
	lang    string
	role    string
	words   []string // normalized; a trailing "*" on a word is a prefix match
	value   string
	note    string
	pattern string
	line    int
	rank    int // index in lexicon.entries
}

// exactness counts the words that match exactly, for ranking candidates.
func (e *entry) exactness() int {
	n := 0
	for _, w := range e.words {
		if !strings.HasSuffix(w, "*") {
			n++
		}
	}
	return n
}

// oneWord is a one-word entry with its word cut from a prefix's "*".
type oneWord struct {
	e      *entry
	word   string
	runes  []rune
	prefix bool
}

// lexicon is every phrase of every language, indexed by the first word's
// normalized form (or its prefix for wildcard words).
type lexicon struct {
	entries []*entry
	cards   map[string]float64 // number words
	ords    map[string]float64
	denoms  map[string]float64 // denominators of fractions ("Drittel")
	arts    map[string]float64 // articles that are a numerator ("a third")
	single  []*entry           // one-word entries, for compounds and typos
	// byRole holds the one-word entries by role, their word without the
	// "*" of a prefix.
	byRole map[string][]oneWord
	// byFirst indexes the entries by their first word; prefixFirst are
	// those whose first word is a prefix. Both keep the ranking order.
	byFirst     map[string][]*entry
	prefixFirst []*entry
	// timesWords are the one-word units of a multiple, longest first, that
	// may be joined to a number word ("dreimal", "threefold").
	timesWords []string
	// nonGerman is an entry for the non-German group, for a negated
	// "German".
	nonGerman *entry
	notes     map[string]string
	langs     []string
}

var lex = mustLoad()

func mustLoad() *lexicon {
	l, err := load()
	if err != nil {
		panic(err)
	}
	return l
}

func load() (*lexicon, error) {
	l := &lexicon{cards: map[string]float64{}, ords: map[string]float64{}, denoms: map[string]float64{}, arts: map[string]float64{}, notes: map[string]string{}, byRole: map[string][]oneWord{}}
	files, err := lexiconFS.ReadDir("lexicon")
	if err != nil {
		return nil, err
	}
	seen := map[string]int{} // lang and pattern: line
	for _, f := range files {
		name := f.Name()
		if !strings.HasSuffix(name, ".tsv") {
			continue
		}
		b, err := lexiconFS.ReadFile("lexicon/" + name)
		if err != nil {
			return nil, err
		}
		switch name {
		case "numbers.tsv":
			err = eachLine(name, b, 4, func(line int, f []string) error {
				v, err := strconv.ParseFloat(f[3], 64)
				if err != nil {
					return fmt.Errorf("claim/lexicon/%s:%d: bad value %q", name, line, f[3])
				}
				switch f[1] {
				case "card":
					l.cards[normalize(f[2])] = v
				case "ord":
					l.ords[normalize(f[2])] = v
				case "denom":
					l.denoms[normalize(f[2])] = v
				case "art":
					l.arts[normalize(f[2])] = v
				default:
					return fmt.Errorf("claim/lexicon/%s:%d: kind %q is not card, ord, denom or art", name, line, f[1])
				}
				return nil
			})
		case "examples.tsv":
			continue
		case "notes.tsv":
			err = eachLine(name, b, 2, func(line int, f []string) error {
				l.notes[f[0]] = f[1]
				return nil
			})
		default:
			lang := strings.TrimSuffix(name, ".tsv")
			l.langs = append(l.langs, lang)
			err = eachLine(name, b, 2, func(line int, f []string) error {
				for len(f) < 4 {
					f = append(f, "")
				}
				if !validRoles[f[0]] {
					return fmt.Errorf("claim/lexicon/%s:%d: unknown role %q", name, line, f[0])
				}
				words := strings.Fields(normalize(f[1]))
				if len(words) == 0 {
					return fmt.Errorf("claim/lexicon/%s:%d: empty pattern", name, line)
				}
				key := lang + "\t" + strings.Join(words, " ")
				if prev, ok := seen[key]; ok {
					return fmt.Errorf("claim/lexicon/%s:%d: pattern %q is already on line %d: one pattern has one meaning", name, line, f[1], prev)
				}
				seen[key] = line
				l.entries = append(l.entries, &entry{lang: lang, role: f[0], words: words, value: f[2], note: f[3], pattern: f[1], line: line})
				return nil
			})
		}
		if err != nil {
			return nil, err
		}
	}
	for _, e := range l.entries {
		if e.note != "" && e.role != "majority" && e.role != "nationality" && e.role != "country" {
			if _, ok := l.notes[e.note]; !ok {
				return nil, fmt.Errorf("claim/lexicon/%s.tsv:%d: note %q is not in notes.tsv", e.lang, e.line, e.note)
			}
		}
	}
	// Longer phrases first, then exact words before prefixes.
	sort.SliceStable(l.entries, func(i, j int) bool {
		a, b := l.entries[i], l.entries[j]
		if len(a.words) != len(b.words) {
			return len(a.words) > len(b.words)
		}
		return a.exactness() > b.exactness()
	})
	l.byFirst = map[string][]*entry{}
	for k, e := range l.entries {
		e.rank = k
		if strings.HasSuffix(e.words[0], "*") {
			l.prefixFirst = append(l.prefixFirst, e)
		} else {
			l.byFirst[e.words[0]] = append(l.byFirst[e.words[0]], e)
		}
	}
	for _, e := range l.entries {
		if e.role == "group" && e.value == "nichtdeutsch" && l.nonGerman == nil {
			l.nonGerman = e
		}
		if len(e.words) == 1 {
			l.single = append(l.single, e)
			w, prefix := strings.CutSuffix(e.words[0], "*")
			l.byRole[e.role] = append(l.byRole[e.role], oneWord{e, w, []rune(w), prefix})
			if w := strings.TrimPrefix(e.words[0], "-"); e.role == "times" && len(w) > 1 && !slices.Contains(l.timesWords, w) {
				l.timesWords = append(l.timesWords, w)
			}
		}
	}
	sort.SliceStable(l.timesWords, func(i, j int) bool { return len(l.timesWords[i]) > len(l.timesWords[j]) })
	return l, nil
}

var validRoles = map[string]bool{
	"group": true, "offence": true, "area": true, "pct": true, "times": true, "mult": true, "share-of": true,
	"majority": true, "overrep": true, "per": true, "qual": true, "who": true, "latest": true, "stop": true,
	"nationality": true, "underrep": true, "factor": true, "out-of": true, "to": true, "since": true, "neg": true, "trend": true, "country": true, "earlier": true,
}

func eachLine(name string, b []byte, minFields int, fn func(line int, f []string) error) error {
	sc := bufio.NewScanner(bytes.NewReader(b))
	n := 0
	for sc.Scan() {
		n++
		t := sc.Text()
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			continue
		}
		f := strings.Split(t, "\t")
		for len(f) > 0 && f[len(f)-1] == "" && len(f) > minFields {
			f = f[:len(f)-1]
		}
		if len(f) < minFields {
			return fmt.Errorf("claim/lexicon/%s:%d: %d fields, want at least %d", name, n, len(f), minFields)
		}
		if err := fn(n, f); err != nil {
			return err
		}
	}
	return sc.Err()
}

// normalize lower-cases s and folds German umlauts and ß to their
// two-letter spellings, so "Ausländer" and "Auslaender" match alike.
func normalize(s string) string {
	s = strings.ToLower(s)
	return umlauts.Replace(s)
}

var umlauts = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss")

// candidates returns the entries whose first word may match the word w,
// in ranking order (longest phrases first).
func (l *lexicon) candidates(w string) []*entry {
	out := slices.Clone(l.byFirst[w])
	for _, e := range l.prefixFirst {
		if strings.HasPrefix(w, strings.TrimSuffix(e.words[0], "*")) {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b *entry) int { return a.rank - b.rank })
	return out
}

// Note returns the text of a framing note by code, or "".
func Note(code string) string { return lex.notes[code] }

// Example is an example claim for the claim-check page.
type Example struct {
	Lang string
	Text string
}

// Examples returns the example claims of lexicon/examples.tsv.
func Examples() []Example {
	b, err := lexiconFS.ReadFile("lexicon/examples.tsv")
	if err != nil {
		return nil
	}
	var out []Example
	eachLine("examples.tsv", b, 2, func(line int, f []string) error {
		out = append(out, Example{f[0], f[1]})
		return nil
	})
	return out
}
