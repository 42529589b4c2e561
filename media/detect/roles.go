package detect

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/baserate/baserate/media/lexicon"
)

// Roles. Whose origin a mention names, where the clause model gives no
// answer: the role cues of its sentence (and the start of the next),
// scored by distance, with the object rule, voided and quoted cues,
// agent phrases and the defaults (a person of known age beside unknown
// perpetrators is a victim; no cue at all, the suspect). assignRole
// records which of them decided.

// roleIndex returns the index of a scoring role, or -1.
func roleIndex(role string) int {
	switch role {
	case "suspect":
		return rSuspect
	case "victim":
		return rVictim
	case "witness":
		return rWitness
	case "other":
		return rOther
	}
	return -1
}

// scores are the role scores of one mention and the best cue of each.
type scores struct {
	acc   [nRoles]float64
	best  [nRoles]*hit
	bestW [nRoles]float64
	n     int // cues added
}

func (sc *scores) add(role int, w float64, cue *hit) {
	sc.acc[role] += w
	sc.n++
	if w > sc.bestW[role] {
		sc.bestW[role], sc.best[role] = w, cue
	}
}

// score adds up role cues in the sentence of the token range [t0, t1),
// within max tokens (0 = the whole sentence).
func (d *decider) score(t0, t1, max int, sc *scores) {
	s := d.sentence(t0)
	g := ""
	if t0 > 0 && !d.inNext {
		g = d.detGender(t0 - 1)
	}
	for i := range d.roles {
		r := &d.roles[i]
		role := roleIndex(r.term.Role)
		if d.sentence(r.t0) != s || role < 0 || d.voided(r) || d.inNext && (r.term.OwnSentence || d.ownNoun(r)) || d.nameCue(r) || d.quoted(r) {
			continue
		}
		if g != "" && d.passiveParticipleOf(r, otherGender(g)) {
			continue // "è stato arrestato il 23enne ... a una romena": another person's
		}
		if d.accountClause(r.t0) {
			continue // "Wie die Geschädigte weiter ausführte, ...": whose account it is
		}
		dist := 0
		switch {
		case r.t1 <= t0:
			dist = t0 - r.t1
			if d.startsWithTarget(r) {
				if dist > 3 {
					continue // "auf den Polizeibeamten": the target is the phrase right after it
				}
				if q := d.inquiryNear(r); q != nil {
					// "leiteten gegen den 39-Jährigen ein Verfahren ein":
					// an inquiry's target is its suspect.
					sc.add(rSuspect, r.term.Weight/(1+float64(dist)/cueDecay), q)
					continue
				}
			}
		case r.t0 >= t1:
			if d.endsInTarget(r) || d.startsWithTarget(r) {
				continue // "Messerattacke auf eine Soldatin" names the target after it
			}
			if d.separateNoun(r, t1) {
				continue // "Der Koreaner verfolgte die Täter": the cue is another person
			}
			dist = r.t0 - t1
		default:
			continue // inside the mention
		}
		if max > 0 && dist > max {
			continue
		}
		w := r.term.Weight / (1 + float64(dist)/cueDecay)
		if role == rVictim && r.term.OwnSentence && r.t1 <= t0 && d.agentHead(r, t0) {
			// "wurde das Opfer von zwei Landsleuten", "von dem Bulgaren
			// Heroin erworben": the person heads the agent phrase the cue
			// opens, so is its doer, not the one acted on.
			role = rSuspect
		}
		if role == rSuspect && d.afterAgent(r) {
			// "von einem unbekannten Täter angerufen": the suspect is
			// another person, acting on the one named here.
			role = rVictim
		}
		sc.add(role, w, r)
	}
}

// scoreNext adds, at half weight, the cues at the start of the next
// sentence when the person's own sentence has none: there the person is
// usually taken up again ("Beide wurden als
// Tatverdächtige belehrt").
func (d *decider) scoreNext(h hit, sc *scores) {
	s := d.sentence(h.t0)
	t := h.t1
	for t < len(d.tx.Tokens) && d.sentence(t) == s {
		t++
	}
	if t >= len(d.tx.Tokens) {
		return
	}
	var next scores
	d.inNext = true
	d.score(t, t, nextWindow, &next)
	d.inNext = false
	for k, b := range next.best {
		if b != nil {
			sc.best[k] = b
		}
	}
	// "Eine Streifenbesatzung bemerkte den Mann": the police open the next
	// sentence and act on the person named before.
	for i := range d.roles {
		r := &d.roles[i]
		if r.term.Role == "police" && r.t0 >= t && r.t0-t <= 2 && d.sentence(r.t0) == d.sentence(t) {
			next.acc[rSuspect] += r.term.Weight
			next.n++
			if sc.best[rSuspect] == nil {
				sc.best[rSuspect] = r
			}
			break
		}
	}
	for k, v := range next.acc {
		sc.acc[k] += v / 2
	}
	sc.n += next.n
}

