package detect

import (
	"fmt"
	"slices"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/media/lexicon"
)

// The mentions of one text against each other: one mention per span; a
// descent beside a citizenship; a status beside the nationality of the
// same person, or a second person's ("un italiano e uno straniero");
// "Landsmann" given the nationality named before it; origins people only
// claimed; both parties of a mutual fight; a default suspect whom another
// mention of the same origin shows to be the victim; the person a release
// opens its scene on; an appearance noun that takes up a named suspect.

// mutualParties: in a release that tells of a mutual fight or mutual
// accusations (lang.tsv mutual: "warfen sich gegenseitig
// Körperverletzungen vor", "gingen aufeinander los"), every person whose
// origin is named as a suspect or a victim is both: the codebook codes
// the parties of a mutual fight as suspects and victims (dev.jsonl's
// g280, set 4's fights, set 8's t061).
func (d *decider) mutualParties(ms []mention) {
	if len(d.m.mutual.byLast) == 0 || len(ms) == 0 {
		return
	}
	var rel []int32
	for t := 1; t <= len(d.tx.Tokens); t++ {
		if p := d.prepBefore(t, &d.m.mutual); p != "" {
			rel = append(rel, d.segmentOf(t-1))
		}
	}
	if len(rel) == 0 {
		return
	}
	for i := range ms {
		m := &ms[i]
		if m.kind == lexicon.Appearance || m.role != "suspect" && m.role != "victim" || !slices.Contains(rel, d.segmentOf(m.h.t0)) {
			continue
		}
		m.role = "all"
		m.reason = joinReason(m.reason, "in a release of a mutual fight or mutual accusations: suspect and victim")
	}
}

// dropClaimsBeside removes from ms the origins people gave of themselves
// beside another origin (claimedBeside), each with an "ignored" evidence
// in ev: a false identity, not an origin. The roles are final
// (applyRoleModel has run).
func (d *decider) dropClaimsBeside(ms []mention, ev *[]baserate.Evidence) []mention {
	if !slices.ContainsFunc(ms, func(m mention) bool { return m.claimed }) {
		return ms
	}
	// Decided on the whole list first: removing one claim changes no
	// other's answer, but the list is compacted in place.
	drop := d.dropMask[:0]
	for i := range ms {
		drop = append(drop, d.claimedBeside(ms, i))
	}
	d.dropMask = drop
	n := 0
	for i, mn := range ms {
		if drop[i] {
			*ev = append(*ev, d.ev("ignored", mn.h, mn.code, mn.role, mn.cue, "an identity someone posed as, beside another origin of the same role or before it in its sentence"))
			continue
		}
		ms[n] = mn
		n++
	}
	return ms[:n]
}

// claimedBeside: mention i is an origin a person gave of themselves
// (mention.claimed), and another mention that is not claimed names an
// origin for the same role, or before it in its sentence: "gab sich als
// Palästinenser aus" of a Moroccan suspect, "fingendosi ghanese, il
// cittadino nigeriano", "N. war gebürtige Rumänin, gab sich aber als
// Spanierin aus". The claim is then a false identity, not an origin.
func (d *decider) claimedBeside(ms []mention, i int) bool {
	m := ms[i]
	if !m.claimed {
		return false
	}
	for j, o := range ms {
		if j == i || o.claimed || o.code == "" || o.kind == lexicon.Appearance {
			continue
		}
		if o.role == m.role || o.h.t0 < m.h.t0 && d.sentence(o.h.t0) == d.sentence(m.h.t0) {
			return true
		}
	}
	return false
}

// dedupe keeps one mention per token span (several terms can match the
// same words).
func dedupe(ms []mention) []mention {
	slices.SortStableFunc(ms, func(a, b mention) int { return a.h.t0 - b.h.t0 })
	out := ms[:0]
	for _, m := range ms {
		dup := false
		for _, o := range out {
			if o.h.t0 == m.h.t0 && o.h.t1 == m.h.t1 && o.code == m.code && o.kind == m.kind {
				dup = true
			}
		}
		if !dup {
			out = append(out, m)
		}
	}
	return out
}

// descentOfCitizen: mention i is a descent ("indischer Abstammung") of a
// person whose citizenship another nationality mention right before or
// after it names ("Die beiden deutschen Eheleute, indischer Abstammung"):
// descent counts only when no citizenship is given.
func (d *decider) descentOfCitizen(ms []mention, i int) bool {
	m := ms[i]
	if m.kind != lexicon.Nationality || !d.descentAfter(m.h) {
		return false
	}
	for j, o := range ms {
		if j == i || o.kind != lexicon.Nationality && o.kind != lexicon.Country || o.code == m.code || d.sentence(o.h.t0) != d.sentence(m.h.t0) {
			continue
		}
		if d.descentAfter(o.h) {
			continue // another descent ("mit serbischen und bulgarischen Wurzeln")
		}
		gap := m.h.t0 - o.h.t1
		if o.h.t0 > m.h.t0 {
			gap = o.h.t0 - m.h.t1 - 1
		}
		if gap >= 0 && gap <= statusMergeDist {
			return true
		}
	}
	return false
}

