package lexicon

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/media/textnorm"
)

//go:embed README.md gazetteer/gazetteer.tsv */*.tsv
var files embed.FS

// FS returns the embedded data files.
func FS() fs.FS { return files }

// Kind is what a term stands for.
type Kind uint8

// The kinds of term.
const (
	Nationality Kind = iota + 1 // a nationality word; Code is ISO alpha-2
	Status                      // a non-national or migration status; Code is FOREIGN, ASYLUM, STATELESS
	Country                     // a country name; Code is ISO alpha-2
	CountryCue                  // a word before a country that makes it a person's origin
	Person                      // a word that makes a nationality adjective a person
	Age                         // an age expression
	Role                        // a role cue; Role and Weight set
	Offence                     // an offence term; Code is the family
	NonCrime                    // a cue of a text with no offence
	Appearance                  // an appearance description
	Block                       // a phrase in which nationality words do not count
	Frame                       // a verb or role noun of the clause model; Voice, Subj, Obj, Agent set
)

var kindNames = [...]string{"", "nationality", "status", "country", "country-cue", "person", "age", "role", "offence", "noncrime", "appearance", "block", "frame"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Term is one entry of a lexicon.
type Term struct {
	// Pattern is what is searched in normalized text: the folded term
	// with a space at each end that must fall on a word boundary.
	Pattern string
	// Form is the folded term without boundary spaces.
	Form   string
	Kind   Kind
	Code   string  // origin code or offence family
	POS    string  // noun, adj, adjnoun, capnoun, country, combining ("italo-"), prefix ("US-"), last ("-American")
	Role   string  // suspect, victim, witness, other, police
	Weight float64 // role or offence weight
	// Where and Window say where a Person word must stand: "before" or
	// "after" the nationality word, within Window tokens.
	Where  string
	Window int
	// NeedsPerson: a CountryCue that only counts after a person word.
	NeedsPerson bool
	// NeedsAge: a CountryCue that only counts right after an age set off
	// by commas ("Xuekun Su, 44, of China"; needs_person "age").
	NeedsAge bool
	// AgeKind: "num" (after a number token), "glued" (after digits) or
	// "word" (the age written as a word: Italian "ventiduenne"; its value
	// is AgeValue).
	AgeKind  string
	AgeValue int
	// Bare: a nationality adjective without an inflection ending
	// ("rumänisch") in a language whose attributive adjectives are
	// inflected (BareAdjPredicative): it describes no noun after it.
	Bare bool
	// Negator: an Offence word that says the words of its family (Code)
	// in its sentence name no offence of the family (offences.tsv kind
	// "not": "Cannabis konsumiert", a driver's consumption). Absorbs: an
	// Offence whose presence makes the words of another family that are
	// too weak to name a family on their own part of it (kind
	// "absorbs:property": a robbery's "Beute", "entwendet").
	// Prior: an Offence cue of a record ("precedenti per", "prior
	// conviction for", kind "prior"): the offences after it in its
	// sentence are earlier cases', no family of the text's case.
	Negator, Prior bool
	Absorbs        string
	// Then: an Offence word that counts only when this phrase (folded)
	// follows it in its sentence, within ThenWindow tokens: the two parts
	// of a separable verb in a main clause (kind "then:an sich": "nahm
	// er ... eine Geldbörse an sich").
	Then string
	// OwnSentence: a role cue that speaks only of persons in its own
	// sentence (role written "victim.own" in roles.tsv): agent phrases
	// such as "von zwei Männern" say nothing about a person named in the
	// sentence before.
	OwnSentence bool
	// Voice, Subj, Obj, Agent and Particle describe a Frame (frames.tsv):
	// Voice is "active" (a finite active verb: Subj is its subject's
	// role, Obj its object's), "passive" (a passive form: Subj is its
	// subject's role, Agent the role of its agent phrase), "participle"
	// (passive unless an active auxiliary stands in the clause, when its
	// object takes Subj and its subject Agent), "intrans" (any argument
	// not in a prepositional phrase takes Subj) or "noun" (a role noun:
	// its own noun phrase, an apposition to it or the predicate of a
	// copula takes Subj) or "nominal" (an action noun: its complement in
	// the genitive or after a link word of clause.tsv takes Subj, "die
	// Festnahme eines 25-jährigen Algeriers", "the arrest of"; its
	// complement after a target preposition takes Obj, "Anzeige gegen").
	// Particle: a separable verb counts only with its particle later in
	// the clause ("nahmen ... fest").
	Voice, Subj, Obj, Agent, Particle string
	// FinalAccent: the term is written with an accent on its last letter
	// in a language where that accent tells words apart
	// (FinalAccentDistinct): it matches only a word written with the
	// accent, or with an apostrophe after the vowel as on a typewriter
	// ("colpì", "colpi'"), not the word folding makes of it ("colpi").
	FinalAccent bool
	// Source is file:line of the entry, or the rule that made it.
	Source string
}

// Unmade is a gazetteer row made for no country: its word names more
// than one (Codes), or it carries a qualifier in parentheses.
type Unmade struct {
	Form   string
	Codes  []string
	Source string
}

// Lexicon is every term of one language.
type Lexicon struct {
	Lang             string
	Terms            []Term
	Stopwords        []string
	NounsCapitalized bool
	// DemonymsLowercase: nationality words are written in lower case
	// (Italian, Swedish); capitalized after another capitalized word they
	// are a surname ("Aniello Giordano").
	DemonymsLowercase bool
	// FinalAccentDistinct: an accent on a word's last letter tells it
	// from another word (Italian "colpì", struck, and "colpi", blows;
	// "violentò", raped, and "violento", violent), so a term written with
	// one matches only words written with it (Term.FinalAccent).
	FinalAccentDistinct bool
	Abbrev              map[string]bool
	// Countries holds the folded country names, to tell a country from a
	// homographic person noun ("Polen").
	Countries map[string]string
	// Unmade lists the gazetteer rows made for no country: words that
	// name more than one ("Congolese") and forms with a qualifier in
	// parentheses ("Man (Isle of Man)").
	Unmade []Unmade
	// Quantities are words that make a following nationality word a
	// population figure, not a person ("4,5 Millionen Syrer").
	Quantities map[string]bool
	// Everyone are words that make a following origin everyone's in the
	// case, suspects' and victims' ("samtliga utländska medborgare").
	Everyone map[string]bool
	// OtherSameAge are words before an age that make it another person of
	// that age ("einen ebenfalls 49-jährigen Mann").
	OtherSameAge map[string]bool
	// Articles are the articles and possessives that open a noun phrase
	// ("der", "den", "il", "the"): a role noun after one is a person of
	// its own.
	Articles map[string]bool
	// Link are the copulas and words that make a noun phrase after a
	// person the same person ("sind", "war", "als").
	Link map[string]bool
	// Prepositions (other than those of roles.tsv's target and agent
	// rules) before an object determiner make no object of the clause
	// ("um einen 16-jährigen Deutschen", "mit einem Syrer").
	Prepositions map[string]bool
	// Premodifiers may stand between a determiner and an adjective-noun
	// that it makes a person ("un altro tunisino"); another word there is
	// a noun the adjective describes ("un camion italiano").
	Premodifiers map[string]bool
	// Plural are numbers and words before a suspect noun that speak of
	// several suspects ("zwei Tatverdächtige", "beiden Täter").
	Plural map[string]bool
	// Function are the language's function words (articles, pronouns,
	// conjunctions, auxiliaries, frequent adverbs): a word after a
	// nationality noun that is none of these, nor a person word, is a
	// noun it describes ("svensk polis").
	Function map[string]bool
	// Conjunctions join two persons ("sowie", "und"): a suspect noun and
	// a victim noun joined by one share what the sentence says of them.
	Conjunctions map[string]bool
	// GroupHeads end compounds that name a group, not a person
	// ("Einbrecherbande"): a person word inside one makes no person.
	GroupHeads []string
	// ServiceHeads begin person nouns of a service ("Soldat"): a
	// country's prefix joined to one ("US-Soldat") names the army, not
	// the person's citizenship.
	ServiceHeads []string
	// BareAdjPredicative: attributive adjectives are inflected, so a bare
	// nationality adjective ("sprach rumänisch") never describes a
	// following noun (German).
	BareAdjPredicative bool
	// PlaceHeads are words for streets and squares: a nationality word
	// next to one names a place ("Kameruner Straße", "via Tunisi").
	PlaceHeads map[string]bool
	// InstitutionHeads are nouns of a state's institutions: a nationality
	// word just before one names the institution's country ("Israeli
	// Embassy employees", "US Army"), and so does a country's name just
	// after one ("von der Polizei Polen"), no person's origin.
	InstitutionHeads map[string]bool
	// AgeSpan are the words of an age phrase between a person and a
	// country cue ("Männer im Alter von 17, 18 und 21 Jahren aus
	// Litauen"), or of an age in parentheses after a person ("(33,
	// deutsch-polnisch)"); digits are always part of one.
	AgeSpan map[string]bool
	// Descent are the nouns of descent after a nationality adjective
	// ("türkischer Abstammung", "di origine marocchina"): such an origin
	// counts only when the person's citizenship is not named beside it.
	Descent map[string]bool
	// TitleCues are words before a quotation that make it a title or a
	// motto ("Kundgebung mit dem Titel “…”"): nationality words in it
	// name no person.
	TitleCues map[string]bool
	// NameTitles are the titles before a person's name ("l'avvocato
	// Russo", "la signora Giordana"): where demonyms are written in lower
	// case, a capitalized one right after a title is the name.
	NameTitles map[string]bool
	// PlaceVerbs are words before a country cue that make the country a
	// place the person was in or moved between, not an origin
	// ("extradited from El Salvador").
	PlaceVerbs map[string]bool
	// DeportVia and DeportTo: a country after DeportTo (an article may
	// follow it) that follows DeportVia and another country is the one a
	// person was deported to ("deported from Mexico to the United
	// States"), taken as the person's as after the country cue "deported
	// to". DeportVia holds two-word phrases, folded, joined by a space.
	DeportVia map[string]bool
	DeportTo  map[string]bool
	// PoseAs are words of posing as someone ("gab sich als Palästinenser
	// aus", "posing as", "spacciandosi per"): a nationality there is a
	// false identity, not the person's origin.
	PoseAs map[string]bool
	// PoseClaims are the words of PoseAs and PoseParticle that report a
	// person's own account of themselves ("gab sich als Pole aus",
	// "spacciandosi per algerino"), not a doubt ("ein angeblicher
	// Italiener") or an office posed as ("posing as U.S. immigration
	// agents"): a nationality there is the person's origin when the text
	// names no other beside it; after any other pose word it is none.
	PoseClaims map[string]bool
	// PoseParticle ends a separable verb of posing after "sich als"
	// ("gab sich als Palästinenser aus"); PoseReflexive is that "sich".
	PoseParticle, PoseReflexive map[string]bool
	// Hearsay are the phrases that open a story told to the speaker of a
	// quotation ("Mi disse che", "Er erzählte mir, dass", "He told me
	// that"): the persons of that story are an account, not reported as
	// found.
	Hearsay []string
	// Mutual are the phrases of a mutual fight or of mutual accusations
	// ("warfen sich gegenseitig Körperverletzungen vor", "gingen
	// aufeinander los"): the parties of its release are suspects and
	// victims both.
	Mutual []string
	// HitAndRun are the phrases of a driver leaving the scene
	// ("flüchtete", "entfernte sich", "fled the scene"): in a text with
	// an accident cue (noncrime.tsv kind accident) one names a
	// hit-and-run, a traffic offence.
	HitAndRun []string
	// Both are the words for both persons named before ("X und Y, beide
	// mit serbischer Staatsangehörigkeit"): an origin said after one is
	// both persons'.
	Both map[string]bool
	// LanguageAfter are words after a nationality word that make it a
	// language ("Russian-speaking victims"): no origin.
	LanguageAfter map[string]bool
	// SpeechVerbs are verbs of speaking: a nationality word after one,
	// with only adverbs and adjectives between ("sprach akzentfreies
	// Deutsch", "non parlava bene l'italiano", "spoke fluent English"),
	// is the language spoken, no origin; SpeechArticles are the articles
	// that may stand before the language ("l'italiano"). Where attributive
	// adjectives are inflected (BareAdjPredicative), only the bare form
	// ("Deutsch") is a language.
	SpeechVerbs, SpeechArticles map[string]bool
	// GuessWords are hedges ("probabilmente") that, after a comma, give a
	// guessed nationality of the persons named before; right before a
	// homograph of a country's name ("vermutlich Polen"), or before a
	// GuessParticles word and one ("möglicherweise um Polen"), they make
	// it the people.
	GuessWords, GuessParticles map[string]bool
	// AgeAfter are phrases that give an age after a noun ("im Alter
	// von" and a number): a country's name they follow is a people
	// ("zwei hier wohnsitzlose Polen im Alter von 24 und 25 Jahren").
	AgeAfter []string
	// BirthPreps and BirthAfter give an origin by birth written after the
	// country ("im Kosovo geboren", "in der Türkei geborene"): a country
	// after one of the prepositions (an article may follow it) and before
	// one of the birth words is the person's origin, as "gebürtig" is.
	BirthPreps, BirthAfter map[string]bool
	// StemPreps and StemAfter give an origin written as descent after
	// the country ("das aus Rumänien stammende Trio", "allesamt aus
	// Rumänien stammend", "könnte er aus Rumänien stammen"), the same
	// way: no person word need stand before the preposition. StemAttr
	// are the attributive forms ("stammende"), which count only before a
	// person word: "das aus Polen stammende Fahrzeug" is a thing's.
	StemPreps, StemAfter, StemAttr map[string]bool
	// AccountOpeners and AccountVerbs make a clause that says whose
	// account a sentence gives ("Wie die Geschädigte weiter ausführte"):
	// its role nouns are the reporters, no cue for the persons of the
	// sentence.
	AccountOpeners, AccountVerbs map[string]bool
	// DescriptionAfter are the participles that close a description "als
	// ... beschrieben": an uninflected nationality adjective right before
	// one names the described person's origin.
	DescriptionAfter map[string]bool
	// Households are group nouns of a household ("famiglia"): a
	// nationality word after one with its preposition ("una famiglia di
	// cinesi") names residents or owners, not a group that acts.
	Households map[string]bool
	// AgeRange are the words that make two joined numbers before an age
	// a range, not two persons ("im Alter zwischen 24 und 39 Jahren").
	AgeRange map[string]bool
	// DepartmentAfter and DepartmentBefore are the words of a
	// department's or a statistic's name around an offence term
	// ("Homicide Unit", "das für Erpressung zuständige Kommissariat",
	// "Ermittlungsgruppe Rauschgift"): such an offence names no family of
	// the text. PageTail are the lines that open a web page's list of
	// other articles ("Latest Posts", "Recent News"): the offences after
	// one are other cases'.
	DepartmentAfter, DepartmentBefore, PageTail []string
	// CountNouns are the nouns of aggregate counts ("Straftaten",
	// "Fällen", "persone", "cases"; a "*" ending matches any ending): a
	// text with many different counts of them ("13.846 rechte Straftaten",
	// "in 509 Fällen") is a statistics piece, no crime report.
	// Partitives introduce a part of a counted group ("di cui", "davon",
	// "of whom"): a nationality said of the part of a group of ten or
	// more counts people, it names no suspect ("42 persone, di cui 13
	// nazionalità straniera").
	CountNouns, Partitives []string
	// Clause holds the word classes of the clause model (clause.tsv).
	Clause Clause
}

// Clause are the word classes the clause model needs (clause.tsv): where
// a sentence splits into clauses, which auxiliaries make a participle
// passive or active, which prepositions introduce an agent or a target,
// and which determiners mark a case.
type Clause struct {
	// Subordinators open a clause ("weil", "nachdem", "perché").
	Subordinators map[string]bool
	// Relatives open a relative clause after a comma ("der", "che",
	// "who", "som"); RelativesBare open one without a comma too.
	Relatives, RelativesBare map[string]bool
	// Coordinators ("und", "e") open a clause when a finite verb follows
	// them; the clause keeps the subject of the clause before.
	Coordinators map[string]bool
	// Finite are common finite verbs: a comma before one opens a clause.
	Finite map[string]bool
	// PassiveAux and ActiveAux decide the voice of a participle.
	PassiveAux, ActiveAux map[string]bool
	// Copulas link a role noun and a person ("ist", "handelt es sich
	// um"); written with spaces for several words.
	Copulas []string
	// Accented holds, by clause.tsv key, the folded words and phrases
	// that list writes with an accent on their last letter ("finite":
	// "è"): where the language's final accent tells words apart
	// (Lexicon.FinalAccentDistinct) they stand only for words written
	// with it, and the list's words written without one only for words
	// written without ("coordinators": "e", and).
	Accented map[string]map[string]bool
	// AgentPreps ("von", "da", "by", "av"), TargetPreps ("gegen",
	// "nei confronti di") and ObliquePreps (any other preposition) stand
	// before a noun phrase; several words allowed.
	AgentPreps, TargetPreps, ObliquePreps []string
	// Nominative and Objective are determiners that mark the case of
	// their noun phrase (German: "der", "ein"; "den", "einem").
	Nominative, Objective map[string]bool
	// ObliqueAfter: a determiner of this set followed by an adjective in
	// one of ObliqueEndings is dative or genitive ("der 23-jährigen
	// Syrerin").
	ObliqueAfter   map[string]bool
	ObliqueEndings []string
	// As are the words that make a role noun after them the role of the
	// clause's subject ("als Tatverdächtiger wurde ... ermittelt").
	As map[string]bool
	// GenitiveAfterNoun: a determiner of this set right after a noun
	// opens a genitive attribute ("die Personalien der beiden Männer"),
	// no argument of the verb.
	GenitiveAfterNoun map[string]bool
	// Forces are words for the police and armed forces: the subject of a
	// passive injury verb whose agent they are is a suspect ("von der
	// Armee erschossen").
	Forces map[string]bool
	// ArrestContext are nouns of an arrest ("Festnahme", "Widerstand",
	// "arresto"): a person injured in a clause with one ("Bei der
	// Festnahme wurde der 36-Jährige leicht verletzt") is the suspect.
	ArrestContext map[string]bool
	// TimeNouns head a time phrase ("l'altra mattina", "la scorsa
	// notte"): a determiner before one opens no subject.
	TimeNouns map[string]bool
	// PluralFinite are the endings (and whole words, as "sind") of a
	// plural finite verb: in a language whose order is "case", a phrase of
	// several persons before a singular finite active verb is its object,
	// not its subject ("Fünf Syrer nahm die Polizei ... fest").
	PluralFinite []string
	// Inversion: the subject of a passive may follow its verb ("è stato
	// arrestato un tunisino", "greps en man"); not in English.
	Inversion bool
	// AdjectiveAfterNoun: a nationality adjective follows its noun ("una
	// massaggiatrice cinese"), so the noun between a determiner and the
	// adjective is the head of the adjective's phrase.
	AdjectiveAfterNoun bool
	// Possession are the words for citizenship ("Staatsangehörigkeit"):
	// a nationality said of one is its owner's, who is the subject of a
	// possession verb ("besitzt die syrische Staatsangehörigkeit", a
	// copula in copulas) or the noun phrase before PossessionPreps
	// ("eine 52-Jährige mit deutscher Staatsangehörigkeit").
	Possession      map[string]bool
	PossessionPreps map[string]bool
	// ObjectArticles are articles that are also prepositions
	// (ObliquePreps) but may open a verb's object (Italian partitive
	// "dei", "degli": "ha aggredito degli stranieri"); another such word
	// after a participle opens a prepositional phrase ("colpita nel
	// sonno"), no object.
	ObjectArticles map[string]bool
	// Partitive are group nouns with their preposition ("una coppia di",
	// "eine Gruppe von"): the nationality after them heads the phrase.
	Partitive []string
	// ParticipleEndings: a copula followed by a word with one of these
	// endings is an auxiliary ("sono finiti").
	ParticipleEndings []string
	// IdentityPreps open the role-noun phrase of an identity statement
	// ("Bei dem Opfer handelt es sich um"): that phrase is no object.
	IdentityPreps map[string]bool
	// NominalLinks are the link words between an action noun and its
	// complement ("von", "di", "of", "av"; German genitive determiners
	// are GenitiveAfterNoun).
	NominalLinks map[string]bool
	// AccentHeads are the words for an accent or a way of speaking: a
	// nationality or status word right after one describes it
	// ("con accento straniero"): appearance, no origin.
	AccentHeads map[string]bool
	// Anaphors are the definite phrases and pronouns that take up a
	// person named before ("der Mann", "er", "the man", "mannen"), by
	// gender: "m", "f" or "" (either); IdentityVerbs make an identity
	// statement with "sich" and a preposition of IdentityLinks ("Bei dem
	// Täter soll es sich laut der Geschädigten um einen ... gehandelt
	// haben").
	AnaphorsM, AnaphorsF []string
	// DefiniteSingular are the determiners of one person known from
	// before ("der", "den", "il", "the"): a role noun after one takes up
	// a person named earlier without a role ("ein 26-jähriger Engländer
	// ... zwei Personen ... Der eingeschüchterte Geschädigte").
	DefiniteSingular map[string]bool
	// SubjectPronouns are the personal pronouns of one person as subject
	// ("er", "sie", "lui", "han", "he"): a sentence that opens with one and
	// names an origin ("Er besitzt die kroatische Staatsbürgerschaft")
	// speaks of the person of the sentence before.
	SubjectPronouns map[string]bool
	// Definite are the definite articles: a regional label after one
	// ("des Nordafrikaners") takes up a suspect whose nationality was
	// named before, and describes no look.
	Definite          map[string]bool
	IdentityVerbs     map[string]bool
	IdentityReflexive string
	IdentityLinks     map[string]bool
	// ReflexiveClitics are the reflexive pronouns that stand before the
	// auxiliary of a compound tense ("si era fermato", "si sono
	// picchiati"): the participle after one is reflexive or reciprocal,
	// not passive, and gives its subject no role.
	ReflexiveClitics map[string]bool
	// IdentityPronouns, after one of IdentityPreps, open an identity
	// statement about a person named before ("Bei ihm handelt es sich um
	// ..."), with the gender they take up ("m", "f" or "" for any).
	IdentityPronouns map[string]string
	// Feminine are noun endings and determiners that mark a feminine
	// singular person where nouns have gender ("-in", "eine"); Masculine
	// the determiners of a masculine singular ("ein", "der").
	FeminineEndings             []string
	FeminineDets, MasculineDets map[string]bool
	// FeminineParticiples and MasculineParticiples are the endings of
	// singular participles of each gender where participles agree with
	// their subject (Italian "arrestata", "arrestato"): a person whose
	// determiner marks the other gender is not the participle's subject
	// ("è stato arrestato ... sulla moglie, una marocchina").
	FeminineParticiples, MasculineParticiples []string
	// NPAdverbs are adverbs that stand inside a noun phrase, between its
	// determiner and its noun ("der damals 28-Jährige", "il già noto
	// tunisino").
	NPAdverbs map[string]bool
	// ObjectPreps are prepositions whose phrase is the object of one of
	// ObjectPrepVerbs ("stach auf den 40-Jährigen ein", "shot at").
	ObjectPreps, ObjectPrepVerbs map[string]bool
	// DescriptionHeads (nouns: "Täterbeschreibung:", "signalement:") and
	// DescriptionPassives (verbs: "wie folgt beschrieben:") open a
	// description of a person before a colon; DescriptionVerbs open one
	// without ("beschrieben als", "described as"): a mention in it is the
	// person described.
	DescriptionHeads, DescriptionPassives, DescriptionVerbs []string
	// Order: "case" (German: case marks the subject; free word order) or
	// "svo" (the subject stands before the verb).
	Order string
}

// Languages lists the languages that have a folder of data files.
func Languages() []string {
	ents, _ := fs.ReadDir(files, ".")
	var out []string
	for _, e := range ents {
		if e.IsDir() && e.Name() != "gazetteer" && e.Name() != "internal" {
			if _, err := fs.Stat(files, path.Join(e.Name(), "lang.tsv")); err == nil {
				out = append(out, e.Name())
			}
		}
	}
	return out
}

// Load builds the lexicon of lang from the embedded files.
func Load(lang string) (*Lexicon, error) { return LoadFS(files, lang) }

// table is a parsed TSV file: rows of named columns, with line numbers.
type table struct {
	file string
	rows []map[string]string
	line []int
}

func readTable(fsys fs.FS, name string, cols ...string) (*table, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	t := &table{file: name}
	sc := bufio.NewScanner(f)
	var header []string
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if header == nil {
			header = fields
			for _, c := range cols {
				if !slices.Contains(header, c) {
					return nil, baserate.Invalid(name, n, "header lacks column %q", c)
				}
			}
			continue
		}
		row := map[string]string{}
		for i, h := range header {
			if i < len(fields) {
				row[h] = strings.TrimSpace(fields[i])
			}
		}
		for _, c := range cols {
			if row[c] == "" {
				return nil, baserate.Invalid(name, n, "empty %q", c)
			}
		}
		t.rows = append(t.rows, row)
		t.line = append(t.line, n)
	}
	return t, sc.Err()
}

