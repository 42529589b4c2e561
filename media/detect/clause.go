package detect

import (
	"bytes"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/baserate/baserate/media/lexicon"
)

// The clause model: who does what to whom in the clause of a mention.
//
// A sentence is cut into clauses (at subordinating conjunctions, relative
// pronouns after a comma, a comma before a finite verb, a coordinating
// conjunction before a finite verb); a relative clause is embedded, so
// the clause around it goes on after it. The mention's noun phrase is
// found (determiner, numbers, ages and adjectives before it; person words
// after it), and its grammatical part in the clause from cheap
// morphology: a preposition before it (agent "von"/"da"/"by"/"av",
// target "gegen"/"nei confronti di", any other: no argument), the case
// of its determiner where the language has one (German "der"/"ein"
// subject, "den"/"einem" object), its place before or after the verb
// elsewhere. The verbs and role nouns of frames.tsv then give the role:
// the subject of passive "wurde festgenommen" is a suspect, the subject
// of passive "wurde verletzt" a victim and its "von" phrase the suspect,
// the subject of active "schlug" a suspect and its object the victim; a
// role noun gives its role to its own noun phrase, to an apposition and
// to the predicate of a copula ("Bei dem Opfer handelt es sich um ...").
// Where the clause gives no answer, the cue scores of roles.go decide.

// Grammatical parts of a noun phrase in its clause.
const (
	gNone    = iota
	gSubj    // subject (or any argument of a passive or intransitive verb)
	gObj     // object
	gAgent   // agent phrase of a passive ("von einem Syrer")
	gTarget  // "gegen einen Syrer"
	gOblique // in another prepositional phrase: no argument of the verb
)

// Cases a determiner marks.
const (
	caseUnknown = iota
	caseNom
	caseObj
)

// nounPhrase is a mention's noun phrase: tokens [start, end), the
// preposition before it and the case its determiner marks.
type nounPhrase struct {
	start, end int
	part       int // gNone, gAgent, gTarget, gOblique from the preposition
	prep       string
	cas        int
	attr       int // index in d.frames of a participle used as an adjective in the phrase, or -1
}

// clauseInfo describes one clause.
type clauseInfo struct {
	ante  int32 // relative clause: the token before its pronoun; else -1
	coord int32 // clause opened by a coordinator: the clause before it; else -1
	first int32 // first token
}

// word returns the normalized bytes of token t.
func (d *decider) word(t int) []byte {
	tk := d.tx.Tokens[t]
	return d.tx.Norm[tk.Start:tk.End]
}

// wordClass returns the clause word lists token t is in (model.wclass),
// looked up once per token and text.
func (d *decider) wordClass(t int) uint16 {
	if c := d.wc[t]; c != 0 {
		return c
	}
	m := d.m.wclass
	if d.m.wclassAcc != nil && d.accentedAt(t) {
		m = d.m.wclassAcc // "è", no "e"
	}
	c := m[string(d.word(t))] | wcKnown
	d.wc[t] = c
	return c
}

// clauseTokens yields the tokens of clause c from token from on, in
// order, past any clause nested in it: "il romeno, che ieri ..., è stato
// tratto in arresto" goes on after its relative clause. It stops at the
// end of the sentence.
func (d *decider) clauseTokens(c int32, from int) iter.Seq[int] {
	return func(yield func(int) bool) {
		if from < 0 || from >= len(d.tx.Tokens) {
			return
		}
		s := d.sentence(from)
		for t := from; t < len(d.tx.Tokens) && d.sentence(t) == s; t++ {
			if d.cl[t] == c && !yield(t) {
				return
			}
		}
	}
}

// accentedAt: token t is written with an accent on its last letter, in a
// language where that tells words apart (lexicon.FinalAccentDistinct).
func (d *decider) accentedAt(t int) bool {
	if !d.m.lx.FinalAccentDistinct {
		return false
	}
	tk := d.tx.Tokens[t]
	return tk.End > tk.Start && accentedEnd(d.text, int(d.tx.Off[tk.End-1]))
}

// coordinatorAt: token t is a coordinator ("und", "e"; not "è") or, with
// conj, a conjunction of lang.tsv.
func (d *decider) coordinatorAt(t int, conj bool) bool {
	return d.wordClass(t)&wcCoordinator != 0 || conj && d.conjunctionAt(t)
}

// conjunctionAt: token t is a conjunction of lang.tsv ("und", "e"; not
// "è").
func (d *decider) conjunctionAt(t int) bool {
	return d.m.lx.Conjunctions[d.tx.Word(t)] && !d.accentedAt(t)
}

// punctBefore returns ';' when a semicolon stands before token t, ','
// for a comma, colon, bracket or dash, and 0 else.
func (d *decider) punctBefore(t int) byte {
	if t == 0 {
		return 0
	}
	_, e := d.tx.Span(t-1, t)
	s, _ := d.tx.Span(t, t+1)
	p := byte(0)
	for i := e; i < s; i++ {
		switch d.text[i] {
		case ';', ':':
			return ';'
		case ',', '(', ')', '[', ']':
			p = ','
		case '-':
			if i > e && d.text[i-1] == ' ' {
				p = ','
			}
		case 0xe2: // "–" and "—" (E2 80 93, E2 80 94)
			if i+2 < s && d.text[i+1] == 0x80 && (d.text[i+2] == 0x93 || d.text[i+2] == 0x94) {
				p = ','
			}
		}
	}
	return p
}

// frameAt returns the index in d.frames of a verb frame starting at token
// t, or -1.
func (d *decider) frameAt(t int) int {
	i, _ := slices.BinarySearchFunc(d.frames, t, func(f hit, t int) int { return f.t0 - t })
	for ; i < len(d.frames) && d.frames[i].t0 == t; i++ {
		if d.frames[i].term.Voice != "noun" {
			return i
		}
	}
	return -1
}

// finiteAt: token t is a finite verb (clause.tsv's list, or a finite
// frame: active, passive or intransitive).
func (d *decider) finiteAt(t int) bool {
	if t >= len(d.tx.Tokens) {
		return false
	}
	if d.wordClass(t)&(wcFinite|wcPassiveAux|wcActiveAux) != 0 {
		return true
	}
	if i := d.frameAt(t); i >= 0 {
		v := d.frames[i].term.Voice
		return v == "active" || v == "passive"
	}
	return false
}

// relativeAt: the relative pronoun at t opens a clause. Where nouns are
// capitalized, "der" before a noun is an article (an apposition: ", der
// Tatverdächtige,").
func (d *decider) relativeAt(t int) bool {
	if !d.m.lx.NounsCapitalized {
		return true
	}
	n := t + 1
	if n >= len(d.tx.Tokens) || d.sentence(n) != d.sentence(t) {
		return true
	}
	return !d.cap(n) && !allDigits(d.tx.Word(n))
}

// subordinatorAt: a subordinating conjunction of one or two words starts
// at t.
func (d *decider) subordinatorAt(t int) bool {
	c := d.wordClass(t)
	if c&wcSubordinator != 0 {
		return true
	}
	if c&wcSubFirst != 0 && t+1 < len(d.tx.Tokens) && d.sentence(t+1) == d.sentence(t) {
		tk0, tk1 := d.tx.Tokens[t], d.tx.Tokens[t+1]
		return d.m.lx.Clause.Subordinators[string(d.tx.Norm[tk0.Start:tk1.End])]
	}
	return false
}

// resetClauses marks every token as not yet segmented (clause -1).
func (d *decider) resetClauses() {
	n := len(d.tx.Tokens)
	if cap(d.cl) < n {
		d.cl = make([]int32, n)
	}
	d.cl = d.cl[:n]
	for i := range d.cl {
		d.cl[i] = -1
	}
	d.clinfo = d.clinfo[:0]
}

// segment cuts the sentence of token t0 into clauses, unless done: d.cl[t]
// is the clause of token t, d.clinfo its description. Only sentences with
// a mention are cut.
func (d *decider) segment(t0 int) {
	if d.cl[t0] >= 0 {
		return
	}
	s := d.sentence(t0)
	for t0 > 0 && d.sentence(t0-1) == s {
		t0--
	}
	n := len(d.tx.Tokens)
	stack := d.clstack[:0]
	newClause := func(t int, ante, coord int32) int32 {
		d.clinfo = append(d.clinfo, clauseInfo{ante: ante, coord: coord, first: int32(t)})
		return int32(len(d.clinfo) - 1)
	}
	cur, prev := int32(-1), int32(-1)
	hasFinite := false
	for t := t0; t < n && d.sentence(t) == s; t++ {
		if t == t0 {
			stack = stack[:0]
			cur = newClause(t, -1, -1)
			prev, hasFinite = cur, d.finiteAt(t)
			d.cl[t] = cur
			continue
		}
		p := d.punctBefore(t)
		wc := d.wordClass(t)
		closed := false
		if p != 0 && len(stack) > 0 {
			// The relative clause ends: the clause around it goes on.
			cur, stack = stack[len(stack)-1], stack[:len(stack)-1]
			closed = true
		}
		switch {
		case p == ';':
			cur = newClause(t, -1, -1)
		case (p != 0 && wc&wcRelative != 0 || wc&wcRelativeBare != 0) && d.relativeAt(t):
			stack = append(stack, cur)
			cur = newClause(t, int32(t-1), -1)
		case p != 0 && t+1 < n && d.sentence(t+1) == d.sentence(t) && d.wordClass(t+1)&wcRelative != 0 && (d.prepBefore(t+1, &d.m.obliquePreps) != "" || d.prepBefore(t+1, &d.m.agentPreps) != ""):
			// ", durch dessen Hintertür", ", con cui": a relative clause
			// opened by a preposition.
			stack = append(stack, cur)
			cur = newClause(t, int32(t-1), -1)
		case d.subordinatorAt(t) && (p != 0 || wc&wcAs == 0):
			cur = newClause(t, -1, -1)
		case wc&wcCoordinator != 0 && d.finiteAt(t+1) && t+1 < n && d.sentence(t+1) == d.sentence(t):
			cur = newClause(t, -1, cur)
		case p != 0 && !closed && d.finiteAt(t) && hasFinite:
			// "Nachdem er ... hatte, schlug er": a comma before a finite
			// verb opens a clause when the clause before has its own
			// finite verb ("Una coppia di svizzeri, in sosta ..., aveva
			// avvisato": no).
			cur = newClause(t, -1, -1)
		}
		if cur != prev {
			hasFinite = false
			prev = cur
		}
		if d.finiteAt(t) {
			hasFinite = true
		}
		d.cl[t] = cur
	}
	d.clstack = stack
}

