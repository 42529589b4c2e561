package claim

import (
	"encoding/json"
	"math"
	"regexp"
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
	// for Bavaria), empty for none: the claim is then about Germany.
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
	// Nationality names a single nationality the claim is about
	// ("Syrians"). The bundled figures separate only German and
	// non-German citizens, so such a claim has no Group and is not checked.
	Nationality string `json:"nationality,omitempty"`
	// PopulationShare is the group's share of the population when the
	// claim states one too ("14% of the population but 41% of suspects").
	PopulationShare *float64 `json:"population_share,omitempty"`
	// Comparator qualifies Value: "" (exactly), ">", ">=", "<", "<=" (up
	// to), "~" (about), "~<" (almost) or "between" (Value to ValueHi).
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
	tokenRE     = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}'’]*(?:[-.,][\p{L}\p{N}]+)*%?|%`)
	thousandsRE = regexp.MustCompile(`^\d{1,3}(?:[.,]\d{3})+$`)
	decimalRE   = regexp.MustCompile(`^\d+(?:[.,]\d+)?$`)
	unitRE      = regexp.MustCompile(`^(\d+(?:[.,]\d+)?)-?(mal|fach|fold|x|%)$`)
)

// tokenize splits text into words and numbers, splitting "3-mal", "3x" and
// "40%" into a number and its unit, and "dreimal" into "drei" and "mal".
func tokenize(text string) []token {
	var out []token
	for _, loc := range tokenRE.FindAllStringIndex(text, -1) {
		s, e := loc[0], loc[1]
		raw := text[s:e]
		norm := normalize(raw)
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

// wordNumber reads number words ("drei", "forty", "dreiundvierzig") and
// German compounds with "mal"/"fach" ("dreimal").
func wordNumber(raw, norm string, s, e int) ([]token, bool) {
	if v, ok := cardinal(norm); ok {
		return []token{{text: raw, norm: norm, start: s, end: e, isNum: true, num: v}}, true
	}
	for _, suf := range []string{"mal", "fach"} {
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
	return nil, false
}

func cardinal(norm string) (float64, bool) {
	if v, ok := lex.cards[norm]; ok {
		return v, true
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
	unknown    bool
	used       bool
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
	for _, e := range lex.entries {
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
		for _, e := range lex.entries {
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
		if best == nil {
			switch {
			case t.isNum:
				items = append(items, item{start: t.start, end: t.end, text: t.text, num: t.num, isNum: true, year: t.year})
			case lex.ords[t.norm] > 0:
				items = append(items, item{start: t.start, end: t.end, text: t.text, num: lex.ords[t.norm], isNum: true, ordinal: true})
			default:
				items = append(items, item{start: t.start, end: t.end, text: t.text, unknown: true})
			}
			i++
			continue
		}
		last := toks[i+len(best.words)-1]
		items = append(items, item{e: best, start: t.start, end: last.end, text: text[t.start:last.end]})
		i += len(best.words)
	}
	c := &Claim{Text: text, Value: math.NaN(), Lang: lang}
	interpret(c, items)
	return c, nil
}

func (c *Claim) addPart(role string, it *item, value string) {
	lang := ""
	if it.e != nil {
		lang = it.e.lang
	}
	c.Parts = append(c.Parts, Part{Role: role, Text: it.text, Start: it.start, End: it.end, Value: value, Lang: lang})
	it.used = true
}

func (c *Claim) note(code string) {
	for _, n := range c.Notes {
		if n == code {
			return
		}
	}
	c.Notes = append(c.Notes, code)
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }

// setNumber records the claim's number unless one is already set.
func (c *Claim) setNumber(k Kind, v float64, it *item, desc string) bool {
	if c.Kind != KindNone {
		return false
	}
	c.Kind, c.Value = k, v
	c.addPart("number", it, desc)
	return true
}

func role(it *item) string {
	if it == nil || it.e == nil {
		return ""
	}
	return it.e.role
}

// interpret walks the items and reads the claim's grammar: numbers with
// their units, qualifiers, groups, offences, years.
func interpret(c *Claim, items []item) {
	at := func(i int) *item {
		if i < 0 || i >= len(items) {
			return nil
		}
		return &items[i]
	}
	for i := range items {
		it := &items[i]
		if it.used {
			continue
		}
		next, prev := at(i+1), at(i-1)
		switch {
		case it.isNum && !it.ordinal:
			switch {
			case role(next) == "pct" && popAfter(items, i+2):
				// "14% of the population": a population share, not
				// the claim's number.
				next.used = true
				merged := item{start: it.start, end: next.end, text: c.Text[it.start:next.end]}
				it.used = true
				ps := it.num / 100
				c.PopulationShare = &ps
				c.addPart("population share", &merged, "share "+fmtNum(ps))
				c.note("population-share")
			case role(next) == "pct":
				next.used = true
				merged := item{start: it.start, end: next.end, text: c.Text[it.start:next.end]}
				if c.setNumber(KindShare, it.num/100, &merged, "share "+fmtNum(it.num/100)) {
					it.used = true
					c.qualify(prev)
				}
			case role(next) == "times":
				next.used = true
				merged := item{start: it.start, end: next.end, text: c.Text[it.start:next.end]}
				if c.setNumber(KindRatio, it.num, &merged, "ratio "+fmtNum(it.num)) {
					it.used = true
					c.qualify(prev)
				}
			case perAfter(items, i) > 0:
				j := perAfter(items, i)
				base := at(j + 1)
				at(j).used, base.used = true, true
				merged := item{start: it.start, end: base.end, text: c.Text[it.start:base.end]}
				if c.setNumber(KindRate, it.num, &merged, "rate "+fmtNum(it.num)+" per "+fmtNum(base.num)) {
					it.used = true
					c.Per = base.num
					c.qualify(prev)
				}
			case it.year && c.Year == 0:
				c.Year = int(it.num)
				c.addPart("year", it, strconv.Itoa(c.Year))
			case role(prev) == "share-of":
				// "one in three": prev is "one in"/"every", this is the n.
				prev.used = true
				merged := item{start: prev.start, end: it.end, text: c.Text[prev.start:it.end]}
				if it.num > 0 && c.setNumber(KindShare, 1/it.num, &merged, "share 1/"+fmtNum(it.num)) {
					it.used = true
				}
			case (role(next) == "who" || role(next) == "group") && it.num >= 100:
				merged := item{start: it.start, end: it.end, text: it.text}
				if c.setNumber(KindCount, it.num, &merged, "count "+fmtNum(it.num)) {
					it.used = true
					c.qualify(prev)
				}
			}
		case it.isNum && it.ordinal:
			if role(prev) == "share-of" {
				prev.used = true
				merged := item{start: prev.start, end: it.end, text: c.Text[prev.start:it.end]}
				if it.num > 0 && c.setNumber(KindShare, 1/it.num, &merged, "share 1/"+fmtNum(it.num)) {
					it.used = true
				}
			}
		case it.e == nil:
		default:
			e := it.e
			switch e.role {
			case "group":
				switch {
				case c.Group == "":
					c.Group = e.value
					c.addPart("group", it, e.value)
					if e.note != "" {
						c.note(e.note)
					}
				case e.value != c.Group && c.Reference == "":
					c.Reference = e.value
					c.addPart("reference", it, e.value)
				default:
					it.used = true
				}
			case "offence":
				if c.Offence == "" {
					c.Offence = e.value
					c.addPart("offence", it, e.value)
					if e.note != "" {
						c.note(e.note)
					}
					if e.value == "890000" {
						c.note("offence-all")
					}
				} else {
					it.used = true
				}
			case "area":
				if c.Area == "" {
					c.Area = e.value
					c.addPart("area", it, e.value)
					c.note("area-land")
				} else {
					it.used = true
				}
			case "mult":
				v, _ := strconv.ParseFloat(e.value, 64)
				if c.setNumber(KindRatio, v, it, "ratio "+e.value) {
					c.qualify(prev)
				}
			case "majority":
				// "most": a share above one half; "half": about one half.
				v, _ := strconv.ParseFloat(e.value, 64)
				cmp := ">"
				if e.note == "=" {
					cmp = "~"
				}
				if c.setNumber(KindShare, v, it, "share "+cmp+" "+e.value) {
					c.Comparator = cmp
					if cmp == ">" {
						c.note("no-number")
					} else {
						c.qualify(prev) // "knapp die Hälfte"
					}
				}
			case "overrep":
				// "over-represented": a ratio above 1, no number.
				if c.setNumber(KindRatio, 1, it, "ratio > 1") {
					c.Comparator = ">"
					c.note("no-number")
				}
			case "who":
				c.addPart("who", it, e.note)
				if e.note != "" {
					c.note(e.note)
				}
			case "latest":
				if c.Year == 0 {
					c.LatestYear = true
					c.addPart("year", it, "latest")
					c.note("latest-year")
				}
			default:
				// Units and qualifiers without a number, share-of without
				// a count, stopwords: they carry no part of the claim. They
				// stay unused, so a number after a qualifier can take it.
			}
		}
	}
	// Whatever is left and is not a stopword was not understood.
	var run *Span
	flush := func() {
		if run != nil {
			c.Unparsed = append(c.Unparsed, *run)
			run = nil
		}
	}
	for i := range items {
		it := &items[i]
		if it.used || (it.e != nil && !it.isNum) {
			flush()
			continue
		}
		if run == nil {
			run = &Span{Start: it.start}
		}
		run.End = it.end
		run.Text = c.Text[run.Start:run.End]
	}
	flush()
	if c.Group == "" {
		c.Missing = append(c.Missing, "group")
	}
	if c.Offence == "" {
		c.Missing = append(c.Missing, "offence")
		if c.Area != "" {
			c.note("no-offence-area")
		} else {
			c.note("no-offence")
		}
	}
	if c.Year == 0 && !c.LatestYear {
		c.Missing = append(c.Missing, "year")
		c.note("no-year")
	}
	if c.Kind == KindNone {
		c.Missing = append(c.Missing, "number")
	}
	if c.Unparsed == nil {
		c.Unparsed = []Span{}
	}
	if c.Missing == nil {
		c.Missing = []string{}
	}
	if c.Notes == nil {
		c.Notes = []string{}
	}
}

// popAfter reports whether, after stopwords from i on, the next phrase
// names the population ("of the population", "der Bevölkerung").
func popAfter(items []item, i int) bool {
	for ; i < len(items); i++ {
		switch {
		case role(&items[i]) == "stop":
			continue
		case role(&items[i]) == "who" && items[i].e.note == "population-share":
			return true
		}
		return false
	}
	return false
}

// perAfter returns the index of a "per" that follows the number at i
// (perhaps after words for the people counted: "57 suspects per 1,000")
// and is itself followed by a number, or 0.
func perAfter(items []item, i int) int {
	j := i + 1
	for j < len(items) && (role(&items[j]) == "who" || role(&items[j]) == "group") {
		j++
	}
	if j+1 < len(items) && role(&items[j]) == "per" && items[j+1].isNum {
		return j
	}
	return 0
}

// qualify takes a qualifier ("more than", "fast") just before a number.
func (c *Claim) qualify(prev *item) {
	if prev == nil || prev.used || role(prev) != "qual" {
		return
	}
	c.Comparator = prev.e.value
	c.addPart("qualifier", prev, prev.e.value)
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