func (t *table) src(i int) string { return fmt.Sprintf("%s:%d", t.file, t.line[i]) }

// pattern turns a written term into its search pattern.
func pattern(term string) (form, pat string, err error) {
	open0 := strings.HasPrefix(term, "*")
	open1 := strings.HasSuffix(term, "*")
	core := strings.Trim(term, "*")
	if strings.Contains(core, "*") {
		return "", "", fmt.Errorf("term %q: * only at the start or end", term)
	}
	form = textnorm.Fold(core)
	if form == "" {
		return "", "", fmt.Errorf("term %q is empty when normalized", term)
	}
	pat = form
	if !open0 {
		pat = " " + pat
	}
	if !open1 {
		pat += " "
	}
	return form, pat, nil
}

// finalAccent reports whether a term as written ends with a letter that
// folding changes ("colpì"); a term open at its end ("colp*") does not.
func finalAccent(written string) bool {
	if strings.HasSuffix(written, "*") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(written)
	return r >= utf8.RuneSelf && unicode.IsLetter(r) && textnorm.Fold(string(r)) != strings.ToLower(string(r))
}

func weight(t *table, i int) (float64, error) {
	w, err := strconv.ParseFloat(t.rows[i]["weight"], 64)
	if err != nil {
		return 0, baserate.Invalid(t.file, t.line[i], "weight: %v", err)
	}
	return w, nil
}