// descentAfter: a descent noun follows h, perhaps after other adjectives
// joined by conjunctions ("serbischen und bulgarischen Wurzeln"), or
// stands right before it ("di origini brasiliane").
func (d *decider) descentAfter(h hit) bool {
	if h.t0 > 0 && d.m.lx.Descent[d.tx.Word(h.t0-1)] && d.sentence(h.t0-1) == d.sentence(h.t0) {
		return true
	}
	// "di origine rumena e moldava": the descent noun before the first of
	// adjectives joined by a conjunction.
	if h.t0 > 1 && d.conjunctionAt(h.t0-1) {
		for t := h.t0 - 2; t > 0 && h.t0-t <= 4 && d.sentence(t) == d.sentence(h.t0); t-- {
			if d.adjAt(t) == nil && !d.conjunctionAt(t) && !d.nationalityAt(t) {
				break
			}
			if d.m.lx.Descent[d.tx.Word(t-1)] {
				return true
			}
		}
	}
	// An adjective is skipped only after a conjunction: in "Deutscher
	// kasachischer Herkunft" the descent is the adjective's, not the
	// noun's.
	for t := h.t1; t < len(d.tx.Tokens) && t-h.t1 <= 4 && d.sentence(t) == d.sentence(h.t0); t++ {
		w := d.tx.Word(t)
		switch {
		case d.m.lx.Descent[w]:
			return true
		case d.conjunctionAt(t):
		case d.adjAt(t) != nil && d.conjunctionAt(t-1):
		default:
			return false
		}
	}
	return false
}

// sameAsNationality: the status mention i belongs to a person whose
// nationality is named ("syrischer Asylbewerber", "Iranian refugee").
func (d *decider) sameAsNationality(ms []mention, i int) bool {
	s := ms[i]
	for j, o := range ms {
		if j == i || o.kind != lexicon.Nationality && o.kind != lexicon.Country || o.role != s.role {
			continue
		}
		gap := s.h.t0 - o.h.t1
		if o.h.t0 > s.h.t0 {
			gap = o.h.t0 - s.h.t1
		}
		if gap <= statusMergeDist && d.sentence(o.h.t0) == d.sentence(s.h.t0) {
			return true
		}
		if a, b := d.linkedAge(s.h), d.linkedAge(o.h); a != nil && b != nil && a.age == b.age {
			return true
		}
	}
	// Only a status, but a nationality of the same role is named elsewhere
	// in a short text: still a status of its own.
	return false
}

// coordinatedOther: the status mention i is a second person, joined by a
// coordinator to a nationality right before it and with an article of its
// own ("un italiano e uno straniero", "ein Deutscher und ein Ausländer"),
// not a status said of the national ("tunisino e clandestino").
func (d *decider) coordinatedOther(ms []mention, i int) bool {
	s := ms[i].h
	lx := d.m.lx
	if !lx.Articles[d.tx.Word(s.t0)] && !(s.t0 > 0 && lx.Articles[d.tx.Word(s.t0-1)]) {
		return false
	}
	for _, o := range ms {
		if o.kind != lexicon.Nationality && o.kind != lexicon.Country || o.h.t1 > s.t0 || s.t0-o.h.t1 > statusMergeDist || d.sentence(o.h.t0) != d.sentence(s.t0) {
			continue
		}
		for t := o.h.t1; t < s.t0; t++ {
			if d.coordinatorAt(t, true) {
				return true // a coordinator, not "è"
			}
		}
	}
	return false
}

// countedGroup: the status mention i is a counted group listed after a
// counted group of a nationality ("nove italiani e due stranieri", "drei
// Deutsche und zwei Ausländer"): other persons than the nationality's.
func (d *decider) countedGroup(ms []mention, i int) bool {
	t := ms[i].h.t0
	if t < 3 || d.sentence(t-2) != d.sentence(t) {
		return false
	}
	if w := d.tx.Word(t - 1); !allDigits(w) && !d.m.lx.Plural[w] || !d.coordinatorAt(t-2, false) {
		return false
	}
	for _, o := range ms {
		if (o.kind == lexicon.Nationality || o.kind == lexicon.Country) && o.h.t1 == t-2 && o.h.t0 > 0 {
			if w := d.tx.Word(o.h.t0 - 1); allDigits(w) || d.m.lx.Plural[w] {
				return true
			}
		}
	}
	return false
}

