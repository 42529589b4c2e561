package detect

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/media/lexicon"
	"github.com/baserate/baserate/media/textnorm"
)

// Tuning constants of the decision rules. The first engineer set them on
// half of the development set and checked them on the other half; those
// added later (suspectOnlyCrime, minCueScore) were set on dev.jsonl and
// the two held-out sets of media/heldout, which are therefore development
// data now (see eval_test.go and docs/media.md).
const (
	crimeThreshold = 3.0 // offence weight + half the suspect-cue weight - non-crime weight
	// crimeDensity is the crime score a long text needs per 1,000
	// characters (of its first 4,000): a feature, column or commentary that
	// names an offence in passing spreads a few offence words over a long
	// text; a report of a case concentrates them. Set on the 11 texts of
	// dev.jsonl and sets 1-6 below it, 9 of them no crime report.
	crimeDensity     = 1.5
	familyThreshold  = 3.0 // an offence family needs this much weight
	cueDecay         = 3.0 // a cue d tokens away counts w / (1 + d/cueDecay)
	ageLinkBefore    = 4   // "23-jähriger Syrer": age at most this many tokens before
	ageLinkAfter     = 3   // "tunisino di 44 anni": age at most this many tokens after
	ageSubjectWindow = 10  // "Der 39-Jährige besitzt die syrische ...": age earlier in the sentence
	referentWindow   = 8   // cues around another mention of the same age
	statusMergeDist  = 4   // a status this near a nationality of the same person is dropped
	nextWindow       = 8   // cues this far into the next sentence count at half weight
	suspectOnlyCrime = 9.0 // suspect-cue weight that makes a crime report without offence words
	minCueScore      = 0.5 // a role needs at least this score (a weight-2 cue 9 tokens away); below it the defaults decide
)

type decider struct {
	lexBuf  []byte // lexFeatures' scratch
	lexEnds []int
	// rix is the role model's lexical index (lexSum); stemIDs caches
	// each token's stem id in it (-2: not looked up yet; reset empties
	// it), lexSeen is lexSum's scratch.
	rix     *roleLexIndex
	stemIDs []int32
	lexSeen []int32
	m       *model
	tx      *textnorm.Text
	text    string
	hits    []hit
	// dropMask is code's scratch for the claimed identities it drops.
	dropMask []bool

	roles, offences, noncrime, persons, ages, cues, blocks, apHeads []hit
	// offNeg are the negators of offence families (offences.tsv kind
	// "not"); famHits the offence hits that count for the families
	// (family.go).
	offNeg, famHits []hit

	// The clause model (clause.go): verb and role-noun frames, the clause
	// of each token and the clauses.
	frames []hit
	// nominals are the action nouns of the clause model ("Festnahme",
	// "arresto", "arrest"), kept apart from the verb and role-noun frames.
	nominals []hit
	// seg is the release segment of each token (segment.go), found on
	// first need (segDone).
	seg     []int32
	segDone bool
	cl      []int32
	// wc caches wordClass per token (0: not looked up yet).
	wc      []uint16
	clinfo  []clauseInfo
	clstack []int32

	// inNext is set while scoring the next sentence (scoreNext).
	inNext bool
	// inList is set while listOfPersons asks whether another member of a
	// list is a person on its own.
	inList bool
	// suspectAges are ages written next to a strong suspect cue ("einen
	// 29-jährigen Tatverdächtigen"); unknownPerp: the release speaks of
	// unknown perpetrators. Both are computed once per text.
	suspectAges []int
	// suspectAgeAt is the token of each suspect age (its release decides
	// where the age contrast holds).
	suspectAgeAt []int
	unknownPerp  bool
	// pluralSuspects: the text speaks of several suspects ("Haftbefehle
	// gegen zwei Tatverdächtige"), so a person of another age than the
	// one next to a suspect cue may be a suspect too.
	pluralSuspects bool

	// descs are the descriptions of the text (describe.go), found on
	// first need (descDone).
	descs    []description
	descDone bool

	// titleAt are the tokens of title cues, found on first need
	// (titleDone).
	titleAt   []int
	titleDone bool

	// The role model (rolemodel.go): rm decides roles when set; collect
	// asks for the mentions' features in rows. lang and source are the
	// article's.
	rm      *RoleModel
	collect bool
	// cm is the crime model (crimemodel.go), if any, and cix its weights
	// by lexicon term; with collect, the text's crime features go to
	// crimeRowOut. cwBits, cwTouched, crimeXBuf, cwBuf and cwEnds are
	// scratch.
	cm           *CrimeModel
	cix          *crimeIndex
	cwBits       []uint64
	cwTouched    []int32
	crimeRowOut  CrimeRow
	crimeXBuf    []float64
	cwBuf        []byte
	cwEnds       []int
	rows         []MentionRow
	lang, source string

	// Buffers reused from text to text (the decider lives in the pooled
	// scratch).
	cands    []hit
	ms       []mention
	sus, vic []string
	merged   []roleCode
	// fbuf is room to format a reason's numbers in.
	fbuf [128]byte
	// countSeen is counts' working memory.
	countSeen []string
	// evs collects a coding's evidence, copied out at the end at its
	// exact size (most texts have none or two).
	evs []baserate.Evidence
}

