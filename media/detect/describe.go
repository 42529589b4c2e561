package detect

import (
	"strings"

	"github.com/baserate/baserate/media/lexicon"
)

// Descriptions. Police releases describe the persons they seek in lists
// without a verb: "Täterbeschreibung: männlich, ca. 25 Jahre alt,
// Südländer", "Die gewalttätigen Mädchen werden wie folgt beschrieben:
// 1. ... 3. Drei Türkinnen", "Il rapinatore è stato descritto come ...".
// A mention in such a description is the described person: the role of
// the role noun of the header's sentence ("Personenbeschreibung des
// Opfers:" a victim), a suspect when the header names none (police
// describe the persons they seek). The description runs from the header
// over at most four sentences, and ends at a sentence with a witness or
// police cue ("Die Polizei sucht Zeugen"), at another header or at the
// end of the release.

// description is one description: its header, the tokens it covers and
// the role of the described person.
type description struct {
	head     hit
	from, to int // tokens [from, to)
	role     string
	why      string
}

// maxDescSentences is how many sentences after its header's a
// description may run; descRoleWindow is how many tokens before the
// header its role noun may stand ("Von den beiden jugendlichen
// Tatverdächtigen gibt es folgende Beschreibungen:").
const (
	maxDescSentences = 4
	descRoleWindow   = 10
)

// findDescriptions finds the descriptions of the text, once.
func (d *decider) findDescriptions() {
	d.descDone, d.descs = true, d.descs[:0]
	if len(d.m.descHeads.byLast) == 0 && len(d.m.descVerbs.byLast) == 0 {
		return
	}
	n := len(d.tx.Tokens)
	for t := 1; t <= n; t++ {
		// A verb ("beschrieben als"), a verb before a colon ("wird wie
		// folgt beschrieben:") or a noun before one ("Täterbeschreibung:").
		verbal := true
		p := d.prepBefore(t, &d.m.descVerbs)
		if p == "" {
			p = d.prepBefore(t, &d.m.descPassives)
			if p == "" {
				p, verbal = d.prepBefore(t, &d.m.descHeads), false
			}
			if p == "" || !d.colonWithin(t, 3) {
				continue
			}
		}
		k := strings.Count(p, " ") + 1
		head := hit{term: &d.m.descTerm, t0: t - k, t1: t, age: -1}
		s := d.sentence(head.t0)
		ds := description{head: head, from: t, role: "suspect", why: "no role noun in its header: the person sought"}
		// The header's role noun: in its sentence, up to the colon.
		end := t
		for end < n && d.sentence(end) == s && end-t < 4 && d.punctBefore(end) != ';' {
			end++
		}
		var sus, other *hit
		d.segment(head.t0)
		near := func(t int) bool { return d.sentence(t) == s && t < end && head.t0-t <= descRoleWindow }
		for i := range d.roles {
			// "Von der Geschädigten wird der Unbekannte beschrieben als":
			// an unknown person is the perpetrator sought.
			if r := &d.roles[i]; r.term.Role == "unknown" && near(r.t0) {
				sus = r
			}
		}
		for i := range d.frames {
			f := &d.frames[i]
			if f.term.Voice != "noun" || !near(f.t0) || d.frameOff(f) || verbal && d.agentPhrase(f) {
				continue // (an agent of the verb describes: "von der Geschädigten")
			}
			switch f.term.Subj {
			case "suspect":
				sus = f
			case "victim", "witness":
				if other == nil {
					other = f
				}
			}
		}
		switch {
		case sus != nil:
			ds.why = "its header names \"" + d.cueText(sus) + "\""
		case other != nil:
			ds.role, ds.why = other.term.Subj, "its header names \""+d.cueText(other)+"\""
		}
		// Its end.
		ds.to = t
		for q := t; q < n && d.sentence(q) <= s+maxDescSentences && d.sameRelease(q, head.t0); q++ {
			if q > t && d.sentence(q) != d.sentence(q-1) && d.sentenceStops(d.sentence(q), head.t0) {
				break
			}
			ds.to = q + 1
		}
		d.descs = append(d.descs, ds)
		t = ds.to
	}
}

// agentPhrase: the role noun stands after an agent preposition ("von der
// Geschädigten"), perhaps with a determiner and adjectives between.
func (d *decider) agentPhrase(f *hit) bool {
	for q := f.t0; q > 0 && f.t0-q <= 3; q-- {
		if d.prepBefore(q, &d.m.agentPreps) != "" {
			return true
		}
		if q < f.t0 && !d.isDet(q) && !d.adjectiveAt(q) && !allDigits(d.tx.Word(q)) {
			return false
		}
	}
	return false
}

// colonWithin: a colon stands before one of the n tokens from t on.
func (d *decider) colonWithin(t, n int) bool {
	for q := t; q < len(d.tx.Tokens) && q-t < n; q++ {
		if d.punctBefore(q) == ';' {
			return true
		}
	}
	return t >= len(d.tx.Tokens) && strings.HasSuffix(strings.TrimSpace(d.text), ":")
}

// sentenceStops: sentence s ends a description whose header is at token
// head: it holds a witness or police cue ("Die Polizei sucht Zeugen",
// "Hinweise bitte an") or takes up a person of an age named before the
// header ("Der 55-Jährige besitzt die deutsche Staatsangehörigkeit").
func (d *decider) sentenceStops(s int32, head int) bool {
	for i := range d.roles {
		r := &d.roles[i]
		if d.sentence(r.t0) == s && (r.term.Role == "witness" || r.term.Role == "police") {
			return true
		}
	}
	for i := range d.ages {
		a := &d.ages[i]
		if d.sentence(a.t0) != s {
			continue
		}
		for j := range d.ages {
			if b := &d.ages[j]; b.t0 < head && b.age == a.age && d.sameRelease(b.t0, head) {
				return true
			}
		}
	}
	return false
}

// descriptionRole: the mention stands in a description; the role of the
// person described.
func (d *decider) descriptionRole(h hit) (clauseAnswer, bool) {
	if !d.descDone {
		d.findDescriptions()
	}
	for i := range d.descs {
		ds := &d.descs[i]
		if h.t0 >= ds.from && h.t0 < ds.to {
			return clauseAnswer{ds.role, &ds.head, "in the description after \"" + d.cueText(&ds.head) + "\" (" + ds.why + ")"}, true
		}
	}
	return clauseAnswer{}, false
}

// descTermOf is the term of a description header's evidence.
func descTermOf(lang string) lexicon.Term {
	return lexicon.Term{Kind: lexicon.Frame, Voice: "noun", Subj: "suspect", Weight: 3, Form: "description", Source: lang + "/clause.tsv:description_heads"}
}
