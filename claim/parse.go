package claim

import (
	"encoding/json"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/baserate/baserate"
)

// Kind is what a claim's number measures.
type Kind string

// The kinds of claim.
const (
	// KindShare: the group's share of suspects ("40% of rapes").
	KindShare Kind = "share"
	// KindRatio: how many times the group's rate is the other's ("three
	// times as criminal").
	KindRatio Kind = "ratio"
	// KindRate: suspects per N residents ("57 per 1,000").
	KindRate Kind = "rate"
	// KindCount: a number of suspects ("700,000 foreign suspects").
	KindCount Kind = "count"
	// KindNone: the claim gives no number or direction.
	KindNone Kind = ""
)

// Claim is what a plain-language claim says, part by part.
type Claim struct {
	Text string `json:"text"`
	// Lang is "en" or "de": the language most of the recognized phrases
	// came from.
	Lang string `json:"lang"`
	// Group is the citizenship group the claim is about: "nichtdeutsch" or
	// "deutsch"; empty when the claim names none.
	Group string `json:"group"`
	// Reference is the group it is compared with, when the claim names one
	// ("as Germans").
	Reference string `json:"reference,omitempty"`
	// Offence is the PKS offence key; empty when the claim names none.
	Offence string `json:"offence"`
	// Area is the official key (AGS) of the Land the claim names ("09"
	// for Bavaria), or of the district of a city it names ("09162" for
	// Munich; note "area-city"), empty for none: the claim is then about
	// Germany.
	Area string `json:"area,omitempty"`
	// Year is the year named, 0 when none. LatestYear is set for "last
	// year".
	Year       int  `json:"year"`
	LatestYear bool `json:"latest_year,omitempty"`
	// YearFrom is the first year of a range ("2015 bis 2019": YearFrom
	// 2015, Year 2019; "since 2015": YearFrom 2015 and LatestYear). The
	// figures are those of Year, or of the latest year.
	YearFrom int `json:"year_from,omitempty"`
	// Kind and Value are the claim's number: a share as a proportion (0.4),
	// a ratio (3), a rate (per Per residents) or a count. Value is NaN for
	// a claim without a number. A direction without a number is a
	// comparator: "over-represented" is ratio > 1, "most" is share > 0.5.
	Kind  Kind    `json:"kind"`
	Value float64 `json:"value"`
	Per   float64 `json:"per,omitempty"`
	// ValueHi is the upper end of a range of numbers ("between 30 and 40
	// percent"), with Value the lower end and Comparator "between".
	ValueHi *float64 `json:"value_hi,omitempty"`
	// ValueFrom is the earlier value of a change from one value to
	// another ("rose from 30% to 41%", "stieg von 30 auf 41 Prozent",
	// "from a third to a half", "40%, up from 30% in 2015"), of
	// the same kind as Value, which is the later value; YearFrom is its
	// year when the claim names one. Nil for none.
	ValueFrom *float64 `json:"value_from,omitempty"`
	// Nationality names a single nationality the claim is about
	// ("Syrians"). The bundled figures separate only German and
	// non-German citizens, so such a claim has no Group and is not checked.
	Nationality string `json:"nationality,omitempty"`
	// Country names a country other than Germany that the claim is about
	// ("in Sweden"); the bundled figures are Germany's, so it is not
	// checked.
	Country string `json:"country,omitempty"`
	// PopulationShare is the group's share of the population when the
	// claim states one too ("14% of the population but 41% of suspects").
	PopulationShare *float64 `json:"population_share,omitempty"`
	// Comparator qualifies Value: "" (exactly), ">", ">=", "<", "<=" (up
	// to), "~" (about), "~<" (almost), "~>" (just over: about, at most
	// a little over) or "between" (Value to ValueHi).
	Comparator string `json:"comparator,omitempty"`
	// Parts are the phrases recognized, in text order.
	Parts []Part `json:"parts"`
	// Unparsed are the runs of words that were not understood.
	Unparsed []Span `json:"unparsed"`
	// Missing names the parts the claim lacks: "group", "offence",
	// "year", "number".
	Missing []string `json:"missing"`
	// Notes are codes of framing notes that apply (see [Note]).
	Notes []string `json:"notes"`
	// Problems say why the claim cannot be true as stated: a share outside
	// 0-100%, or two parts that contradict each other. A claim with
	// problems is not checked.
	Problems []string `json:"problems"`

	// trend is set when the claim speaks of a change over time
	// ("gestiegen"): a percentage after it is the change, not a share.
	trend bool
	// second holds a second number of the claim's kind that differs from
	// the first; several is set when the claim names a second offence,
	// year or place, so that two numbers may be two claims.
	second  [][2]string
	several bool
	// perBase is the base of a rate named before its number ("pro
	// 100.000 Einwohner ... 5.600 Tatverdächtige"), 0 for none.
	perBase float64
	// from is the earlier value of a change from one value to another
	// (see change.go), and fromSpan its phrase ("from 30%"); nil for
	// none. finish makes it ValueFrom once the later number has given
	// the kind.
	from, fromSpan *item
	// fromFrac is set when the earlier value is a fraction ("from a
	// third"), already a proportion; later is 1 + the index of the item
	// that begins the later value of a from-to change, 0 for none.
	fromFrac bool
	later    int
	// weak is 1 + the index in Parts of a direction without a number
	// ("over-represented", "most"), which a number later in the claim
	// replaces; 0 for none.
	weak int
}