// roleCode is a status merged into a named nationality, by role.
type roleCode struct{ role, code string }

// The roles that score, in the order that wins ties.
const (
	rSuspect = iota
	rVictim
	rWitness
	rOther
	nRoles
)

var roleNames = [nRoles]string{"suspect", "victim", "witness", "other"}

// reset prepares the decider for a new text, keeping its buffers.
func (d *decider) reset(m *model, tx *textnorm.Text, text string, hits []hit) {
	d.m, d.tx, d.text, d.hits = m, tx, text, hits
	d.wc = slices.Grow(d.wc[:0], len(tx.Tokens))[:len(tx.Tokens)]
	clear(d.wc)
	d.stemIDs = d.stemIDs[:0]
	d.roles, d.offences, d.noncrime, d.persons = d.roles[:0], d.offences[:0], d.noncrime[:0], d.persons[:0]
	d.ages, d.cues, d.blocks, d.apHeads = d.ages[:0], d.cues[:0], d.blocks[:0], d.apHeads[:0]
	d.frames, d.nominals = d.frames[:0], d.nominals[:0]
	d.offNeg, d.famHits = d.offNeg[:0], d.famHits[:0]
	d.segDone, d.descDone = false, false
	d.inNext, d.unknownPerp, d.titleDone = false, false, false
	d.suspectAges = d.suspectAges[:0]
	d.rows = d.rows[:0]
	d.cands, d.ms, d.sus, d.vic, d.merged = d.cands[:0], d.ms[:0], d.sus[:0], d.vic[:0], d.merged[:0]
}

// famIndex returns the index of an offence family in
// baserate.OffenceFamilies.
func famIndex(code string) int {
	for i, f := range baserate.OffenceFamilies {
		if f == code {
			return i
		}
	}
	return len(baserate.OffenceFamilies) - 1 // "other"
}

// mention is a person's origin, status or appearance found in the text.
type mention struct {
	h      hit
	code   string // origin code; "" for appearance
	kind   lexicon.Kind
	role   string
	cue    *hit
	reason string
	// byClause: the clause model decided the role (else the cue scores).
	byClause bool
	// byDefault: no cue gave a role and the mention was taken as the
	// suspect by default.
	byDefault bool
	// claimed: the origin a person gave of themselves ("gab sich als Pole
	// aus"); it counts only when no other origin is named for the same
	// role or before it in its sentence (claimedBeside).
	claimed bool
}