// linkedAge returns the age hit the mention belongs to, or nil. An age
// whose determiner marks the other gender than the mention's is another
// person's ("è stato arrestato il 23enne ... intestato a una romena").
func (d *decider) linkedAge(h hit) *hit {
	var best *hit
	bestD := 1 << 30
	mg := ""
	if h.t0 > 0 {
		mg = d.detGender(h.t0 - 1)
	}
	for i := range d.ages {
		a := &d.ages[i]
		if d.sentence(a.t0) != d.sentence(h.t0) {
			continue
		}
		if mg != "" && a.t0 > 0 && d.detGender(a.t0-1) == otherGender(mg) {
			continue
		}
		var dist int
		switch {
		case a.t1 <= h.t0 && h.t0-a.t1 <= ageLinkBefore:
			dist = h.t0 - a.t1
		case a.t0 >= h.t1 && a.t0-h.t1 <= ageLinkAfter:
			dist = a.t0 - h.t1 + 1
		case a.t1 <= h.t0 && h.t0-a.t1 <= ageSubjectWindow:
			dist = 100 + h.t0 - a.t1
		default:
			continue
		}
		if dist < bestD {
			best, bestD = a, dist
		}
	}
	return best
}

// The cue roles that add to a role score are roleNames; "police",
// "object" and "void" cues are used by the rules below.

// voided: the cue follows "laut" or "nach Angaben", so it reports whose
// account it is, not a role of the person near it.
func (d *decider) voided(r *hit) bool {
	for _, v := range d.roles {
		if v.term.Role != "void" || v.t1 > r.t0 || r.t0-v.t1 > 3 {
			continue
		}
		// "nach Angaben der beiden Geschädigten": a determiner, a number
		// or an adjective may stand between.
		between := true
		for t := v.t1; t < r.t0; t++ {
			if !d.isDet(t) && !d.m.lx.Plural[d.tx.Word(t)] && !allDigits(d.tx.Word(t)) && !d.adjectiveAt(t) {
				between = false
			}
		}
		if between && (r.t0-v.t1 <= 1 || d.sentence(v.t0) == d.sentence(r.t0)) {
			return true
		}
	}
	return false
}

// accountClause: token t stands in a clause that says whose account the
// sentence gives: opened by an account opener and holding an account verb
// ("Wie die Geschädigte weiter ausführte", "come ha raccontato la
// vittima"). The clauses of t's sentence must be cut.
func (d *decider) accountClause(t int) bool {
	lx := d.m.lx
	if len(lx.AccountVerbs) == 0 || len(d.cl) != len(d.tx.Tokens) || d.cl[t] < 0 {
		return false
	}
	c := d.cl[t]
	first := int(d.clinfo[c].first)
	if !lx.AccountOpeners[d.tx.Word(first)] {
		return false
	}
	for q := range d.clauseTokens(c, first) {
		if lx.AccountVerbs[d.tx.Word(q)] {
			return true
		}
	}
	return false
}

// agentHead: the mention at t0 heads the agent phrase that the cue r
// opens ("von zwei Landsleuten", "von dem Bulgaren"): only determiners,
// numbers, ages and adjectives stand between, no comma, and the cue does
// not end in a noun of its own ("von einem Mann, einem Syrer" is an
// apposition to that noun).
func (d *decider) agentHead(r *hit, t0 int) bool {
	if t0-r.t1 > 3 || d.m.lx.NounsCapitalized && d.cap(r.t1-1) {
		return false
	}
	for t := r.t1; t <= t0; t++ {
		if d.commaBefore(t) {
			return false
		}
		if t < t0 && !d.isDet(t) && !d.m.lx.Plural[d.tx.Word(t)] && !allDigits(d.tx.Word(t)) && !d.adjectiveAt(t) && !d.inAge(t) {
			return false
		}
	}
	return true
}

