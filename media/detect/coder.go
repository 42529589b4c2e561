package detect

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/coregx/ahocorasick"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/media/lexicon"
	"github.com/baserate/baserate/media/textnorm"
)

// Coder codes articles. Build one with New and share it.
type Coder struct {
	langs map[string]*model
	order []string
	pool  sync.Pool
	// roles is the role model, if any (WithRoleModel), and rolesIx its
	// lexical weights by stem.
	roles   *RoleModel
	rolesIx *roleLexIndex
	// crime is the crime model, if any (WithCrimeModel), and crimeIx its
	// weights by lexicon term.
	crime   *CrimeModel
	crimeIx *crimeIndex
}

// model is one language: its lexicon and the automaton over all its terms.
type model struct {
	lx        *lexicon.Lexicon
	ac        *ahocorasick.Automaton
	byPattern [][]int32 // pattern id -> term indices
	stop      map[string]bool
	// det are the determiners that make a person of a following word
	// ("zwei Polen", "un tunisino"): person terms whose place is "det",
	// looked up by token instead of searched, being among the commonest
	// words (half of all matches in German police releases). The value
	// is the term's window.
	det map[string]int
	// The clause model's phrase lists, indexed by their last word.
	agentPreps, targetPreps, obliquePreps, copulas, partitive phrases
	// hitRun are the phrases of leaving the scene of an accident
	// (lang.tsv hit_and_run); hitRunTerm is the offence they name.
	hitRun phrases
	// hearsay are the phrases opening a story told to a quotation's
	// speaker (lang.tsv hearsay).
	hearsay phrases
	// mutual are the phrases of a mutual fight or mutual accusations
	// (lang.tsv mutual).
	mutual     phrases
	hitRunTerm lexicon.Term
	// descHeads and descVerbs open a description (clause.tsv
	// description_heads, before a colon; description_verbs); descTerm is
	// the cue of its evidence.
	descHeads, descPassives, descVerbs phrases
	descTerm                           lexicon.Term
	// deptAfter, deptBefore and pageTail are lang.tsv's
	// department_after, department_before and page_tail (family.go).
	deptAfter, deptBefore, pageTail phrases
	// counts and partitives are lang.tsv's count_nouns and partitives
	// (aggregate.go).
	counts     countWords
	partitives phrases
	// titleF filters the tokens looked up in lang.tsv's title_cues.
	titleF *wordFilter
	// wclass gives, for a word, the clause word lists it is in (wc*
	// bits): one lookup instead of one per list in the clause segmenter.
	wclass map[string]uint16
	// wclassAcc is wclass for words written with an accent on their last
	// letter, in a language where it tells words apart
	// (lexicon.FinalAccentDistinct): "è" is a finite verb and a copula,
	// "e" a coordinator; nil in other languages.
	wclassAcc map[string]uint16
}

// Bits of model.wclass: the clause word lists of a word.
const (
	wcFinite       uint16 = 1 << iota // Clause.Finite
	wcPassiveAux                      // Clause.PassiveAux
	wcActiveAux                       // Clause.ActiveAux
	wcSubordinator                    // Clause.Subordinators
	wcSubFirst                        // the first word of a subordinator of several words
	wcRelative                        // Clause.Relatives
	wcRelativeBare                    // Clause.RelativesBare
	wcAs                              // Clause.As
	wcCoordinator                     // Clause.Coordinators
	wcDet                             // a determiner (decider.isDet)
	wcKnown                           // the word's bits are computed (decider.wc)
)