// nationalityPOS are the parts of speech of nationality words (Term.POS)
// that the coder knows.
var nationalityPOS = []string{"noun", "adj", "adjnoun", "capnoun", "country", "combining", "prefix", "last"}

// LoadFS builds the lexicon of lang from the files in fsys.
func LoadFS(fsys fs.FS, lang string) (*Lexicon, error) {
	op := "lexicon.Load " + lang
	lx := &Lexicon{Lang: lang, Countries: map[string]string{}, DeportVia: map[string]bool{}}
	// wordSets are lang.tsv's keys that hold a comma-separated word list,
	// each read into a set of folded words.
	wordSets := map[string]*map[string]bool{"sentence_abbrev": &lx.Abbrev, "quantities": &lx.Quantities, "everyone": &lx.Everyone, "other_same_age": &lx.OtherSameAge, "description_after": &lx.DescriptionAfter, "birth_preps": &lx.BirthPreps, "birth_after": &lx.BirthAfter, "stem_preps": &lx.StemPreps, "stem_after": &lx.StemAfter, "stem_attr": &lx.StemAttr, "account_openers": &lx.AccountOpeners, "account_verbs": &lx.AccountVerbs, "language_after": &lx.LanguageAfter, "speech_verbs": &lx.SpeechVerbs, "guess_words": &lx.GuessWords, "guess_particles": &lx.GuessParticles, "speech_articles": &lx.SpeechArticles, "both": &lx.Both, "age_range": &lx.AgeRange, "households": &lx.Households, "articles": &lx.Articles, "link": &lx.Link, "prepositions": &lx.Prepositions, "premodifiers": &lx.Premodifiers, "plural": &lx.Plural, "function": &lx.Function, "conjunctions": &lx.Conjunctions, "age_span": &lx.AgeSpan, "descent": &lx.Descent, "title_cues": &lx.TitleCues, "name_titles": &lx.NameTitles, "place_verbs": &lx.PlaceVerbs, "deport_to": &lx.DeportTo, "pose_as": &lx.PoseAs, "pose_claims": &lx.PoseClaims, "pose_particle": &lx.PoseParticle, "pose_reflexive": &lx.PoseReflexive}
	for _, set := range wordSets {
		*set = map[string]bool{}
	}
	p := func(name string) string { return path.Join(lang, name) }

	settings, err := readTable(fsys, p("lang.tsv"), "key", "value")
	if err != nil {
		return nil, baserate.E(op, baserate.KindNotFound, err)
	}
	countryInflect := false
	for i, r := range settings.rows {
		if set, ok := wordSets[r["key"]]; ok {
			for _, w := range strings.Split(r["value"], ",") {
				if f := textnorm.Fold(w); f != "" {
					(*set)[f] = true
				}
			}
			continue
		}
		switch r["key"] {
		case "country_inflection":
			countryInflect = r["value"] == "true"
		case "stopwords":
			for _, w := range strings.Split(r["value"], ",") {
				lx.Stopwords = append(lx.Stopwords, textnorm.Fold(w))
			}
		case "nouns_capitalized":
			lx.NounsCapitalized = r["value"] == "true"
		case "demonyms_lowercase":
			lx.DemonymsLowercase = r["value"] == "true"
		case "final_accent_distinct":
			lx.FinalAccentDistinct = r["value"] == "true"
		case "deport_via":
			for _, w := range strings.Split(r["value"], ",") {
				f := strings.Fields(textnorm.Fold(w))
				if len(f) == 0 {
					continue
				}
				if len(f) != 2 {
					// deportedVia compares the two words before a country;
					// a phrase of another length would never be read.
					return nil, baserate.E(op, baserate.KindInvalid, baserate.Invalid(settings.file, settings.line[i], "deport_via: %q is not two words", strings.TrimSpace(w)))
				}
				lx.DeportVia[strings.Join(f, " ")] = true
			}
		case "hit_and_run", "hearsay", "mutual", "age_after":
			list := map[string]*[]string{"hit_and_run": &lx.HitAndRun, "hearsay": &lx.Hearsay, "mutual": &lx.Mutual, "age_after": &lx.AgeAfter}[r["key"]]
			for _, w := range strings.Split(r["value"], ",") {
				if f := textnorm.Fold(w); f != "" {
					*list = append(*list, f)
				}
			}
		case "department_after", "department_before", "page_tail", "count_nouns", "partitives":
			list := map[string]*[]string{"department_after": &lx.DepartmentAfter, "department_before": &lx.DepartmentBefore, "page_tail": &lx.PageTail, "count_nouns": &lx.CountNouns, "partitives": &lx.Partitives}[r["key"]]
			for _, w := range strings.Split(r["value"], ",") {
				w, open := strings.CutSuffix(strings.TrimSpace(w), "*")
				if f := textnorm.Fold(w); f != "" {
					if open {
						f += "*" // a prefix: any ending
					}
					*list = append(*list, f)
				}
			}
		case "group_heads", "service_heads":
			list := map[string]*[]string{"group_heads": &lx.GroupHeads, "service_heads": &lx.ServiceHeads}[r["key"]]
			for _, w := range strings.Split(r["value"], ",") {
				if f := textnorm.Fold(w); f != "" {
					*list = append(*list, f)
				}
			}
		case "place_heads":
			lx.PlaceHeads = map[string]bool{}
			for _, w := range strings.Split(r["value"], ",") {
				if f := textnorm.Fold(w); f != "" {
					lx.PlaceHeads[f] = true
				}
			}
		case "institution_heads":
			lx.InstitutionHeads = map[string]bool{}
			for _, w := range strings.Split(r["value"], ",") {
				if f := textnorm.Fold(w); f != "" {
					lx.InstitutionHeads[f] = true
				}
			}
		case "bare_adjective_predicative":
			lx.BareAdjPredicative = r["value"] == "true"
		default:
			// A key no code reads is a typo or a setting whose loader
			// was forgotten: both would silently change nothing.
			return nil, baserate.E(op, baserate.KindInvalid, baserate.Invalid(settings.file, settings.line[i], "unknown key %q", r["key"]))
		}
	}

	// A claim that is no pose word would never be read.
	for i, r := range settings.rows {
		if r["key"] != "pose_claims" {
			continue
		}
		for _, w := range strings.Split(r["value"], ",") {
			if f := textnorm.Fold(w); f != "" && !lx.PoseAs[f] && !lx.PoseParticle[f] {
				return nil, baserate.E(op, baserate.KindInvalid, baserate.Invalid(settings.file, settings.line[i], "pose_claims: %q is neither in pose_as nor in pose_particle", w))
			}
		}
	}

	if err := loadClause(fsys, p("clause.tsv"), &lx.Clause); err != nil {
		return nil, baserate.E(op, baserate.KindInvalid, err)
	}

	add := func(t Term, written string) error {
		form, pat, err := pattern(written)
		if err != nil {
			return fmt.Errorf("%s: %w", t.Source, err)
		}
		t.Form, t.Pattern = form, pat
		t.FinalAccent = lx.FinalAccentDistinct && finalAccent(written)
		lx.Terms = append(lx.Terms, t)
		return nil
	}

	// Nationality words: gazetteer forms through morphology rules, plus curated stems.
	paradigms := map[string][]string{}
	pt, err := readTable(fsys, p("paradigms.tsv"), "paradigm", "endings")
	if err != nil {
		return nil, baserate.E(op, baserate.KindInvalid, err)
	}
	for _, r := range pt.rows {
		var ends []string
		for _, e := range strings.Split(r["endings"], ",") {
			e = strings.TrimSpace(e)
			if e == "-" {
				e = ""
			}
			ends = append(ends, textnorm.Fold(e))
		}
		paradigms[r["paradigm"]] = ends
	}
	exclude := map[string]bool{}
	if et, err := readTable(fsys, p("exclude.tsv"), "form"); err == nil {
		for _, r := range et.rows {
			exclude[textnorm.Fold(r["form"])] = true
		}
	} else {
		return nil, baserate.E(op, baserate.KindInvalid, err)
	}
	type natKey struct{ code, form, pos string }
	seenNat := map[natKey]bool{}
	addNat := func(code, stem, para, pos, src string) error {
		ends, ok := paradigms[para]
		if !ok {
			return baserate.E(op, baserate.KindInvalid, fmt.Sprintf("%s: unknown paradigm %q", src, para))
		}
		if !slices.Contains(nationalityPOS, pos) {
			// A misspelt part of speech would make a term the coder
			// never accepts, silently.
			return baserate.E(op, baserate.KindInvalid, fmt.Sprintf("%s: unknown pos %q (want one of %s)", src, pos, strings.Join(nationalityPOS, ", ")))
		}
		for _, e := range ends {
			form := stem + e
			// A last element ("Iranian-American") is a word the exclude
			// list may keep from standing alone ("American").
			if exclude[form] && pos != "last" || form == "" {
				continue
			}
			k := natKey{code, form, pos}
			if seenNat[k] {
				continue
			}
			seenNat[k] = true
			bare := e == "" && pos == "adj" && len(ends) > 1
			kind := Nationality
			if pos == "country" {
				// A curated country name ("Bosnien", "Holland") is a
				// country as the gazetteer's are, for the clause model too.
				kind = Country
				lx.Countries[form] = code
			}
			if err := add(Term{Kind: kind, Code: code, POS: pos, Bare: bare, Source: src}, form); err != nil {
				return baserate.E(op, baserate.KindInvalid, err)
			}
		}
		return nil
	}
	gaz, err := readTable(fsys, "gazetteer/gazetteer.tsv", "code", "lang", "kind", "form")
	if err != nil {
		return nil, baserate.E(op, baserate.KindInvalid, err)
	}
	morph, err := readTable(fsys, p("morphology.tsv"), "from", "strip", "add", "paradigm", "pos")
	if err != nil {
		return nil, baserate.E(op, baserate.KindInvalid, err)
	}
	// A gazetteer form may carry a qualifier in parentheses: either its
	// word is another country's too ("Kongolesisch (Republik Kongo)"), or
	// it is a place name ("Man (Isle of Man)", "Saint Martin (French
	// part)"). Such a row is made for no country. A word the gazetteer
	// gives to more than one country, with or without a qualifier
	// ("Indian" for India and the British Indian Ocean Territory,
	// "Dominican" for Dominica and the Dominican Republic), is made for
	// none of them either. nationality.tsv says which country such a
	// word names, where it names one.
	gazForm := func(g map[string]string) (form, group string, qualified bool) {
		form = g["form"]
		if i := strings.Index(form, " ("); i > 0 && strings.HasSuffix(form, ")") {
			form, qualified = form[:i], true
		}
		group = "nationality"
		if g["kind"] == "country" {
			group = "country"
		}
		return textnorm.Fold(form), group, qualified
	}
	claims := map[[2]string]map[string]bool{}
	for _, g := range gaz.rows {
		if g["lang"] != lang {
			continue
		}
		form, group, _ := gazForm(g)
		k := [2]string{group, form}
		if claims[k] == nil {
			claims[k] = map[string]bool{}
		}
		claims[k][g["code"]] = true
	}
	for gi, g := range gaz.rows {
		if g["lang"] != lang {
			continue
		}
		form, group, qualified := gazForm(g)
		if codes := claims[[2]string{group, form}]; len(codes) > 1 || qualified {
			lx.Unmade = append(lx.Unmade, Unmade{Form: g["form"], Codes: slices.Sorted(maps.Keys(codes)), Source: gaz.src(gi)})
			continue
		}
		if g["kind"] == "country" {
			lx.Countries[form] = g["code"]
			forms := []string{form}
			if countryInflect {
				forms = append(forms, inflectCountry(form)...)
			}
			for _, f := range forms {
				if err := add(Term{Kind: Country, Code: g["code"], POS: "country", Source: gaz.src(gi)}, f); err != nil {
					return nil, baserate.E(op, baserate.KindInvalid, err)
				}
			}
		}
		for mi, m := range morph.rows {
			if m["from"] != g["kind"] {
				continue
			}
			strip, addS := dash(m["strip"]), dash(m["add"])
			if !strings.HasSuffix(form, strip) || strings.Contains(form, " ") && m["from"] != "demonym" && m["from"] != "adj" {
				continue
			}
			stem := strings.TrimSuffix(form, strip) + textnorm.Fold(addS)
			if err := addNat(g["code"], stem, m["paradigm"], m["pos"], gaz.src(gi)+" via "+morph.src(mi)); err != nil {
				return nil, err
			}
		}
	}
	nat, err := readTable(fsys, p("nationality.tsv"), "code", "stem", "paradigm", "pos")
	if err != nil {
		return nil, baserate.E(op, baserate.KindInvalid, err)
	}
	for i, r := range nat.rows {
		if err := addNat(r["code"], textnorm.Fold(r["stem"]), r["paradigm"], r["pos"], nat.src(i)); err != nil {
			return nil, err
		}
	}

	// The other files: one term per row.
	type spec struct {
		file string
		cols []string
		make func(r map[string]string) (Term, string, error)
	}
	specs := []spec{
		{"status.tsv", []string{"code", "term", "pos"}, func(r map[string]string) (Term, string, error) {
			return Term{Kind: Status, Code: r["code"], POS: r["pos"]}, r["term"], nil
		}},
		{"country_cues.tsv", []string{"term", "needs_person"}, func(r map[string]string) (Term, string, error) {
			switch r["needs_person"] {
			case "true", "false", "age":
			default:
				return Term{}, "", fmt.Errorf("needs_person %q is not true, false or age", r["needs_person"])
			}
			return Term{Kind: CountryCue, NeedsPerson: r["needs_person"] == "true", NeedsAge: r["needs_person"] == "age"}, r["term"], nil
		}},
		{"person.tsv", []string{"term", "where", "window"}, func(r map[string]string) (Term, string, error) {
			w, err := strconv.Atoi(r["window"])
			return Term{Kind: Person, Where: r["where"], Window: w}, r["term"], err
		}},
		{"age.tsv", []string{"term", "kind"}, func(r map[string]string) (Term, string, error) {
			t := Term{Kind: Age, AgeKind: r["kind"]}
			switch t.AgeKind {
			case "num", "glued":
			case "word":
				n, err := strconv.Atoi(r["age"])
				if err != nil || n < 0 || n > 120 {
					return t, "", fmt.Errorf("age word %q: age %q is not a number from 0 to 120", r["term"], r["age"])
				}
				t.AgeValue = n
			default:
				return t, "", fmt.Errorf("age kind %q is not num, glued or word", t.AgeKind)
			}
			return t, r["term"], nil
		}},
		{"roles.tsv", []string{"role", "weight", "term"}, func(r map[string]string) (Term, string, error) {
			w, err := strconv.ParseFloat(r["weight"], 64)
			role, own := strings.CutSuffix(r["role"], ".own")
			return Term{Kind: Role, Role: role, Weight: w, OwnSentence: own}, r["term"], err
		}},
		{"offences.tsv", []string{"category", "weight", "term"}, func(r map[string]string) (Term, string, error) {
			w, err := strconv.ParseFloat(r["weight"], 64)
			t := Term{Kind: Offence, Weight: w}
			switch kind := r["kind"]; {
			case kind == "":
			case kind == "not":
				// A word that says the family's words in its sentence
				// name no offence of the family ("Cannabis konsumiert").
				t.Negator = true
			case kind == "prior":
				// A cue of a record ("precedenti per", "prior conviction
				// for"): the offences after it in its sentence are
				// earlier cases'.
				t.Prior = true
			case strings.HasPrefix(kind, "then:"):
				// A separable verb's first part: it counts when the
				// phrase follows in its sentence ("nahm ... an sich").
				t.Then = textnorm.Fold(strings.TrimPrefix(kind, "then:"))
				if t.Then == "" {
					return Term{}, "", fmt.Errorf("kind then: needs a phrase")
				}
			case strings.HasPrefix(kind, "absorbs:"):
				t.Absorbs = strings.TrimPrefix(kind, "absorbs:")
				if !slices.Contains(baserate.OffenceFamilies, t.Absorbs) {
					return Term{}, "", fmt.Errorf("unknown offence family %q", t.Absorbs)
				}
			default:
				return Term{}, "", fmt.Errorf("unknown offence kind %q (want not, prior, then:<phrase> or absorbs:<family>)", kind)
			}
			if r["category"] == "-" {
				// Evidence of an offence that names no family ("Täter"):
				// it counts for the crime decision only. A record cue
				// speaks of every family.
				if t.Negator || t.Absorbs != "" {
					return Term{}, "", fmt.Errorf("kind %q needs a family", r["kind"])
				}
				return t, r["term"], err
			}
			if t.Prior {
				return Term{}, "", fmt.Errorf("kind prior takes category -")
			}
			if !slices.Contains(baserate.OffenceFamilies, r["category"]) {
				return Term{}, "", fmt.Errorf("unknown offence family %q", r["category"])
			}
			t.Code = r["category"]
			return t, r["term"], err
		}},
		{"noncrime.tsv", []string{"weight", "term"}, func(r map[string]string) (Term, string, error) {
			w, err := strconv.ParseFloat(r["weight"], 64)
			// kind "accident": a cue of an accident, which says nothing
			// against a crime report when the text names a traffic
			// offence (an accident with a hit-and-run or drunk driver).
			return Term{Kind: NonCrime, Weight: w, Code: r["kind"]}, r["term"], err
		}},
		{"appearance.tsv", []string{"term", "pos"}, func(r map[string]string) (Term, string, error) {
			return Term{Kind: Appearance, POS: r["pos"]}, r["term"], nil
		}},
		{"block.tsv", []string{"term"}, func(r map[string]string) (Term, string, error) {
			// Code keeps the reason: a "country name" block keeps the
			// words of the name from being read as a nationality, not the
			// country itself.
			return Term{Kind: Block, Code: r["reason"]}, r["term"], nil
		}},
		{"frames.tsv", []string{"voice", "subj", "obj", "agent", "particle", "term"}, func(r map[string]string) (Term, string, error) {
			t := Term{Kind: Frame, Voice: r["voice"], Subj: dash(r["subj"]), Obj: dash(r["obj"]), Agent: dash(r["agent"]), Particle: textnorm.Fold(dash(r["particle"]))}
			switch t.Voice {
			case "active", "passive", "participle", "intrans", "noun", "nominal":
			default:
				return t, "", fmt.Errorf("unknown voice %q", t.Voice)
			}
			for _, role := range []string{t.Subj, t.Obj, t.Agent} {
				switch role {
				case "", "suspect", "victim", "witness", "other", "police", "all":
				default:
					return t, "", fmt.Errorf("unknown role %q", role)
				}
			}
			return t, r["term"], nil
		}},
	}
	for _, s := range specs {
		t, err := readTable(fsys, p(s.file), s.cols...)
		if err != nil {
			return nil, baserate.E(op, baserate.KindInvalid, err)
		}
		for i, r := range t.rows {
			term, written, err := s.make(r)
			if err != nil {
				return nil, baserate.E(op, baserate.KindInvalid, baserate.Invalid(t.file, t.line[i], "%v", err))
			}
			term.Source = t.src(i)
			if err := add(term, written); err != nil {
				return nil, baserate.E(op, baserate.KindInvalid, err)
			}
		}
	}
	for i := range lx.Terms {
		if t := &lx.Terms[i]; t.Kind == Age && t.AgeKind == "glued" {
			// "37enne": the term follows digits inside the same word.
			t.Pattern = strings.TrimPrefix(t.Pattern, " ")
		}
	}
	sort.SliceStable(lx.Terms, func(i, j int) bool { return lx.Terms[i].Kind < lx.Terms[j].Kind })
	return lx, nil
}