// isDet: token t is a determiner or article.
func (d *decider) isDet(t int) bool {
	if t < 0 || t >= len(d.tx.Tokens) {
		return false
	}
	return d.wordClass(t)&wcDet != 0
}

// inHit: token t is inside a hit of the given list.
func inHit(hs []hit, t int) bool {
	for i := range hs {
		if hs[i].t0 <= t && t < hs[i].t1 {
			return true
		}
	}
	return false
}

// adjectiveAt: where nouns are capitalized, a lower-case word with an
// adjective ending that is no verb ("syrischer", "23-jährige").
func (d *decider) adjectiveAt(t int) bool {
	if !d.m.lx.NounsCapitalized || d.cap(t) || d.finiteAt(t) || d.frameAt(t) >= 0 {
		return false
	}
	w := d.word(t)
	for _, e := range [][]byte{[]byte("e"), []byte("er"), []byte("en"), []byte("em"), []byte("es")} {
		if bytes.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// phrases is a list of phrases of one or more words, indexed by their
// last word.
// phrases are word sequences looked up by their last word. seen is a
// bitset of the last words' first byte and length (lastKey): most tokens
// are ruled out by it without hashing the word (the lookups before every
// noun phrase were a tenth of the coder's time).
type phrases struct {
	byLast map[string][]string
	seen   [256]uint64
	// accented, when not nil, holds the phrases whose last word is
	// written with a final accent, which match only words written so;
	// the others only words written without (clause.tsv's "è" is a
	// copula, "e" none).
	accented map[string]bool
}

// lastKey is a word's first byte and its length (up to 63), the bit of
// phrases.seen.
func lastKey(w []byte) (int, uint64) {
	if len(w) == 0 {
		return 0, 1
	}
	return int(w[0]), 1 << min(len(w), 63)
}

func newPhrases(list []string) phrases {
	ps := phrases{byLast: map[string][]string{}}
	for _, p := range list {
		last := p[strings.LastIndexByte(p, ' ')+1:]
		ps.byLast[last] = append(ps.byLast[last], p)
		i, bit := lastKey([]byte(last))
		ps.seen[i] |= bit
	}
	return ps
}

// wordFilter is a bitset of words' first byte and length (lastKey): a
// word not in it is in none of the sets it was built from, and is not
// hashed for them. It pays for rare words asked of every token (the
// title cues); frequent ones (determiners) pass it anyway.
type wordFilter [256]uint64

func newWordFilter(set map[string]bool) *wordFilter {
	f := new(wordFilter)
	for w := range set {
		i, bit := lastKey([]byte(w))
		f[i] |= bit
	}
	return f
}

// has reports whether w may be one of the filter's words.
func (f *wordFilter) has(w []byte) bool {
	i, bit := lastKey(w)
	return f[i]&bit != 0
}

// lookup returns the phrases whose last word is w.
func (ps *phrases) lookup(w []byte) []string {
	if i, bit := lastKey(w); ps.seen[i]&bit == 0 {
		return nil
	}
	return ps.byLast[string(w)]
}

// prepBefore matches the words before token t against phrases: the
// phrase that ends right before t, or "".
func (d *decider) prepBefore(t int, ps *phrases) string {
	if t < 1 || t > len(d.tx.Tokens) {
		return ""
	}
	for _, p := range ps.lookup(d.word(t - 1)) {
		k := strings.Count(p, " ") + 1
		if t-k < 0 || t > len(d.tx.Tokens) || d.sentence(t-k) != d.sentence(t-1) || t < len(d.tx.Tokens) && d.sentence(t) != d.sentence(t-1) {
			continue
		}
		a, b := d.tx.Tokens[t-k], d.tx.Tokens[t-1]
		if string(d.tx.Norm[a.Start:b.End]) == p && (ps.accented == nil || ps.accented[p] == d.accentedAt(t-1)) {
			return p
		}
	}
	return ""
}

// nounPhraseOf finds the noun phrase of a mention.
func (d *decider) nounPhraseOf(h hit) nounPhrase {
	np := nounPhrase{start: h.t0, end: h.t1, attr: -1}
	c := d.cl[h.t0]
	from := h.t0
	if h.term != nil && h.term.Kind == lexicon.Country {
		// "ein Mann aus Rumänien": the phrase is the person's.
		for _, cue := range d.cues {
			if cue.t1 == h.t0 && d.cl[cue.t0] == c {
				from = cue.t0
				np.start = from
			}
		}
	}
	if p := d.prepBefore(from, &d.m.partitive); p != "" {
		// "una coppia di svizzeri", "eine Gruppe von Syrern": the group
		// noun and its preposition belong to the phrase.
		from -= strings.Count(p, " ") + 1
		np.start = from
	}
	for q := from - 1; q >= 0 && h.t0-q <= 5 && d.cl[q] == c; q-- {
		w := d.tx.Word(q)
		if fi := d.frameAt(q); fi >= 0 && d.m.lx.NounsCapitalized && !d.cap(q) {
			// "den später identifizierten 44jährigen ungarischen
			// Drogenkurier": a participle used as an adjective, when a
			// determiner opens the phrase before it.
			found := false
			for q2 := q - 1; q2 >= 0 && q-q2 <= 2 && d.cl[q2] == c && !d.cap(q2); q2-- {
				if d.isDet(q2) {
					np.start, np.attr, found = q2, fi, true
					break
				}
			}
			if found {
				break
			}
		}
		if d.isDet(q) {
			np.start = q
			if d.m.lx.Plural[w] || allDigits(w) {
				// "der beiden britischen Staatsbürger"; but a noun before
				// the number is another phrase's ("konnten die Diebe zwei
				// iranischen Touristen ... stehlen").
				if q > 0 && d.cl[q-1] == c && !d.isDet(q-1) && d.m.lx.NounsCapitalized && d.cap(q-1) && !d.sentenceStart(q-1) {
					break
				}
				continue
			}
			break
		}
		if allDigits(w) || d.inAge(q) || inHit(d.persons, q) || d.m.lx.Plural[w] || d.m.lx.Premodifiers[w] || d.m.lx.Clause.NPAdverbs[w] || d.adjectiveAt(q) || d.isCand(q) || q == h.t0-1 && !d.m.lx.NounsCapitalized && d.nounFrameAt(q) >= 0 {
			np.start = q
			continue
		}
		if q == h.t0-1 && d.m.lx.Clause.AdjectiveAfterNoun && q > 0 && d.cl[q-1] == c && d.isDet(q-1) && d.frameAt(q) < 0 {
			// "ai danni di una massaggiatrice cinese": the noun the
			// adjective follows, after its determiner, heads the phrase.
			np.start = q
			continue
		}
		break
	}
	for e := h.t1; e < len(d.tx.Tokens) && e-h.t1 < 3 && d.cl[e] == c && !d.commaBefore(e); e++ {
		if d.m.lx.NounsCapitalized && !d.cap(e) && !d.inAge(e) {
			break // "der 17-Jährige verletzte ...": a verb, not a noun of the phrase
		}
		if d.inAge(e) || inHit(d.persons, e) || d.isCand(e) || d.nounFrameAt(e) >= 0 {
			np.end = e + 1
			continue
		}
		break
	}
	cl := &d.m.lx.Clause
	if head := string(d.word(max(np.start-1, 0))); cl.Order == "case" && np.start > 0 && d.cl[np.start-1] == c && d.isDet(np.start) && (cl.Objective[head] || cl.Nominative[head]) && !cl.Relatives[head] {
		// "zog einem der Japaner die Geldbörse": a partitive phrase
		// takes the case of its head. A relative pronoun is no head
		// ("der Mann, dem der Syrer das Handy entriss").
		np.start--
	}
	// The determiner itself may be a preposition with an article ("dal",
	// "vom"); else the words before it.
	for _, pk := range []struct {
		part    int
		phrases *phrases
	}{{gAgent, &d.m.agentPreps}, {gTarget, &d.m.targetPreps}, {gOblique, &d.m.obliquePreps}} {
		if p := d.prepBefore(np.start+1, pk.phrases); p != "" && d.isDet(np.start) {
			np.part, np.prep = pk.part, p
			break
		}
		if p := d.prepBefore(np.start, pk.phrases); p != "" && d.cl[np.start-1] == c {
			np.part, np.prep = pk.part, p
			break
		}
	}
	if np.part == gNone && np.start > 0 && d.commaBefore(np.start) && d.isDet(np.start) {
		// "von ihrem ehemaligen Lebensgefährten, einem 33-jährigen
		// Ungarn, angegriffen": an apposition is the argument its head is.
		for q := np.start - 1; q >= 0 && np.start-q <= 6 && d.cl[q] == c && (q == np.start-1 || !d.commaBefore(q+1)); q-- {
			if !d.isDet(q) {
				continue
			}
			for _, pk := range []struct {
				part    int
				phrases *phrases
			}{{gAgent, &d.m.agentPreps}, {gTarget, &d.m.targetPreps}} {
				if p := d.prepBefore(q+1, pk.phrases); p != "" {
					np.part, np.prep = pk.part, p
				} else if p := d.prepBefore(q, pk.phrases); p != "" && d.cl[q-1] == c {
					np.part, np.prep = pk.part, p
				}
			}
			break
		}
	}
	if np.part == gNone && cl.GenitiveAfterNoun[string(d.word(np.start))] && np.start > 0 && d.cl[np.start-1] == c && d.cap(np.start-1) && !d.isDet(np.start-1) && !d.commaBefore(np.start) {
		// "die Personalien der beiden britischen Staatsbürger": a
		// genitive attribute, no argument of the verb.
		np.part, np.prep = gOblique, "(genitive)"
	}
	if cl.Order == "case" {
		w := string(d.word(np.start))
		switch {
		case cl.Nominative[w]:
			np.cas = caseNom
			if cl.ObliqueAfter[w] && d.obliqueEnding(np.start+1, h.t1) {
				np.cas = caseObj
			}
		case cl.Objective[w]:
			np.cas = caseObj
		case cl.ObliqueAfter[w] && d.obliqueEnding(np.start+1, h.t1):
			np.cas = caseObj
		}
	}
	return np
}

// obliqueEnding: the first word in [a, b) that is not a number ends in an
// oblique ending ("der 23-jährigen Syrerin").
func (d *decider) obliqueEnding(a, b int) bool {
	for t := a; t < b && t < len(d.tx.Tokens); t++ {
		w := d.word(t)
		if allDigits(string(w)) {
			continue
		}
		for _, e := range d.m.lx.Clause.ObliqueEndings {
			if bytes.HasSuffix(w, []byte(e)) {
				return true
			}
		}
		return false
	}
	return false
}

// isCand: a nationality, status or appearance candidate covers token t.
func (d *decider) isCand(t int) bool { return inHit(d.cands, t) }

// nounFrameAt returns the index of a role-noun frame covering token t, or
// -1.
func (d *decider) nounFrameAt(t int) int {
	for i := range d.frames {
		f := &d.frames[i]
		if f.term.Voice == "noun" && f.t0 <= t && t < f.t1 && d.cl[f.t0] >= 0 && !d.frameOff(f) {
			return i
		}
	}
	return -1
}

// frameOff: a frame that does not count where it stands: a capitalized
// word in a language whose nouns are lower case (a name: "Mortillaro"),
// quoted, after "laut", a separable verb without its particle.
func (d *decider) frameOff(f *hit) bool {
	if d.nameCue(f) || d.quoted(f) || d.voided(f) {
		return true
	}
	if f.term.Voice != "noun" && d.m.lx.NounsCapitalized && d.cap(f.t0) && !d.sentenceStart(f.t0) {
		// "an den Überfällen beteiligt": a capitalized word inside a
		// sentence is a noun, not the participle "überfallen".
		return true
	}
	if f.term.Voice == "noun" && d.m.lx.NounsCapitalized && !d.cap(f.t0) {
		// "tatverdächtig" as an adjective is a noun frame only before
		// the noun it describes, in the noun phrase.
		return false
	}
	if p := f.term.Particle; p != "" {
		c := d.cl[f.t0]
		for t := f.t1; t < len(d.tx.Tokens) && d.cl[t] == c; t++ {
			if string(d.word(t)) == p && (t+1 == len(d.tx.Tokens) || d.cl[t+1] != c || d.punctBefore(t+1) != 0 || d.coordinatorAt(t+1, false)) {
				return false // the particle ends the clause
			}
		}
		return true
	}
	return false
}

// roleOfFrame maps a frame's role to a mention's role.
func roleOfFrame(r string) string {
	if r == "police" {
		return "other"
	}
	return r
}

// clauseAnswer is the clause model's role for a mention and why.
type clauseAnswer struct {
	role   string
	cue    *hit
	reason string
}

// clauseRole decides a mention's role from its clause, or returns false.
func (d *decider) clauseRole(h hit) (clauseAnswer, bool) { return d.clauseRoleDepth(h, 0) }

// ownerOf: the mention names a citizenship ("mit deutscher
// Staatsangehörigkeit", "di nazionalità tunisina"): the head token of the
// noun phrase before the preposition, whose citizenship it is, or -1.
func (d *decider) ownerOf(h hit, np nounPhrase) int {
	cl := &d.m.lx.Clause
	start := -1
	switch {
	case np.end < len(d.tx.Tokens) && cl.Possession[string(d.word(np.end))]:
		start = np.start
	case h.t1 < len(d.tx.Tokens) && cl.Possession[string(d.word(h.t1))]:
		start = np.start
	case h.t0 > 0 && cl.Possession[string(d.word(h.t0-1))]:
		start = h.t0 - 1
	default:
		return -1
	}
	if start < 2 || d.cl[start-1] != d.cl[h.t0] || !cl.PossessionPreps[string(d.word(start-1))] {
		return -1
	}
	o := start - 2
	if d.cl[o] != d.cl[h.t0] || d.commaBefore(start-1) && !d.inAge(o) && !inHit(d.persons, o) && !d.cap(o) {
		return -1
	}
	return o
}

func (d *decider) clauseRoleDepth(h hit, depth int) (clauseAnswer, bool) {
	d.segment(h.t0)
	np := d.nounPhraseOf(h)
	c := d.cl[h.t0]
	cl := &d.m.lx.Clause
	if depth == 0 {
		if o := d.ownerOf(h, np); o >= 0 {
			// The citizenship of the person before "mit"/"di": that
			// person's role.
			if a, ok := d.clauseRoleDepth(hit{t0: o, t1: o + 1}, depth+1); ok {
				a.reason = "citizenship of \"" + d.cueText(&hit{t0: o, t1: o + 1}) + "\", " + a.reason
				return a, true
			}
			return clauseAnswer{}, false
		}
	}
	// A role noun in the noun phrase: "der syrische Tatverdächtige", "la
	// vittima, un tunisino".
	for t := np.start; t < np.end; t++ {
		if t >= h.t0 && t < h.t1 {
			continue
		}
		if i := d.nounFrameAt(t); i >= 0 {
			f := &d.frames[i]
			if f.term.Subj != "suspect" {
				if g := d.suspectSubjectOf(np, c); g != nil {
					// "Paret varav mannen/misstänkt söks är även de
					// utländska turister": the predicate is the suspects'.
					return clauseAnswer{"suspect", g, "predicate of a copula whose subject is \"" + d.cueText(g) + "\""}, true
				}
			}
			return clauseAnswer{roleOfFrame(f.term.Subj), f, "role noun \"" + d.cueText(f) + "\" in the noun phrase"}, true
		}
	}
	if np.attr >= 0 {
		f := &d.frames[np.attr]
		role := f.term.Subj
		if f.term.Voice == "active" {
			role = f.term.Obj
		}
		if role != "" {
			return clauseAnswer{roleOfFrame(role), f, "described by the participle \"" + d.cueText(f) + "\""}, true
		}
	}
	if a, ok := d.nominalRole(np); ok {
		return a, true
	}
	// A crime noun and its preposition right before the phrase name its
	// victim: "l'omicidio di ...", "Mord an ...", "murder of ...".
	if np.start > 0 {
		for i := range d.frames {
			f := &d.frames[i]
			if f.term.Voice == "noun" && f.t1 == np.start && strings.Contains(f.term.Form, " ") && d.cl[f.t0] == c && !d.frameOff(f) {
				return clauseAnswer{roleOfFrame(f.term.Subj), f, "named after \"" + d.cueText(f) + "\""}, true
			}
		}
	}
	// Apposition: "dem mutmaßlichen Täter, einem 23-jährigen Deutschen";
	// "ein 23-jähriger Syrer, der Tatverdächtige,".
	if np.start > 0 && d.punctBefore(np.start) == ',' && d.sentence(np.start-1) == d.sentence(np.start) {
		// (a bracket too: "Die drei Täter (ein Südländer, ...)")
		if i := d.nounFrameAt(np.start - 1); i >= 0 && np.part == gNone {
			f := &d.frames[i]
			return clauseAnswer{roleOfFrame(f.term.Subj), f, "apposition to the role noun \"" + d.cueText(f) + "\""}, true
		}
	}
	if np.end < len(d.tx.Tokens) && d.commaBefore(np.end) && d.sentence(np.end) == d.sentence(h.t0) && d.isDet(np.end) && !(d.m.lx.Clause.Relatives[string(d.word(np.end))] && d.relativeAt(np.end)) {
		for t := np.end + 1; t < len(d.tx.Tokens) && t-np.end <= 3 && d.sentence(t) == d.sentence(h.t0) && !d.commaBefore(t); t++ {
			if i := d.nounFrameAt(t); i >= 0 {
				f := &d.frames[i]
				if e := f.t1; e < len(d.tx.Tokens) && d.sentence(e) == d.sentence(h.t0) && d.punctBefore(e) == 0 {
					break // no closing comma: not an apposition ("Aware of ..., the defendant threatened")
				}
				return clauseAnswer{roleOfFrame(f.term.Subj), f, "the role noun \"" + d.cueText(f) + "\" in apposition"}, true
			}
		}
	}
	// A copula or identity phrase with a role noun: "Der Täter ist ein
	// 23-jähriger Syrer", "Bei dem Opfer handelt es sich um einen
	// 40-jährigen Deutschen"; "als Tatverdächtiger wurde ein Syrer
	// ermittelt".
	copula, copulaText := "", "" // the phrase folded, and as written ("è", not "e")
	for t := range d.clauseTokens(c, int(d.clinfo[c].first)) {
		if p := d.prepBefore(t+1, &d.m.copulas); p != "" && copula == "" && !d.participleAt(t+1) {
			copula = p
			k := strings.Count(p, " ") + 1
			a, b := d.tx.Span(t+1-k, t+1)
			copulaText = d.text[a:b]
		}
	}
	predicate := np.part == gNone || copula != "" && strings.HasSuffix(copula, np.prep) && d.prepBefore(np.start, &d.m.copulas) != "" || np.part == gOblique && d.prepBefore(np.start, &d.m.copulas) != ""
	if (np.part == gOblique && cl.IdentityLinks[np.prep] || np.part == gNone && d.identityLinkBefore(np.start, c)) && d.identityClause(c) {
		// "Bei dem Täter soll es sich laut der Geschädigten um einen ...
		// Türken gehandelt haben": the identity phrase split by other words.
		predicate = true
		if copula == "" {
			copula, copulaText = "es sich um", "es sich um"
		}
	}
	asAt := -1 // "Der Täter wurde als etwa 20jähriger Deutscher beschrieben"
	for q := np.start - 1; q >= int(d.clinfo[c].first) && np.start-q <= 3 && np.part == gNone; q-- {
		if cl.As[string(d.word(q))] {
			asAt = q
			break
		}
		if d.commaBefore(q+1) || d.isDet(q) || d.cap(q) && d.m.lx.NounsCapitalized {
			break
		}
	}
	described, describedObj := d.describedAs(c, asAt, np)
	for i := range d.frames {
		f := &d.frames[i]
		if d.cl[f.t0] != c || f.term.Voice != "noun" || f.t0 >= np.start && f.t0 < np.end || d.frameOff(f) {
			continue
		}
		as := f.t0 > 0 && cl.As[string(d.word(f.t0-1))] && d.cl[f.t0-1] == c
		if as && np.part == gNone && np.cas != caseObj && f.t0 < np.start {
			return clauseAnswer{roleOfFrame(f.term.Subj), f, "the clause names its subject \"" + d.tx.Word(f.t0-1) + " " + d.cueText(f) + "\""}, true
		}
		if as && np.part == gNone && f.t0 >= np.end && f.t0-np.end <= 3 {
			// "benannten einen 25jährigen Spanier als weiteren Mittäter".
			return clauseAnswer{roleOfFrame(f.term.Subj), f, "named \"" + d.tx.Word(f.t0-1) + " " + d.cueText(f) + "\""}, true
		}
		if i == described && describedObj {
			return clauseAnswer{roleOfFrame(f.term.Subj), f, "described \"" + d.tx.Word(asAt) + "\" … as the clause's object \"" + d.cueText(f) + "\""}, true
		}
		if i == described {
			return clauseAnswer{roleOfFrame(f.term.Subj), f, "described \"" + d.tx.Word(asAt) + "\" … by the clause whose subject is \"" + d.cueText(f) + "\""}, true
		}
		if copula != "" && predicate && !d.objectOfPrep(f) && !d.clauseHasVerb(c) && d.nominalRoleNoun(f) {
			return clauseAnswer{roleOfFrame(f.term.Subj), f, "predicate of \"" + copulaText + "\" with the role noun \"" + d.cueText(f) + "\""}, true
		}
	}
	// Verbs.
	var best clauseAnswer
	bestDist := 1 << 30
	consider := func(f *hit, inherited bool) {
		slot, voice := d.slot(np, f)
		if inherited && slot != gSubj {
			return
		}
		role := ""
		switch {
		case voice == "active" && slot == gSubj:
			role = f.term.Subj
		case voice == "active" && slot == gObj:
			role = f.term.Obj
		case voice == "pactive" && slot == gSubj:
			role = f.term.Agent
		case voice == "pactive" && slot == gObj:
			role = f.term.Subj
		case (voice == "passive" || voice == "intrans") && slot == gSubj:
			role = f.term.Subj
		case voice == "passive" && slot == gAgent:
			role = f.term.Agent
		}
		if role == "" {
			return
		}
		if slot == gSubj && (voice == "passive" || voice == "intrans") && d.otherGenderParticiple(np, f) {
			return
		}
		force, arrest := false, false
		if role == "victim" && slot == gSubj && voice == "passive" && f.term.Agent == "suspect" && d.agentIsForce(d.cl[f.t0]) {
			// "Zwei Palästinenser sind ... von der Armee erschossen
			// worden": the police and armed forces act on suspects.
			role, force = "suspect", true
		}
		if role == "victim" && slot == gSubj && (voice == "passive" || voice == "intrans") && d.arrestContext(d.cl[f.t0]) {
			// "Bei der Festnahme wurde der 36-Jährige leicht verletzt":
			// injured at his own arrest.
			role, arrest = "suspect", true
		}
		dist := abs(f.t0 - h.t0)
		if dist >= bestDist {
			return
		}
		bestDist = dist
		what := map[int]string{gSubj: "subject", gObj: "object", gAgent: "agent"}[slot]
		v := voice
		if v == "pactive" {
			v = "active"
		}
		if v == "intrans" {
			v = "intransitive"
		}
		best = clauseAnswer{roleOfFrame(role), f, what + " of " + v + " \"" + d.cueText(f) + "\""}
		if inherited {
			best.reason += " (coordinated clause)"
		}
		if force {
			best.reason += ", whose agent is the police or armed forces"
		}
		if arrest {
			best.reason += ", injured at an arrest"
		}
	}
	for i := range d.frames {
		f := &d.frames[i]
		if fc := d.cl[f.t0]; fc != c && (fc < 0 || d.clinfo[fc].coord != c) || f.term.Voice == "noun" || d.frameOff(f) || f.t0 < np.end && f.t1 > np.start {
			continue
		}
		switch fc := d.cl[f.t0]; {
		case fc == c:
			consider(f, false)
		case d.clinfo[fc].coord == c:
			consider(f, true)
		}
	}
	if best.role != "" {
		return best, true
	}
	if np.part == gTarget {
		if q := d.inquiryInClause(c); q != nil {
			return clauseAnswer{"suspect", q, "target of the inquiry \"" + d.cueText(q) + "\""}, true
		}
	}
	if depth == 0 && np.end < len(d.tx.Tokens) && d.sentence(np.end) == d.sentence(h.t0) {
		if rc := d.cl[np.end]; rc != c && rc >= 0 && int(d.clinfo[rc].ante) == np.end-1 {
			// "la ragazza ucraina che Esposito avrebbe tentato di rapire":
			// the relative pronoun stands for the phrase.
			p := int(d.clinfo[rc].first)
			if d.prepBefore(p+1, &d.m.obliquePreps) != "" || d.prepBefore(p+1, &d.m.agentPreps) != "" {
				p = -1 // a pronoun after a preposition is no argument
			}
			if p >= 0 {
				if ans, ok := d.clauseRoleDepth(hit{t0: p, t1: p + 1}, depth+1); ok {
					ans.reason = "taken up by the relative pronoun \"" + d.tx.Word(p) + "\": " + ans.reason
					return ans, true
				}
			}
		}
	}
	if p := d.conjunctBefore(np, c); p != nil {
		// "um acht Bosnier im Alter zwischen 24 und 39 Jahren, einen
		// 26jährigen Kroaten ... und einen 22 Jahre alten Deutschen": a
		// conjunct of a list has the role of the one before it.
		if ans, ok := d.clauseRoleDepth(*p, depth); ok {
			ans.reason = "listed after \"" + d.cueText(p) + "\": " + ans.reason
			return ans, true
		}
	}
	if a := d.clinfo[c].ante; a >= 0 && depth == 0 && copula != "" && predicate {
		// "De båda männen, som visar sig vara utländska medborgare,
		// grips": the predicate of a relative clause is its antecedent's;
		// "the defendant, who is Polish": the antecedent's own role noun
		// says whose, when the copula stands right before the predicate.
		if d.prepBefore(np.start, &d.m.copulas) != "" {
			for i := range d.frames {
				if f := &d.frames[i]; f.term.Voice == "noun" && f.t0 <= int(a) && int(a) < f.t1 && !d.frameOff(f) {
					return clauseAnswer{roleOfFrame(f.term.Subj), f, "said of the role noun \"" + d.cueText(f) + "\" in a relative clause"}, true
				}
			}
		}
		if ans, ok := d.clauseRoleDepth(hit{t0: int(a), t1: int(a) + 1}, depth+1); ok {
			ans.reason = "said of \"" + d.cueText(&hit{t0: int(a), t1: int(a) + 1}) + "\" in a relative clause, " + ans.reason
			return ans, true
		}
	}
	return clauseAnswer{}, false
}

// nominalRole: the phrase is the complement of an action noun: in the
// genitive or after a link word ("die Festnahme eines 25-jährigen
// Algeriers", "die Festnahme von zwei Syrern", "l'arresto di un
// tunisino", "the arrest of a Mexican national", "gripandet av en man")
// it takes the noun's Subj role; after a target preposition ("Anzeige
// gegen einen Syrer", "charges against") its Obj role.
func (d *decider) nominalRole(np nounPhrase) (clauseAnswer, bool) {
	if len(d.nominals) == 0 || np.start == 0 {
		return clauseAnswer{}, false
	}
	cl := &d.m.lx.Clause
	s := np.start
	w := string(d.word(s))
	end, target := -1, false
	switch {
	case np.part == gTarget:
		if p := d.prepBefore(s, &d.m.targetPreps); p != "" {
			end, target = s-strings.Count(p, " ")-1, true
		}
	case cl.NominalLinks[string(d.word(s-1))]:
		end = s - 1
	case cl.NominalLinks[w] && d.isDet(s):
		end = s // "dell'arrestato", "del tunisino": link and article in one
	case cl.GenitiveAfterNoun[w] && d.cap(s-1):
		end = s
	}
	if end <= 0 {
		return clauseAnswer{}, false
	}
	for i := range d.nominals {
		f := &d.nominals[i]
		if f.t1 != end || d.sentence(f.t0) != d.sentence(s) || d.quoted(f) || d.voided(f) {
			continue
		}
		role, how := f.term.Subj, "complement of"
		if target {
			role, how = f.term.Obj, "target of"
		}
		if role == "" {
			return clauseAnswer{}, false
		}
		return clauseAnswer{roleOfFrame(role), f, how + " the action noun \"" + d.cueText(f) + "\""}, true
	}
	return clauseAnswer{}, false
}

// identityClause: clause c holds an identity verb and its reflexive
// ("handelt ... sich", "si tratta").
func (d *decider) identityClause(c int32) bool {
	cl := &d.m.lx.Clause
	if len(cl.IdentityVerbs) == 0 {
		return false
	}
	verb, refl := false, false
	for t := range d.clauseTokens(c, int(d.clinfo[c].first)) {
		w := string(d.word(t))
		verb = verb || cl.IdentityVerbs[w]
		refl = refl || w == cl.IdentityReflexive
	}
	return verb && refl
}

// identityLinkBefore: an identity link ("um") stands before token t in
// clause c, with no verb, comma or other person between ("um einen etwa 175 cm
// großen und ca. 20 Jahre alten Türken").
func (d *decider) identityLinkBefore(t int, c int32) bool {
	for q := t - 1; q >= int(d.clinfo[c].first) && t-q <= 12; q-- {
		if d.m.lx.Clause.IdentityLinks[string(d.word(q))] {
			return true
		}
		if d.finiteAt(q) || d.commaBefore(q+1) || d.isCand(q) || d.nounFrameAt(q) >= 0 {
			return false
		}
	}
	return false
}

// conjunctBefore: the phrase follows another mention of its clause in a
// list, joined by a comma or a conjunction with no verb between; it
// returns that mention, or nil.
func (d *decider) conjunctBefore(np nounPhrase, c int32) *hit {
	if np.start == 0 || np.part != gNone && np.part != gOblique {
		return nil
	}
	s := np.start
	if d.coordinatorAt(s-1, true) {
		s--
	} else if !d.commaBefore(s) {
		return nil
	}
	var prev *hit
	for i := range d.cands {
		h := &d.cands[i]
		if h.t1 > s || h.t1 < s-8 || d.cl[h.t0] != c {
			continue
		}
		if prev == nil || h.t0 > prev.t0 {
			prev = h
		}
	}
	if prev == nil {
		return nil
	}
	for t := prev.t1; t < s; t++ {
		if d.finiteAt(t) || d.frameAt(t) >= 0 || d.nounFrameAt(t) >= 0 {
			return nil
		}
	}
	if pp := d.nounPhraseOf(*prev); pp.part != np.part && np.part != gNone {
		return nil
	}
	return prev
}

// objectOfPrep: the role noun stands in a prepositional phrase that is
// not an identity phrase ("auf den Täter").
func (d *decider) objectOfPrep(f *hit) bool {
	s := f.t0
	for q := f.t0 - 1; q >= 0 && f.t0-q <= 4 && d.cl[q] == d.cl[f.t0]; q-- {
		if d.isDet(q) || d.adjectiveAt(q) || allDigits(d.tx.Word(q)) || d.inAge(q) {
			s = q
			continue
		}
		break
	}
	for _, ps := range []*phrases{&d.m.agentPreps, &d.m.targetPreps, &d.m.obliquePreps} {
		if p := d.prepBefore(s, ps); p != "" && !d.m.lx.Clause.IdentityPreps[p] {
			return true
		}
		if p := d.prepBefore(s+1, ps); p != "" && d.isDet(s) && !d.m.lx.Clause.IdentityPreps[p] {
			return true
		}
	}
	return false
}

// clauseHasVerb: a verb frame (not a role noun) counts in clause c.
func (d *decider) clauseHasVerb(c int32) bool {
	for i := range d.frames {
		f := &d.frames[i]
		if d.cl[f.t0] == c && f.term.Voice != "noun" && !d.frameOff(f) {
			return true
		}
	}
	return false
}

// inquiryInClause returns an inquiry cue of clause c, or nil.
func (d *decider) inquiryInClause(c int32) *hit {
	for i := range d.roles {
		r := &d.roles[i]
		if r.term.Role == "inquiry" && d.cl[r.t0] == c {
			return r
		}
	}
	return nil
}

// reflexiveBefore: a reflexive clitic stands right before the participle
// at t or before its auxiliary ("si è fermato", "si era fermato").
func (d *decider) reflexiveBefore(t int) bool {
	rc := d.m.lx.Clause.ReflexiveClitics
	if len(rc) == 0 || t < 1 {
		return false
	}
	if rc[string(d.word(t-1))] {
		return true
	}
	return t >= 2 && d.wordClass(t-1)&(wcFinite|wcPassiveAux|wcActiveAux) != 0 && rc[string(d.word(t-2))]
}

// slot returns the grammatical part of a noun phrase for a verb frame and
// the verb's voice: "active", "passive", "intrans", "pactive" (a
// participle with an active auxiliary: "hat ... festgenommen") or
// "reflexive" (a participle after a reflexive clitic, which fills no
// part: "si era fermato").
func (d *decider) slot(np nounPhrase, f *hit) (int, string) {
	cl := &d.m.lx.Clause
	voice := f.term.Voice
	c := d.cl[f.t0]
	if voice == "participle" && cl.Order == "svo" && np.end == f.t0 && np.part == gNone {
		// "hanno arrestato due tunisini accusati di rapina", "a man
		// wanted for murder": a participle right after the phrase is
		// its attribute, passive whatever auxiliary the clause has.
		return gSubj, "passive"
	}
	if voice == "participle" && d.reflexiveBefore(f.t0) {
		// "si era fermato", "si sono picchiati": the participle of a
		// reflexive or reciprocal verb says nothing of who did what to
		// whom.
		return gNone, "reflexive"
	}
	if voice == "participle" {
		voice = "passive"
		first := int(d.clinfo[c].first)
		nearest := ""
		if cl.Order == "svo" {
			// The auxiliary nearest before the participle decides:
			// "il moldavo che aveva colpito una donna è stato
			// arrestato" ("aveva colpito" active, "stato arrestato"
			// passive).
			for t := f.t0 - 1; t >= first; t-- {
				if d.cl[t] != c {
					continue
				}
				if w := string(d.word(t)); cl.PassiveAux[w] {
					nearest = "passive"
					break
				} else if cl.ActiveAux[w] {
					nearest = "pactive"
					break
				}
			}
		}
		if nearest != "" {
			voice = nearest
		} else {
			// No auxiliary before it: any passive one in the clause makes
			// it passive, else an active one active.
			for t := range d.clauseTokens(c, first) {
				w := string(d.word(t))
				if cl.PassiveAux[w] {
					voice = "passive"
					break
				}
				if cl.ActiveAux[w] {
					voice = "pactive"
				}
			}
		}
		if voice == "passive" && cl.Order == "svo" && len(cl.PassiveAux) > 0 && !d.auxInClause(c, cl.PassiveAux) && d.objectAfter(f) {
			// "Police arrested a Mexican national": a participle form
			// with no auxiliary and a noun phrase after it is active.
			voice = "pactive"
		}
	}
	switch np.part {
	case gAgent:
		if voice == "passive" && (cl.Order != "svo" || np.start > f.t0) {
			// In a language of order svo the agent follows its verb:
			// "Il gruppo, composto da cittadini moldavi, è stato
			// sorpreso" has none.
			return gAgent, voice
		}
		return gNone, voice
	case gTarget, gOblique:
		if (voice == "active" || voice == "pactive") && cl.ObjectPreps[np.prep] && cl.ObjectPrepVerbs[string(d.word(f.t0))] && np.cas != caseNom {
			// "stach der 28-Jährige auf den 40-Jährigen ein": the
			// person a blow or shot is aimed at is its object.
			return gObj, voice
		}
		return gNone, voice
	}
	switch voice {
	case "passive", "intrans":
		if np.cas == caseObj || !cl.Inversion && np.start > f.t0 {
			return gNone, voice
		}
		return gSubj, voice
	}
	// Active: the case, else the place before or after the verb.
	if voice == "active" && np.start < f.t0 && np.cas != caseObj && d.severalBefore(np) && d.singularFinite(f.t0) {
		// "Fünf Nordafrikaner ... nahm die Polizei ... fest": several
		// persons cannot be the subject of a singular verb.
		return gObj, voice
	}
	if np.cas == caseNom {
		return gSubj, voice
	}
	if np.cas == caseObj {
		return gObj, voice
	}
	if np.start < f.t0 {
		if cl.Order == "case" && d.argumentBefore(np.start, c) {
			return gObj, voice
		}
		if cl.Order == "svo" && d.clinfo[c].ante >= 0 && np.start == int(d.clinfo[c].first) && d.subjectBetween(np.end, f.t0) {
			// "che Esposito avrebbe tentato di rapire": another noun
			// phrase between the relative pronoun and the verb is the
			// subject, the pronoun the object.
			return gObj, voice
		}
		return gSubj, voice
	}
	if cl.Order == "case" {
		if d.argumentBefore(np.start, c) || d.subjectBefore(f.t0, c) || d.policeBetween(f.t0, np.start, c) {
			return gObj, voice
		}
		return gSubj, voice
	}
	return gObj, voice
}

// policeBetween: a police word or a suspect's role noun with no
// preposition stands in clause c between the verb at f and a phrase at t
// ("nahmen Polizeibeamte zwei Rumänen fest", "griffen unbekannte Täter
// zwei Ukrainerinnen an"): they are the subject, the phrase after them
// the object. With no case to tell them apart, the
// subject comes first after the verb.
func (d *decider) policeBetween(f, t int, c int32) bool {
	for i := range d.roles {
		r := &d.roles[i]
		if r.term.Role != "police" || r.t0 <= f || r.t1 > t || d.cl[r.t0] != c {
			continue
		}
		if d.afterPrep(r.t0) {
			continue
		}
		return true
	}
	for i := range d.frames {
		// "griffen bislang unbekannte Täter zwei Ukrainerinnen an": a
		// suspect's role noun after the verb is its subject.
		r := &d.frames[i]
		if r.term.Voice != "noun" || r.term.Subj != "suspect" || r.t0 <= f || r.t1 > t || d.cl[r.t0] != c {
			continue
		}
		if d.afterPrep(r.t0) {
			continue
		}
		return true
	}
	return false
}

// afterPrep: a preposition (oblique, agent or target) ends right before
// token t.
func (d *decider) afterPrep(t int) bool {
	return d.prepBefore(t, &d.m.obliquePreps) != "" || d.prepBefore(t, &d.m.agentPreps) != "" || d.prepBefore(t, &d.m.targetPreps) != ""
}

// severalBefore: np opens with a number above one or a word of several
// persons (lang.tsv plural: "zwei", "mehrere", "beide").
func (d *decider) severalBefore(np nounPhrase) bool {
	w := d.tx.Word(np.start)
	if d.m.lx.Plural[w] {
		return true
	}
	if allDigits(w) {
		n, err := strconv.Atoi(w)
		return err == nil && n > 1
	}
	return false
}

// singularFinite: the word at t is a finite verb that is not plural
// (clause.tsv plural_finite); false where the language lists no plural
// endings.
func (d *decider) singularFinite(t int) bool {
	pl := d.m.lx.Clause.PluralFinite
	if len(pl) == 0 || !d.finiteAt(t) {
		return false
	}
	w := d.tx.Word(t)
	for _, e := range pl {
		if strings.HasSuffix(w, e) {
			return false
		}
	}
	return true
}

// auxInClause: a word of set stands in clause c.
func (d *decider) auxInClause(c int32, set map[string]bool) bool {
	for t := range d.clauseTokens(c, int(d.clinfo[c].first)) {
		if set[string(d.word(t))] {
			return true
		}
	}
	return false
}

// objectAfter: a noun phrase starts right after the frame.
func (d *decider) objectAfter(f *hit) bool {
	t := f.t1
	if t >= len(d.tx.Tokens) || d.cl[t] != d.cl[f.t0] {
		return false
	}
	if d.prepBefore(t+1, &d.m.agentPreps) != "" {
		return false // "arrestati dai Carabinieri": "dai" is an agent's preposition, no article
	}
	if d.prepBefore(t+1, &d.m.obliquePreps) != "" && !d.m.lx.Clause.ObjectArticles[d.tx.Word(t)] {
		return false // "colpita nel sonno": "nel" opens a prepositional phrase, no object
	}
	return d.isDet(t) || allDigits(d.tx.Word(t)) || d.isCand(t) || d.m.lx.Plural[d.tx.Word(t)]
}

// argumentBefore: where case is not marked ("die"), a noun phrase that
// stands before token t in clause c, outside a prepositional phrase and
// not objective, is the subject, so the one at t is the object ("sollen
// die beiden Männer die beiden Inder beleidigt haben", "der die Frau
// geschlagen hatte").
func (d *decider) argumentBefore(t int, c int32) bool {
	cl := &d.m.lx.Clause
	// "Der 21-Jährige und sein 18-jähriger Begleiter sollen Gäste
	// beleidigt haben": the phrase joined to this one by a conjunction is
	// its conjunct, not another argument.
	conjunct := -1
	if t > 1 && d.conjunctionAt(t-1) && d.isDet(t) && !allDigits(d.tx.Word(t-2)) && (!d.m.lx.NounsCapitalized || d.cap(t-2)) {
		conjunct = t - 1
		for q := t - 2; q >= int(d.clinfo[c].first) && t-q <= 8; q-- {
			if d.finiteAt(q) || d.frameAt(q) >= 0 || d.commaBefore(q+1) {
				break
			}
			conjunct = q
		}
	}
	for q := int(d.clinfo[c].first); q < t; q++ {
		if d.cl[q] != c || !d.isDet(q) || cl.Objective[string(d.word(q))] || conjunct >= 0 && q >= conjunct {
			continue
		}
		if q > 0 && d.cl[q-1] == c && (d.prepBefore(q, &d.m.obliquePreps) != "" || d.prepBefore(q, &d.m.agentPreps) != "" || d.prepBefore(q, &d.m.targetPreps) != "") {
			continue
		}
		if cl.Nominative[string(d.word(q))] && cl.ObliqueAfter[string(d.word(q))] && d.obliqueEnding(q+1, q+3) {
			continue
		}
		if cl.GenitiveAfterNoun[string(d.word(q))] && q > 0 && d.cl[q-1] == c && d.cap(q-1) && !d.isDet(q-1) {
			continue
		}
		return true
	}
	return false
}

// suspectSubjectOf: np is the predicate of a copula (at most two words
// between them) whose subject, before the copula in clause c, holds a
// suspect noun; it returns that noun's frame.
func (d *decider) suspectSubjectOf(np nounPhrase, c int32) *hit {
	if c < 0 || np.part != gNone {
		return nil
	}
	first := int(d.clinfo[c].first)
	cop := -1
	for t := np.start; t > first && np.start-t <= 3; t-- {
		if d.prepBefore(t, &d.m.copulas) != "" {
			cop = t
			break
		}
	}
	if cop < 0 {
		return nil
	}
	for i := range d.frames {
		f := &d.frames[i]
		if f.term.Voice == "noun" && f.term.Subj == "suspect" && f.t0 >= first && f.t1 < cop && d.cl[f.t0] == c && !d.frameOff(f) {
			return f
		}
	}
	return nil
}

// arrestContext: clause c names an arrest ("bei der Festnahme").
func (d *decider) arrestContext(c int32) bool {
	cl := &d.m.lx.Clause
	if c < 0 || len(cl.ArrestContext) == 0 {
		return false
	}
	for t := range d.clauseTokens(c, int(d.clinfo[c].first)) {
		if cl.ArrestContext[string(d.word(t))] {
			return true
		}
	}
	return false
}

// agentIsForce: an agent phrase of clause c names the police or armed
// forces ("von der Armee erschossen").
func (d *decider) agentIsForce(c int32) bool {
	cl := &d.m.lx.Clause
	for t := range d.clauseTokens(c, int(d.clinfo[c].first)) {
		if !cl.Forces[string(d.word(t))] {
			continue
		}
		for q := t - 1; q >= 0 && t-q <= 3 && d.cl[q] == c; q-- {
			if d.prepBefore(q+1, &d.m.agentPreps) != "" {
				return true
			}
		}
	}
	return false
}

// subjectBefore: the clause opens with a noun phrase (a capitalized word
// or a determiner) before the verb at t: that is the subject, in a
// verb-second clause.
func (d *decider) subjectBefore(t int, c int32) bool {
	first := int(d.clinfo[c].first)
	if first >= t {
		return false
	}
	if d.wordClass(first)&(wcSubordinator|wcRelative|wcCoordinator) != 0 {
		return false
	}
	if d.prepBefore(first+1, &d.m.obliquePreps) != "" || d.prepBefore(first+1, &d.m.agentPreps) != "" {
		return false
	}
	if d.isDet(first) {
		return true
	}
	for i := range d.roles {
		if r := &d.roles[i]; r.term.Role == "police" && r.t0 == first {
			return true
		}
	}
	return false
}

// cueText is the original text of a hit.
func (d *decider) cueText(h *hit) string {
	s, e := d.tx.Span(h.t0, h.t1)
	return d.text[s:e]
}

// maximalFrames drops frames inside a longer frame ("verletzt" in
// "leicht verletzt"). The hits come sorted by start, longer first.
func maximalFrames(fs []hit) []hit {
	out := fs[:0]
	start, end := -1, -1
	for _, f := range fs {
		if f.t1 <= end && (f.t0 != start || f.t1 != end) {
			continue
		}
		start, end = f.t0, f.t1
		out = append(out, f)
	}
	return out
}

// ownNoun: the cue is a role noun of its own noun phrase, not after "als"
// ("Die Polizei sucht Zeugen"): in the next sentence it names another
// person, not the one named before ("Drei Türkinnen, keine nähere
// Beschreibung").
func (d *decider) ownNoun(r *hit) bool {
	if len(d.cl) != len(d.tx.Tokens) {
		return false
	}
	for i := range d.frames {
		f := &d.frames[i]
		if f.term.Voice == "noun" && f.t0 <= r.t0 && r.t1 <= f.t1 {
			return !(f.t0 > 0 && d.m.lx.Clause.As[string(d.word(f.t0-1))])
		}
	}
	return false
}

// sameAgeRole: the mention's own clause gives no role, but the person is
// taken up elsewhere by the age ("ein 36 Jahre alter wohnsitzloser
// Bulgare ... Der 36-Jährige wurde festgenommen"): the clause role of the
// nearest other mention of that age that has one.
func (d *decider) sameAgeRole(mn *mention) (clauseAnswer, bool) {
	la := d.linkedAge(mn.h)
	if la == nil {
		return clauseAnswer{}, false
	}
	code := d.mentionCode(mn)
	var best, sus clauseAnswer
	bestDist, susDist := 1<<30, 1<<30
	for i := range d.ages {
		o := &d.ages[i]
		if o.age != la.age || o.t0 == la.t0 || d.otherSameAge(o) || d.otherOrigin(o, code) || !d.sameRelease(o.t0, mn.h.t0) {
			continue
		}
		dist := abs(o.t0 - mn.h.t0)
		if dist >= bestDist && dist >= susDist {
			continue
		}
		a, ok := d.clauseRoleDepth(*o, 1)
		if !ok {
			continue
		}
		a.reason = "the " + strconv.Itoa(o.age) + "-year-old taken up again: " + a.reason
		if dist < bestDist {
			best, bestDist = a, dist
		}
		if a.role == "suspect" && dist < susDist && d.strongSuspectCue(a.cue) {
			sus, susDist = a, dist
		}
	}
	if susDist < 1<<30 && best.role != "suspect" {
		// "Der 52-Jährige erlitt ebenfalls leichte Verletzungen. Der
		// 52-Jährige wurde vorläufig festgenommen": a suspect who is
		// also hurt is the suspect, when an arrest, a charge or a
		// suspect noun says so.
		return sus, true
	}
	return best, bestDist < 1<<30
}

// strongSuspectCue: the cue of a suspect answer is an arrest or charge
// (a frame whose agent is the police), a suspect noun or an inquiry, not
// an act that a victim may do as well ("sprach den Unbekannten an").
func (d *decider) strongSuspectCue(c *hit) bool {
	if c == nil || c.term == nil {
		return false
	}
	t := c.term
	return t.Kind == lexicon.Frame && (t.Agent == "police" || t.Voice == "noun" && t.Subj == "suspect" || t.Voice == "nominal" && t.Subj == "suspect") || t.Kind == lexicon.Role && t.Role == "inquiry"
}

// participleAt: token t ends in a participle ending of the language
// ("sono finiti": "sono" is an auxiliary there, no copula).
func (d *decider) participleAt(t int) bool {
	if t >= len(d.tx.Tokens) || d.sentence(t) != d.sentence(t-1) {
		return false
	}
	if d.frameAt(t) >= 0 {
		return true
	}
	for i := range d.hits {
		if o := &d.hits[i]; o.t0 == t && (o.term.Kind == lexicon.Nationality || o.term.Kind == lexicon.Status) {
			return false // "her husband was undocumented": the predicate
		}
	}
	w := d.word(t)
	for _, e := range d.m.lx.Clause.ParticipleEndings {
		if bytes.HasSuffix(w, []byte(e)) {
			return true
		}
	}
	return false
}

// agentNounOfStem: h is a participle frame written as an open stem
// ("molestat*") that matched a word without a participle ending of
// clause.tsv, an agent noun ("molestatore", "rapinatrice"), not the
// participle.
func (d *decider) agentNounOfStem(h hit) bool {
	ends := d.m.lx.Clause.ParticipleEndings
	if h.term.Voice != "participle" || len(ends) == 0 || strings.HasSuffix(h.term.Pattern, " ") || h.t1-h.t0 != 1 {
		return false
	}
	w := d.word(h.t0)
	for _, e := range ends {
		if bytes.HasSuffix(w, []byte(e)) {
			return false
		}
	}
	return true
}

// clauseVictim: the clause model found a person of an origin to be a
// victim or witness, and no person of that origin a suspect; a mention of
// that origin that only the cue scores took for a suspect is then that
// person too ("Badante polacca uccisa: ... la badante polacca").
func (d *decider) clauseVictim(ms []mention) {
	for i := range ms {
		m := &ms[i]
		if m.byClause || m.role != "suspect" || m.kind == lexicon.Appearance {
			continue
		}
		role := ""
		for _, o := range ms {
			if !o.byClause || o.code != m.code || o.kind == lexicon.Appearance || d.otherPerson(m.h, o.h) {
				continue
			}
			switch o.role {
			case "suspect", "all":
				role = "-"
			case "victim", "witness":
				if role == "" {
					role = o.role
				}
			}
		}
		if role != "" && role != "-" {
			m.role = role
			m.reason = joinReason(m.reason, "but the clause model found the person of this origin a "+role+" and none a suspect")
		}
	}
}

// subjectBetween: a noun phrase (a determiner or a capitalized word)
// stands in tokens [a, b).
func (d *decider) subjectBetween(a, b int) bool {
	tn := d.m.lx.Clause.TimeNouns
	for t := a; t < b; t++ {
		if d.isDet(t) {
			// "che l'altra mattina ha ferito": a time phrase, no subject;
			// go on after its noun.
			if n := d.timeNounAfter(t, b); n > 0 {
				t = n
				continue
			}
			return true
		}
		if d.cap(t) && !tn[d.tx.Word(t)] {
			return true
		}
	}
	return false
}

// timeNounAfter returns the token, one or two after the determiner at t
// and before b, that heads a time phrase (clause.tsv time_nouns), or 0.
func (d *decider) timeNounAfter(t, b int) int {
	for n := t + 1; n <= t+2 && n < b; n++ {
		if d.m.lx.Clause.TimeNouns[d.tx.Word(n)] {
			return n
		}
	}
	return 0
}

// coordinatedCountry: the country follows another country of a list that
// a country cue opens ("aus Deutschland, Russland und der Ukraine").
func (d *decider) coordinatedCountry(h hit) bool {
	t := h.t0
	for step := 0; step < 4; step++ {
		// Skip an article and a conjunction or a comma before t.
		q := t - 1
		for q >= 0 && t-q <= 2 && d.sentence(q) == d.sentence(h.t0) && (d.m.lx.Articles[d.tx.Word(q)] || d.conjunctionAt(q)) {
			q--
		}
		if q < 0 || q == t-1 && !d.commaBefore(t) {
			return false
		}
		var prev *hit
		for i := range d.cands {
			if c := &d.cands[i]; c.term.Kind == lexicon.Country && c.t1 == q+1 {
				prev = c
			}
		}
		if prev == nil {
			return false
		}
		for _, c := range d.cues {
			if c.t1 == prev.t0 {
				return d.cueHolds(c)
			}
		}
		t = prev.t0
	}
	return false
}

// populationBefore: a quantity stands before one of the four words before
// the country (or its list), in its sentence ("rund 650 Flüchtlinge,
// größtenteils aus Syrien, dem Irak und Afghanistan").
func (d *decider) populationBefore(h hit) bool {
	for q := h.t0 - 1; q >= 1 && h.t0-q <= 8 && d.sentence(q) == d.sentence(h.t0); q-- {
		if d.quantityBefore(hit{t0: q, t1: q + 1}) && d.startsPersonHit(q) {
			return true
		}
	}
	return false
}

// roleNounAt: a role noun of frames.tsv covers token t (independent of
// the clause segmentation).
func (d *decider) roleNounAt(t int) bool {
	for i := range d.frames {
		if f := &d.frames[i]; f.term.Voice == "noun" && f.t0 <= t && t < f.t1 {
			return true
		}
	}
	return false
}

// nominalRoleNoun: where nouns are capitalized, the role noun is a noun
// (not "die getöteten Attentäter", where the participle is an adjective)
// and not in the object case ("vertraute sich einem Nachbarn an").
func (d *decider) nominalRoleNoun(f *hit) bool {
	if !d.m.lx.NounsCapitalized {
		return true
	}
	if !d.cap(f.t0) {
		return false
	}
	for q := f.t0 - 1; q >= 0 && f.t0-q <= 3 && d.sentence(q) == d.sentence(f.t0); q-- {
		if d.m.lx.Clause.Objective[string(d.word(q))] {
			// "Bei den Tatverdächtigen handelt es sich um": the identity
			// phrase's own preposition.
			return q > 0 && d.m.lx.Clause.IdentityPreps[d.tx.Word(q-1)]
		}
		if d.isDet(q) {
			return true
		}
	}
	return true
}

// copulaBefore: a copula of the language stands right before the mention
// in its sentence ("Sarebbero tunisini"): a predicate naming its subject's
// origin.
func (d *decider) copulaBefore(h hit) bool {
	end := h.t0
	if q := end - 1; q > 0 && d.sentence(q) == d.sentence(h.t0) {
		if w := d.tx.Word(q); allDigits(w) || d.m.lx.Plural[w] {
			end = q // "Si tratta ... di 7 rumeni": a number of persons between
		}
	}
	q := end - 1
	if q < 0 || d.sentence(q) != d.sentence(h.t0) {
		return false
	}
	return d.m.lx.Link[d.tx.Word(q)] && !d.m.lx.Articles[d.tx.Word(q)] && d.prepBefore(end, &d.m.copulas) != ""
}

// personPredicate: an adjective is the predicate of a copula right
// before it whose subject, right before the copula, is a person: a person
// or role noun, a subject pronoun or a relative pronoun ("the defendant,
// who is Polish", "He is Honduran"). An adjective-noun names a person by
// itself after any copula (copulaBefore); an adjective does not: "the car
// was Japanese".
func (d *decider) personPredicate(h hit) bool {
	if h.t0 < 1 || d.sentence(h.t0-1) != d.sentence(h.t0) {
		return false
	}
	p := d.prepBefore(h.t0, &d.m.copulas)
	if p == "" || !d.m.lx.Link[d.tx.Word(h.t0-1)] {
		return false
	}
	s := h.t0 - 1 - strings.Count(p, " ") - 1 // the word before the copula
	if s < 0 || d.sentence(s) != d.sentence(h.t0) {
		return false
	}
	cl := &d.m.lx.Clause
	if w := d.tx.Word(s); cl.SubjectPronouns[w] || cl.RelativesBare[w] {
		return true
	}
	for _, ps := range d.persons {
		if ps.t1 == s+1 {
			return true
		}
	}
	for i := range d.frames {
		if f := &d.frames[i]; f.term.Voice == "noun" && f.t1 == s+1 && !d.frameOff(f) {
			return true
		}
	}
	return false
}

// coordinatedAfter: in a language whose final accent tells words apart,
// a coordinator written as such stands right before h ("pluripregiudicato
// e irregolare", "nigeriani e cubani"): the word names a person as the
// one before the coordinator does. Before "è" was told from "e", every
// such word was taken as the predicate of the copula "è" (copulaBefore);
// this keeps that reading for the coordinator alone.
func (d *decider) coordinatedAfter(h hit) bool {
	q := h.t0 - 1
	return d.m.lx.FinalAccentDistinct && q >= 0 && d.sentence(q) == d.sentence(h.t0) && d.coordinatorAt(q, true)
}

// otherPerson: the two mentions are linked to ages that differ ("eine
// 27-jährige Türkin ... einen 32-jährigen Türken"), so they name two
// persons, whose roles say nothing about each other.
func (d *decider) otherPerson(a, b hit) bool {
	la, lb := d.linkedAge(a), d.linkedAge(b)
	return la != nil && lb != nil && la.age != lb.age
}

// describedAs returns the index in d.frames of the role noun that the
// phrase "als <np>" at asAt describes in clause c ("Der Täter wurde als
// etwa 20jähriger Deutscher beschrieben"), or -1. The candidates are the
// clause's role nouns before "als" that are no object of a preposition.
// Of two or more, the subject describes the other: an active "Der
// Geschädigte beschreibt die Täter als Russen", "Den zweiten Täter
// beschreibt der Geschädigte als Marokkaner" describe the object: the
// one after an objective determiner (clause.tsv objective), else one
// whose determiner is not nominative, else the one suspect noun, else
// the later one. One alone is described unless an object phrase stands
// between it and "als" ("Die Geschädigte beschreibt den Monteur als
// Deutschen": the Monteur, who is no role noun).
func (d *decider) describedAs(c int32, asAt int, np nounPhrase) (int, bool) {
	if asAt < 0 {
		return -1, false
	}
	cl := d.m.lx.Clause
	// detBefore: the determiner of the role noun's phrase, if any.
	detBefore := func(f *hit) string {
		for q := f.t0 - 1; q >= 0 && f.t0-q <= 3 && d.cl[q] == c; q-- {
			if d.isDet(q) {
				return string(d.word(q))
			}
		}
		return ""
	}
	var cands []int
	for i := range d.frames {
		f := &d.frames[i]
		if d.cl[f.t0] != c || f.term.Voice != "noun" || f.t0 >= np.start && f.t0 < np.end || d.frameOff(f) {
			continue
		}
		if f.t1 <= asAt && !d.objectOfPrep(f) && (d.nominalRoleNoun(f) || cl.Objective[detBefore(f)]) && !(f.t0 > 0 && cl.As[string(d.word(f.t0-1))]) {
			cands = append(cands, i)
		}
	}
	switch len(cands) {
	case 0:
		return -1, false
	case 1:
		f := &d.frames[cands[0]]
		for q := f.t1; q < asAt; q++ {
			if cl.Objective[string(d.word(q))] && d.isDet(q) && !(q > 0 && d.m.lx.Prepositions[d.tx.Word(q-1)]) {
				return -1, false
			}
		}
		return cands[0], false
	}
	for _, i := range cands {
		if cl.Objective[detBefore(&d.frames[i])] {
			return i, true
		}
	}
	var other []int // not marked as the subject (clause.tsv nominative)
	for _, i := range cands {
		if !cl.Nominative[detBefore(&d.frames[i])] {
			other = append(other, i)
		}
	}
	if len(other) > 0 && len(other) < len(cands) {
		return other[len(other)-1], true
	}
	// No case marks them ("Die Täter beschreibt die Geschädigte als
	// ..."): a witness or victim describes the suspect.
	sus := -1
	for _, i := range cands {
		if d.frames[i].term.Subj != "suspect" {
			continue
		}
		if sus >= 0 && d.frames[sus].t0 != d.frames[i].t0 {
			sus = -1 // two suspect nouns
			break
		}
		sus = i
	}
	if sus >= 0 {
		return sus, true
	}
	return cands[len(cands)-1], true
}

// otherGenderParticiple: the frame's verb is a singular participle whose
// gender the language marks and the phrase's determiner marks the other
// ("è stato arrestato ... una marocchina").
func (d *decider) otherGenderParticiple(np nounPhrase, f *hit) bool {
	cl := &d.m.lx.Clause
	if len(cl.FeminineParticiples)+len(cl.MasculineParticiples) == 0 {
		return false
	}
	g := d.detGender(np.start)
	return g != "" && d.participleGender(f.t1-1) == otherGender(g)
}

// participleGender returns the gender of a singular participle at token t
// where the language marks it, else "".
func (d *decider) participleGender(t int) string {
	cl := &d.m.lx.Clause
	w := d.tx.Word(t)
	for _, g := range []struct {
		ends []string
		g    string
	}{{cl.FeminineParticiples, "f"}, {cl.MasculineParticiples, "m"}} {
		for _, e := range g.ends {
			if strings.HasSuffix(w, e) && len(w) > len(e)+2 {
				return g.g
			}
		}
	}
	return ""
}

// passiveParticipleOf: the role cue is a participle of gender g after a
// passive auxiliary ("è stato arrestato").
func (d *decider) passiveParticipleOf(r *hit, g string) bool {
	cl := &d.m.lx.Clause
	if g == "" || r.t0 == 0 || len(cl.PassiveAux) == 0 || !cl.PassiveAux[d.tx.Word(r.t0-1)] {
		return false
	}
	return d.participleGender(r.t1-1) == g
}