// Part is one recognized phrase of a claim.
type Part struct {
	// Role is what the phrase says: group, reference, offence, area,
	// year, number, who, qualifier.
	Role  string `json:"role"`
	Text  string `json:"text"`
	Start int    `json:"start"` // byte offsets in Claim.Text
	End   int    `json:"end"`
	// Value is the phrase's meaning: a group, an offence key, a year, a
	// number with its kind ("share 0.4").
	Value string `json:"value"`
	Lang  string `json:"lang,omitempty"`
}

// Span is a piece of the claim's text.
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// MaxLen bounds the length of a claim in bytes.
const MaxLen = 2000

// Understood reports whether the claim has what a check needs: a group
// and either a number or a direction.
func (c *Claim) Understood() bool { return c.Group != "" && c.Kind != KindNone }

type token struct {
	text       string // as written
	norm       string
	start, end int
	num        float64
	isNum      bool
	year       bool // a four-digit number that can be a year
}

var (
	tokenRE     = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}'’]*(?:[-.,][\p{L}\p{N}]+)*%?|%|[-–—]`)
	thousandsRE = regexp.MustCompile(`^\d{1,3}(?:[.,]\d{3})+$`)
	decimalRE   = regexp.MustCompile(`^\d+(?:[.,]\d+)?$`)
	unitRE      = regexp.MustCompile(`^(\d+(?:[.,]\d+)?)-?(mal|fach|fold|x|%|pc|prozent|percent)$`)
	// rangeRE is a range of numbers or years in one word: "30-40%",
	// "2015-2019".
	rangeRE = regexp.MustCompile(`^(\d+(?:[.,]\d+)?)-(\d+(?:[.,]\d+)?)(%?)$`)
)

// tokenize splits text into words and numbers, splitting "3-mal", "3x" and
// "40%" into a number and its unit, and "dreimal" into "drei" and "mal".
func tokenize(text string) []token {
	var out []token
	for _, loc := range tokenRE.FindAllStringIndex(text, -1) {
		s, e := loc[0], loc[1]
		raw := text[s:e]
		norm := normalize(raw)
		if m := rangeRE.FindStringSubmatch(norm); m != nil {
			a, b := s+len(m[1]), s+len(m[1])+1
			c := b + len(m[2])
			out = append(out, numToken(text[s:a], s, a), token{text: "-", norm: "-", start: a, end: b}, numToken(text[b:c], b, c))
			if m[3] != "" {
				out = append(out, token{text: "%", norm: "%", start: c, end: e})
			}
			continue
		}
		if m := unitRE.FindStringSubmatch(norm); m != nil {
			n := len(m[1])
			out = append(out, numToken(text[s:s+n], s, s+n))
			out = append(out, token{text: text[e-len(m[2]) : e], norm: strings.TrimPrefix(m[2], "-"), start: e - len(m[2]), end: e})
			continue
		}
		if t, ok := wordNumber(raw, norm, s, e); ok {
			out = append(out, t...)
			continue
		}
		if decimalRE.MatchString(norm) || thousandsRE.MatchString(norm) {
			out = append(out, numToken(raw, s, e))
			continue
		}
		out = append(out, token{text: raw, norm: norm, start: s, end: e})
	}
	return out
}