// newWordClasses builds model.wclass from the clause word lists, and the
// determiners from the articles, the case determiners and det (the
// determiners looked up by token).
//
// In a language whose final accent tells words apart, a list's word
// written with one goes to acc, the classes of words written so, and the
// others to m; else acc is nil.
func newWordClasses(lx *lexicon.Lexicon, det map[string]int) (m, acc map[string]uint16) {
	cl := &lx.Clause
	m = map[string]uint16{}
	if lx.FinalAccentDistinct {
		acc = map[string]uint16{}
	}
	add := func(key string, set map[string]bool, bit uint16) {
		for w, ok := range set {
			if !ok {
				continue
			}
			if acc != nil && cl.Accented[key][w] {
				acc[w] |= bit
			} else {
				m[w] |= bit
			}
		}
	}
	add("finite", cl.Finite, wcFinite)
	add("passive_aux", cl.PassiveAux, wcPassiveAux)
	add("active_aux", cl.ActiveAux, wcActiveAux)
	add("subordinators", cl.Subordinators, wcSubordinator)
	add("relatives", cl.Relatives, wcRelative)
	add("relatives_bare", cl.RelativesBare, wcRelativeBare)
	add("as", cl.As, wcAs)
	add("coordinators", cl.Coordinators, wcCoordinator)
	add("", lx.Articles, wcDet)
	add("nominative", cl.Nominative, wcDet)
	add("objective", cl.Objective, wcDet)
	for w := range det {
		m[w] |= wcDet
	}
	for w, ok := range cl.Subordinators {
		if i := strings.IndexByte(w, ' '); ok && i > 0 {
			m[w[:i]] |= wcSubFirst
		}
	}
	return m, acc
}

// New builds a coder for the given languages, or for every language that
// has lexicon files when none is given: the rules, with the built-in role
// model (BuiltinRoleModel) deciding the role of every origin mention and
// the built-in crime model (BuiltinCrimeModel) revisiting the crime
// decision.
func New(langs ...string) (*Coder, error) {
	c, err := NewRules(langs...)
	if err != nil {
		return nil, err
	}
	rm, err := BuiltinRoleModel()
	if err != nil {
		return nil, baserate.E("detect.New", baserate.KindInternal, err)
	}
	c.roles, c.rolesIx = rm, newRoleLexIndex(rm)
	cm, err := BuiltinCrimeModel()
	if err != nil {
		return nil, baserate.E("detect.New", baserate.KindInternal, err)
	}
	c.crime, c.crimeIx = cm, newCrimeIndex(cm, c.langs)
	return c, nil
}

// NewRules builds a coder of the rules alone, without a role model or a
// crime model: every role is the one the role cues and the clause model
// give, the crime decision the one of the rules' weights.
func NewRules(langs ...string) (*Coder, error) {
	if len(langs) == 0 {
		langs = lexicon.Languages()
	}
	c := &Coder{langs: map[string]*model{}}
	for _, l := range langs {
		lx, err := lexicon.Load(l)
		if err != nil {
			return nil, err
		}
		m, err := compile(lx)
		if err != nil {
			return nil, baserate.E("detect.New", baserate.KindInternal, err)
		}
		c.langs[l] = m
		c.order = append(c.order, l)
	}
	c.pool.New = func() any { return new(scratch) }
	return c, nil
}