func (d *decider) code() baserate.Coding {
	cod := baserate.Coding{Categories: []string{}, SuspectOrigins: []string{}, VictimOrigins: []string{}, Evidence: d.evs[:0]}
	cands := d.cands
	for _, h := range d.hits {
		switch h.term.Kind {
		case lexicon.Role:
			d.roles = append(d.roles, h)
		case lexicon.Offence:
			if h.term.Negator || h.term.Prior {
				d.offNeg = append(d.offNeg, h)
			} else if h.term.Then != "" && !d.followedBy(h, h.term.Then) {
				continue // "nahm" without its "an sich"
			} else {
				d.offences = append(d.offences, h)
			}
		case lexicon.NonCrime:
			d.noncrime = append(d.noncrime, h)
		case lexicon.Person:
			d.persons = append(d.persons, h)
		case lexicon.Age:
			d.ages = append(d.ages, h)
		case lexicon.CountryCue:
			d.cues = append(d.cues, h)
		case lexicon.Block:
			d.blocks = append(d.blocks, h)
		case lexicon.Frame:
			if h.term.Voice == "nominal" {
				d.nominals = append(d.nominals, h)
			} else if !d.agentNounOfStem(h) {
				d.frames = append(d.frames, h)
			}
		case lexicon.Appearance:
			if h.term.POS == "head" {
				d.apHeads = append(d.apHeads, h)
			} else {
				cands = append(cands, h)
			}
		case lexicon.Nationality, lexicon.Status, lexicon.Country:
			cands = append(cands, h)
		}
	}
	d.roles = maximal(d.roles)
	d.offences = maximal(d.offences)

	// Crime and offence families.
	nonScore, accident, drugDeath := 0.0, 0.0, false
	for _, h := range d.noncrime {
		nonScore += h.term.Weight
		switch h.term.Code {
		case "accident":
			accident += h.term.Weight
		case "drug_death":
			drugDeath = true
		}
	}
	if drugDeath {
		// "23. Drogentoter des Jahres": the drug words of a drug death
		// describe the dead person's consumption, not an offence.
		d.offences = slices.DeleteFunc(d.offences, func(h hit) bool { return h.term.Code == "drugs" })
	}
	if accident > 0 {
		if h, ok := d.hitAndRun(); ok {
			// "Anschließend flüchtete der Radfahrer": a driver who leaves
			// the scene of an accident commits a traffic offence.
			d.offences = append(d.offences, h)
		}
	}
	offScore, traffic := 0.0, false
	for i := range d.offences {
		offScore += d.offences[i].term.Weight
		traffic = traffic || d.offences[i].term.Code == "traffic"
	}
	if accident > 0 && traffic {
		// An accident with a traffic offence (a hit-and-run, a drunk
		// driver) is a crime report: its accident cues say nothing
		// against one.
		nonScore -= accident
	}
	susScore := 0.0
	for _, h := range d.roles {
		if h.term.Role == "suspect" {
			susScore += h.term.Weight
		}
	}
	crimeScore := offScore + susScore/2 - nonScore
	need := max(crimeThreshold, crimeDensity*float64(min(len(d.text), 4000))/1000)
	crime := crimeScore >= need && len(d.offences) > 0
	if offScore < crimeThreshold && crimeScore <= need {
		// Only weak offence words ("Drogeneinfluss", "besprüht") and
		// suspect cues, just at the threshold: a control, an accident, a
		// dog's bite told in a police report's words, not an offence
		// (over dev.jsonl and sets 1-12, 4 of 5 such texts are no crime
		// report).
		crime = false
	}
	if !crime && susScore-nonScore >= suspectOnlyCrime {
		// No offence word, but the perpetrators are spoken of again and
		// again ("1. Täter Marokkaner ... 2. Täter Türke ... die flüchtigen
		// Täter"): an offence without its name (family "other").
		crime = true
	}

	d.findSuspectAges()
	d.findUnknownPerp()

	// Mentions and their roles.
	d.cands = cands
	if len(cands) > 0 {
		d.frames = maximalFrames(d.frames)
		d.resetClauses()
	}
	ms := d.ms
	for _, h := range cands {
		mn, ok := d.accept(h)
		if !ok {
			continue
		}
		d.assignRole(&mn)
		ms = append(ms, mn)
	}
	d.ms = ms
	ms = dedupe(ms)
	ms = d.resolveCompatriots(ms)
	d.sameCodeVictim(ms)
	d.clauseVictim(ms)
	d.sceneOpener(ms)
	d.mutualParties(ms)
	// A suspect named by an explicit cue makes the text a crime report.
	for _, mn := range ms {
		if !crime && mn.role == "suspect" && mn.cue != nil && mn.cue.term != &d.m.descTerm && (mn.cue.term.Weight >= 3 || mn.byClause) && offScore > 0 {
			crime = true
			cod.Evidence = append(cod.Evidence, d.ev("crime", *mn.cue, "", "", nil, "suspect cue near a named origin"))
		}
	}
	if d.cm != nil || d.collect {
		// The crime model (crimemodel.go) revisits the rules' decision;
		// a statistics piece stays none whatever it says.
		x := d.crimeX(offScore, susScore, nonScore, need, crime, freeCandidates(cands))
		if d.collect {
			d.crimeWords()
			d.crimeRowOut = CrimeRow{X: slices.Clone(x), Words: d.crimeWordList(), Crime: crime}
		}
		if d.cm != nil && len(d.text) >= minCrimeModelText {
			p := d.crimeProb(d.cm, d.cix, x)
			if c := d.cm.Decide(crime, p); c != crime {
				cod.Evidence = append(cod.Evidence, baserate.Evidence{Field: "crime", Reason: crimeModelReason(p, d.cm, crime)})
				crime = c
			}
		}
	}
	if crime && d.statistics() {
		// "1328 silvestertypische Straftaten mit 788 erfassten
		// Tatverdächtigen ... in 509 Fällen": a statistics piece.
		crime = false
		cod.Evidence = append(cod.Evidence, baserate.Evidence{Field: "crime", Reason: fmt.Sprintf("statistics piece: %d or more different counts of offences or people", statisticsCounts)})
	}
	cod.Crime = crime
	d.applyRoleModel(ms, crime)
	ms = d.dropClaimsBeside(ms, &cod.Evidence)
	if crime {
		cod.Evidence = append(cod.Evidence, baserate.Evidence{Field: "crime", Start: 0, End: 0,
			Reason: crimeReason(offScore, susScore, nonScore, crimeScore, need)})
		fam, famEv := d.families()
		for i, f := range baserate.OffenceFamilies {
			if fam[i] >= familyThreshold {
				cod.Categories = append(cod.Categories, f)
				cod.Evidence = append(cod.Evidence, d.ev("categories", *famEv[i], f, "", nil, string(strconv.AppendFloat(append(d.fbuf[:0], "family weight "...), fam[i], 'f', 0, 64))))
			}
		}
		if len(cod.Categories) == 0 {
			// No family reaches the threshold: the strongest family
			// named at all ("geraubt" alone), else "other".
			best := strongestFamily(&fam)
			f := baserate.OffenceFamilies[best]
			cod.Categories = append(cod.Categories, f)
			if famEv[best] != nil {
				cod.Evidence = append(cod.Evidence, d.ev("categories", *famEv[best], f, "", nil, string(strconv.AppendFloat(append(d.fbuf[:0], "strongest family, weight "...), fam[best], 'f', 0, 64))))
			}
		}
	}

	// Status words of a person whose nationality is named are dropped.
	sus, vic := d.sus, d.vic
	// merged: once a status is found to belong to a person whose
	// nationality is named, the same status of the same role is taken to
	// be that person's throughout ("der iranische Flüchtling ... der Flüchtling").
	merged := d.merged
	// natRole: a nationality is named for someone whom a cue gives this
	// role. A status
	// of the same role is then taken to be that person's ("zwei Rumänen
	// ... die Beschuldigten, die sich illegal aufhielten", "un tunisino
	// ... lo straniero"): in a text about one case the status rarely
	// belongs to another person of the same role whose origin is unnamed.
	var natRole [nRoles + 1]bool // the scoring roles and "all"
	for i, mn := range ms {
		if mn.kind == lexicon.Status && d.sameAsNationality(ms, i) {
			merged = append(merged, roleCode{mn.role, mn.code})
		}
		if mn.kind == lexicon.Nationality || mn.kind == lexicon.Country {
			natRole[natIndex(mn.role)] = true
		}
	}
	for i, mn := range ms {
		if mn.kind == lexicon.Appearance {
			if mn.role == "suspect" && crime && d.takesUpNamed(ms, i) {
				cod.Evidence = append(cod.Evidence, d.ev("ignored", mn.h, "", mn.role, mn.cue, "a definite regional label taking up the suspect whose nationality is named before"))
				continue
			}
			if mn.role == "suspect" && crime {
				cod.Appearance = true
				cod.Evidence = append(cod.Evidence, d.ev("appearance", mn.h, "", mn.role, mn.cue, mn.reason))
			}
			continue
		}
		if d.descentOfCitizen(ms, i) {
			cod.Evidence = append(cod.Evidence, d.ev("ignored", mn.h, mn.code, mn.role, mn.cue, "descent of a person whose citizenship is named"))
			continue
		}
		if mn.claimed {
			mn.reason = joinReason(mn.reason, "the person's own account of their origin")
		}
		if mn.kind == lexicon.Status && mn.code != "STATELESS" && !d.wholeOfPart(ms, i) && !d.countedGroup(ms, i) && !d.coordinatedOther(ms, i) && (d.sameAsNationality(ms, i) || slices.Contains(merged, roleCode{mn.role, mn.code}) || natRole[natIndex(mn.role)]) {
			merged = append(merged, roleCode{mn.role, mn.code})
			cod.Evidence = append(cod.Evidence, d.ev("ignored", mn.h, mn.code, mn.role, mn.cue, "status of a person whose nationality is named"))
			continue
		}
		field := "victim_origins"
		switch mn.role {
		case "all":
			if crime {
				sus, vic = addCode(sus, mn.code), addCode(vic, mn.code)
				cod.Evidence = append(cod.Evidence, d.ev("suspect_origins", mn.h, mn.code, mn.role, mn.cue, mn.reason))
				cod.Evidence = append(cod.Evidence, d.ev("victim_origins", mn.h, mn.code, mn.role, mn.cue, mn.reason))
			} else {
				cod.Evidence = append(cod.Evidence, d.ev("ignored", mn.h, mn.code, mn.role, mn.cue, "text reports no offence"))
			}
			continue
		case "suspect":
			field = "suspect_origins"
		case "other":
			cod.Evidence = append(cod.Evidence, d.ev("ignored", mn.h, mn.code, mn.role, mn.cue, joinReason(mn.reason, "not a party to the offence")))
			continue
		}
		if !crime {
			cod.Evidence = append(cod.Evidence, d.ev("ignored", mn.h, mn.code, mn.role, mn.cue, "text reports no offence"))
			continue
		}
		if field == "suspect_origins" {
			sus = addCode(sus, mn.code)
		} else {
			vic = addCode(vic, mn.code)
		}
		cod.Evidence = append(cod.Evidence, d.ev(field, mn.h, mn.code, mn.role, mn.cue, mn.reason))
	}
	d.sus, d.vic, d.merged = sus, vic, merged
	cod.SuspectOrigins = sortedCodes(sus)
	cod.VictimOrigins = sortedCodes(vic)
	cod.OriginNamed = len(cod.SuspectOrigins) > 0
	d.evs = cod.Evidence
	cod.Evidence = append(make([]baserate.Evidence, 0, len(d.evs)), d.evs...)
	clear(d.evs) // keep no strings of this text alive
	return cod
}