// sameCodeVictim: a mention that no cue gave a role (taken as the suspect
// by default) is the victim when a mention of the same origin that a cue
// gave a role is a victim and none is a suspect: "ein 24-jähriger
// Tourist aus Korea ... Der Koreaner verfolgte die Täter" is the tourist.
func (d *decider) sameCodeVictim(ms []mention) {
	for i := range ms {
		m := &ms[i]
		if m.cue != nil || m.role != "suspect" || m.kind == lexicon.Appearance {
			continue
		}
		victim, suspect := false, false
		for j, o := range ms {
			if j == i || o.cue == nil || o.code != m.code || o.kind == lexicon.Appearance || d.otherPerson(m.h, o.h) {
				continue
			}
			switch o.role {
			case "suspect", "all":
				suspect = true
			case "victim":
				victim = true
			}
		}
		if victim && !suspect {
			m.role = "victim"
			m.reason = joinReason(m.reason, "but the other mentions of this origin with a cue are a victim and no suspect")
		}
	}
}

// resolveCompatriots gives "Landsmann" the nationality of the nearest
// person named before it, and drops it when there is none.
func (d *decider) resolveCompatriots(ms []mention) []mention {
	out := ms[:0]
	for i, m := range ms {
		if m.code != "COMPATRIOT" {
			out = append(out, m)
			continue
		}
		for j := i - 1; j >= 0; j-- {
			if ms[j].kind == lexicon.Nationality || ms[j].kind == lexicon.Country {
				m.code = ms[j].code
				m.kind = lexicon.Nationality
				if m.cue == nil && ms[j].role != m.role {
					// No cue of its own: the compatriot keeps company with
					// the person named before ("eine Holländerin in
					// Begleitung eines Landsmannes").
					m.role = ms[j].role
					m.reason = joinReason(m.reason, "no cue of its own: the role of the person named before")
				}
				m.reason = joinReason("compatriot of the "+d.ev("", ms[j].h, "", "", nil, "").Text+" named before", m.reason)
				out = append(out, m)
				break
			}
		}
	}
	return out
}

// sceneOpener: a person whom no cue gives a role, taken as the suspect by
// the default, but named before the release's suspect of another origin
// whom a cue or the clause model found, in a sentence with no offence and
// no role word ("stand eine 32-jährige Frau aus Bulgarien an der Ecke ...
// dass es sich vermutlich um Marokkaner gehandelt haben soll"; "fuhr ein
// rumänischer Staatsangehöriger ... auf das Tankstellengelände ... wurde der
// Pkw der Rumänen von vier Männern angehalten"): the release opens on the
// scene and the one it happens to, and is about another person as its
// suspect. The person is coded as a party other than the suspect. Status
// words and origins that a cue gives a suspect elsewhere are left as they
// are.
func (d *decider) sceneOpener(ms []mention) {
	for i := range ms {
		mn := &ms[i]
		if !mn.byDefault || mn.role != "suspect" || mn.code == "" || mn.kind == lexicon.Status {
			// A status word is taken to be a named suspect's (code()).
			continue
		}
		found, same := -1, false
		for j := range ms {
			o := &ms[j]
			if o.role != "suspect" || o.byDefault || o.code == "" || !(o.byClause || o.cue != nil) {
				continue
			}
			if o.code == mn.code {
				same = true // a suspect of this origin is found: the same person, maybe
			} else if found < 0 && o.h.t0 >= mn.h.t1 && d.sameRelease(o.h.t0, mn.h.t0) {
				found = j
			}
		}
		if found < 0 || same || d.eventSentence(mn.h) {
			continue
		}
		a, b := d.tx.Span(ms[found].h.t0, ms[found].h.t1)
		mn.role, mn.byDefault = "victim", false
		mn.reason = strings.Replace(mn.reason, "no role cue: taken as the suspect", fmt.Sprintf("no role cue, named in a sentence with no offence or role word before the release's suspect of another origin (%q): the scene's party, not its suspect", d.text[a:b]), 1)
	}
}

// takesUpNamed: the appearance noun ms[i] stands after a definite article
// (clause.tsv definite) and a suspect of a named nationality comes
// before it in its release: "Ein 30-jähriger Tunesier ... bei der
// Durchsuchung des Nordafrikaners" names the Tunisian again, no look.
func (d *decider) takesUpNamed(ms []mention, i int) bool {
	m := ms[i]
	if m.h.term.POS != "noun" && m.h.term.POS != "adjnoun" || m.h.t0 == 0 || !d.m.lx.Clause.Definite[d.tx.Word(m.h.t0-1)] {
		return false
	}
	for _, o := range ms {
		if o.h.t0 < m.h.t0 && o.kind == lexicon.Nationality && o.role == "suspect" && d.segmentOf(o.h.t0) == d.segmentOf(m.h.t0) {
			return true
		}
	}
	return false
}
