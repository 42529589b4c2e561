package mediabench

import (
	"regexp"
	"strings"

	"github.com/baserate/baserate/media/lexicon"
)

// RegexpPerTerm is the baseline the coder is measured against: one
// compiled case-insensitive regular expression per distinct term of a
// language's lexicon, word-bounded where the term must begin or end on a
// word boundary, each run over the whole text. It only finds the terms; it
// makes none of the coder's decisions.
type RegexpPerTerm struct {
	res []*regexp.Regexp
}

// NewRegexpPerTerm compiles the expressions for the lexicon of lang.
func NewRegexpPerTerm(lang string) (*RegexpPerTerm, error) {
	lx, err := lexicon.Load(lang)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	b := &RegexpPerTerm{}
	for _, t := range lx.Terms {
		if seen[t.Pattern] {
			continue
		}
		seen[t.Pattern] = true
		p := regexp.QuoteMeta(t.Form)
		if strings.HasPrefix(t.Pattern, " ") {
			p = `\b` + p
		}
		if strings.HasSuffix(t.Pattern, " ") {
			p += `\b`
		}
		re, err := regexp.Compile(`(?i)` + p)
		if err != nil {
			return nil, err
		}
		b.res = append(b.res, re)
	}
	return b, nil
}

// Len is the number of expressions.
func (b *RegexpPerTerm) Len() int { return len(b.res) }

// Find runs every expression over text and returns the number of matches.
func (b *RegexpPerTerm) Find(text string) int {
	n := 0
	for _, re := range b.res {
		n += len(re.FindAllStringIndex(text, -1))
	}
	return n
}