// hitAndRun finds a phrase of a driver leaving the scene (lang.tsv
// hit_and_run) and returns it as an offence hit of the traffic family.
func (d *decider) hitAndRun() (hit, bool) {
	if len(d.m.hitRun.byLast) == 0 {
		return hit{}, false
	}
	for t := 1; t <= len(d.tx.Tokens); t++ {
		if p := d.prepBefore(t, &d.m.hitRun); p != "" {
			return hit{term: &d.m.hitRunTerm, t0: t - strings.Count(p, " ") - 1, t1: t, age: -1}, true
		}
	}
	return hit{}, false
}

// maximal drops hits contained in a longer hit of the same kind, role
// and code (of equal spans, the first is kept). The hits come sorted by
// start, longer first, so a hit is contained when an earlier hit of its
// kind reached as far: one pass, keeping the farthest end per kind.
func maximal(hs []hit) []hit {
	type reach struct {
		role, code string
		t1         int
	}
	var far [8]reach
	kinds := far[:0]
	out := hs[:0]
	for _, h := range hs {
		k := -1
		for i := range kinds {
			if kinds[i].role == h.term.Role && kinds[i].code == h.term.Code {
				k = i
				break
			}
		}
		if k >= 0 && kinds[k].t1 >= h.t1 {
			continue
		}
		if k < 0 {
			kinds = append(kinds, reach{h.term.Role, h.term.Code, h.t1})
		} else {
			kinds[k].t1 = h.t1
		}
		out = append(out, h)
	}
	return out
}

