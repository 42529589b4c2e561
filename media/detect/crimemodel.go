package detect

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/baserate/baserate/media/lexicon"
	"gonum.org/v1/gonum/optimize"
)

// The crime model revisits the rules' crime decision. The rules add up
// offence, suspect-cue and non-crime weights against a threshold; the
// model is a logistic regression over those sums, the rules' decision and
// which lexicon terms matched, fitted on the crime labels of the
// hand-coded sets (media/detect/cmd/crimemodel). It makes a crime report
// of a text the rules rejected only at p >= On, and takes one the rules
// accepted out only at p < Off: the rules' decision stands unless the
// model is sure. docs/media.md ("The crime model") reports what it buys.

// crimemodel.json is the built-in crime model; its "made" field gives the
// command that fitted it.
//
//go:embed crimemodel.json
var crimeModelFile []byte

// BuiltinCrimeModel returns the crime model New codes with.
func BuiltinCrimeModel() (*CrimeModel, error) {
	cm := new(CrimeModel)
	if err := json.Unmarshal(crimeModelFile, cm); err != nil {
		return nil, fmt.Errorf("crimemodel.json: %w", err)
	}
	if err := cm.Check(); err != nil {
		return nil, fmt.Errorf("crimemodel.json: %w", err)
	}
	return cm, nil
}

// CrimeFeatureNames name the dense features of a text, in the order of
// CrimeRow.X.
var CrimeFeatureNames = []string{
	"offence_weight", "suspect_cues", "noncrime_cues", "need", "margin",
	"log_length", "origin_candidates", "rules_crime",
}

// CrimeRow is one text's features for the crime model: X the dense ones
// (CrimeFeatureNames), Words the lexicon terms that matched, each once
// ("off:<family>:<term>", "non:<code>:<term>", "role:<role>:<term>"), with
// the language ("lang:de:") and the corpus kind ("corpus:police:"); Crime
// the rules' decision.
type CrimeRow struct {
	X     []float64 `json:"x"`
	Words []string  `json:"words"`
	Crime bool      `json:"crime"`
}

// CrimeModel is a binary logistic regression: p(crime) = σ(W · z + Σ
// Lex[w]), z[0] = 1, z[j+1] = (x[j] - Mean[j]) / SD[j].
type CrimeModel struct {
	Features  []string           `json:"features"`
	Mean      []float64          `json:"mean"`
	SD        []float64          `json:"sd"`
	W         []float64          `json:"w"`
	Lex       map[string]float64 `json:"lex,omitempty"`
	Lambda    float64            `json:"lambda"`
	LexLambda float64            `json:"lex_lambda,omitempty"`
	// On is the probability a text the rules rejected needs to become a
	// crime report; Off the one below which a text the rules accepted is
	// none.
	On   float64 `json:"on"`
	Off  float64 `json:"off"`
	Made string  `json:"made,omitempty"`
}

// Check reports whether the model fits CrimeFeatureNames and its
// thresholds are probabilities with Off <= On.
func (cm *CrimeModel) Check() error {
	if !slices.Equal(cm.Features, CrimeFeatureNames) {
		return fmt.Errorf("crime model: features %v, the coder has %v", cm.Features, CrimeFeatureNames)
	}
	n := len(CrimeFeatureNames)
	if len(cm.Mean) != n || len(cm.SD) != n || len(cm.W) != n+1 {
		return fmt.Errorf("crime model: %d means, %d SDs and %d weights for %d features", len(cm.Mean), len(cm.SD), len(cm.W), n)
	}
	if !(0 <= cm.Off && cm.Off <= cm.On && cm.On <= 1) {
		return fmt.Errorf("crime model: thresholds off %v and on %v are not 0 <= off <= on <= 1", cm.Off, cm.On)
	}
	return nil
}

// Prob returns p(crime) of the features x and the words (a word repeated
// counts once; a word the model does not know counts nothing).
func (cm *CrimeModel) Prob(x []float64, words []string) float64 {
	s := cm.dense(x)
	for i, w := range words {
		if slices.Contains(words[:i], w) {
			continue
		}
		s += cm.Lex[w]
	}
	return 1 / (1 + math.Exp(-s))
}

// dense is the linear score of the dense features x, intercept included.
func (cm *CrimeModel) dense(x []float64) float64 {
	s := cm.W[0]
	for j, v := range x {
		s += cm.W[j+1] * (v - cm.Mean[j]) / cm.SD[j]
	}
	return s
}

// Decide returns the crime decision of a text the rules decided as rules,
// at model probability p.
func (cm *CrimeModel) Decide(rules bool, p float64) bool {
	if rules {
		return p >= cm.Off
	}
	return p >= cm.On
}