func compile(lx *lexicon.Lexicon) (*model, error) {
	m := &model{lx: lx, stop: map[string]bool{}, det: map[string]int{}}
	ids := map[string]int{}
	var pats []string
	for i, t := range lx.Terms {
		if t.Kind == lexicon.Person && t.Where == "det" && !strings.Contains(t.Form, " ") && t.Pattern == " "+t.Form+" " {
			m.det[t.Form] = max(m.det[t.Form], t.Window)
			continue
		}
		id, ok := ids[t.Pattern]
		if !ok {
			id = len(pats)
			ids[t.Pattern] = id
			pats = append(pats, t.Pattern)
			m.byPattern = append(m.byPattern, nil)
		}
		m.byPattern[id] = append(m.byPattern[id], int32(i))
	}
	ac, err := ahocorasick.NewBuilder().AddStrings(pats).Build()
	if err != nil {
		return nil, err
	}
	m.ac = ac
	cl := &lx.Clause
	m.agentPreps, m.targetPreps, m.obliquePreps = newPhrases(cl.AgentPreps), newPhrases(cl.TargetPreps), newPhrases(cl.ObliquePreps)
	m.copulas, m.partitive = newPhrases(cl.Copulas), newPhrases(cl.Partitive)
	if lx.FinalAccentDistinct {
		// "è" is a copula, "e" (and) none.
		m.copulas.accented = cl.Accented["copulas"]
		if m.copulas.accented == nil {
			m.copulas.accented = map[string]bool{}
		}
	}
	m.hitRun = newPhrases(lx.HitAndRun)
	m.hearsay = newPhrases(lx.Hearsay)
	m.mutual = newPhrases(lx.Mutual)
	m.descHeads, m.descPassives, m.descVerbs = newPhrases(cl.DescriptionHeads), newPhrases(cl.DescriptionPassives), newPhrases(cl.DescriptionVerbs)
	m.descTerm = descTermOf(lx.Lang)
	m.deptAfter, m.deptBefore, m.pageTail = newPhrases(lx.DepartmentAfter), newPhrases(lx.DepartmentBefore), newPhrases(lx.PageTail)
	m.counts, m.partitives = newCountWords(lx.CountNouns), newPhrases(lx.Partitives)
	m.titleF = newWordFilter(lx.TitleCues)
	m.wclass, m.wclassAcc = newWordClasses(lx, m.det)
	m.hitRunTerm = lexicon.Term{Kind: lexicon.Offence, Code: "traffic", Weight: 3, Form: "hit-and-run", Source: lx.Lang + "/lang.tsv:hit_and_run"}
	for _, w := range lx.Stopwords {
		m.stop[w] = true
	}
	return m, nil
}

// Languages returns the languages the coder knows.
func (c *Coder) Languages() []string { return slices.Clone(c.order) }

// scratch is per-call working memory, pooled.
type scratch struct {
	tx   textnorm.Text
	hits []hit
	d    decider
}

// hit is one term found in the text, as a range of tokens.
type hit struct {
	term   *lexicon.Term
	t0, t1 int // tokens [t0, t1)
	age    int // for Age hits: the age, or -1
}

// DetectLang returns the language whose stopwords are most frequent in
// text, among the coder's languages.
func (c *Coder) DetectLang(text string) string {
	s := c.pool.Get().(*scratch)
	defer c.pool.Put(s)
	textnorm.Normalize(&s.tx, text, textnorm.Options{})
	return c.detectLang(&s.tx)
}

func (c *Coder) detectLang(tx *textnorm.Text) string {
	best, bestN := "", -1
	for _, l := range c.order {
		n := 0
		for i := 0; i < len(tx.Tokens) && i < 400; i++ {
			tk := tx.Tokens[i]
			if c.langs[l].stop[string(tx.Norm[tk.Start:tk.End])] {
				n++
			}
		}
		if n > bestN {
			best, bestN = l, n
		}
	}
	return best
}

// Code codes one article. When a.Lang is empty or unknown to the coder,
// the language is detected.
func (c *Coder) Code(a baserate.Article) baserate.Coding {
	s := c.pool.Get().(*scratch)
	defer c.pool.Put(s)
	return c.codeWith(s, a)
}

// codeWith codes a with the working memory s.
func (c *Coder) codeWith(s *scratch, a baserate.Article) baserate.Coding {
	lang := a.Lang
	m := c.langs[lang]
	if m == nil {
		textnorm.Normalize(&s.tx, a.Text, textnorm.Options{})
		lang = c.detectLang(&s.tx)
		m = c.langs[lang]
	}
	textnorm.Normalize(&s.tx, a.Text, textnorm.Options{Abbrev: m.lx.Abbrev})
	s.hits = m.find(&s.tx, a.Text, s.hits[:0])
	s.d.reset(m, &s.tx, a.Text, s.hits)
	s.d.rm, s.d.rix, s.d.cm, s.d.cix, s.d.lang, s.d.source = c.roles, c.rolesIx, c.crime, c.crimeIx, lang, a.Source
	cod := s.d.code()
	cod.ID, cod.Lang, cod.Source, cod.Date = a.ID, lang, a.Source, a.Date
	return cod
}