func (d *decider) sentence(t int) int32 { return d.tx.Tokens[t].Sentence }

func (d *decider) cap(t int) bool { return d.tx.Tokens[t].Cap }

func (d *decider) sentenceStart(t int) bool {
	return t == 0 || d.tx.Tokens[t-1].Sentence != d.tx.Tokens[t].Sentence
}

// crimeReason is the crime decision's reason, as fmt.Sprintf("offence
// weight %.0f + suspect cues %.0f/2 - non-crime cues %.0f = %.1f >= %.1f")
// writes it (with "<" when the score falls short), with one allocation
// (fmt boxes every float).
func crimeReason(off, sus, non, score, need float64) string {
	var buf [160]byte
	b := append(buf[:0], "offence weight "...)
	b = strconv.AppendFloat(b, off, 'f', 0, 64)
	b = append(b, " + suspect cues "...)
	b = strconv.AppendFloat(b, sus, 'f', 0, 64)
	b = append(b, "/2 - non-crime cues "...)
	b = strconv.AppendFloat(b, non, 'f', 0, 64)
	b = append(b, " = "...)
	b = strconv.AppendFloat(b, score, 'f', 1, 64)
	if score >= need {
		b = append(b, " >= "...)
	} else {
		// A crime report by another rule or the crime model.
		b = append(b, " < "...)
	}
	b = strconv.AppendFloat(b, need, 'f', 1, 64)
	return string(b)
}