// afterAgent: the cue stands in an agent phrase ("von einem Täter") or
// names an unknown perpetrator ("der unbekannte Täter").
func (d *decider) afterAgent(r *hit) bool {
	for _, a := range d.roles {
		if (a.term.Role == "agent" || a.term.Role == "unknown") && a.t1 <= r.t0 && r.t0-a.t1 <= 3 && d.sentence(a.t0) == d.sentence(r.t0) {
			return true
		}
	}
	return false
}

// objectRole applies the object rule: a determiner in the accusative or
// dative just before the person ("einen 43-jährigen Deutschen") makes the
// person the object of the clause: a suspect when the police act in the
// sentence ("Beamte nahmen einen 23-Jährigen fest"), else a victim.
func (d *decider) objectRole(h hit) (role string, cue *hit) {
	var obj *hit
	for i := range d.roles {
		r := &d.roles[i]
		if (r.term.Role == "object" || r.term.Role == "objectv") && r.t1 <= h.t0 && h.t0-r.t1 <= 3 && d.sentence(r.t0) == d.sentence(h.t0) {
			obj = r
		}
	}
	if obj == nil {
		return "", nil
	}
	if p := obj.t0 - 1; p >= 0 && d.sentence(p) == d.sentence(obj.t0) {
		if d.m.lx.Prepositions[d.tx.Word(p)] {
			return "", nil // "um einen 16-jährigen Deutschen", "mit einem Syrer": no object of the clause
		}
		if d.commaBefore(obj.t0) {
			// "dem mutmaßlichen Täter, einem 23-jährigen Deutschen": an
			// apposition takes the role of the noun before it.
			for i := range d.roles {
				r := &d.roles[i]
				if r.t1 == obj.t0 && roleIndex(r.term.Role) >= 0 {
					return r.term.Role, r
				}
			}
		}
	}
	if obj.term.Role == "objectv" {
		// "targeted Hispanic males", "hired undocumented workers": the
		// object of the act is its victim, whatever the police do.
		return "victim", obj
	}
	for i := range d.roles {
		r := &d.roles[i]
		if r.term.Role == "suspect" && (r.term.Weight >= 4 || d.asBefore(r)) && r.t1 <= h.t0 && d.sentence(r.t0) == d.sentence(h.t0) {
			// "Bei den Tätern handelt es sich um einen ...", "Als weitere
			// Tatbeteiligte nannte er einen ...": identity, not an object.
			return "", nil
		}
	}
	for i := range d.roles {
		r := &d.roles[i]
		if r.t1 == obj.t0 {
			switch r.term.Role {
			case "agent":
				return "", nil
			case "target":
				if inq := d.inquiryNear(r); inq != nil {
					// "ermittelt ... gegen einen 18jährigen Türken",
					// "leiteten gegen den 39-Jährigen ein Verfahren ein".
					return "suspect", inq
				}
				return "victim", obj
			}
		}
	}
	// Only the words of the noun phrase may stand between: ages and adjectives.
	for t := obj.t1; t < h.t0; t++ {
		if d.tx.Tokens[t].Cap && !d.inAge(t) {
			return "", nil
		}
	}
	for i := range d.roles {
		r := &d.roles[i]
		if d.sentence(r.t0) == d.sentence(h.t0) && r.term.Role == "police" && (r.t1 <= obj.t0 || r.t0 >= h.t1 && r.t0-h.t1 <= 6) {
			return "suspect", r
		}
	}
	return "victim", obj
}

// asBefore: "als" stands at most two words before the cue ("als
// weitere Tatbeteiligte"): the cue names someone's role.
func (d *decider) asBefore(r *hit) bool {
	for t := r.t0 - 1; t >= 0 && r.t0-t <= 2 && d.sentence(t) == d.sentence(r.t0); t-- {
		if w := d.tx.Word(t); w == "als" || w == "as" || w == "come" || w == "som" {
			return true
		}
	}
	return false
}

// commaBefore: a comma stands between token t and the token before it.
func (d *decider) commaBefore(t int) bool {
	if t == 0 {
		return false
	}
	_, e := d.tx.Span(t-1, t)
	s, _ := d.tx.Span(t, t+1)
	for i := e; i < s; i++ {
		if d.text[i] == ',' {
			return true
		}
	}
	return false
}

