package detect

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

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
		if d.cm != nil {
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

// accept decides whether a candidate hit denotes a person's origin (or an
// appearance description of a person).
func (d *decider) accept(h hit) (mention, bool) {
	t := h.term
	mn := mention{h: h, code: t.Code, kind: t.Kind}
	for _, b := range d.blocks {
		if b.t0 <= h.t0 && h.t1 <= b.t1 && !(t.Kind == lexicon.Country && b.term.Code == "country name") {
			return mn, false
		}
	}
	if t.Kind == lexicon.Nationality || t.Kind == lexicon.Country {
		// A nationality word inside a longer status phrase is part of it:
		// "inte svensk medborgare", "not a United States citizen".
		for _, o := range d.hits {
			if o.term.Kind == lexicon.Status && o.t0 <= h.t0 && h.t1 <= o.t1 && o.t1-o.t0 > h.t1-h.t0 {
				return mn, false
			}
		}
	}
	lx := d.m.lx
	if lx.DemonymsLowercase && (t.Kind == lexicon.Nationality || t.Kind == lexicon.Status) && d.cap(h.t0) && !d.sentenceStart(h.t0) {
		// Demonyms are written in lower case, so a capitalized one inside
		// a sentence beside another capitalized word is part of a name.
		if d.cap(h.t0 - 1) {
			return mn, false // "Aniello Giordano": a surname after a first name
		}
		if d.sentence(h.t0-1) == d.sentence(h.t0) && lx.NameTitles[d.tx.Word(h.t0-1)] {
			return mn, false // "l'avvocato Russo", "la signora Giordana": a name after a title
		}
		if d.initialAfter(h) {
			return mn, false // "Giordana C.": a first name before the initial of a surname
		}
		if n := h.t1; !d.allCaps(h.t0) && n < len(d.tx.Tokens) && d.sentence(n) == d.sentence(h.t0) && d.cap(n) && !d.allCaps(n) && d.punctBefore(n) == 0 {
			return mn, false // "il modenese 28enne Giordano Lakatos": a first name before a surname
		}
	}
	if d.quantityBefore(h) {
		return mn, false // "4,5 Millionen Syrer", "196 Palästinenser": a population figure
	}
	if d.inTitle(h) {
		return mn, false // "mit dem Titel “… Believe Israeli Women”": a title or motto
	}
	if posed, claim := d.posedAs(h); posed {
		if !claim {
			return mn, false // "angebliche Polizeibeamte aus Spanien": a doubted identity
		}
		mn.claimed = true // "gab sich als Pole aus": the person's own account
	}
	if t.Kind == lexicon.Nationality || t.Kind == lexicon.Status {
		for _, a := range d.apHeads {
			if a.t1 == h.t0 && d.sentence(a.t0) == d.sentence(h.t0) && lx.Clause.AccentHeads[d.tx.Word(a.t0)] {
				// "con accento straniero", "accento slavo": the word after
				// an accent or look describes it: appearance, no origin.
				mn.kind, mn.code = lexicon.Appearance, ""
				return mn, true
			}
		}
	}
	if h.t1 < len(d.tx.Tokens) && d.m.lx.PlaceHeads[d.tx.Word(h.t1)] && d.sentence(h.t1) == d.sentence(h.t0) {
		return mn, false // "Kameruner Straße": a street
	}
	if h.t1 < len(d.tx.Tokens) && lx.LanguageAfter[d.tx.Word(h.t1)] && d.sentence(h.t1) == d.sentence(h.t0) {
		return mn, false // "Russian-speaking victims": a language
	}
	if t.Kind == lexicon.Nationality && (t.Bare || !lx.BareAdjPredicative) && d.spokenLanguage(h) {
		return mn, false // "sprach akzentfreies Deutsch", "non parlava bene l'italiano": a language
	}
	if (t.Kind == lexicon.Nationality || t.Kind == lexicon.Status) && h.t1 < len(d.tx.Tokens) && lx.InstitutionHeads[d.tx.Word(h.t1)] && d.sentence(h.t1) == d.sentence(h.t0) {
		return mn, false // "Israeli Embassy employees", "foreign authorities": the institution's country
	}
	switch t.POS {
	case "noun", "group":
		if t.Kind == lexicon.Appearance {
			return mn, true
		}
		if lx.NounsCapitalized && t.Kind == lexicon.Nationality && !d.cap(h.t0) {
			return mn, false
		}
		if _, homograph := lx.Countries[t.Form]; homograph {
			// "Polen", "Ungarn": the people, or the country? The people
			// when joined to another nationality noun ("Die Täter sollen
			// Polen oder Russen sein").
			if h.t0 > 0 && d.sentence(h.t0-1) == d.sentence(h.t0) && lx.InstitutionHeads[d.tx.Word(h.t0-1)] {
				return mn, false // "von der Polizei Polen": the institution's country
			}
			return mn, d.personBefore(h, true, true) || d.joinedToNationalityNoun(h) || d.ageAfterNoun(h) || d.hedgedPeople(h)
		}
		if len(lx.Function) > 0 && t.Kind == lexicon.Nationality && h.t1-h.t0 == 1 && d.thingAfter(h) {
			return mn, false // "på svensk mark", "svensk polis": an adjective of a thing
		}
		return mn, true
	case "capnoun":
		if !d.cap(h.t0) || d.sentenceStart(h.t0) && h.t1 < len(d.tx.Tokens) && d.cap(h.t1) {
			return mn, false
		}
		if t.Kind == lexicon.Status && h.t0 > 0 && (lx.Clause.NPAdverbs[string(d.word(h.t0-1))] || d.isDet(h.t0-1) || lx.Plural[d.tx.Word(h.t0-1)] && h.t0 > 1 && d.isDet(h.t0-2)) {
			// "den zwischenzeitlich Geflüchteten", "nahmen den
			// Geflüchteten fest", "einer der beiden Geflüchteten": a
			// participle with a time adverb or a determiner names who
			// fled, not a refugee (in sets 1-99 every such phrase is the
			// one who fled; refugees are "Geflüchtete" with no article).
			return mn, false
		}
		// "der Deutschen Kreditbank": an adjective in a proper name.
		return mn, !d.nameWordAt(h.t1, h.t0)
	case "adj":
		if t.Kind == lexicon.Nationality && d.joinedAdj(h.t0) {
			// "deutsch-polnisch", "deutsch-türkischer Staatsangehöriger",
			// "(25, deutsch/türkisch)": the first of joined adjectives
			// names a person's origin when the last does.
			if nx := d.adjAt(h.t1); nx != nil {
				_, ok := d.accept(*nx)
				return mn, ok
			}
		}
		if t.Bare && lx.BareAdjPredicative && t.Kind == lexicon.Nationality && !d.joinedAdj(h.t0) {
			// "sprach rumänisch": an uninflected adjective describes no
			// noun after it; only "(47, rumänisch)", "Staatsangehörigkeit:
			// rumänisch", "(33, deutsch-polnisch)" name a person's origin.
			return mn, d.personBefore(h, false, false) || d.parenAge(h) || d.describedBare(h)
		}
		if t.Kind == lexicon.Appearance {
			for _, a := range d.apHeads {
				if a.t0 >= h.t1 && a.t0-h.t1 <= 3 && d.sentence(a.t0) == d.sentence(h.t0) {
					return mn, true
				}
			}
			return mn, false
		}
		if lx.NounsCapitalized && d.cap(h.t0) && !d.sentenceStart(h.t0) {
			// "Deutsch-Türke": an adjective before a nationality noun.
			if d.nationalityNounAt(h.t1) {
				return mn, true
			}
			return mn, false // part of a proper name: "Türkische Generalkonsulat"
		}
		if d.nationalityNounAt(h.t1) || d.ethnicNounAt(h.t1) {
			// "Deutsch-Türke", "israelischen Araber": a citizenship said of
			// a person an ethnic or regional noun names.
			return mn, true
		}
		if lx.NounsCapitalized && d.nounBeforePerson(h) {
			return mn, false // "die indonesische Polizei hat einen Mann festgenommen"
		}
		if pv := d.conjoinedAdjBefore(h); pv != nil {
			// "who is Filipino and Turkish": the second of two joined
			// adjectives names a person when the first does.
			if _, ok := d.accept(*pv); ok {
				return mn, true
			}
		}
		return mn, d.personAfter(h) || d.personBefore(h, false, false) || d.listOfPersons(h, false) || d.personPredicate(h)
	case "prefix":
		// "US-Tourist", "US-Staatsbürger": a country's prefix names an
		// origin only joined by a hyphen to a person noun ("US-Soldat"
		// names the army: lang.tsv service_heads; "US-Dollar" no one),
		// or to a nationality noun, as a capitalized adjective is
		// ("US-Amerikaner").
		return mn, d.hyphenAfter(h.t0) && (d.personNounAt(h.t1) && !d.serviceWord(h.t1) || d.nationalityNounAt(h.t1))
	case "last":
		// "Iranian-American", "Korean-Americans": a nationality word
		// that stands for an origin only as the last of hyphen-joined
		// ones, when the one before it names an origin (codebook: "Deutsch-Türke",
		// dual citizenship, both codes).
		if h.t0 > 0 && d.hyphenAfter(h.t0-1) {
			if pv := d.nationalityHitAt(h.t0 - 1); pv != nil && pv.t1 == h.t0 && pv.term.POS != "last" {
				_, ok := d.accept(*pv)
				return mn, ok
			}
		}
		return mn, false
	case "combining":
		// "italo-marocchino", "italo - svedese": a combining form names
		// an origin only joined by a hyphen to a nationality word that
		// names one.
		if nx := d.nationalityHitAt(h.t1); nx != nil && d.hyphenAfter(h.t0) {
			_, ok := d.accept(*nx)
			return mn, ok
		}
		return mn, false
	case "adjnoun":
		if _, homograph := lx.Countries[t.Form]; homograph {
			// "la Svizzera", "dall'Ucraina": the country unless a person
			// word or an age says otherwise.
			return mn, d.personBefore(h, true, false) || d.personAfter(h) || d.ageNear(h)
		}
		return mn, d.personBefore(h, true, true) || d.personAfter(h) || d.ageNear(h) || d.copulaBefore(h) || d.coordinatedAfter(h) || d.groupBefore(h) || d.countBefore(h) || d.guessBefore(h) || d.listOfPersons(h, true) || d.initialsBefore(h)
	case "country":
		if d.populationBefore(h) {
			return mn, false // "rund 650 Flüchtlinge, größtenteils aus Syrien": a population figure
		}
		if d.coordinatedCountry(h) {
			mn.reason = "country in a list after a country cue"
			return mn, true
		}
		if d.bornIn(h) {
			mn.reason = "country of birth (\"" + d.tx.Word(h.t1) + "\")"
			return mn, true
		}
		if via, ok := d.deportedVia(h); ok {
			mn.reason = "country a person was deported to (\"" + via + "\" another country \"to\")"
			return mn, true
		}
		if d.stemsFrom(h) {
			mn.reason = "country of descent (\"" + d.tx.Word(h.t1) + "\")"
			return mn, true
		}
		for _, c := range d.cues {
			if c.t1 == h.t0 {
				if !d.cueHolds(c) {
					return mn, false
				}
				if c.term.NeedsAge && d.localityAfter(h) {
					return mn, false // "Juan Rosa, 23, of Jamaica, Queens": a town's name
				}
				if c.t0 > 0 && d.m.lx.PlaceVerbs[d.tx.Word(c.t0-1)] {
					return mn, false // "extradited from El Salvador": a place, not an origin
				}
				mn.reason = "country after \"" + c.term.Form + "\""
				return mn, true
			}
		}
		return mn, false
	}
	return mn, false
}

// initialAfter: a one-letter capital followed by a full stop stands right
// after h in its sentence ("Giordana C."), the initial of a surname.
func (d *decider) initialAfter(h hit) bool {
	n := h.t1
	if n >= len(d.tx.Tokens) || d.sentence(n) != d.sentence(h.t0) || d.punctBefore(n) != 0 {
		return false
	}
	s, e := d.tx.Span(n, n+1)
	return e-s == 1 && d.text[s] >= 'A' && d.text[s] <= 'Z' && e < len(d.text) && d.text[e] == '.'
}

// allCaps: token t is written in capitals throughout ("ITALIANI" in a
// headline), not capitalized as a name is.
func (d *decider) allCaps(t int) bool {
	s, e := d.tx.Span(t, t+1)
	return !strings.ContainsFunc(d.text[s:e], unicode.IsLower)
}

// initialsBefore: a person's initials stand right before h ("g. m.,
// marocchino del 1985", "a. g. e m. c. g., rumeni", "d. d., brasiliano di
// anni 19"): two or more one-letter words, each followed by a full stop
// in the original, as Italian releases name suspects. One-letter words
// without a full stop are articles and conjunctions ("e l'albanese"); a
// conjunction (lang.tsv conjunctions) may join two persons' initials ("a.
// g. e m. c. g.").
func (d *decider) initialsBefore(h hit) bool {
	n := 0
	for t := h.t0 - 1; t >= 0 && d.sentence(t) == d.sentence(h.t0); t-- {
		w := d.tx.Word(t)
		_, e := d.tx.Span(t, t+1)
		if len(w) != 1 || w[0] < 'a' || w[0] > 'z' || e >= len(d.text) || d.text[e] != '.' {
			if n > 0 && d.conjunctionAt(t) {
				continue
			}
			break
		}
		n++
	}
	return n >= 2
}

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

// hearsayQuote: h stands after a hearsay phrase (lang.tsv hearsay) in its
// sentence, and a quotation mark opens the sentence or the phrase, within
// three words: the quotation's speaker retells what someone told them.
func (d *decider) hearsayQuote(h hit) bool {
	if len(d.m.hearsay.byLast) == 0 {
		return false
	}
	s := d.sentence(h.t0)
	first := h.t0
	for first > 0 && d.sentence(first-1) == s {
		first--
	}
	for t := first + 1; t <= h.t0; t++ {
		p := d.prepBefore(t, &d.m.hearsay)
		if p == "" {
			continue
		}
		start := t - strings.Count(p, " ") - 1
		if start-first > 3 {
			return false
		}
		a, _ := d.tx.Span(first, first+1)
		b, _ := d.tx.Span(start, start+1)
		from := max(0, a-3)
		return strings.ContainsAny(d.text[from:b], "\"„“«»")
	}
	return false
}

// bornIn: the country h stands after a birth preposition (an article may
// follow it) and before a birth word, in its sentence ("im Kosovo
// geboren", "in der Türkei geborene"; lang.tsv birth_preps, birth_after).
func (d *decider) bornIn(h hit) bool {
	return d.prepCountryWord(h, d.m.lx.BirthPreps, d.m.lx.BirthAfter)
}

// deportedVia: h, a country's name, follows a DeportTo word (an article
// may stand between) after another country's name after a DeportVia
// phrase ("deported from Mexico to the United States", "deported from
// Chile to the Dominican Republic"), all in one sentence: the country the
// person was deported to, which media/heldout's sets take as the person's
// own, as after "deported to". via is the phrase found.
func (d *decider) deportedVia(h hit) (via string, ok bool) {
	lx := d.m.lx
	if len(lx.DeportVia) == 0 {
		return "", false
	}
	s := d.sentence(h.t0)
	q := h.t0 - 1
	if q > 0 && d.isDet(q) {
		q--
	}
	if q < 2 || !lx.DeportTo[d.tx.Word(q)] || d.sentence(q) != s {
		return "", false
	}
	for i := range d.cands {
		c := &d.cands[i]
		if c.term.Kind != lexicon.Country || c.t1 != q {
			continue
		}
		p := c.t0
		if p > 0 && d.isDet(p-1) {
			p--
		}
		if p < 2 || d.sentence(p-2) != s {
			return "", false
		}
		via = d.tx.Word(p-2) + " " + d.tx.Word(p-1)
		return via, lx.DeportVia[via]
	}
	return "", false
}

// stemsFrom: "aus Rumänien stammend" (lang.tsv stem_preps, stem_after),
// "das aus Rumänien stammende Trio" (stem_attr before a person word).
func (d *decider) stemsFrom(h hit) bool {
	lx := d.m.lx
	return d.prepCountryWord(h, lx.StemPreps, lx.StemAfter) ||
		d.prepCountryWord(h, lx.StemPreps, lx.StemAttr) && d.personAfter(hit{t0: h.t0, t1: h.t1 + 1})
}

// prepCountryWord: h, a country's name, stands between one of preps (an
// article may follow it) and one of after, in one sentence.
func (d *decider) prepCountryWord(h hit, preps, after map[string]bool) bool {
	if len(after) == 0 || h.t1 >= len(d.tx.Tokens) || h.t0 == 0 || !after[d.tx.Word(h.t1)] || d.sentence(h.t1) != d.sentence(h.t0) {
		return false
	}
	p := h.t0 - 1
	if p > 0 && d.isDet(p) {
		p--
	}
	return preps[d.tx.Word(p)] && d.sentence(p) == d.sentence(h.t0)
}

// groupBefore: a group noun with its preposition stands before h ("un
// gruppo di stranieri", "un branco di stranieri"): the word names the
// group's members; not a household ("una famiglia di cinesi", lang.tsv
// households), whose members are residents and owners as often as not.
func (d *decider) groupBefore(h hit) bool {
	p := d.prepBefore(h.t0, &d.m.partitive)
	if p == "" {
		return false
	}
	first, _, _ := strings.Cut(p, " ")
	return !d.m.lx.Households[first]
}

// joinedToNationalityNoun: a conjunction or "oder" joins h to a
// nationality noun that is no country's name ("Polen oder Russen",
// "Rumänen und Ungarn").
func (d *decider) joinedToNationalityNoun(h hit) bool {
	isNoun := func(t int) bool {
		for _, o := range d.hits {
			if o.t0 == t && o.term.Kind == lexicon.Nationality && (o.term.POS == "noun" || o.term.POS == "capnoun") && d.cap(t) {
				if _, homograph := d.m.lx.Countries[o.term.Form]; !homograph {
					return true
				}
			}
		}
		return false
	}
	join := func(t int) bool { return d.coordinatorAt(t, true) }
	if t := h.t1; t+1 < len(d.tx.Tokens) && d.sentence(t+1) == d.sentence(h.t0) && join(t) && isNoun(t+1) {
		return true
	}
	if t := h.t0 - 1; t >= 1 && d.sentence(t-1) == d.sentence(h.t0) && join(t) && isNoun(t-1) {
		return true
	}
	return false
}

// hedgedPeople: a homograph of a country's name right after a hedge, or
// after a hedge and a guess particle (lang.tsv guess_words and
// guess_particles: "um Osteuropäer, vermutlich Polen", "möglicherweise um
// Polen", "(vermutlich Polen)"): a guess at who the persons are, so the
// people. The country takes a preposition ("vermutlich nach Polen", "aus
// Polen"), which stands between.
func (d *decider) hedgedPeople(h hit) bool {
	t := h.t0 - 1
	if t >= 0 && d.m.lx.GuessParticles[d.tx.Word(t)] {
		t--
	}
	return t >= 0 && d.sentence(t) == d.sentence(h.t0) && d.m.lx.GuessWords[d.tx.Word(t)]
}

// inTitle: h stands inside a quotation that a title cue opens ("eine
// Kundgebung mit dem Titel “… Believe Israeli Women”", "unter dem Motto
// „…“"), in the same line.
func (d *decider) inTitle(h hit) bool {
	if len(d.m.lx.TitleCues) == 0 {
		return false
	}
	if !d.titleDone {
		// The title cues of the text, found once: most texts have none.
		d.titleDone, d.titleAt = true, d.titleAt[:0]
		for t := range d.tx.Tokens {
			if w := d.word(t); d.m.titleF.has(w) && d.m.lx.TitleCues[string(w)] {
				d.titleAt = append(d.titleAt, t)
			}
		}
	}
	near := false
	for _, t := range d.titleAt {
		if t < h.t0 && h.t0-t <= 80 {
			near = true
		}
	}
	if !near {
		return false
	}
	s, _ := d.tx.Span(h.t0, h.t1)
	// Titles are short: look back at most 300 bytes, within the line.
	from := max(0, s-300)
	line := from + strings.LastIndexByte(d.text[from:s], '\n') + 1
	before := d.text[line:s]
	open := strings.LastIndexAny(before, "“„«‚‹")
	if c := strings.LastIndexAny(before, "”»›"); c > open && !strings.HasPrefix(before[c:], "“") {
		return false // the quotation was closed
	}
	if open < 0 {
		// Straight quotes: inside when an odd number precede h.
		if strings.Count(before, "\"")%2 == 0 {
			return false
		}
		open = strings.LastIndexByte(before, '"')
	}
	lead := before[max(0, open-60):open]
	for _, w := range strings.FieldsFunc(textnorm.Fold(lead), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if d.m.lx.TitleCues[w] {
			return true
		}
	}
	return false
}

// posedAs: h names an identity someone posed as: a pose word up to four
// tokens before it ("posing as a", "spacciandosi per"), or "als" up to
// three before and a pose word up to five after ("gab sich als
// Palästinenser aus", "sich als Flüchtlinge ausgegeben"). claim: the pose
// word reports the person's own account of themselves (lang.tsv
// pose_claims), not a doubt ("angeblicher") or an office posed as.
func (d *decider) posedAs(h hit) (posed, claim bool) {
	lx := d.m.lx
	if len(lx.PoseAs) == 0 {
		return false, false
	}
	s := d.sentence(h.t0)
	as, refl := false, false
	for q := h.t0 - 1; q >= 0 && h.t0-q <= 4 && d.sentence(q) == s && !d.isCand(q); q-- {
		w := d.tx.Word(q)
		if lx.PoseAs[w] {
			return true, lx.PoseClaims[w]
		}
		if h.t0-q <= 3 && lx.Clause.As[w] {
			as = true
		}
		if as && lx.PoseReflexive[w] {
			refl = true
		}
	}
	if !as {
		return false, false
	}
	for q := h.t1; q < len(d.tx.Tokens) && q-h.t1 < 5 && d.sentence(q) == s; q++ {
		w := d.tx.Word(q)
		if lx.PoseAs[w] {
			return true, lx.PoseClaims[w]
		}
		if refl && lx.PoseParticle[w] && (q+1 == len(d.tx.Tokens) || d.sentence(q+1) != s || d.punctBefore(q+1) != 0) {
			return true, lx.PoseClaims[w]
		}
	}
	return false, false
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

// adjAt returns the nationality adjective hit starting at token t, or nil.
func (d *decider) adjAt(t int) *hit {
	for i := range d.hits {
		if o := &d.hits[i]; o.t0 == t && o.term.Kind == lexicon.Nationality && o.term.POS == "adj" {
			return o
		}
	}
	return nil
}

// nationalityHitAt returns the nationality word that starts at token t,
// or nil; a combining form ("italo-") is none on its own.
func (d *decider) nationalityHitAt(t int) *hit {
	for i := range d.hits {
		if o := &d.hits[i]; o.t0 == t && o.term.Kind == lexicon.Nationality && o.term.POS != "combining" {
			return o
		}
	}
	return nil
}

// hyphenAfter: token t and the next are joined by a hyphen, spaces around
// it or not ("italo-svedese", "italo - svedese").
func (d *decider) hyphenAfter(t int) bool {
	if t+1 >= len(d.tx.Tokens) {
		return false
	}
	_, end := d.tx.Span(t, t+1)
	next, _ := d.tx.Span(t+1, t+2)
	return strings.TrimSpace(d.text[end:next]) == "-"
}

// ethnicNounAt: an appearance noun (an ethnic or regional label: "Araber",
// "Kurde", "Nordafrikaner") starts at token t.
func (d *decider) ethnicNounAt(t int) bool {
	for _, o := range d.hits {
		if o.t0 == t && o.term.Kind == lexicon.Appearance && o.term.POS == "noun" {
			return true
		}
	}
	return false
}

// parenAge: the adjective h, with any adjectives joined before it, stands
// in parentheses after an age ("Ex-Partner (33, deutsch-polnisch)",
// "(47 Jahre, rumänisch)"): the person's origin.
func (d *decider) parenAge(h hit) bool {
	t := h.t0
	for t > 0 && d.joinedAdj(t-1) && d.adjAt(t-1) != nil {
		t--
	}
	q := d.ageSpanStart(t)
	if q == t {
		return false
	}
	s, _ := d.tx.Span(q, q+1)
	i := strings.LastIndexByte(d.text[:s], '(')
	return i >= 0 && strings.TrimSpace(d.text[i+1:s]) == ""
}

// describedWindow is how many tokens before a described adjective its
// "als" may stand (the height, age and build listed before it).
const describedWindow = 25

// describedBare: an uninflected adjective is the last item of a
// description "als ... beschrieben" (lang.tsv description_after): "Die
// Trickdiebe werden als 175 - 180 cm groß und arabisch bzw. russisch
// beschrieben", "als etwa 170 cm groß, 40 - 45 Jahre alt und deutsch
// beschrieben".
func (d *decider) describedBare(h hit) bool {
	lx := d.m.lx
	if h.t1 >= len(d.tx.Tokens) || !lx.DescriptionAfter[d.tx.Word(h.t1)] || d.sentence(h.t1) != d.sentence(h.t0) {
		return false
	}
	for q := h.t0 - 1; q >= 0 && h.t0-q <= describedWindow && d.sentence(q) == d.sentence(h.t0); q-- {
		if lx.Clause.As[d.tx.Word(q)] {
			return true
		}
	}
	return false
}

func (d *decider) nationalityNounAt(t int) bool {
	for _, o := range d.hits {
		if o.t0 == t && o.term.Kind == lexicon.Nationality && (o.term.POS == "noun" || o.term.POS == "capnoun" && d.cap(t)) {
			return true
		}
	}
	return false
}

// personAfter: a person word follows within its window ("syrischer
// Staatsangehöriger").
func (d *decider) personAfter(h hit) bool {
	for _, p := range d.persons {
		if p.term.Where == "after" && p.t0 >= h.t1 && p.t0-h.t1 <= p.term.Window && d.sentence(p.t0) == d.sentence(h.t0) && !d.groupWord(p.t1-1) {
			return true
		}
	}
	if d.m.lx.NounsCapitalized {
		// A role noun is a person noun too: "die 37-jährige deutsche
		// Geschädigte", "der syrische Zeuge".
		for _, r := range d.roles {
			if r.t0 == h.t1 && d.cap(r.t0) && d.sentence(r.t0) == d.sentence(h.t0) && roleIndex(r.term.Role) >= 0 && !d.groupWord(r.t1-1) && d.roleNounAt(r.t0) {
				return true
			}
		}
	}
	return false
}

// freeCandidates counts the origin candidates that may stand alone: a
// bound form (pos "prefix" or "last": "US-", "-American") is an origin
// only beside another word, so it counts for nothing by itself (the crime
// model's origin_candidates was fitted without them).
func freeCandidates(cands []hit) int {
	n := 0
	for _, h := range cands {
		if h.term.POS != "prefix" && h.term.POS != "last" {
			n++
		}
	}
	return n
}

// personNounAt: a person word (person.tsv, "after") starts at token t
// and names no group.
func (d *decider) personNounAt(t int) bool {
	for _, p := range d.persons {
		if p.t0 == t && p.term.Where == "after" && !d.groupWord(p.t1-1) {
			return true
		}
	}
	return false
}

// serviceWord: token t is a person noun of a service (lang.tsv
// service_heads: "Soldat", "Soldaten").
func (d *decider) serviceWord(t int) bool {
	w := d.tx.Word(t)
	return slices.ContainsFunc(d.m.lx.ServiceHeads, func(s string) bool { return strings.HasPrefix(w, s) })
}

// groupWord: token t is a compound that names a group ("Einbrecherbande").
func (d *decider) groupWord(t int) bool {
	w := d.tx.Word(t)
	return slices.ContainsFunc(d.m.lx.GroupHeads, func(g string) bool { return strings.HasSuffix(w, g) })
}

// personBefore: a person word precedes within its window ("un tunisino",
// "Staatsangehörigkeit: deutsch"); with ages, an age too.
func (d *decider) personBefore(h hit, withAge, withDet bool) bool {
	for _, p := range d.persons {
		if p.term.Where == "before" && p.t1 <= h.t0 && h.t0-p.t1 <= p.term.Window && d.sentence(p.t0) == d.sentence(h.t0) {
			return true
		}
	}
	if withDet {
		for q := h.t0 - 1; q >= 0 && h.t0-q <= 3; q-- {
			if w, ok := d.detAt(q); ok && h.t0-(q+1) <= w && d.sentence(q) == d.sentence(h.t0) && d.premodified(q+1, h.t0) {
				return true
			}
		}
	}
	if withAge {
		for _, a := range d.ages {
			if a.t1 <= h.t0 && h.t0-a.t1 <= 2 {
				return true
			}
		}
	}
	return false
}

// premodified: the tokens [a, b) between a determiner and a nationality
// word may stand there in a person phrase: premodifiers of the language
// ("un altro tunisino"), ages, person words. Languages without a
// premodifier list allow any word.
func (d *decider) premodified(a, b int) bool {
	lx := d.m.lx
	if len(lx.Premodifiers) == 0 {
		return true
	}
	for t := a; t < b; t++ {
		if lx.Premodifiers[d.tx.Word(t)] || d.inAge(t) || allDigits(d.tx.Word(t)) {
			continue
		}
		person := false
		for _, p := range d.persons {
			if p.t0 <= t && t < p.t1 {
				person = true
			}
		}
		for _, f := range d.frames {
			if f.term.Voice == "noun" && f.t0 <= t && t < f.t1 {
				person = true // a role noun: "un vicino cinese"
			}
		}
		if !person {
			return false // "un camion italiano", "il vaccino russo"
		}
	}
	return true
}

func (d *decider) ageNear(h hit) bool {
	for _, a := range d.ages {
		if (a.t1 <= h.t0 && h.t0-a.t1 <= ageLinkAfter) || (a.t0 >= h.t1 && a.t0-h.t1 <= ageLinkAfter) {
			return true
		}
	}
	return false
}

// personBeforeCue: "ein Mann aus", "eine 15-Jährige aus", "a man from",
// also across an age phrase ("Männer im Alter von 17, 18 und 21 Jahren
// aus").
func (d *decider) personBeforeCue(c hit) bool {
	if d.personBeforeAt(c.t0) {
		return true
	}
	if q := d.ageSpanStart(c.t0); q < c.t0 {
		return d.personBeforeAt(q)
	}
	return false
}

// cueHolds: a country cue's condition (a person word or an age before it,
// lexicon.Term NeedsPerson and NeedsAge) is met.
func (d *decider) cueHolds(c hit) bool {
	return (!c.term.NeedsPerson || d.personBeforeCue(c)) && (!c.term.NeedsAge || d.ageApposition(c))
}

// ageApposition: an age set off by commas stands right before the cue
// ("Xuekun Su, 44, of China").
func (d *decider) ageApposition(c hit) bool {
	q := c.t0 - 1
	if q < 0 || d.sentence(q) != d.sentence(c.t0) || d.punctBefore(q) != ',' || d.punctBefore(c.t0) != ',' {
		return false
	}
	n, ok := ageNumber(d.tx.Word(q))
	return ok && n >= 1
}

// localityAfter: the country name is followed by a comma and one or two
// capitalized words that end the phrase ("of Jamaica, Queens;", "of
// Jamaica, New York;", "of Georgia, USA."): the name is a place's,
// qualified by its borough or state.
func (d *decider) localityAfter(h hit) bool {
	t := h.t1
	if t >= len(d.tx.Tokens) || d.punctBefore(t) != ',' || d.sentence(t) != d.sentence(h.t0) {
		return false
	}
	for u := t; u < t+2 && u < len(d.tx.Tokens) && d.cap(u); u++ {
		if u+1 == len(d.tx.Tokens) || d.punctBefore(u+1) != 0 || d.sentence(u+1) != d.sentence(u) {
			return true
		}
	}
	return false
}

// ageSpanStart returns where an age phrase ending before token t begins
// (t when there is none): its words are the language's age_span words
// and digits, at least one digit among them, in t's sentence.
func (d *decider) ageSpanStart(t int) int {
	q, digit := t, false
	for q > 0 && d.sentence(q-1) == d.sentence(t) {
		w := d.tx.Word(q - 1)
		if allDigits(w) {
			digit = true
		} else if !d.m.lx.AgeSpan[w] {
			break
		}
		q--
	}
	if !digit {
		return t
	}
	return q
}

// personBeforeAt: a person word, an age, a nationality noun, a suspect
// or victim noun or a determiner ends at most two tokens before token t.
func (d *decider) personBeforeAt(t int) bool {
	c := hit{t0: t, t1: t}
	for _, o := range d.hits {
		if o.t1 > c.t0 || c.t0-o.t1 > 2 {
			continue
		}
		switch o.term.Kind {
		case lexicon.Age, lexicon.Person:
			return true
		case lexicon.Nationality:
			if o.term.POS == "noun" {
				return true
			}
		case lexicon.Role:
			if o.term.Role == "suspect" || o.term.Role == "victim" {
				return true
			}
		}
	}
	for q := c.t0 - 1; q >= 0 && c.t0-(q+1) <= 2; q-- {
		// A determiner with window 0 counts only right before the cue
		// ("eine aus Rumänien stammende Frau", not "von einer Fahrt aus
		// Spanien kommend").
		if w, ok := d.detAt(q); ok && (w > 0 || q == c.t0-1) {
			return true
		}
	}
	return false
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
		if a, ok := d.clauseRole(mn.h); ok {
			mn.role, mn.cue, mn.byClause = a.role, a.cue, true
			mn.reason = joinReason(mn.reason, "clause model: "+a.reason)
			return
		}
		if a, ok := d.groupRole(mn); ok {
			mn.role, mn.cue, mn.byClause = a.role, a.cue, true
			mn.reason = joinReason(mn.reason, "clause model: "+a.reason)
			return
		}
		if a, ok := d.descriptionRole(mn.h); ok {
			mn.role, mn.cue, mn.byClause = a.role, a.cue, true
			mn.reason = joinReason(mn.reason, "clause model: "+a.reason)
			return
		}
		if a, ok := d.corefRole(mn); ok {
			mn.role, mn.cue, mn.byClause = a.role, a.cue, true
			mn.reason = joinReason(mn.reason, "clause model: "+a.reason)
			return
		}
		if a, ok := d.pronounRole(mn); ok {
			mn.role, mn.cue, mn.byClause = a.role, a.cue, true
			mn.reason = joinReason(mn.reason, "clause model: "+a.reason)
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

func joinReason(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
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

// quantityBefore: the word before the mention (or before its age) is a
// quantity word or a number of 100 or more.
func (d *decider) quantityBefore(h hit) bool {
	t := h.t0 - 1
	if t < 0 {
		return false
	}
	w := d.tx.Word(t)
	if d.m.lx.Quantities[w] {
		return true
	}
	if d.m.lx.Articles[w] && t > 0 && d.sentence(t-1) == d.sentence(h.t0) && d.m.lx.Quantities[d.tx.Word(t-1)] {
		return true // "eine Vielzahl der Deutschen", "la maggioranza degli italiani"
	}
	n := 0
	for _, c := range []byte(w) {
		if c < '0' || c > '9' {
			return false
		}
		n = n*10 + int(c-'0')
		if n >= 100 {
			return true
		}
	}
	return false
}

// thingAfter: the word after the mention, in its sentence, is a content
// word (no function word of the language, no number) and no person, age,
// role, nationality or status word: the noun the mention describes, in a
// language where a nationality noun is also the adjective ("svensk").
func (d *decider) thingAfter(h hit) bool {
	t := h.t1
	if t >= len(d.tx.Tokens) || d.sentence(t) != d.sentence(h.t0) {
		return false
	}
	w := d.tx.Word(t)
	if d.conjunctionAt(t) && !d.commaBefore(t) {
		// "svensk- och utländsk valuta": joined adjectives describe the
		// noun after the last of them.
		for _, o := range d.hits {
			if o.t0 == t+1 && o.t1 > o.t0 && (o.term.Kind == lexicon.Nationality || o.term.Kind == lexicon.Status) && d.sentence(o.t0) == d.sentence(h.t0) {
				return d.thingAfter(o)
			}
		}
	}
	if d.m.lx.Function[w] || d.m.lx.Link[w] || d.m.lx.Articles[w] || allDigits(w) || d.startsPersonHit(t) {
		return false
	}
	for _, o := range d.hits {
		if o.t0 == t && o.term.Kind == lexicon.Role {
			return false
		}
	}
	return !d.commaBefore(t)
}

// startsPersonHit: a hit that can head a person phrase starts at token t.
func (d *decider) startsPersonHit(t int) bool {
	if _, ok := d.detAt(t); ok {
		return true
	}
	for _, o := range d.hits {
		if o.t0 == t {
			switch o.term.Kind {
			case lexicon.Person, lexicon.Age, lexicon.Nationality, lexicon.Status, lexicon.Appearance:
				return true
			case lexicon.Role:
				if (o.term.Role == "suspect" || o.term.Role == "victim" || o.term.Role == "witness") && d.roleNounAt(t) {
					return true // a role noun ("Tatverdächtige"), not a cue like "Führerschein"
				}
			}
		}
	}
	return false
}

// nameWordAt: token t is a capitalized word of the same sentence as token
// at that is no person word: "Deutschen" in "der Deutschen Kreditbank".
func (d *decider) nameWordAt(t, at int) bool {
	return t < len(d.tx.Tokens) && d.cap(t) && d.sentence(t) == d.sentence(at) && !d.startsPersonHit(t) && !d.truncated(t) && d.punctBefore(t) == 0
}

// truncated: token t is the first part of a truncated compound, written
// with a hyphen before a space ("Kokain- und Crackdealer").
func (d *decider) truncated(t int) bool {
	_, end := d.tx.Span(t, t+1)
	return end < len(d.text) && d.text[end] == '-' && (end+1 == len(d.text) || d.text[end+1] == ' ')
}

// nounBeforePerson: where nouns are capitalized, the first noun after an
// adjective is what it describes; when that noun is no person word, the
// adjective does not make a person ("die indonesische Polizei hat einen
// Mann festgenommen").
func (d *decider) nounBeforePerson(h hit) bool {
	for t := h.t1; t < len(d.tx.Tokens) && t-h.t1 <= 3 && d.sentence(t) == d.sentence(h.t0); t++ {
		if d.startsPersonHit(t) {
			return false
		}
		if d.cap(t) && !d.truncated(t) && !d.joined(t) {
			return true
		}
	}
	return false
}

// joined: token t is joined by a hyphen to the next word of a compound
// ("E-Scooter-Fahrer", "Sprinter-Fahrer"): its head comes after it.
func (d *decider) joined(t int) bool {
	_, end := d.tx.Span(t, t+1)
	return end+1 < len(d.text) && d.text[end] == '-' && d.text[end+1] != ' ' && d.text[end+1] != '\n'
}

// joinedAdj: token t is joined to the next word by a hyphen or a slash
// ("deutsch-polnisch", "deutsch/türkisch").
func (d *decider) joinedAdj(t int) bool {
	if d.joined(t) {
		return true
	}
	_, end := d.tx.Span(t, t+1)
	return end+1 < len(d.text) && d.text[end] == '/' && d.text[end+1] != ' ' && d.text[end+1] != '\n'
}

// conjoinedAdjBefore returns the nationality adjective that a conjunction
// joins to h ("Filipino and Turkish"), or nil.
func (d *decider) conjoinedAdjBefore(h hit) *hit {
	q := h.t0 - 1
	if q < 1 || d.sentence(q-1) != d.sentence(h.t0) || !d.conjunctionAt(q) {
		return nil
	}
	for i := range d.hits {
		if o := &d.hits[i]; o.t1 == q && o.term.Kind == lexicon.Nationality && o.term.POS == "adj" {
			return o
		}
	}
	return nil
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

func allDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
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

// detAt reports whether token t is a determiner of the language (see
// model.det) and its window.
func (d *decider) detAt(t int) (int, bool) {
	if t < 0 || t >= len(d.tx.Tokens) {
		return 0, false
	}
	tk := d.tx.Tokens[t]
	w, ok := d.m.det[string(d.tx.Norm[tk.Start:tk.End])]
	return w, ok
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

// spokenLanguage: a speech verb (lang.tsv speech_verbs) stands at most
// four words before the mention in its sentence, with only adverbs and
// adjectives between (no determiner but speech_articles, no preposition,
// no noun, no person or role word): the mention names the language
// spoken ("sprach akzentfreies Deutsch", "non parlava bene l'italiano").
func (d *decider) spokenLanguage(h hit) bool {
	lx := d.m.lx
	if len(lx.SpeechVerbs) == 0 {
		return false
	}
	for q := h.t0 - 1; q >= 0 && h.t0-q <= 4 && d.sentence(q) == d.sentence(h.t0); q-- {
		w := d.tx.Word(q)
		if lx.SpeechVerbs[w] {
			return true
		}
		if lx.SpeechArticles[w] {
			continue
		}
		if lx.Articles[w] || lx.Prepositions[w] || d.conjunctionAt(q) || d.isDet(q) || lx.NounsCapitalized && d.cap(q) && !d.sentenceStart(q) {
			return false
		}
		for _, o := range d.hits {
			if o.t0 <= q && q < o.t1 && (o.term.Kind == lexicon.Person || o.term.Kind == lexicon.Role || o.term.Kind == lexicon.Nationality) {
				return false
			}
		}
	}
	return false
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

// nationalityAt: a nationality word, a combining form ("italo-") too,
// starts at token t (a list of nationalities counts the combining form
// as one of its items; nationalityHitAt does not).
func (d *decider) nationalityAt(t int) bool {
	for _, o := range d.hits {
		if o.t0 == t && o.term.Kind == lexicon.Nationality {
			return true
		}
	}
	return false
}

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

// ageAfterNoun: an age phrase of lang.tsv age_after and a number follow
// the noun in its sentence ("Polen im Alter von 24 und 25 Jahren").
func (d *decider) ageAfterNoun(h hit) bool {
	for _, ph := range d.m.lx.AgeAfter {
		ws := strings.Fields(ph)
		t := h.t1
		ok := true
		for _, w := range ws {
			if t >= len(d.tx.Tokens) || d.sentence(t) != d.sentence(h.t0) || d.tx.Word(t) != w {
				ok = false
				break
			}
			t++
		}
		if ok && t < len(d.tx.Tokens) && allDigits(d.tx.Word(t)) {
			return true
		}
	}
	return false
}

// listOfPersons: the mention is one of nationality words joined by
// commas and conjunctions ("belgische, niederländische und deutsche
// Staatsangehörige", "25 persone tra nigeriani, albanesi, filippini e
// italiani"), and a person word stands after the last of them or before
// the first: the list names persons.
func (d *decider) listOfPersons(h hit, withDet bool) bool {
	natAt := func(t int) bool {
		if t < 0 || t >= len(d.tx.Tokens) || d.sentence(t) != d.sentence(h.t0) {
			return false
		}
		return d.nationalityAt(t)
	}
	conj := func(t int) bool {
		return t >= 0 && t < len(d.tx.Tokens) && d.sentence(t) == d.sentence(h.t0) && d.conjunctionAt(t)
	}
	first, last := h.t0, h.t1-1
	joined := false // a conjunction joins two members
	for {
		switch {
		case d.punctBefore(first) == ',' && natAt(first-1):
			first--
			continue
		case conj(first-1) && natAt(first-2):
			first -= 2
			joined = true
			continue
		}
		break
	}
	for {
		switch {
		case last+1 < len(d.tx.Tokens) && d.punctBefore(last+1) == ',' && natAt(last+1):
			last++
			continue
		case conj(last+1) && natAt(last+2):
			last += 2
			joined = true
			continue
		}
		break
	}
	if first == h.t0 && last == h.t1-1 {
		return false
	}
	head, tail := hit{t0: first, t1: first + 1}, hit{t0: last, t1: last + 1}
	if d.personAfter(tail) || d.personBefore(head, withDet, withDet) {
		return true
	}
	// Where a bare word may be a noun or an adjective (withDet, Italian),
	// what makes the list's first word a person makes the others persons
	// too: "c'erano albanesi, tunisini e nigeriani", "3 albanesi,
	// tunisini e marocchini".
	if !withDet {
		return false
	}
	if d.copulaBefore(head) || d.coordinatedAfter(head) || d.countBefore(head) || d.groupBefore(head) || d.guessBefore(head) {
		return true
	}
	// After a preposition, a member that is a person on its own makes
	// the others persons ("a carico di tunisini, algerini, marocchini e
	// italiani", "di nigeriani e ghanesi"); after a noun the list
	// describes it ("le rotte olandese e turco", "le forze dell'ordine
	// francesi e italiane").
	if d.inList || d.prepBefore(head.t0, &d.m.obliquePreps) == "" && d.prepBefore(head.t0, &d.m.agentPreps) == "" {
		return false
	}
	if joined {
		// "a carico di tunisini, algerini, marocchini e italiani", "di
		// nigeriani e ghanesi": a list closed by a conjunction after a
		// preposition names persons.
		return true
	}
	d.inList = true
	defer func() { d.inList = false }()
	for t := first; t <= last; t++ {
		if t >= h.t0 && t < h.t1 {
			continue
		}
		if nx := d.nationalityHitAt(t); nx != nil {
			if _, ok := d.accept(*nx); ok {
				return true
			}
		}
	}
	return false
}

// countBefore: a number of persons in digits stands right before the
// mention ("4 italiani"; a population figure of 100 or more is
// quantityBefore's).
func (d *decider) countBefore(h hit) bool {
	return h.t0 > 0 && d.sentence(h.t0-1) == d.sentence(h.t0) && allDigits(d.tx.Word(h.t0-1))
}

// guessBefore: a hedge word of lang.tsv guess_words stands right before
// the mention after a comma ("due cittadini dell'Est, probabilmente
// rumeni"): a guessed nationality of the persons named before.
func (d *decider) guessBefore(h hit) bool {
	t := h.t0 - 1
	return t > 0 && d.sentence(t) == d.sentence(h.t0) && d.m.lx.GuessWords[d.tx.Word(t)] && d.punctBefore(t) == ','
}
