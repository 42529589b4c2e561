package detect

import (
	"regexp"
	"slices"
	"strings"
)

// Release boundaries. Police texts often bundle several releases: the
// Frankfurt police's daily files ("030712 - 693 Frankfurt-Flughafen:
// Verkehrsunfall"), Berlin's follow-ups ("Erstmeldung Nr. 2353 vom …"),
// presseportal headers ("POL-F: 050101 -- 123"), numbered items and
// Bavarian place headers ("MEMMINGEN. Im Rahmen …"). The codebook codes
// the union over all cases; a person is taken up again, and a suspect's
// age contrasted with another's, only within the release that names
// them.

// releaseHeader matches the start of a release: at the start of a line or
// after three spaces (the Frankfurt files' paragraph mark; some years'
// files write it with no-break spaces, U+00A0, which findSegments reads as
// spaces).
var releaseHeader = regexp.MustCompile(`(?m)(?:^|\n|   )[ \t]*(?:\d{6}\s*[-–]+\s*\d+\b|POL-[A-Z]+:|Nr\.\s*\d+\b|Erstmeldung\b|Ab hier neu:|\d{1,2}\.\s+[A-ZÄÖÜ][a-zäöüß]+:|[A-ZÄÖÜ][A-ZÄÖÜ/ -]{3,}\.\s)`)

// segmentOf returns the release segment of token t (0 for the first).
func (d *decider) segmentOf(t int) int32 {
	if !d.segDone {
		d.findSegments()
	}
	if t < 0 || t >= len(d.seg) {
		return 0
	}
	return d.seg[t]
}

// findSegments numbers the releases of the text and marks each token's.
func (d *decider) findSegments() {
	d.segDone = true
	n := len(d.tx.Tokens)
	if cap(d.seg) < n {
		d.seg = make([]int32, n)
	}
	d.seg = d.seg[:n]
	clear(d.seg)
	if n == 0 || strings.IndexByte(d.text, '\n') < 0 && !strings.Contains(d.text, "   ") && !strings.Contains(d.text, "\u00a0") && !strings.Contains(d.text, "POL-") {
		return
	}
	text := d.text
	if strings.Contains(text, "\u00a0") {
		// A no-break space is two bytes: two plain spaces keep every
		// offset, and three no-break spaces become a paragraph mark.
		text = strings.ReplaceAll(text, "\u00a0", "  ")
	}
	var starts []int
	for _, m := range releaseHeader.FindAllStringIndex(text, -1) {
		s := m[0]
		for s < len(text) && (text[s] == '\n' || text[s] == ' ' || text[s] == '\t') {
			s++
		}
		if s > 0 {
			starts = append(starts, s)
		}
	}
	if len(starts) == 0 {
		return
	}
	seg, k := int32(0), 0
	for t := range n {
		s, _ := d.tx.Span(t, t+1)
		for k < len(starts) && starts[k] <= s {
			seg++
			k++
		}
		d.seg[t] = seg
	}
}

// sameRelease: tokens a and b stand in the same release.
func (d *decider) sameRelease(a, b int) bool { return d.segmentOf(a) == d.segmentOf(b) }

// Coreference. A mention whose clause gives no role may be taken up later
// in its release by a definite phrase or a pronoun ("Ein 25-jähriger
// Algerier ... Der Mann wurde festgenommen", "... Er wurde festgenommen"):
// when no other person is named between them (nor before the mention in
// its sentence) and the genders agree where the language marks them, the
// anaphor's clause role is the mention's.

// genderOf returns "m" or "f" for a singular person phrase whose gender
// the language marks, else "".
func (d *decider) genderOf(np nounPhrase) string {
	cl := &d.m.lx.Clause
	if len(cl.FeminineDets) == 0 && len(cl.MasculineDets) == 0 {
		return ""
	}
	for t := np.end - 1; t >= np.start && t >= np.end-2; t-- {
		w := d.tx.Word(t)
		if d.isCand(t) || inHit(d.persons, t) {
			for _, e := range cl.FeminineEndings {
				if strings.HasSuffix(w, e) && len(w) > len(e)+3 {
					return "f"
				}
			}
		}
	}
	return d.detGender(np.start)
}

// detGender returns "m" or "f" when token t is a determiner that marks
// only that gender (clause.tsv feminine_dets, masculine_dets: Italian
// "una", "il"; not German "der", in both lists as masculine nominative
// and feminine dative).
func (d *decider) detGender(t int) string {
	cl := &d.m.lx.Clause
	w := d.tx.Word(t)
	f, m := cl.FeminineDets[w], cl.MasculineDets[w]
	switch {
	case f == m:
		return ""
	case f:
		return "f"
	}
	return "m"
}

