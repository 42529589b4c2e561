package detect

import (
	"slices"
	"strings"
	"unicode"

	"github.com/baserate/baserate/media/lexicon"
	"github.com/baserate/baserate/media/textnorm"
)

// Mentions. A nationality, status, country or appearance word the
// automaton found names a person's origin only in the company of a person:
// a person noun, an age, a determiner, a copula with a person subject, a
// list of persons, a country cue ("aus", "originario di", "native of").
// accept asks those questions of every candidate; the helpers here answer
// them from the tokens around it and say no to streets, languages,
// institutions, population figures and proper names.

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