func numToken(raw string, s, e int) token {
	t := token{text: raw, norm: raw, start: s, end: e, isNum: true}
	// A separator followed by groups of three digits separates thousands
	// ("1,000", "100.000"); otherwise it is the decimal point or the German
	// decimal comma ("2.43", "40,5").
	if thousandsRE.MatchString(raw) {
		t.num, _ = strconv.ParseFloat(strings.NewReplacer(",", "", ".", "").Replace(raw), 64)
	} else {
		t.num, _ = strconv.ParseFloat(strings.Replace(raw, ",", ".", 1), 64)
	}
	if len(raw) == 4 && !strings.ContainsAny(raw, ".,") && t.num >= 1950 && t.num <= 2100 {
		t.year = true
	}
	return t
}

// wordNumber reads number words ("drei", "forty", "dreiundvierzig"),
// number words joined to a unit of the lexicon's "times" role ("dreimal",
// "dreifache", "threefold") and hyphenated ones ("three-times",
// "one-third", "drei-mal"): the number and the rest become two tokens.
func wordNumber(raw, norm string, s, e int) ([]token, bool) {
	if v, ok := cardinal(norm); ok {
		return []token{{text: raw, norm: norm, start: s, end: e, isNum: true, num: v}}, true
	}
	for _, suf := range lex.timesWords {
		if stem, ok := strings.CutSuffix(norm, suf); ok && stem != "" {
			if v, ok := cardinal(stem); ok {
				// The suffix is ASCII, so it has the same length in raw.
				cut := e - len(suf)
				return []token{
					{text: raw[:cut-s], norm: stem, start: s, end: cut, isNum: true, num: v},
					{text: raw[cut-s:], norm: suf, start: cut, end: e},
				}, true
			}
		}
	}
	if k := strings.LastIndex(raw, "-"); k > 0 && k < len(raw)-1 {
		if v, ok := cardinal(normalize(raw[:k])); ok {
			return []token{
				{text: raw[:k], norm: normalize(raw[:k]), start: s, end: s + k, isNum: true, num: v},
				{text: raw[k+1:], norm: normalize(raw[k+1:]), start: s + k + 1, end: e},
			}, true
		}
	}
	return nil, false
}

func cardinal(norm string) (float64, bool) {
	if v, ok := lex.cards[norm]; ok {
		return v, true
	}
	// English compounds: "forty-two" = 40 + 2.
	if a, b, ok := strings.Cut(norm, "-"); ok {
		x, ok1 := lex.cards[a]
		y, ok2 := lex.cards[b]
		if ok1 && ok2 && x >= 20 && y < 10 {
			return x + y, true
		}
	}
	// German compounds: "dreiundvierzig" = 3 + 40.
	if a, b, ok := strings.Cut(norm, "und"); ok && a != "" && b != "" {
		x, ok1 := lex.cards[a]
		y, ok2 := lex.cards[b]
		if ok1 && ok2 && x < 10 && y >= 20 {
			return x + y, true
		}
	}
	return 0, false
}

// item is a token or a recognized phrase, in text order.
type item struct {
	e          *entry // nil for numbers and unknown words
	start, end int
	text       string
	num        float64
	isNum      bool
	year       bool
	ordinal    bool
	denom      float64 // the denominator a word stands for ("Drittel" 3)
	art        float64 // an article that is a numerator ("a", "ein")
	unknown    bool
	used       bool
	// uncheckable marks a recognized phrase the figures cannot check (a
	// single nationality): it is shown as not understood too.
	uncheckable bool
}

func match(e *entry, toks []token, i int) bool {
	if i+len(e.words) > len(toks) {
		return false
	}
	for k, w := range e.words {
		t := toks[i+k]
		if p, ok := strings.CutSuffix(w, "*"); ok {
			if !strings.HasPrefix(t.norm, p) {
				return false
			}
		} else if t.norm != w {
			return false
		}
	}
	return true
}

// bestEntry returns the phrase that matches at toks[i]: the longest, then
// the one with the most exact words, then one of the claim's language.
func bestEntry(toks []token, i int, lang string) *entry {
	var best *entry
	for _, e := range lex.candidates(toks[i].norm) {
		if best != nil && (len(e.words) < len(best.words) || e.exactness() < best.exactness()) {
			break // entries are sorted: nothing later ranks as high
		}
		if !match(e, toks, i) {
			continue
		}
		if best == nil {
			best = e
		}
		if e.lang == lang {
			return e
		}
	}
	return best
}