// anaphorAt returns the length in tokens and the gender of an anaphor
// starting at token t, or 0.
func (d *decider) anaphorAt(t int) (int, string) {
	cl := &d.m.lx.Clause
	for _, g := range []struct {
		list []string
		g    string
	}{{cl.AnaphorsM, "m"}, {cl.AnaphorsF, "f"}} {
		for _, a := range g.list {
			k := strings.Count(a, " ") + 1
			if t+k > len(d.tx.Tokens) || d.sentence(t+k-1) != d.sentence(t) {
				continue
			}
			s, e := d.tx.Tokens[t], d.tx.Tokens[t+k-1]
			if string(d.tx.Norm[s.Start:e.End]) != a {
				continue
			}
			if k == 1 && d.m.lx.NounsCapitalized && d.cap(t) != d.sentenceStart(t) {
				// "Er" only as a pronoun (capitalized at a sentence start
				// only), not inside a name.
				continue
			}
			return k, g.g
		}
	}
	return 0, ""
}

// otherPersonAt: token t, outside the mention's phrase [a, b), names
// another person: a nationality mention, a person word, an age of
// another value, a role noun or a police cue.
func (d *decider) otherPersonAt(t, a, b int, age int) bool {
	if t >= a && t < b {
		return false
	}
	if d.isCand(t) || inHit(d.persons, t) || d.roleNounAt(t) {
		return true
	}
	for i := range d.ages {
		if g := &d.ages[i]; g.t0 <= t && t < g.t1 {
			return g.age != age
		}
	}
	for i := range d.roles {
		if r := &d.roles[i]; r.term.Role == "police" && r.t0 <= t && t < r.t1 {
			return true
		}
	}
	return false
}

// corefRole: the clause role of the anaphor that takes up the mention,
// in the mention's sentence after it or in the two sentences after.
func (d *decider) corefRole(mn *mention) (clauseAnswer, bool) {
	cl := &d.m.lx.Clause
	if len(cl.AnaphorsM)+len(cl.AnaphorsF) == 0 {
		return clauseAnswer{}, false
	}
	h := mn.h
	d.segment(h.t0)
	np := d.nounPhraseOf(h)
	g := d.genderOf(np)
	age := -1
	if la := d.linkedAge(h); la != nil {
		age = la.age
		np.start, np.end = min(np.start, la.t0), max(np.end, la.t1)
	}
	s0 := d.sentence(h.t0)
	first := h.t0
	for first > 0 && d.sentence(first-1) == s0 {
		first--
	}
	for t := first; t < np.start; t++ {
		if d.otherPersonAt(t, np.start, np.end, age) {
			return clauseAnswer{}, false
		}
	}
	for t := np.end; t < len(d.tx.Tokens) && d.sentence(t) <= s0+2 && d.sameRelease(t, h.t0); t++ {
		if k, ag := d.anaphorAt(t); k > 0 {
			if g != "" && ag != g {
				return clauseAnswer{}, false // another person, or a gender the phrase does not show
			}
			d.segment(t)
			a, ok := d.clauseRoleDepth(hit{t0: t + k - 1, t1: t + k}, 1)
			if !ok {
				return clauseAnswer{}, false
			}
			a.reason = "taken up by \"" + d.cueText(&hit{t0: t, t1: t + k}) + "\": " + a.reason
			return a, true
		}
		if d.otherPersonAt(t, np.start, np.end, age) {
			return clauseAnswer{}, false
		}
	}
	return clauseAnswer{}, false
}

// releaseAges are the suspect ages of the mention's release.
func (d *decider) releaseAges(t int) []int {
	var out []int
	for i, a := range d.suspectAges {
		if d.suspectAgeAt[i] < 0 || d.sameRelease(d.suspectAgeAt[i], t) {
			if !slices.Contains(out, a) {
				out = append(out, a)
			}
		}
	}
	return out
}

// roleNounCoref: the role of a definite role noun that takes up a person
// named without a role cue, in the release's next three sentences ("ein
// 26-jähriger Engländer hob Bargeld ab. Kurz darauf stellten sich ihm
// zwei Personen in den Weg ... Der eingeschüchterte Geschädigte
// übergab"). Groups named in between (a plural number before them) are
// other people, who cannot be the one the singular noun takes up; a
// single person named in between can be, and ends the search.
func (d *decider) roleNounCoref(mn *mention) (clauseAnswer, bool) {
	cl := &d.m.lx.Clause
	if len(cl.DefiniteSingular) == 0 {
		return clauseAnswer{}, false
	}
	h := mn.h
	np := d.nounPhraseOf(h)
	if d.pluralBefore(np.start) || d.pluralBefore(h.t0) {
		return clauseAnswer{}, false // "due marocchini": a group
	}
	g := d.genderOf(np)
	age := -1
	if la := d.linkedAge(h); la != nil {
		age = la.age
		np.start, np.end = min(np.start, la.t0), max(np.end, la.t1)
	}
	s0 := d.sentence(h.t0)
	for t := np.end; t < len(d.tx.Tokens) && d.sentence(t) <= s0+3 && d.sameRelease(t, h.t0); t++ {
		if f := d.roleNounStarting(t); f != nil && d.sentence(t) > s0 {
			det := d.definiteBefore(f.t0)
			if det >= 0 && (f.term.Subj == "victim" || f.term.Subj == "suspect") && !d.pluralRoleNoun(f) &&
				(g == "" || d.genderOf(nounPhrase{start: det, end: f.t1}) != otherGender(g)) && !d.roleNamedBefore(f.term.Subj, np.start, h.t0) {
				return clauseAnswer{role: f.term.Subj, cue: f, reason: "taken up by the role noun \"" + d.cueText(&hit{t0: det, t1: f.t1}) + "\""}, true
			}
		}
		if d.otherPersonNamedAt(t, np.start, np.end, age) && !d.pluralBefore(t) && !d.rejectedCandAt(t) {
			return clauseAnswer{}, false
		}
	}
	return clauseAnswer{}, false
}