func (d *decider) inAge(t int) bool {
	for _, a := range d.ages {
		if a.t0 <= t && t < a.t1 {
			return true
		}
	}
	return false
}

// assignRole decides whether the person of a mention is a suspect, a
// victim, a witness or another non-suspect.
func (d *decider) assignRole(mn *mention) {
	if d.hearsayQuote(mn.h) {
		// «Mi disse che era stato picchiato ... da un gruppo di
		// pakistani», says a witness: a story told to the speaker,
		// which the text reports as said, not as found.
		mn.role = "other"
		mn.reason = joinReason(mn.reason, "in a story told to the speaker of a quotation: an account, not a party found")
		return
	}
	if d.partOfCount(mn.h) {
		// "42 persone, di cui 13 nazionalità straniera": people counted.
		mn.role = "other"
		mn.reason = joinReason(mn.reason, "part of a counted group of ten or more: a count of people, no suspect")
		return
	}
	if !d.everyoneBefore(mn.h) && !d.bothBefore(mn.h) {
		// The clause model's readings, in turn: the first that answers
		// decides.
		take := func(a clauseAnswer, ok bool) bool {
			if ok {
				mn.role, mn.cue, mn.byClause = a.role, a.cue, true
				mn.reason = joinReason(mn.reason, "clause model: "+a.reason)
			}
			return ok
		}
		if take(d.clauseRole(mn.h)) || take(d.groupRole(mn)) || take(d.descriptionRole(mn.h)) || take(d.corefRole(mn)) || take(d.pronounRole(mn)) {
			return
		}
		var own scores
		if d.score(mn.h.t0, mn.h.t1, 0, &own); own.n > 0 {
			// A role cue in the mention's own sentence is nearer evidence
			// than the age taken up elsewhere: the cue scores decide.
		} else if a, ok := d.sameAgeRole(mn); ok {
			mn.role, mn.cue, mn.byClause = a.role, a.cue, true
			mn.reason = joinReason(mn.reason, "clause model: "+a.reason)
			return
		}
	}
	mn.reason = joinReason(mn.reason, "no answer from the clause model, cue scores decide")
	var sc scores
	d.score(mn.h.t0, mn.h.t1, 0, &sc)
	la := d.linkedAge(mn.h)
	relAges := d.releaseAges(mn.h.t0)
	contrast := la != nil && len(relAges) > 0 && !slices.Contains(relAges, la.age) && !d.pluralSuspects
	if sc.n == 0 && !contrast {
		d.scoreNext(mn.h, &sc)
	}
	linked := ""
	if a := la; a != nil {
		linked = "; linked to the " + strconv.Itoa(a.age) + "-year-old"
		code := d.mentionCode(mn)
		for i := range d.ages {
			o := &d.ages[i]
			if o.age == a.age && o.t0 != a.t0 && !d.otherSameAge(o) && !d.otherOrigin(o, code) && d.sameRelease(o.t0, a.t0) {
				d.score(o.t0, o.t1, referentWindow, &sc)
				// The object rule holds for the other mentions too: "den
				// 41-Jährigen vor das Lokal zu locken".
				if r, cue := d.objectRole(*o); r != "" {
					sc.add(roleIndex(r), cue.term.Weight/2, cue)
				}
			}
		}
	}
	forced := -1
	if r, cue := d.objectRole(mn.h); r != "" {
		sc.add(roleIndex(r), cue.term.Weight, cue)
		linked += "; object of the clause"
		if cue.term.Role == "objectv" {
			forced = roleIndex(r)
		}
	}
	role, top := -1, 0.0
	for r := range nRoles {
		if sc.acc[r] > top {
			role, top = r, sc.acc[r]
		}
	}
	if top < minCueScore {
		role = -1 // a lone distant cue is no evidence
	}
	if forced >= 0 {
		role = forced
	}
	if d.everyoneBefore(mn.h) || d.bothBefore(mn.h) {
		// "samtliga utländska medborgare", "alle Beteiligten": every party.
		mn.role = "all"
		if role >= 0 {
			mn.cue = sc.best[role]
		}
		mn.reason = joinReason(mn.reason, "said of everyone involved: suspects and victims"+linked)
		return
	}
	a := la
	switch {
	case role < 0 && contrast:
		// "Einsatzkräfte nahmen einen 29-jährigen Tatverdächtigen fest
		// ... Der 39-Jährige besitzt die syrische Staatsangehörigkeit."
		mn.role = "victim"
		mn.reason = joinReason(mn.reason, fmt.Sprintf("no role cue, and the suspect is another person (%s)", ageList(relAges))+linked)
	case role < 0 && a != nil && d.unknownPerp:
		// The perpetrators are unknown; a person the release gives an
		// exact age is known to the police: victim or witness.
		mn.role = "victim"
		mn.reason = joinReason(mn.reason, "no role cue; the perpetrators are unknown, a person of known age is not one of them"+linked)
	case role < 0 && mn.h.term.POS == "group":
		// "Flüchtlinge", "migranti" with no cue: people in general.
		mn.role = "other"
		mn.reason = joinReason(mn.reason, "a group named without a role cue"+linked)
	case role < 0:
		if a, ok := d.roleNounCoref(mn); ok {
			// "ein 26-jähriger Engländer ... Der eingeschüchterte
			// Geschädigte": a role noun later takes the person up.
			mn.role, mn.cue, mn.byClause = a.role, a.cue, true
			mn.reason = joinReason(mn.reason, "no role cue in its sentence; "+a.reason+linked)
			break
		}
		mn.role, mn.byDefault = "suspect", true
		mn.reason = joinReason(mn.reason, "no role cue: taken as the suspect"+linked)
	default:
		mn.role = roleNames[role]
		mn.cue = sc.best[role]
		mn.reason = joinReason(mn.reason, scoreReason(d.fbuf[:0], &sc.acc, linked))
	}
	if mn.role == "witness" || mn.role == "other" {
		// Kept apart from suspects, coded with victims.
		return
	}
}