// find runs the automaton over tx, the normalized text, and turns
// matches into token ranges; text is the original, for the terms that
// must match as written (lexicon.Term.FinalAccent).
func (m *model) find(tx *textnorm.Text, text string, out []hit) []hit {
	if len(tx.Tokens) == 0 {
		return out
	}
	for _, mt := range m.ac.FindAllOverlapping(tx.Norm) {
		s, e := mt.Start, mt.End
		for _, ti := range m.byPattern[mt.PatternID] {
			t := &m.lx.Terms[ti]
			first := s
			if tx.Norm[first] == ' ' {
				first++
			}
			last := e - 1
			if tx.Norm[last] == ' ' {
				last--
			}
			if first > last {
				continue
			}
			if t.FinalAccent && !accentedEnd(text, int(tx.Off[last])) {
				continue // "colpi", blows, is no "colpì"
			}
			h := hit{term: t, t0: int(tx.TokenAt[first]), t1: int(tx.TokenAt[last]) + 1, age: -1}
			if t.Kind == lexicon.Age {
				h.age = ageOf(tx, t, &h, s)
				if h.age < 0 {
					continue
				}
			}
			out = append(out, h)
		}
	}
	// By first token, the longer first, stable: an insertion sort, as the
	// matches come by their end and only a hit of several words moves
	// back, past the hits that end inside it.
	for i := 1; i < len(out); i++ {
		h := out[i]
		j := i
		for j > 0 && (h.t0 < out[j-1].t0 || h.t0 == out[j-1].t0 && h.t1 > out[j-1].t1) {
			j--
		}
		if j < i {
			copy(out[j+1:i+1], out[j:i])
			out[j] = h
		}
	}
	return out
}

// accentedEnd reports whether the letter at byte offset off of text, a
// word's last, is written with a diacritic (not ASCII), or is a vowel
// followed by an apostrophe, the typewriter's accent ("colpi'"); an
// elided article ends in a consonant ("dell'", "l'", "un'").
func accentedEnd(text string, off int) bool {
	if off >= len(text) {
		return false
	}
	if text[off] >= utf8.RuneSelf {
		return true
	}
	if !strings.ContainsRune("aeiouAEIOU", rune(text[off])) {
		return false
	}
	rest := text[off+1:]
	return strings.HasPrefix(rest, "'") || strings.HasPrefix(rest, "`") || strings.HasPrefix(rest, "’")
}

// ageOf validates an age term and returns the age: "23 jahrige" needs a
// number token before it, "37enne" digits glued before it; an age word
// ("ventiduenne") is its value.
func ageOf(tx *textnorm.Text, t *lexicon.Term, h *hit, s int) int {
	switch t.AgeKind {
	case "word":
		return t.AgeValue
	case "glued":
		tk := tx.Tokens[h.t0]
		j := int(tk.Start)
		for j < len(tx.Norm) && tx.Norm[j] >= '0' && tx.Norm[j] <= '9' {
			j++
		}
		if j == int(tk.Start) || j != s {
			return -1
		}
		n, err := strconv.Atoi(string(tx.Norm[tk.Start:j]))
		if err != nil || n > 120 {
			return -1
		}
		return n
	default:
		if h.t0 == 0 {
			return -1
		}
		n, err := strconv.Atoi(tx.Word(h.t0 - 1))
		if err != nil || n > 120 {
			return -1
		}
		h.t0--
		return n
	}
}

func (h hit) String() string { return fmt.Sprintf("%s[%d,%d)%q", h.term.Kind, h.t0, h.t1, h.term.Form) }

var (
	defaultOnce  sync.Once
	defaultCoder *Coder
	defaultErr   error
)

// Default returns a coder for every language, built once and shared.
func Default() (*Coder, error) {
	defaultOnce.Do(func() { defaultCoder, defaultErr = New() })
	return defaultCoder, defaultErr
}

// CodeText codes one pasted text, as the dashboard's "Incident in
// context" does: lang is "de", "en", "it" or "sv", or "" to detect it.
// The coding's Evidence gives the spans to highlight.
func CodeText(text, lang string) (baserate.Coding, error) {
	c, err := Default()
	if err != nil {
		return baserate.Coding{}, err
	}
	return c.Code(baserate.Article{ID: "text", Text: text, Lang: lang}), nil
}