// loadClause reads the clause model's word classes.
func loadClause(fsys fs.FS, name string, c *Clause) error {
	t, err := readTable(fsys, name, "key", "value")
	if err != nil {
		return err
	}
	c.Accented = map[string]map[string]bool{}
	key := ""
	accent := func(w, f string) {
		if finalAccent(strings.TrimSpace(w)) {
			if c.Accented[key] == nil {
				c.Accented[key] = map[string]bool{}
			}
			c.Accented[key][f] = true
		}
	}
	set := func(v string) map[string]bool {
		m := map[string]bool{}
		for _, w := range strings.Split(v, ",") {
			if f := textnorm.Fold(w); f != "" {
				m[f] = true
				accent(w, f)
			}
		}
		return m
	}
	list := func(v string) []string {
		var out []string
		for _, w := range strings.Split(v, ",") {
			if f := textnorm.Fold(w); f != "" {
				out = append(out, f)
				accent(w, f)
			}
		}
		return out
	}
	for i, r := range t.rows {
		v := r["value"]
		key = r["key"]
		switch r["key"] {
		case "subordinators":
			c.Subordinators = set(v)
		case "relatives":
			c.Relatives = set(v)
		case "relatives_bare":
			c.RelativesBare = set(v)
		case "coordinators":
			c.Coordinators = set(v)
		case "finite":
			c.Finite = set(v)
		case "passive_aux":
			c.PassiveAux = set(v)
		case "active_aux":
			c.ActiveAux = set(v)
		case "copulas":
			c.Copulas = list(v)
		case "agent_preps":
			c.AgentPreps = list(v)
		case "target_preps":
			c.TargetPreps = list(v)
		case "oblique_preps":
			c.ObliquePreps = list(v)
		case "nominative":
			c.Nominative = set(v)
		case "objective":
			c.Objective = set(v)
		case "oblique_after":
			c.ObliqueAfter = set(v)
		case "oblique_endings":
			c.ObliqueEndings = list(v)
		case "as":
			c.As = set(v)
		case "possession":
			c.Possession = set(v)
		case "possession_preps":
			c.PossessionPreps = set(v)
		case "identity_preps":
			c.IdentityPreps = set(v)
		case "participle_endings":
			c.ParticipleEndings = list(v)
		case "partitive":
			c.Partitive = list(v)
		case "object_articles":
			c.ObjectArticles = set(v)
		case "genitive_after_noun":
			c.GenitiveAfterNoun = set(v)
		case "forces":
			c.Forces = set(v)
		case "time_nouns":
			c.TimeNouns = set(v)
		case "arrest_context":
			c.ArrestContext = set(v)
		case "inversion":
			c.Inversion = v == "true"
		case "reflexive_clitics":
			c.ReflexiveClitics = set(v)
		case "adjective_after_noun":
			c.AdjectiveAfterNoun = v == "true"
		case "plural_finite":
			c.PluralFinite = list(v)
		case "nominal_links":
			c.NominalLinks = set(v)
		case "accent_heads":
			c.AccentHeads = set(v)
		case "anaphors_m":
			c.AnaphorsM = list(v)
		case "anaphors_f":
			c.AnaphorsF = list(v)
		case "definite":
			c.Definite = set(v)
		case "subject_pronouns":
			c.SubjectPronouns = set(v)
		case "definite_singular":
			c.DefiniteSingular = set(v)
		case "identity_verbs":
			c.IdentityVerbs = set(v)
		case "identity_reflexive":
			c.IdentityReflexive = textnorm.Fold(v)
		case "identity_links":
			c.IdentityLinks = set(v)
		case "identity_pronouns":
			// "ihm:m,ihr:f,ihnen": the word and its gender.
			c.IdentityPronouns = map[string]string{}
			for _, w := range strings.Split(v, ",") {
				w, g, _ := strings.Cut(w, ":")
				if g != "" && g != "m" && g != "f" {
					return baserate.Invalid(t.file, t.line[i], "identity pronoun %q: gender %q, want m, f or none", strings.TrimSpace(w), g)
				}
				if f := textnorm.Fold(w); f != "" {
					c.IdentityPronouns[f] = g
				}
			}
		case "feminine_endings":
			c.FeminineEndings = list(v)
		case "feminine_dets":
			c.FeminineDets = set(v)
		case "masculine_dets":
			c.MasculineDets = set(v)
		case "feminine_participles":
			c.FeminineParticiples = list(v)
		case "masculine_participles":
			c.MasculineParticiples = list(v)
		case "object_preps":
			c.ObjectPreps = set(v)
		case "object_prep_verbs":
			c.ObjectPrepVerbs = set(v)
		case "description_heads":
			c.DescriptionHeads = list(v)
		case "description_passives":
			c.DescriptionPassives = list(v)
		case "description_verbs":
			c.DescriptionVerbs = list(v)
		case "np_adverbs":
			c.NPAdverbs = set(v)
		case "order":
			if v != "case" && v != "svo" {
				return baserate.Invalid(t.file, t.line[i], "order %q: want case or svo", v)
			}
			c.Order = v
		default:
			return baserate.Invalid(t.file, t.line[i], "unknown key %q", r["key"])
		}
	}
	return nil
}