// minCrimeModelText is the length in bytes below which the crime model
// is not asked and the rules' decision stands. The model was fitted on
// texts of 42 bytes and more (the shortest hand-coded one: "Pressemitteilung
// vom 18. Juni 2003, Teil 2"); below that its log-length feature
// extrapolates, and an empty text came out a crime report at p=0.59, the
// text "a" at p=0.88.
const minCrimeModelText = 40

// crimeX returns the dense features of the text being coded (CrimeRow.X).
func (d *decider) crimeX(off, sus, non, need float64, crime bool, ncands int) []float64 {
	b2f := func(b bool) float64 {
		if b {
			return 1
		}
		return 0
	}
	x := append(d.crimeXBuf[:0], off, sus, non, need, off+sus/2-non-need, math.Log(float64(len(d.text))+1), b2f(ncands > 0), b2f(crime))
	d.crimeXBuf = x
	return x
}

// crimeWords writes the words of the text being coded (CrimeRow.Words,
// each once) into d.cwBuf, the i-th ending at d.cwEnds[i], for the
// training rows (coding looks the weights up by term: crimeProb).
func (d *decider) crimeWords() {
	buf, ends := d.cwBuf[:0], d.cwEnds[:0]
	add := func(kind, code, form string) {
		start := 0
		if len(ends) > 0 {
			start = ends[len(ends)-1]
		}
		buf = append(buf, kind...)
		buf = append(buf, ':')
		buf = append(buf, code...)
		buf = append(buf, ':')
		buf = append(buf, form...)
		w := buf[start:]
		prev := 0
		for _, e := range ends {
			if string(buf[prev:e]) == string(w) {
				buf = buf[:start]
				return
			}
			prev = e
		}
		ends = append(ends, len(buf))
	}
	for _, hs := range [...][]hit{d.offences, d.noncrime, d.roles} {
		for _, h := range hs {
			if kind, code, ok := crimeKind(h.term); ok {
				add(kind, code, h.term.Form)
			}
		}
	}
	add("lang", d.lang, "")
	add("corpus", corpusKind(d.source), "")
	d.cwBuf, d.cwEnds = buf, ends
}

// crimeWordList returns the words crimeWords wrote, as strings.
func (d *decider) crimeWordList() []string {
	out := make([]string, len(d.cwEnds))
	prev := 0
	for i, e := range d.cwEnds {
		out[i] = string(d.cwBuf[prev:e])
		prev = e
	}
	return out
}

// crimeIndex is a crime model's weights looked up by lexicon term instead
// of by word, for coding: every offence, non-crime and role term of the
// coder's languages has the id of its word (terms with the same word share
// it) and the word's weight.
type crimeIndex struct {
	term   map[*lexicon.Term]int32
	w      []float64 // by id
	lang   map[string]float64
	corpus map[string]float64
}

// crimeKind is the prefix of a term's word ("off", "non", "role") and the
// part after it (family, code or role); ok is false for other kinds.
func crimeKind(t *lexicon.Term) (kind, code string, ok bool) {
	switch t.Kind {
	case lexicon.Offence:
		return "off", t.Code, true
	case lexicon.NonCrime:
		return "non", t.Code, true
	case lexicon.Role:
		return "role", t.Role, true
	}
	return "", "", false
}

// newCrimeIndex indexes cm's weights by the terms of the languages.
func newCrimeIndex(cm *CrimeModel, langs map[string]*model) *crimeIndex {
	ix := &crimeIndex{term: map[*lexicon.Term]int32{}, lang: map[string]float64{}, corpus: map[string]float64{}}
	ids := map[string]int32{}
	add := func(t *lexicon.Term) {
		kind, code, ok := crimeKind(t)
		if !ok {
			return
		}
		w := kind + ":" + code + ":" + t.Form
		id, seen := ids[w]
		if !seen {
			id = int32(len(ix.w))
			ids[w] = id
			ix.w = append(ix.w, cm.Lex[w])
		}
		ix.term[t] = id
	}
	for lang, m := range langs {
		for i := range m.lx.Terms {
			add(&m.lx.Terms[i])
		}
		add(&m.hitRunTerm)
		ix.lang[lang] = cm.Lex["lang:"+lang+":"]
	}
	for _, k := range []string{"police", "prosecutor", "news"} {
		ix.corpus[k] = cm.Lex["corpus:"+k+":"]
	}
	return ix
}

