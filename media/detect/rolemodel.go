package detect

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/media/lexicon"
)

// The role model is a multinomial logistic regression over features of
// an origin mention that the rules already compute and the words around
// it, deciding its role (suspect, victim or witness, no party) where the
// rules fall back to the default (mode "fallback"), also where the rules'
// cue scores decided and the clause model gave no answer (mode "cue"), or
// everywhere (mode "all"). media/detect/cmd/rolemodel builds the training
// rows from the hand-coded sets and the role labels (MentionRows), fits
// the model and measures it; docs/media.md reports the result. New codes
// with the built-in model (mode cue); NewRules codes without one, and
// WithRoleModel with another.

// rolemodel.json is the built-in role model, fitted on dev.jsonl, the
// held-out sets and the role labels; its "made" field gives the command.
//
//go:embed rolemodel.json
var roleModelFile []byte

// BuiltinRoleModel returns the role model New codes with.
func BuiltinRoleModel() (*RoleModel, error) {
	rm := new(RoleModel)
	if err := json.Unmarshal(roleModelFile, rm); err != nil {
		return nil, fmt.Errorf("rolemodel.json: %w", err)
	}
	if err := rm.Check(); err != nil {
		return nil, fmt.Errorf("rolemodel.json: %w", err)
	}
	return rm, nil
}

// FeatureNames names the features of a mention, in the order of
// MentionRow.X.
var FeatureNames = []string{
	"rule_suspect", "rule_victim", "rule_witness", "rule_other", "rule_all",
	"by_clause", "by_default", "has_cue", "cue_weight", "cue_suspect", "cue_victim",
	"kind_status", "kind_country", "pos_group",
	"score_suspect", "score_victim", "score_witness", "score_other",
	"sent_offence", "sent_suspect_word", "sent_victim_word", "sent_police_word",
	"position", "first_sentence", "in_title",
	"linked_age", "age_contrast", "unknown_perp", "plural_suspects", "suspect_age_known",
	"same_code_cued_suspect", "same_code_cued_victim", "other_code_cued_suspect", "first_of_code",
	"log_codes", "log_mentions", "log_persons",
	"lang_de", "lang_it", "lang_sv", "lang_en",
	"corpus_police", "corpus_prosecutor", "corpus_news",
}

// featByClause is the index of "by_clause" in FeatureNames.
const featByClause = 5

// The model's classes, in the order of RoleModel.W.
const (
	ClassSuspect = iota
	ClassVictim  // victim or witness
	ClassNone    // no party
	NClasses
)

// ClassNames name the classes.
var ClassNames = [NClasses]string{"suspect", "victim", "none"}

// MentionRow is one origin mention of a crime report with its features,
// after the rules gave it a role.
type MentionRow struct {
	Code      string    // origin code
	Kind      string    // nationality, country or status
	Role      string    // the rules' role
	ByDefault bool      // the rules took it as the suspect by default
	Start     int       // byte span in the text
	End       int       //
	X         []float64 // features, as FeatureNames
	Words     []string  // lexical features (lexFeatures)
}

// RoleModel is a multinomial logistic regression over standardized
// features: p(class) ∝ exp(W[class] · z), z[0] = 1, z[j+1] = (x[j] -
// Mean[j]) / SD[j].
type RoleModel struct {
	// Mode is "fallback" (the model decides only mentions the rules took
	// as the suspect by default), "cue" (also the mentions whose role the
	// rules' cue scores decided, not the clause model, except a mention of
	// both sides of a mutual fight) or "all" (every origin mention but
	// those of both sides of a mutual fight; the clause model's roles at
	// ClauseGate).
	Mode     string              `json:"mode"`
	Features []string            `json:"features"`
	Mean     []float64           `json:"mean"`
	SD       []float64           `json:"sd"`
	W        [NClasses][]float64 `json:"w"`
	Lambda   float64             `json:"lambda"`
	Classes  [NClasses]string    `json:"classes"`
	Made     string              `json:"made,omitempty"`
	// Lex holds the weights of lexical features (MentionRow.Words), one
	// per class; nil for a model without them. LexLambda is their penalty.
	Lex       map[string][NClasses]float64 `json:"lex,omitempty"`
	LexLambda float64                      `json:"lex_lambda,omitempty"`
	// Gate, in modes "cue" and "all", is the probability the model's
	// class needs to change a role the rules decided by a cue or the
	// clause model (0: any); the rules' defaults it decides always.
	Gate float64 `json:"gate,omitempty"`
	// ClauseGate, in mode "all", is the probability the model's class
	// needs to change a role the clause model gave, when higher than
	// Gate: a clause answer is right more often than a cue score.
	ClauseGate float64 `json:"clause_gate,omitempty"`
}