// otherPersonNamedAt: token t, outside the mention's phrase [a, b),
// names another person: a nationality mention, a person word, a role
// noun, an age of another value (not a verb of the police: "stellten
// sich ihm ... in den Weg").
func (d *decider) otherPersonNamedAt(t, a, b int, age int) bool {
	if t >= a && t < b {
		return false
	}
	if d.isCand(t) || inHit(d.persons, t) || d.roleNounAt(t) {
		return true
	}
	for i := range d.ages {
		if g := &d.ages[i]; g.t0 <= t && t < g.t1 {
			return g.age != age
		}
	}
	return false
}

// rejectedCandAt: token t is a nationality candidate that names no
// person ("in englischer Sprache") and no person word or role noun.
func (d *decider) rejectedCandAt(t int) bool {
	if inHit(d.persons, t) || d.roleNounAt(t) {
		return false
	}
	for _, c := range d.cands {
		if c.t0 <= t && t < c.t1 {
			if _, ok := d.accept(c); ok {
				return false
			}
		}
	}
	return d.isCand(t)
}

// roleNamedBefore: a role noun of the role stands before token t in the
// release of token at: the role noun after the mention takes up that
// person ("der stark betrunkene Geschädigte ... mit dem 26jährigen
// Italiener ... der Überfallene").
func (d *decider) roleNamedBefore(role string, t, at int) bool {
	for i := range d.frames {
		f := &d.frames[i]
		if f.term.Voice == "noun" && f.term.Subj == role && f.t1 <= t && d.sameRelease(f.t0, at) && !d.frameOff(f) {
			return true
		}
	}
	return false
}

// roleNounStarting returns the role-noun frame that starts at token t
// and counts where it stands, or nil.
func (d *decider) roleNounStarting(t int) *hit {
	for i := range d.frames {
		if f := &d.frames[i]; f.term.Voice == "noun" && f.t0 == t && !d.frameOff(f) {
			return f
		}
	}
	return nil
}

// definiteBefore returns the token of a definite singular determiner
// before the role noun at t (adjectives and participles may stand
// between: "Der eingeschüchterte Geschädigte"), or -1.
func (d *decider) definiteBefore(t int) int {
	cl := &d.m.lx.Clause
	for q := t - 1; q >= 0 && t-q <= 3 && d.sentence(q) == d.sentence(t); q-- {
		w := string(d.word(q))
		if cl.DefiniteSingular[w] {
			return q
		}
		if d.isDet(q) || d.isCand(q) || inHit(d.persons, q) || allDigits(w) {
			return -1
		}
	}
	return -1
}

// pluralBefore: a plural word ("zwei", "mehrere", "both") stands right
// before token t or one word before it.
func (d *decider) pluralBefore(t int) bool {
	for q := t - 1; q >= 0 && t-q <= 2 && d.sentence(q) == d.sentence(t); q-- {
		if d.m.lx.Plural[string(d.word(q))] {
			return true
		}
	}
	return false
}

// pluralRoleNoun: a role noun in a plural form. Where the determiners
// tell no number (English "the"), an "s" ending.
func (d *decider) pluralRoleNoun(f *hit) bool {
	w := d.tx.Word(f.t1 - 1)
	switch d.m.lx.Lang {
	case "en":
		return strings.HasSuffix(w, "s")
	case "de":
		// "des Geschädigten" is singular, but "den"/"dem" + "-en" too;
		// "Täter" has no plural ending: the determiner decides, and
		// DefiniteSingular holds none of the plural ones.
		return false
	case "it":
		return strings.HasSuffix(w, "i") || strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "ante") && !strings.HasSuffix(w, "ente")
	}
	return false
}

func otherGender(g string) string {
	switch g {
	case "m":
		return "f"
	case "f":
		return "m"
	}
	return ""
}