// mentionCode is the origin code of a mention; for "Landsmann", the code
// of the nationality named last before it.
func (d *decider) mentionCode(mn *mention) string {
	if mn.code != "COMPATRIOT" {
		return mn.code
	}
	code := ""
	for _, c := range d.cands {
		if c.t0 >= mn.h.t0 {
			break
		}
		if c.term.Kind == lexicon.Nationality && c.term.Code != "COMPATRIOT" {
			code = c.term.Code
		}
	}
	return code
}

// otherOrigin: a nationality of another code follows the age hit a
// ("41jähriger Grieche"), so it is another person than one of code.
func (d *decider) otherOrigin(a *hit, code string) bool {
	if code == "" {
		return false
	}
	for _, c := range d.cands {
		if c.term.Kind == lexicon.Nationality && c.t0 >= a.t1 && c.t0-a.t1 <= 1 && c.term.Code != code && c.term.Code != "COMPATRIOT" {
			return true
		}
	}
	return false
}

// scoreReason is the cue scores' reason, as fmt.Sprintf("role scores
// suspect %.1f victim %.1f witness %.1f other %.1f%s") writes it; b is
// room to write it in.
func scoreReason(b []byte, acc *[nRoles]float64, linked string) string {
	b = append(b, "role scores suspect "...)
	b = strconv.AppendFloat(b, acc[rSuspect], 'f', 1, 64)
	b = append(b, " victim "...)
	b = strconv.AppendFloat(b, acc[rVictim], 'f', 1, 64)
	b = append(b, " witness "...)
	b = strconv.AppendFloat(b, acc[rWitness], 'f', 1, 64)
	b = append(b, " other "...)
	b = strconv.AppendFloat(b, acc[rOther], 'f', 1, 64)
	b = append(b, linked...)
	return string(b)
}

// findSuspectAges collects the ages written right next to a strong
// suspect cue: "einen 29-jährigen Tatverdächtigen", "der Beschuldigte, ein
// 29-Jähriger", "il 25enne arrestato".
func (d *decider) findSuspectAges() {
	d.suspectAges, d.suspectAgeAt = d.suspectAges[:0], d.suspectAgeAt[:0]
	d.pluralSuspects = false
	for i := range d.roles {
		r := &d.roles[i]
		if r.term.Role != "suspect" || r.term.Weight < 3 || d.afterAgent(r) {
			continue
		}
		for t := r.t0 - 1; t >= 0 && r.t0-t <= 2; t-- {
			if d.m.lx.Plural[d.tx.Word(t)] {
				d.pluralSuspects = true
			}
		}
		for _, a := range d.ages {
			if d.sentence(a.t0) != d.sentence(r.t0) {
				continue
			}
			if (r.t0 >= a.t1 && r.t0-a.t1 <= 1) || (a.t0 >= r.t1 && a.t0-r.t1 <= 2) {
				d.suspectAges = append(d.suspectAges, a.age)
				d.suspectAgeAt = append(d.suspectAgeAt, a.t0)
			}
		}
	}
}

