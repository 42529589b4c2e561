package detect

import (
	"strings"

	"github.com/baserate/baserate"
)

// Offence families. The crime decision counts every offence word of a
// text; the families count only the offences the text reports as
// committed in its own case. Taken out of the families (not of the crime
// decision, so that no origin changes with them):
//   - a word inside a longer offence phrase of another family ("sexual
//     assault" is sexual, not violent; "assault weapon" is a weapon);
//   - a word in a department's or statistic's name (lang.tsv
//     department_after / department_before: "Homicide Unit", "das für
//     Erpressung zuständige Kommissariat", "Ermittlungsgruppe Rauschgift");
//   - a word after the line that opens a web page's list of other
//     articles (lang.tsv page_tail: "Latest Posts", "Recent News");
//   - a word of a family in a sentence with a negator of that family
//     (offences.tsv kind "not": "Cannabis konsumiert", "drogentypische
//     Auffälligkeiten": consumption, no drug offence);
//   - a word after a record cue in its sentence (kind "prior":
//     "precedenti per furto, rapina impropria", "a prior strike
//     conviction for criminal threats"): an earlier case;
//   - a word too weak to name a family on its own (weight below the
//     family threshold) of a family that an offence in the text absorbs
//     (kind "absorbs:property": a robbery's "Beute", "entwendet" are the
//     robbery, which the codebook counts as violent).
//
// With no family at the threshold, the strongest family named counts;
// with none named at all, "other".

// families sums the weights of the offence families in d.offences.
func (d *decider) families() (fam [16]float64, famEv [16]*hit) {
	hs := append(d.famHits[:0], d.offences...)
	tail := d.pageTail()
	kept := hs[:0]
	for i, h := range hs {
		if h.term.Code == "" || h.t0 >= tail || d.inDepartment(h) || d.containedInOther(hs, i) || d.negated(h) {
			continue
		}
		kept = append(kept, h)
	}
	var absorbed [16]bool
	for _, h := range kept {
		if h.term.Absorbs != "" {
			absorbed[famIndex(h.term.Absorbs)] = true
		}
	}
	for _, h := range kept {
		f := famIndex(h.term.Code)
		if absorbed[f] && h.term.Weight < familyThreshold {
			continue
		}
		fam[f] += h.term.Weight
	}
	d.famHits = kept
	for i := range d.famHits {
		h := &d.famHits[i]
		f := famIndex(h.term.Code)
		if famEv[f] == nil && !(absorbed[f] && h.term.Weight < familyThreshold) {
			famEv[f] = h
		}
	}
	return fam, famEv
}

// containedInOther reports whether offence hit i lies inside a longer
// offence hit (or one of the same tokens with a longer term) of another
// family.
func (d *decider) containedInOther(hs []hit, i int) bool {
	h := hs[i]
	for j := range hs {
		o := hs[j]
		if j == i || o.term.Code == h.term.Code || o.t0 > h.t0 || o.t1 < h.t1 {
			continue
		}
		if o.t1-o.t0 > h.t1-h.t0 || len(o.term.Form) > len(h.term.Form) {
			return true
		}
	}
	return false
}

// inDepartment reports whether an offence hit names a department, a unit
// or a statistic rather than an offence ("Homicide Unit", "für Erpressung
// zuständigen Kommissariates", "Ermittlungsgruppe Rauschgift").
func (d *decider) inDepartment(h hit) bool {
	m := d.m
	if len(m.deptAfter.byLast) > 0 {
		// The department word up to three tokens after the offence.
		for k := 1; k <= 3 && h.t1+k <= len(d.tx.Tokens); k++ {
			if p := d.phraseEndingAt(h.t1+k, &m.deptAfter); p != "" && d.sentence(h.t1+k-1) == d.sentence(h.t0) {
				return true
			}
		}
	}
	if len(m.deptBefore.byLast) > 0 {
		for k := 0; k <= 2 && h.t0-k >= 1; k++ {
			if d.phraseEndingAt(h.t0-k, &m.deptBefore) != "" && d.sentence(h.t0-k-1) == d.sentence(h.t0) {
				return true
			}
		}
	}
	return false
}

// priorWindow is how far after a record cue ("precedenti per") its
// offences reach: a list of a dozen words.
const priorWindow = 12

// negated reports whether a negator of the hit's family stands in its
// sentence, or a record cue before it.
func (d *decider) negated(h hit) bool {
	s := d.sentence(h.t0)
	for _, n := range d.offNeg {
		if d.sentence(n.t0) != s {
			continue
		}
		if n.term.Prior && n.t1 <= h.t0 && h.t0-n.t1 <= priorWindow || n.term.Negator && n.term.Code == h.term.Code {
			return true
		}
	}
	return false
}

// pageTail returns the first token of a web page's list of other
// articles (a line that opens with a lang.tsv page_tail phrase), or the
// number of tokens when there is none.
func (d *decider) pageTail() int {
	n := len(d.tx.Tokens)
	ps := &d.m.pageTail
	if len(ps.byLast) == 0 {
		return n
	}
	for t := 0; t < n; t++ {
		if !d.lineStart(t) {
			continue
		}
		for k := 1; k <= 3 && t+k <= n; k++ {
			if p := d.phraseEndingAt(t+k, ps); p != "" && strings.Count(p, " ")+1 == k {
				return t
			}
		}
	}
	return n
}

// phraseEndingAt returns the phrase of ps whose last word is token end-1
// and whose words stand in one sentence, or "".
func (d *decider) phraseEndingAt(end int, ps *phrases) string {
	if end < 1 || end > len(d.tx.Tokens) {
		return ""
	}
	for _, p := range ps.lookup(d.word(end - 1)) {
		k := strings.Count(p, " ") + 1
		if end-k < 0 || d.sentence(end-k) != d.sentence(end-1) {
			continue
		}
		a, b := d.tx.Tokens[end-k], d.tx.Tokens[end-1]
		if string(d.tx.Norm[a.Start:b.End]) == p {
			return p
		}
	}
	return ""
}

// lineStart reports whether token t opens a line of the original text.
func (d *decider) lineStart(t int) bool {
	s, _ := d.tx.Span(t, t+1)
	for i := s - 1; i >= 0; i-- {
		switch d.text[i] {
		case ' ', '\t', '\r':
			continue
		case '\n':
			return true
		}
		return false
	}
	return t == 0
}

// strongestFamily returns the family with the highest weight, or "other".
func strongestFamily(fam *[16]float64) int {
	best := len(baserate.OffenceFamilies) - 1
	for i := range baserate.OffenceFamilies {
		if fam[i] > fam[best] {
			best = i
		}
	}
	return best
}