// Probs returns the class probabilities of features x and lexical
// features words (a word repeated counts once; words the model does not
// know count nothing).
func (rm *RoleModel) Probs(x []float64, words []string) [NClasses]float64 {
	var p [NClasses]float64
	top := math.Inf(-1)
	var lex [NClasses]float64
	if rm.Lex != nil {
		for i, w := range words {
			if slices.Contains(words[:i], w) {
				continue
			}
			ws := rm.Lex[w]
			for k := range NClasses {
				lex[k] += ws[k]
			}
		}
	}
	for k := range NClasses {
		s := rm.W[k][0] + lex[k]
		for j, v := range x {
			s += rm.W[k][j+1] * (v - rm.Mean[j]) / rm.SD[j]
		}
		p[k] = s
		top = max(top, s)
	}
	sum := 0.0
	for k := range p {
		p[k] = math.Exp(p[k] - top)
		sum += p[k]
	}
	for k := range p {
		p[k] /= sum
	}
	return p
}

// Check reports whether the model fits the coder's features.
func (rm *RoleModel) Check() error {
	if !slices.Equal(rm.Features, FeatureNames) {
		return fmt.Errorf("role model: features differ from the coder's")
	}
	if rm.Mode != "fallback" && rm.Mode != "cue" && rm.Mode != "all" {
		return fmt.Errorf("role model: mode %q is not fallback, cue or all", rm.Mode)
	}
	for k := range NClasses {
		if len(rm.W[k]) != len(FeatureNames)+1 {
			return fmt.Errorf("role model: class %d has %d weights, want %d", k, len(rm.W[k]), len(FeatureNames)+1)
		}
	}
	if len(rm.Mean) != len(FeatureNames) || len(rm.SD) != len(FeatureNames) {
		return fmt.Errorf("role model: mean or sd of the wrong length")
	}
	return nil
}