func joinReason(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

func (d *decider) ev(field string, h hit, code, role string, cue *hit, reason string) baserate.Evidence {
	s, e := d.tx.Span(h.t0, h.t1)
	ev := baserate.Evidence{Field: field, Start: s, End: e, Text: d.text[s:e], Term: h.term.Form, Code: code, Role: role, Reason: reason}
	if cue != nil {
		cs, ce := d.tx.Span(cue.t0, cue.t1)
		ev.Cue, ev.CueStart, ev.CueEnd = d.text[cs:ce], cs, ce
	}
	return ev
}

// addCode adds code to the set codes.
func addCode(codes []string, code string) []string {
	if slices.Contains(codes, code) {
		return codes
	}
	return append(codes, code)
}

// sortedCodes returns a sorted copy of codes (never nil).
func sortedCodes(codes []string) []string {
	out := make([]string, len(codes))
	copy(out, codes)
	slices.Sort(out)
	return out
}

// natIndex indexes a mention role for natRole: the scoring roles, then
// "all".
func natIndex(role string) int {
	if i := roleIndex(role); i >= 0 {
		return i
	}
	return nRoles
}

func allDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// thenWindow is how many tokens after an offence word of kind "then:" its
// second part may stand ("nahm er flugs aus einer Handtasche eine
// Geldbörse mit rund 1.000 Euro sowie ein Samsung Galaxy S3 mini an sich").
const thenWindow = 20

// followedBy reports whether the folded phrase p begins at a token after
// h in its sentence, within thenWindow tokens.
func (d *decider) followedBy(h hit, p string) bool {
	for t := h.t1; t < len(d.tx.Tokens) && t-h.t1 < thenWindow && d.sentence(t) == d.sentence(h.t0); t++ {
		a := int(d.tx.Tokens[t].Start)
		if b := a + len(p); b <= len(d.tx.Norm) && string(d.tx.Norm[a:b]) == p && (b == len(d.tx.Norm) || d.tx.Norm[b] == ' ') {
			return true
		}
	}
	return false
}