// findUnknownPerp: an "unknown" word before a suspect cue ("unbekannte
// Täter", "ignoti autori") or, where nouns are capitalized, standing as a
// noun itself ("zwei Unbekannte", "flüchteten die Unbekannten").
func (d *decider) findUnknownPerp() {
	d.unknownPerp = false
	for i := range d.roles {
		u := &d.roles[i]
		if u.term.Role != "unknown" {
			continue
		}
		for j := range d.roles {
			r := &d.roles[j]
			if r.term.Role == "suspect" && r.term.Weight >= 3 && r.t0 >= u.t1 && r.t0-u.t1 <= 1 {
				d.unknownPerp = true
				return
			}
		}
		// "von einem bislang unbekannten Mann angesprochen".
		for _, p := range d.persons {
			if p.term.Where == "after" && p.t0 == u.t1 && d.sentence(p.t0) == d.sentence(u.t0) {
				d.unknownPerp = true
				return
			}
		}
		if d.m.lx.NounsCapitalized && d.cap(u.t0) && !d.sentenceStart(u.t0) && (u.t1 >= len(d.tx.Tokens) || !d.cap(u.t1) || d.sentence(u.t1) != d.sentence(u.t0)) {
			d.unknownPerp = true
			return
		}
	}
}

func ageList(m []int) string {
	ages := slices.Clone(m)
	slices.Sort(ages)
	var b []byte
	for i, a := range ages {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = fmt.Appendf(b, "%d-year-old", a)
	}
	return string(b)
}

// endsInTarget: the cue ends with a target preposition ("Angriff auf",
// "gegen den"), so it speaks of the person after it only.
func (d *decider) endsInTarget(r *hit) bool {
	if r.t1-r.t0 < 2 {
		return false
	}
	for _, o := range d.roles {
		if o.term.Role == "target" && o.t0 == r.t1-1 && o.t1 == r.t1 {
			return true
		}
	}
	return false
}

// quoted: the cue stands in quotation marks, so it is not meant
// literally (two Poles on a "Touristen" trip of burglaries).
func (d *decider) quoted(r *hit) bool {
	s, e := d.tx.Span(r.t0, r.t1)
	return s > 0 && e < len(d.text) && isQuote(d.text[:s], true) && isQuote(d.text[e:], false)
}

// isQuote: s ends (before) or starts (after) with a quotation mark.
func isQuote(s string, before bool) bool {
	for _, q := range []string{"\"", "„", "“", "”", "«", "»", "‚", "‘", "’"} {
		if before && strings.HasSuffix(s, q) || !before && strings.HasPrefix(s, q) {
			return true
		}
	}
	return false
}

// nameCue: in a language that writes its common nouns in lower case, a
// cue found as the start of a capitalized word inside a sentence is part
// of a name ("mort*" in "Mortillaro").
func (d *decider) nameCue(r *hit) bool {
	return d.m.lx.DemonymsLowercase && d.cap(r.t0) && !d.sentenceStart(r.t0) && !strings.HasSuffix(r.term.Pattern, " ")
}

// inquiryNear: a target preposition ("gegen") stands in the clause of an
// inquiry word ("ermittelt", "Verfahren", "Anzeige"): at most 10 words
// before it or 6 after, in its sentence, with no comma between. It
// returns the inquiry cue.
func (d *decider) inquiryNear(r *hit) *hit {
	for i := range d.roles {
		q := &d.roles[i]
		if q.term.Role != "inquiry" || d.sentence(q.t0) != d.sentence(r.t0) {
			continue
		}
		var a, b int
		switch {
		case q.t1 <= r.t0 && r.t0-q.t1 <= 10:
			a, b = q.t1, r.t0
		case q.t0 >= r.t1 && q.t0-r.t1 <= 6:
			a, b = r.t1, q.t0
		default:
			continue
		}
		comma := false
		for t := a; t <= b && t < len(d.tx.Tokens); t++ {
			if d.commaBefore(t) {
				comma = true
			}
		}
		if !comma {
			return q
		}
	}
	return nil
}