// prefixOnly reports whether e is one word matched by its beginning (such
// as "ausländer*"), which a compound may extend.
func prefixOnly(e *entry) bool {
	return len(e.words) == 1 && strings.HasSuffix(e.words[0], "*") && slices.Contains(compoundModRoles, e.role)
}

// Parse reads a claim. It never fails on words it does not know: they are
// reported in Unparsed, and what the claim lacks in Missing. It fails only
// on empty or overlong input (kind Invalid).
func Parse(text string) (*Claim, error) {
	if strings.TrimSpace(text) == "" {
		return nil, baserate.E("claim.Parse", baserate.KindInvalid, "the claim is empty")
	}
	if len(text) > MaxLen {
		return nil, baserate.E("claim.Parse", baserate.KindTooLarge, "the claim is longer than 2,000 bytes; give one sentence")
	}
	if !utf8.ValidString(text) {
		return nil, baserate.E("claim.Parse", baserate.KindInvalid, "the claim is not valid UTF-8")
	}
	toks := tokenize(text)
	// Which language's phrases cover more of the text decides which
	// lexicon wins where both have a phrase (such as "migrant*").
	score := map[string]int{}
	for i := range toks {
		seen := map[string]bool{}
		for _, e := range lex.candidates(toks[i].norm) {
			if !seen[e.lang] && match(e, toks, i) {
				seen[e.lang] = true
				score[e.lang]++
			}
		}
	}
	lang := "en"
	if score["de"] > score["en"] {
		lang = "de"
	}
	var items []item
	for i := 0; i < len(toks); {
		t := toks[i]
		var best *entry
		if !t.isNum || t.text[0] < '0' || t.text[0] > '9' {
			// Words, including number words: a phrase such as "one in"
			// comes before the number "one".
			best = bestEntry(toks, i, lang)
		}
		isWord := !t.isNum && lex.ords[t.norm] == 0 && lex.denoms[t.norm] == 0
		if isWord && (best == nil || prefixOnly(best)) {
			// A compound: "Ausländerkriminalität" is a group and an
			// offence, though "ausländer*" matches it whole.
			if mod, head := compound(t.norm); head != nil {
				if mod != nil {
					items = append(items, item{e: mod, start: t.start, end: t.end, text: t.text})
				}
				items = append(items, item{e: head, start: t.start, end: t.end, text: t.text})
				i++
				continue
			}
		}
		if isWord && best == nil {
			if stem := possessive(t.norm); stem != "" {
				saved := toks[i].norm
				toks[i].norm = stem
				if best = bestEntry(toks, i, lang); best == nil {
					toks[i].norm = saved
				}
			}
		}
		if isWord && best == nil {
			best = fuzzy(t.norm)
		}
		if isWord && best == nil && i+1 < len(toks) && unitWord(toks[i+1].norm) {
			// A misspelt number word before a unit: "fourty percent".
			if v, ok := fuzzyCardinal(t.norm); ok {
				t.isNum, t.num = true, v
			}
		}
		if best == nil {
			switch {
			case t.isNum:
				items = append(items, item{start: t.start, end: t.end, text: t.text, num: t.num, isNum: true, year: t.year})
			case lex.ords[t.norm] > 0 || lex.denoms[t.norm] > 0:
				o := lex.ords[t.norm]
				items = append(items, item{start: t.start, end: t.end, text: t.text, num: o, isNum: o > 0, ordinal: o > 0, denom: lex.denoms[t.norm]})
			default:
				items = append(items, item{start: t.start, end: t.end, text: t.text, unknown: true})
			}
			i++
			continue
		}
		last := toks[i+len(best.words)-1]
		it := item{e: best, start: t.start, end: last.end, text: text[t.start:last.end]}
		if len(best.words) == 1 && best.role == "stop" {
			it.art = lex.arts[t.norm]
			it.denom = lex.denoms[t.norm]
		}
		items = append(items, it)
		i += len(best.words)
	}
	c := &Claim{Text: text, Value: math.NaN(), Lang: lang}
	interpret(c, items)
	return c, nil
}

// MarshalJSON writes a claim without a number with "value": null.
func (c *Claim) MarshalJSON() ([]byte, error) {
	type plain Claim
	var v *float64
	if !math.IsNaN(c.Value) && !math.IsInf(c.Value, 0) {
		v = &c.Value
	}
	return json.Marshal(struct {
		*plain
		Value *float64 `json:"value"`
	}{(*plain)(c), v})
}