// crimeProb returns the model's p(crime) of the text being coded, of its
// dense features x and the terms that matched, each word once: by the
// index, without building a word. Every term the coder can match is in
// the index (every lexicon term and the hit-and-run term);
// TestBuiltinCrimeModel checks that the p is the one of CrimeRow's words.
func (d *decider) crimeProb(cm *CrimeModel, ix *crimeIndex, x []float64) float64 {
	s := cm.dense(x)
	if need := (len(ix.w) + 63) / 64; len(d.cwBits) < need {
		d.cwBits = make([]uint64, need)
	}
	touched := d.cwTouched[:0]
	defer func() {
		for _, i := range touched {
			d.cwBits[i] = 0
		}
		d.cwTouched = touched
	}()
	for _, hs := range [...][]hit{d.offences, d.noncrime, d.roles} {
		for _, h := range hs {
			id, found := ix.term[h.term]
			if !found {
				continue
			}
			word, bit := id/64, uint64(1)<<(id%64)
			if d.cwBits[word]&bit != 0 {
				continue
			}
			if d.cwBits[word] == 0 {
				touched = append(touched, word)
			}
			d.cwBits[word] |= bit
			s += ix.w[id]
		}
	}
	s += ix.lang[d.lang] + ix.corpus[corpusKind(d.source)]
	return 1 / (1 + math.Exp(-s))
}

// crimeModelReason is the evidence's reason for a decision the crime model
// changed.
func crimeModelReason(p float64, cm *CrimeModel, rules bool) string {
	ps := strconv.FormatFloat(p, 'f', 2, 64)
	if rules {
		return "crime model: p=" + ps + " < " + strconv.FormatFloat(cm.Off, 'f', 2, 64) + ": no crime report, though the rules' weights say one"
	}
	return "crime model: p=" + ps + " >= " + strconv.FormatFloat(cm.On, 'f', 2, 64) + ": a crime report, though the rules' weights fall short"
}

// FitCrimeModel fits the logistic regression of the labels y on the rows'
// features (standardized; squared weights penalized by lambda/2, not the
// intercept) and their words (every word of at least minCount rows one
// weight, penalized by lexLambda/2; lexLambda 0 fits without them), with
// L-BFGS, and sets the thresholds on and off.
func FitCrimeModel(rows []CrimeRow, y []bool, lambda, lexLambda float64, minCount int, on, off float64) (*CrimeModel, error) {
	nf := len(CrimeFeatureNames)
	if len(rows) == 0 || len(rows) != len(y) {
		return nil, fmt.Errorf("crime model: %d rows and %d labels", len(rows), len(y))
	}
	x := make([][]float64, len(rows))
	words := make([][]string, len(rows))
	for i, r := range rows {
		if len(r.X) != nf {
			return nil, fmt.Errorf("crime model: a row has %d features, want %d", len(r.X), nf)
		}
		x[i], words[i] = r.X, r.Words
	}
	mean, sd, z := standardize(x, nf)
	cm := &CrimeModel{Features: CrimeFeatureNames, Mean: mean, SD: sd, Lambda: lambda, On: on, Off: off}
	var vocab []string
	var lex [][]int32
	if lexLambda > 0 {
		vocab, lex = vocabulary(words, minCount)
	}
	np := nf + 1
	loss := func(grad, w []float64) float64 {
		clear(grad)
		f := 0.0
		for i, zi := range z {
			s := 0.0
			for j, v := range zi {
				s += w[j] * v
			}
			if lex != nil {
				for _, j := range lex[i] {
					s += w[np+int(j)]
				}
			}
			// -log p(y|s) = log(1 + e^s) - y s, computed stably.
			f += math.Max(s, 0) + math.Log1p(math.Exp(-math.Abs(s)))
			g := 1 / (1 + math.Exp(-s))
			if y[i] {
				f -= s
				g--
			}
			if grad == nil {
				continue
			}
			for j, v := range zi {
				grad[j] += g * v
			}
			if lex != nil {
				for _, j := range lex[i] {
					grad[np+int(j)] += g
				}
			}
		}
		for j := 1; j < np; j++ {
			f += lambda / 2 * w[j] * w[j]
			if grad != nil {
				grad[j] += lambda * w[j]
			}
		}
		for j := range vocab {
			v := w[np+j]
			f += lexLambda / 2 * v * v
			if grad != nil {
				grad[np+j] += lexLambda * v
			}
		}
		return f
	}
	p := optimize.Problem{
		Func: func(w []float64) float64 { return loss(nil, w) },
		Grad: func(g, w []float64) { loss(g, w) },
	}
	res, err := optimize.Minimize(p, make([]float64, np+len(vocab)), &optimize.Settings{GradientThreshold: 1e-6}, &optimize.LBFGS{})
	if err != nil && res == nil {
		return nil, fmt.Errorf("crime model: %w", err)
	}
	cm.W = append([]float64(nil), res.X[:np]...)
	if len(vocab) > 0 {
		cm.LexLambda = lexLambda
		cm.Lex = make(map[string]float64, len(vocab))
		for j, w := range vocab {
			cm.Lex[w] = res.X[np+j]
		}
	}
	return cm, cm.Check()
}