// deciding returns the features that push the chosen class k most against
// the runner-up, as "name +0.83".
func (rm *RoleModel) deciding(x []float64, words []string, k, other int, n int) string {
	type c struct {
		name string
		v    float64
	}
	var cs []c
	for j, v := range x {
		z := (v - rm.Mean[j]) / rm.SD[j]
		cs = append(cs, c{rm.Features[j], (rm.W[k][j+1] - rm.W[other][j+1]) * z})
	}
	for i, w := range words {
		if ws, ok := rm.Lex[w]; ok && !slices.Contains(words[:i], w) {
			cs = append(cs, c{"word " + w, ws[k] - ws[other]})
		}
	}
	slices.SortFunc(cs, func(a, b c) int { return -cmpFloat(a.v, b.v) })
	var parts []string
	for _, e := range cs[:min(n, len(cs))] {
		parts = append(parts, fmt.Sprintf("%s %+.2f", e.name, e.v))
	}
	return strings.Join(parts, ", ")
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// WithRoleModel returns a coder that shares c's languages and crime model
// and lets rm decide the roles of origin mentions (rm.Mode says which). It
// panics if rm does not fit the coder (Check).
func (c *Coder) WithRoleModel(rm *RoleModel) *Coder {
	if err := rm.Check(); err != nil {
		panic(err)
	}
	nc := &Coder{langs: c.langs, order: c.order, roles: rm, crime: c.crime, crimeIx: c.crimeIx}
	nc.pool.New = func() any { return new(scratch) }
	return nc
}

// WithCrimeModel returns a coder that shares c's languages and role model
// and lets cm revisit the crime decision (nil: the rules' weights alone).
// It panics if cm does not fit the coder (Check).
func (c *Coder) WithCrimeModel(cm *CrimeModel) *Coder {
	if cm != nil {
		if err := cm.Check(); err != nil {
			panic(err)
		}
	}
	nc := &Coder{langs: c.langs, order: c.order, roles: c.roles, crime: cm}
	if cm != nil {
		nc.crimeIx = newCrimeIndex(cm, c.langs)
	}
	nc.pool.New = func() any { return new(scratch) }
	return nc
}

// CrimeRow codes a with the rules alone and returns the features the
// crime model sees (the rules' decision among them).
func (c *Coder) CrimeRow(a baserate.Article) CrimeRow {
	s := new(scratch)
	s.d.collect = true
	plain := &Coder{langs: c.langs, order: c.order}
	plain.codeWith(s, a)
	return s.d.crimeRowOut
}

// MentionRows codes a and returns its coding (without a role model) and
// the origin mentions of a crime report with their features.
func (c *Coder) MentionRows(a baserate.Article) (baserate.Coding, []MentionRow) {
	s := new(scratch)
	s.d.collect = true
	plain := &Coder{langs: c.langs, order: c.order}
	cod := plain.codeWith(s, a)
	return cod, s.d.rows
}

// modelable: the role model sees origin mentions (not appearance).
func modelable(mn *mention) bool {
	return mn.code != "" && mn.kind != lexicon.Appearance && mn.code != "COMPATRIOT"
}

// applyRoleModel collects the features of the mentions (for MentionRows)
// and lets the role model decide their roles. crime: the rules' decision.
func (d *decider) applyRoleModel(ms []mention, crime bool) {
	rm := d.rm
	if !crime || (rm == nil && !d.collect) {
		return
	}
	for i := range ms {
		mn := &ms[i]
		if !modelable(mn) || !d.collect && !rm.considers(mn.role, mn.byDefault, mn.byClause) {
			continue
		}
		x := d.features(ms, i, d.lang, d.source)
		var words []string
		if d.collect || rm != nil && rm.Lex != nil {
			words = d.lexFeatures(mn, d.lang)
		}
		if d.collect {
			a, b := d.tx.Span(mn.h.t0, mn.h.t1)
			d.rows = append(d.rows, MentionRow{Code: mn.code, Kind: mn.kind.String(), Role: mn.role, ByDefault: mn.byDefault, Start: a, End: b, X: x, Words: words})
		}
		if rm == nil {
			continue
		}
		k, p, changed := rm.Decide(mn.role, mn.byDefault, x, words)
		if !changed {
			continue
		}
		other := ClassSuspect
		if k == ClassSuspect {
			other = ClassVictim
			if p[ClassNone] > p[ClassVictim] {
				other = ClassNone
			}
		}
		mn.reason = joinReason(mn.reason, fmt.Sprintf("role model (%s): %s p=%.2f over %s p=%.2f; deciding features %s",
			rm.Mode, ClassNames[k], p[k], ClassNames[other], p[other], rm.deciding(x, words, k, other, 3)))
		mn.role, mn.byDefault = [NClasses]string{"suspect", "victim", "other"}[k], false
	}
}

// Decide returns the class the model gives a mention that the rules gave
// role (byDefault: by the default, no cue), its probabilities, and
// whether the model changes the rules' decision: in mode fallback it
// decides only the rules' default suspects; in mode cue also a role the
// cue scores gave (x's by_clause is 0; not "all", both sides of a mutual
// fight), at p >= Gate; in mode all every mention but both sides of a
// mutual fight (a codebook convention), a role a cue gave only at p >=
// Gate, one the clause model gave at p >= max(Gate, ClauseGate); a
// witness it reads as a victim stays a witness. When it does not change
// the decision, k is the class of the rules' role.
func (rm *RoleModel) Decide(role string, byDefault bool, x []float64, words []string) (k int, p [NClasses]float64, changed bool) {
	rc := RoleClass(role)
	def := byDefault && role == "suspect"
	if !rm.considers(role, byDefault, x[featByClause] != 0) {
		return rc, p, false
	}
	p = rm.Probs(x, words)
	k = argmax(p)
	gate := rm.Gate
	if x[featByClause] != 0 {
		gate = max(gate, rm.ClauseGate)
	}
	if [NClasses]string{"suspect", "victim", "other"}[k] == role || k == rc && !byDefault || p[k] < gate && !def {
		return rc, p, false
	}
	return k, p, true
}

// considers reports whether Decide can change the role of a mention the
// rules gave role (byDefault: by the default; byClause: by the clause
// model), so that the coder computes features only for those.
func (rm *RoleModel) considers(role string, byDefault, byClause bool) bool {
	def := byDefault && role == "suspect"
	switch rm.Mode {
	case "fallback":
		return def
	case "cue":
		return def || !byClause && role != "all"
	}
	return role != "all"
}

// RoleClass is the model's class of a rules' role: suspect and all (both
// sides) ClassSuspect, victim and witness ClassVictim, any other
// ClassNone.
func RoleClass(role string) int {
	switch role {
	case "suspect", "all":
		return ClassSuspect
	case "victim", "witness":
		return ClassVictim
	}
	return ClassNone
}

func argmax(p [NClasses]float64) int {
	k := 0
	for j := range p {
		if p[j] > p[k] {
			k = j
		}
	}
	return k
}

// features computes the features of ms[i], as FeatureNames.
func (d *decider) features(ms []mention, i int, lang, source string) []float64 {
	mn := &ms[i]
	x := make([]float64, len(FeatureNames))
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	switch mn.role {
	case "suspect":
		x[0] = 1
	case "victim":
		x[1] = 1
	case "witness":
		x[2] = 1
	case "other":
		x[3] = 1
	case "all":
		x[4] = 1
	}
	x[5], x[6], x[7] = b(mn.byClause), b(mn.byDefault), b(mn.cue != nil)
	if mn.cue != nil {
		x[8] = mn.cue.term.Weight / 3
		x[9], x[10] = b(mn.cue.term.Role == "suspect"), b(mn.cue.term.Role == "victim")
	}
	x[11], x[12], x[13] = b(mn.kind == lexicon.Status), b(mn.kind == lexicon.Country), b(mn.h.term.POS == "group")
	var sc scores
	d.score(mn.h.t0, mn.h.t1, 0, &sc)
	for r := range nRoles {
		x[14+r] = math.Log1p(sc.acc[r])
	}
	s := d.sentence(mn.h.t0)
	for _, o := range d.offences {
		if d.sentence(o.t0) == s {
			x[18] = 1
			break
		}
	}
	for _, r := range d.roles {
		if d.sentence(r.t0) != s {
			continue
		}
		switch r.term.Role {
		case "suspect":
			x[19] = 1
		case "victim":
			x[20] = 1
		case "police":
			x[21] = 1
		}
	}
	if n := len(d.tx.Tokens); n > 0 {
		x[22] = float64(mn.h.t0) / float64(n)
	}
	x[23] = b(s == d.sentence(0))
	x[24] = b(d.inTitle(mn.h))
	la := d.linkedAge(mn.h)
	rel := d.releaseAges(mn.h.t0)
	x[25] = b(la != nil)
	x[26] = b(la != nil && len(rel) > 0 && !slices.Contains(rel, la.age) && !d.pluralSuspects)
	x[27], x[28], x[29] = b(d.unknownPerp), b(d.pluralSuspects), b(len(rel) > 0)
	codes := map[string]bool{}
	first := true
	for j := range ms {
		o := &ms[j]
		if !modelable(o) {
			continue
		}
		codes[o.code] = true
		if j == i {
			continue
		}
		cued := o.cue != nil || o.byClause
		if o.code == mn.code {
			if j < i {
				first = false
			}
			if cued && (o.role == "suspect" || o.role == "all") {
				x[30] = 1
			}
			if cued && (o.role == "victim" || o.role == "witness") {
				x[31] = 1
			}
		} else if cued && o.role == "suspect" {
			x[32] = 1
		}
	}
	x[33] = b(first)
	x[34] = math.Log(float64(max(1, len(codes))))
	x[35] = math.Log(float64(max(1, len(ms))))
	x[36] = math.Log1p(float64(len(d.persons)))
	switch lang {
	case "de":
		x[37] = 1
	case "it":
		x[38] = 1
	case "sv":
		x[39] = 1
	case "en":
		x[40] = 1
	}
	switch corpusKind(source) {
	case "police":
		x[41] = 1
	case "prosecutor":
		x[42] = 1
	default:
		x[43] = 1
	}
	return x
}

// Lexical features of a mention (never its own words): the words next to it (NearWords either
// side, marked by side), the words around it (FarWords either side, marked
// by side), and the words of its sentence, each cut to StemRunes runes
// and prefixed by the language; numbers become "#".
const (
	NearWords = 2
	FarWords  = 8
	StemRunes = 6
)

// lexFeatures returns the lexical features of mention mn. They are
// written into one buffer and cut out of one string (two allocations per
// mention instead of one per word).
func (d *decider) lexFeatures(mn *mention, lang string) []string {
	buf := d.lexBuf[:0]
	ends := d.lexEnds[:0]
	add := func(kind string, t int) {
		buf = append(buf, lang...)
		buf = append(buf, '|')
		buf = append(buf, kind...)
		buf = append(buf, ':')
		w := d.word(t)
		if len(w) > 0 && w[0] >= '0' && w[0] <= '9' {
			buf = append(buf, '#')
		} else {
			n := 0
			for i := range string(w) {
				if n == StemRunes {
					w = w[:i]
					break
				}
				n++
			}
			buf = append(buf, w...)
		}
		ends = append(ends, len(buf))
	}
	t0, t1 := mn.h.t0, mn.h.t1
	s := d.sentence(t0)
	nt := len(d.tx.Tokens)
	// The mention's own words are left out everywhere: which nationality
	// is named must not decide the role.
	for t := max(0, t0-FarWords); t < min(nt, t1+FarWords); t++ {
		if t >= t0 && t < t1 {
			continue
		}
		near, far, dist := "nl", "fl", t0-t
		if t >= t1 {
			near, far, dist = "nr", "fr", t-t1+1
		}
		if dist <= NearWords {
			add(near, t)
		}
		add(far, t)
	}
	for t := t0 - 1; t >= 0 && d.sentence(t) == s; t-- {
		add("s", t)
	}
	for t := t1; t < nt && d.sentence(t) == s; t++ {
		add("s", t)
	}
	all := string(buf)
	out := make([]string, len(ends))
	start := 0
	for i, e := range ends {
		out[i] = all[start:e]
		start = e
	}
	d.lexBuf, d.lexEnds = buf, ends
	return out
}

// corpusKind tells police releases, prosecutors' releases and news apart
// by the source's name (the corpora of ../shared/data/news).
func corpusKind(source string) string {
	s := source
	if strings.ContainsFunc(s, unicode.IsUpper) {
		// Names are mostly lower case already: no copy per text for them.
		s = strings.ToLower(s)
	}
	switch {
	case strings.Contains(s, "polizei"), strings.Contains(s, "polisen"), strings.HasPrefix(s, "ffm"), strings.HasPrefix(s, "berlin"), strings.HasPrefix(s, "bayern"), strings.HasPrefix(s, "se-"):
		return "police"
	case strings.Contains(s, "prosecutor"), strings.HasPrefix(s, "us-"):
		return "prosecutor"
	}
	return "news"
}