func dash(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

// inflectCountry returns the oblique forms of a country name of several
// words whose first words are inflected adjectives (lang.tsv
// country_inflection): "russische föderation" -> "russischen
// föderation", "vereinigte arabische emirate" -> "vereinigten arabischen
// emirate" and "... emiraten", "vereinigtes königreich" -> "vereinigten
// königreich"; a one-word name in -e takes the dative plural's -n
// ("niederlande" -> "niederlanden").
func inflectCountry(form string) []string {
	ws := strings.Fields(form)
	if len(ws) < 2 {
		if strings.HasSuffix(form, "e") {
			return []string{form + "n"} // "aus den Niederlanden"
		}
		return nil
	}
	changed := false
	for i, w := range ws[:len(ws)-1] {
		switch {
		case strings.HasSuffix(w, "es"):
			ws[i] = strings.TrimSuffix(w, "s") + "n"
			changed = true
		case strings.HasSuffix(w, "e"):
			ws[i] = w + "n"
			changed = true
		}
	}
	if !changed {
		return nil
	}
	out := []string{strings.Join(ws, " ")}
	if last := ws[len(ws)-1]; strings.HasSuffix(last, "e") {
		ws[len(ws)-1] = last + "n"
		out = append(out, strings.Join(ws, " "))
	}
	return out
}
