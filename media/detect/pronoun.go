package detect

import (
	"strings"

	"github.com/baserate/baserate/media/lexicon"
)

// Pronouns and identity statements. A sentence that opens with a subject
// pronoun ("Er besaß die syrische Staatsangehörigkeit") or states an
// identity without a subject of its own ("Bei ihm handelt es sich um ...")
// speaks of a person named in a sentence before; the role is that
// person's.

// pronounRole: the mention's sentence opens with a subject pronoun
// (clause.tsv subject_pronouns) and names no other person before the
// mention ("Er besaß die kroatische Staatsbürgerschaft", "Er stammt aus
// Rumänien"), or is an identity statement whose predicate holds the
// mention: about a pronoun (clause.tsv identity_preps and
// identity_pronouns: "Bei ihm handelt es sich um einen 47-jährigen
// Philippinen", "Möglicherweise handelte es sich bei ihm um"), about a
// plain person word ("Bei dem Mann handelt es sich um"), or with no
// subject of its own ("Si tratta di", "Es handelt sich um"). A subject
// pronoun takes up the last person of the sentence before, in the same
// release (an age or a person word), whose clause role is the mention's;
// a person word, the last person named with the same word before if its
// clause role is known; otherwise an identity statement speaks of the
// persons of the sentence before (identityAntecedent).
func (d *decider) pronounRole(mn *mention) (clauseAnswer, bool) {
	cl := &d.m.lx.Clause
	s := d.sentence(mn.h.t0)
	p := mn.h.t0
	for p > 0 && d.sentence(p-1) == s {
		p--
	}
	if p == 0 {
		return clauseAnswer{}, false
	}
	pron := p
	// q: the identity statement's preposition, opening the sentence ("Bei
	// ihm handelt es sich um") or after the reflexive ("Möglicherweise
	// handelte es sich bei ihm um").
	q := p
	if !cl.IdentityPreps[d.tx.Word(p)] {
		refl := false
		for t := p + 1; t < mn.h.t0; t++ {
			if w := d.tx.Word(t); w == cl.IdentityReflexive {
				refl = true
			} else if refl && cl.IdentityPreps[w] {
				q = t
				break
			}
		}
	}
	person := false
	switch {
	case cl.SubjectPronouns[d.tx.Word(p)]:
		for t := p + 1; t < mn.h.t0; t++ {
			if d.inAge(t) || inHit(d.persons, t) {
				return clauseAnswer{}, false
			}
		}
	case q+1 < mn.h.t0 && cl.IdentityPreps[d.tx.Word(q)] && isIdentityPronoun(cl, d.tx.Word(q+1)) && d.identityPredicate(q, mn.h.t0):
		// "Bei ihm handelt es sich um einen 47-jährigen Philippinen":
		// the identity statement's pronoun takes up the person before.
		pron = q + 1
	case q+2 < mn.h.t0 && cl.IdentityPreps[d.tx.Word(q)] && d.isDet(q+1) && inHit(d.persons, q+2) && !d.roleNounAt(q+2) && d.identityPredicate(q, mn.h.t0):
		// "Bei dem Mann handelt es sich um einen 42-jährigen
		// Pakistaner": a plain person word, not a role noun ("Bei den
		// Tätern"), takes up the person before as the pronoun does.
		pron, person = q+2, true
	case d.implicitIdentity(p, mn.h.t0):
		// "Si tratta di un 30enne tunisino", "Es handelt sich um einen
		// 30-jährigen Türken": an identity statement with no subject of
		// its own speaks of the persons of the sentence before.
		return d.identityAntecedent(d.sentence(p-1), -1, mn)
	default:
		return clauseAnswer{}, false
	}
	prev := d.sentence(p - 1)
	if person {
		// The person word takes up the last person named with the same
		// word before ("Vor einer Woche hatte ein Mann ... geschossen.
		// ... Bei dem Mann soll es sich um ... handeln"); where that
		// person's role is not known, as a pronoun, the persons of the
		// sentence before ("... ein Mann liegt ... Das Opfer wies
		// Stichverletzungen auf. Bei dem Mann handelt es sich um"). A
		// person word named nowhere before speaks of someone the release
		// has not named ("Nach einem Raub sucht die Polizei Zeugen.
		// Vermutlich handelt es sich bei dem Mann um"): no answer.
		w := d.tx.Word(pron)
		named := false
		for i := len(d.persons) - 1; i >= 0; i-- {
			h := d.persons[i]
			if h.t0 >= p || d.tx.Word(h.t0) != w || !d.sameRelease(h.t0, mn.h.t0) || d.genitiveOfNoun(h.t0) {
				continue
			}
			named = true
			if a, ok := d.clauseRoleDepth(h, 1); ok && (a.role == "suspect" || a.role == "victim" || a.role == "witness") {
				a.reason = "the person taken up by \"" + w + "\": " + a.reason
				return a, true
			}
			break
		}
		if !named {
			return clauseAnswer{}, false
		}
	}
	if pron != p {
		return d.identityAntecedent(prev, pron, mn)
	}
	var ante *hit
	for i := range d.ages {
		a := &d.ages[i]
		if d.sentence(a.t0) == prev && (ante == nil || a.t0 > ante.t0) {
			ante = a
		}
	}
	for i := range d.persons {
		h := &d.persons[i]
		if h.term.Where != "det" && d.sentence(h.t0) == prev && (ante == nil || h.t0 > ante.t0) {
			ante = h
		}
	}
	if ante == nil || !d.sameRelease(ante.t0, mn.h.t0) {
		return clauseAnswer{}, false
	}
	a, ok := d.clauseRoleDepth(*ante, 1)
	if !ok {
		return clauseAnswer{}, false
	}
	a.reason = "the person taken up by \"" + d.tx.Word(pron) + "\": " + a.reason
	return a, true
}