// startsWithTarget: the cue begins with a target preposition ("auf den",
// "gegen einen"), so it speaks of the noun phrase right after it.
func (d *decider) startsWithTarget(r *hit) bool {
	if r.t1-r.t0 < 2 {
		return false
	}
	for _, o := range d.roles {
		if o.term.Role == "target" && o.t0 == r.t0 && o.t1 == r.t0+1 {
			return true
		}
	}
	return false
}

// separateNoun: the cue after a mention (which ends at token end) is a
// role noun with its own article ("die Täter", "dem Rentner", "ai
// proprietari"), and a word other than a copula stands between: the noun
// is another person, the object of the mention's clause or a new subject
// ("Der Koreaner verfolgte die Täter"), not the person of the mention
// ("Zwei Marokkaner sollen die Täter sein").
func (d *decider) separateNoun(r *hit, end int) bool {
	lx := d.m.lx
	if len(lx.Articles) == 0 {
		return false
	}
	q := -1
	for t := r.t0 - 1; t >= end && r.t0-t <= 3; t-- {
		if lx.Articles[d.tx.Word(t)] {
			q = t
			break
		}
		// Only adjectives and ages may stand between article and noun:
		// lower-case words where nouns are capitalized, one word else.
		if lx.NounsCapitalized && d.cap(t) && !d.inAge(t) || !lx.NounsCapitalized && r.t0-t > 1 {
			return false
		}
	}
	if q < 0 || d.sentence(q) != d.sentence(r.t0) {
		return false
	}
	for t := end; t < q; t++ {
		w := d.tx.Word(t)
		if !lx.Link[w] && !d.inAge(t) && !allDigits(w) {
			return true
		}
	}
	return false
}

// bothBefore: a suspect noun and a victim noun joined by a conjunction
// open the mention's sentence before it ("Der 43-jährige Tatverdächtige
// sowie das 43-jährige Opfer besitzen die ukrainische
// Staatsbürgerschaft"): the origin is both persons'.
func (d *decider) bothBefore(h hit) bool {
	var sus, vic *hit
	for i := range d.roles {
		r := &d.roles[i]
		if d.sentence(r.t0) != d.sentence(h.t0) || r.t1 > h.t0 {
			continue
		}
		switch {
		case r.term.Role == "suspect" && r.term.Weight >= 3 && sus == nil:
			sus = r
		case r.term.Role == "victim" && r.term.Weight >= 3 && vic == nil:
			vic = r
		}
	}
	if sus == nil || vic == nil {
		return false
	}
	a, b := sus, vic
	if b.t0 < a.t0 {
		a, b = b, a
	}
	if b.t0-a.t1 > 4 {
		return false
	}
	for t := a.t1; t < b.t0; t++ {
		if d.conjunctionAt(t) {
			return true
		}
	}
	return false
}

// everyoneBefore: a word for everyone involved stands just before the
// mention, in its sentence ("samtliga utländska medborgare", "alle
// Beteiligten sind ...").
func (d *decider) everyoneBefore(h hit) bool {
	for t := h.t0 - 1; t >= 0 && h.t0-t <= 2 && d.sentence(t) == d.sentence(h.t0); t-- {
		if d.m.lx.Everyone[d.tx.Word(t)] {
			return true
		}
	}
	return false
}

// otherSameAge: a word like "ebenfalls" stands just before the age hit, so
// it is another person of the same age.
func (d *decider) otherSameAge(a *hit) bool {
	for t := a.t0 - 1; t >= 0 && a.t0-t <= 2; t-- {
		if d.m.lx.OtherSameAge[d.tx.Word(t)] {
			return true
		}
	}
	return false
}

// eventSentence: the sentence of h has an offence word or a cue of a
// suspect, a victim or the police.
func (d *decider) eventSentence(h hit) bool {
	s := d.sentence(h.t0)
	for _, o := range d.offences {
		if d.sentence(o.t0) == s {
			return true
		}
	}
	for _, r := range d.roles {
		if d.sentence(r.t0) == s {
			switch r.term.Role {
			case "suspect", "victim", "police":
				return true
			}
		}
	}
	return false
}
