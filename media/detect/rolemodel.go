package detect

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
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
// with the built-in model (rolemodel.json: mode "all", gate 0.6, clause
// gate 0.9; TestBuiltinRoleModel checks the mode and gates); NewRules codes
// without one, and WithRoleModel with another.

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
	return rm.probs(x, rm.lexOf(words))
}

// lexOf sums the lexical weights of words, each word once, in their
// order.
func (rm *RoleModel) lexOf(words []string) [NClasses]float64 {
	var lex [NClasses]float64
	if rm.Lex == nil {
		return lex
	}
	for i, w := range words {
		ws, ok := rm.Lex[w]
		if !ok || slices.Contains(words[:i], w) {
			continue
		}
		for k := range NClasses {
			lex[k] += ws[k]
		}
	}
	return lex
}

// probs returns the class probabilities of features x and the summed
// lexical weights lex.
func (rm *RoleModel) probs(x []float64, lex [NClasses]float64) [NClasses]float64 {
	var p [NClasses]float64
	top := math.Inf(-1)
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
	// i < len(x): feature i; else the word words[i-len(x)] (names are
	// made only for the n written).
	type c struct {
		i int
		v float64
	}
	cs := make([]c, 0, len(x)+len(words))
	for j, v := range x {
		z := (v - rm.Mean[j]) / rm.SD[j]
		cs = append(cs, c{j, (rm.W[k][j+1] - rm.W[other][j+1]) * z})
	}
	for i, w := range words {
		if ws, ok := rm.Lex[w]; ok && !slices.Contains(words[:i], w) {
			cs = append(cs, c{len(x) + i, ws[k] - ws[other]})
		}
	}
	slices.SortFunc(cs, func(a, b c) int { return -cmpFloat(a.v, b.v) })
	var sb strings.Builder
	for m, e := range cs[:min(n, len(cs))] {
		if m > 0 {
			sb.WriteString(", ")
		}
		if e.i < len(x) {
			sb.WriteString(rm.Features[e.i])
		} else {
			sb.WriteString("word ")
			sb.WriteString(words[e.i-len(x)])
		}
		sb.WriteByte(' ')
		v := strconv.FormatFloat(e.v, 'f', 2, 64) // as %+.2f
		if v[0] != '-' && v[0] != '+' {
			sb.WriteByte('+')
		}
		sb.WriteString(v)
	}
	return sb.String()
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
	nc := &Coder{langs: c.langs, order: c.order, roles: rm, rolesIx: newRoleLexIndex(rm), crime: c.crime, crimeIx: c.crimeIx}
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
	nc := &Coder{langs: c.langs, order: c.order, roles: c.roles, rolesIx: c.rolesIx, crime: cm}
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
		if d.collect {
			words = d.lexFeatures(mn, d.lang)
			a, b := d.tx.Span(mn.h.t0, mn.h.t1)
			d.rows = append(d.rows, MentionRow{Code: mn.code, Kind: mn.kind.String(), Role: mn.role, ByDefault: mn.byDefault, Start: a, End: b, X: x, Words: words})
		}
		if rm == nil || !rm.considers(mn.role, mn.byDefault, x[featByClause] != 0) {
			continue
		}
		// The lexical weights come from the index by stem (lexSum), not
		// from the feature strings: the same sum, without building and
		// hashing a string per feature.
		var lex [NClasses]float64
		if d.rix != nil { // every coder with a role model with lexical weights has its index
			lex = d.lexSum(mn)
		}
		k, p, changed := rm.decideLex(mn.role, mn.byDefault, x, lex)
		if !changed {
			continue
		}
		if words == nil && rm.Lex != nil {
			words = d.lexFeatures(mn, d.lang)
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
	if !rm.considers(role, byDefault, x[featByClause] != 0) {
		return RoleClass(role), p, false
	}
	return rm.decideLex(role, byDefault, x, rm.lexOf(words))
}

// decideLex is Decide for a mention the model considers, with its
// lexical weights summed (lexOf, decider.lexSum).
func (rm *RoleModel) decideLex(role string, byDefault bool, x []float64, lex [NClasses]float64) (k int, p [NClasses]float64, changed bool) {
	rc := RoleClass(role)
	def := byDefault && role == "suspect"
	p = rm.probs(x, lex)
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

// lexKinds name the kinds of lexical features: the words next to the
// mention on its left and right, around it on its left and right, and
// in its sentence.
var lexKinds = [...]string{"nl", "nr", "fl", "fr", "s"}

const (
	lkNearLeft = iota
	lkNearRight
	lkFarLeft
	lkFarRight
	lkSentence
	nLexKinds
)

// lexWalk calls f with the kind and token of each lexical feature of
// mention mn, in order.
func (d *decider) lexWalk(mn *mention, f func(kind, t int)) {
	t0, t1 := mn.h.t0, mn.h.t1
	s := d.sentence(t0)
	nt := len(d.tx.Tokens)
	// The mention's own words are left out everywhere: which nationality
	// is named must not decide the role.
	for t := max(0, t0-FarWords); t < min(nt, t1+FarWords); t++ {
		if t >= t0 && t < t1 {
			continue
		}
		near, far, dist := lkNearLeft, lkFarLeft, t0-t
		if t >= t1 {
			near, far, dist = lkNearRight, lkFarRight, t-t1+1
		}
		if dist <= NearWords {
			f(near, t)
		}
		f(far, t)
	}
	for t := t0 - 1; t >= 0 && d.sentence(t) == s; t-- {
		f(lkSentence, t)
	}
	for t := t1; t < nt && d.sentence(t) == s; t++ {
		f(lkSentence, t)
	}
}

// numberStem is the stem of every number (callers only read it).
var numberStem = []byte{'#'}

// stem returns token t as a lexical feature writes it: cut to StemRunes
// runes, "#" for a number.
func (d *decider) stem(t int) []byte {
	w := d.word(t)
	if len(w) > 0 && w[0] >= '0' && w[0] <= '9' {
		return numberStem
	}
	n := 0
	for i := range string(w) {
		if n == StemRunes {
			return w[:i]
		}
		n++
	}
	return w
}

// lexFeatures returns the lexical features of mention mn. They are
// written into one buffer and cut out of one string (two allocations per
// mention instead of one per word).
func (d *decider) lexFeatures(mn *mention, lang string) []string {
	buf := d.lexBuf[:0]
	ends := d.lexEnds[:0]
	d.lexWalk(mn, func(kind, t int) {
		buf = append(buf, lang...)
		buf = append(buf, '|')
		buf = append(buf, lexKinds[kind]...)
		buf = append(buf, ':')
		buf = append(buf, d.stem(t)...)
		ends = append(ends, len(buf))
	})
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

// roleLexIndex holds a role model's lexical weights by language and stem,
// so that the coder looks up each token once per text instead of one
// string per feature.
type roleLexIndex struct {
	stems map[string]map[string]int32 // language -> stem -> id
	w     [][nLexKinds][NClasses]float64
	has   [][nLexKinds]bool
}

// newRoleLexIndex indexes rm's lexical weights (nil without them).
func newRoleLexIndex(rm *RoleModel) *roleLexIndex {
	if rm == nil || rm.Lex == nil {
		return nil
	}
	ix := &roleLexIndex{stems: map[string]map[string]int32{}}
	for key, ws := range rm.Lex {
		lang, rest, ok1 := strings.Cut(key, "|")
		kind, stem, ok2 := strings.Cut(rest, ":")
		k := slices.Index(lexKinds[:], kind)
		if !ok1 || !ok2 || k < 0 {
			continue // no feature the coder makes
		}
		m := ix.stems[lang]
		if m == nil {
			m = map[string]int32{}
			ix.stems[lang] = m
		}
		id, ok := m[stem]
		if !ok {
			id = int32(len(ix.w))
			m[stem] = id
			ix.w = append(ix.w, [nLexKinds][NClasses]float64{})
			ix.has = append(ix.has, [nLexKinds]bool{})
		}
		ix.w[id][k], ix.has[id][k] = ws, true
	}
	return ix
}

// lexSum sums the role model's lexical weights of mention mn as lexOf
// does over lexFeatures' strings: each feature once, in their order.
func (d *decider) lexSum(mn *mention) [NClasses]float64 {
	var sum [NClasses]float64
	ix := d.rix
	stems := ix.stems[d.lang]
	if len(d.stemIDs) != len(d.tx.Tokens) {
		d.stemIDs = slices.Grow(d.stemIDs[:0], len(d.tx.Tokens))[:len(d.tx.Tokens)]
		for i := range d.stemIDs {
			d.stemIDs[i] = -2 // not looked up yet
		}
	}
	seen := d.lexSeen[:0]
	d.lexWalk(mn, func(kind, t int) {
		id := d.stemIDs[t]
		if id == -2 {
			id = -1
			if v, ok := stems[string(d.stem(t))]; ok {
				id = v
			}
			d.stemIDs[t] = id
		}
		if id < 0 || !ix.has[id][kind] {
			return
		}
		key := id*nLexKinds + int32(kind)
		if slices.Contains(seen, key) {
			return
		}
		seen = append(seen, key)
		for k := range NClasses {
			sum[k] += ix.w[id][kind][k]
		}
	})
	d.lexSeen = seen
	return sum
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