// identityAntecedent: the role of the person an identity statement's
// pronoun at pron takes up, from the persons of sentence prev (ages,
// person words and role nouns of a party, not in a genitive: "der Freund
// der Getöteten"), only when they all have one role: "Das Opfer wurde ins
// Krankenhaus gebracht. Bei ihm handelt es sich um ..."; "Von den Tätern
// kann lediglich der angebliche K. von dem Geschädigten beschrieben
// werden. Bei diesem ..." gives no answer.
func (d *decider) identityAntecedent(prev int32, pron int, mn *mention) (clauseAnswer, bool) {
	g := ""
	if pron >= 0 {
		g = d.m.lx.Clause.IdentityPronouns[d.tx.Word(pron)]
	}
	// fits: a person of the pronoun's gender. "ihr" needs a feminine
	// phrase ("die Geschädigte", "eine Frau", "-in"); "ihm" takes any
	// phrase but a feminine one.
	fits := func(h hit) bool {
		if g == "" {
			return true
		}
		np := d.nounPhraseOf(h)
		cg := d.genderOf(np)
		if cg == "" && d.tx.Word(np.start) == "die" && strings.HasSuffix(d.tx.Word(h.t1-1), "e") {
			cg = "f" // a singular adjectival noun: "die Geschädigte"
		}
		if g == "f" {
			return cg == "f"
		}
		return cg != "f"
	}
	var ans clauseAnswer
	n := 0
	agree := func(a clauseAnswer) bool {
		if n > 0 && a.role != ans.role {
			return false
		}
		if n == 0 || a.cue != nil && ans.cue == nil {
			ans = a
		}
		n++
		return true
	}
	var hs []hit
	for _, a := range d.ages {
		if d.sentence(a.t0) == prev {
			hs = append(hs, a)
		}
	}
	for _, h := range d.persons {
		if h.term.Where != "det" && d.sentence(h.t0) == prev {
			hs = append(hs, h)
		}
	}
	for i := range d.frames {
		f := &d.frames[i]
		if f.term.Voice != "noun" || d.sentence(f.t0) != prev || d.frameOff(f) || d.genitiveOfNoun(f.t0) || !fits(*f) {
			continue
		}
		switch f.term.Subj {
		case "suspect", "victim", "witness":
			if !agree(clauseAnswer{f.term.Subj, f, "the role noun \"" + d.cueText(f) + "\""}) {
				return clauseAnswer{}, false
			}
		}
	}
	for _, h := range hs {
		if !d.sameRelease(h.t0, mn.h.t0) || d.genitiveOfNoun(h.t0) || !fits(h) {
			continue
		}
		a, ok := d.clauseRoleDepth(h, 1)
		if !ok {
			continue
		}
		if !agree(a) {
			return clauseAnswer{}, false
		}
	}
	if n == 0 || ans.role != "suspect" && ans.role != "victim" && ans.role != "witness" {
		return clauseAnswer{}, false
	}
	if pron < 0 {
		ans.reason = "an identity statement with no subject of its own, about the person before: " + ans.reason
	} else {
		ans.reason = "the person taken up by \"" + d.tx.Word(pron) + "\": " + ans.reason
	}
	return ans, true
}

// implicitIdentity: the sentence opening at p is an identity statement
// with no subject of its own, and token t is in its predicate: every
// word before its link is a link word of the language (lang.tsv link:
// "es", "sich", "handelt", "dabei"; "si", "tratta") or the clause's
// reflexive or identity verb.
func (d *decider) implicitIdentity(p, t int) bool {
	cl := &d.m.lx.Clause
	if len(cl.IdentityVerbs) == 0 || !d.identityPredicate(p, t) {
		return false
	}
	for q := p; q < t; q++ {
		w := d.tx.Word(q)
		if cl.IdentityLinks[w] {
			return q > p
		}
		if !d.m.lx.Link[w] && !cl.IdentityVerbs[w] && w != cl.IdentityReflexive {
			return false
		}
	}
	return false
}

// isIdentityPronoun: w is one of the clause's identity pronouns.
func isIdentityPronoun(cl *lexicon.Clause, w string) bool {
	_, ok := cl.IdentityPronouns[w]
	return ok
}

// genitiveOfNoun: the word at t is in the genitive of the noun before it
// ("der Freund der Getöteten"), no person of its own in the clause.
func (d *decider) genitiveOfNoun(t int) bool {
	cl := &d.m.lx.Clause
	return t >= 2 && d.sentence(t-2) == d.sentence(t) && cl.GenitiveAfterNoun[string(d.word(t-1))] && d.cap(t-2) && !d.isDet(t-2) && !d.sentenceStart(t-2)
}

// identityPredicate: the tokens from p to t are one identity clause whose
// link ("um") stands before t: t is in its predicate ("Bei ihm handelt es
// sich um einen 47-jährigen Philippinen"; "um einen jungen Ausländer,
// möglicherweise aus Pakistan").
func (d *decider) identityPredicate(p, t int) bool {
	c := d.cl[p]
	if c < 0 || d.cl[t] != c || !d.identityClause(c) {
		return false
	}
	for q := t - 1; q > p; q-- {
		if d.m.lx.Clause.IdentityLinks[string(d.word(q))] {
			return true
		}
	}
	return false
}
