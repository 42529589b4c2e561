package claim

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// This file reads the claim's grammar from the recognized phrases:
// numbers with their units, fractions, ranges, years, groups, offences.

func (c *Claim) addPart(role string, it *item, value string) {
	lang := ""
	if it.e != nil {
		lang = it.e.lang
	}
	c.Parts = append(c.Parts, Part{Role: role, Text: it.text, Start: it.start, End: it.end, Value: value, Lang: lang})
	it.used = true
}

func (c *Claim) note(code string) {
	if !slices.Contains(c.Notes, code) {
		c.Notes = append(c.Notes, code)
	}
}

// problem records why the claim cannot be true as stated, from the note
// template code filled with args.
func (c *Claim) problem(code string, args ...any) {
	msg := fmt.Sprintf(Note(code), args...)
	if !slices.Contains(c.Problems, msg) {
		c.Problems = append(c.Problems, msg)
	}
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }

// showNum writes a claim's number as the claim means it: a share as a
// percentage, a ratio as a multiple.
func showNum(k Kind, v float64) string {
	switch k {
	case KindShare:
		return strconv.FormatFloat(100*v, 'f', -1, 64) + "%"
	case KindRatio:
		return fmtNum(v) + "×"
	}
	return fmtNum(v)
}

// differ reports whether two numbers of one kind say different things:
// shares more than 5 points apart, other numbers more than a quarter.
func differ(k Kind, a, b float64) bool {
	if k == KindShare {
		return math.Abs(a-b) > 0.05
	}
	return math.Abs(a-b) > 0.25*math.Max(math.Abs(a), math.Abs(b))
}

// setNumber records the claim's number. A number replaces a direction
// without one ("over-represented by a factor of 3"); a direction that the
// number contradicts, or a second number of the same kind that differs
// from the first, is a problem of the claim.
func (c *Claim) setNumber(k Kind, v float64, it *item, desc string) bool {
	if c.Kind != KindNone && c.weak > 0 {
		w := &c.Parts[c.weak-1]
		if k == c.Kind && (c.Comparator == ">" && v < c.Value || c.Comparator == "<" && v > c.Value) {
			c.problem("problem-direction", w.Text, it.text)
		}
		w.Role = "direction"
		c.Kind, c.Value, c.Comparator, c.Per, c.weak = KindNone, math.NaN(), "", 0, 0
		c.Notes = slices.DeleteFunc(c.Notes, func(n string) bool { return n == "no-number" })
	}
	if c.Kind != KindNone {
		if k == c.Kind && !math.IsNaN(c.Value) && c.ValueHi == nil && differ(k, c.Value, v) {
			// A contradiction, unless the claim goes on to another
			// offence, year or place (see finish).
			c.second = append(c.second, [2]string{showNum(k, c.Value), showNum(k, v)})
			c.addPart("second number", it, desc)
		}
		return false
	}
	c.Kind, c.Value = k, v
	c.addPart("number", it, desc)
	return true
}

// setDirection records a direction without a number ("most" is a share
// above one half, "over-represented" a ratio above 1), which a number
// later in the claim replaces.
func (c *Claim) setDirection(k Kind, cmp string, v float64, it *item, desc string) {
	if c.Kind != KindNone {
		if k == c.Kind && c.weak == 0 && (cmp == ">" && c.Value < v && c.Comparator != "<" && c.Comparator != "<=" ||
			cmp == "<" && c.Value > v && c.Comparator != ">" && c.Comparator != ">=") {
			c.problem("problem-direction", it.text, showNum(k, c.Value))
		}
		it.used = true
		return
	}
	c.setNumber(k, v, it, desc)
	c.Comparator = cmp
	c.weak = len(c.Parts)
	c.note("no-number")
}

func role(it *item) string {
	if it == nil || it.e == nil {
		return ""
	}
	return it.e.role
}

// plainNum reports whether it is a number not yet taken that is no year.
func plainNum(it *item) bool {
	return it != nil && it.isNum && !it.ordinal && !it.year && !it.used
}

// span is a phrase from item a to item b.
func (c *Claim) span(a, b *item) *item {
	return &item{start: a.start, end: b.end, text: c.Text[a.start:b.end]}
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
	use := func(its ...*item) {
		for _, it := range its {
			it.used = true
		}
	}
	for i := range items {
		it := &items[i]
		if it.used {
			continue
		}
		next, prev := at(i+1), at(i-1)
		switch {
		case it.isNum && !it.ordinal && !it.year:
			c.number(items, i)
		case it.isNum && it.year:
			if c.earlierAhead(items, i) {
				continue // "2015 waren es noch 30 Prozent": fromAfter's
			}
			switch {
			case c.Year != 0 || c.YearFrom != 0:
				if role(next) == "pct" || role(next) == "times" {
					c.number(items, i) // "2019 Prozent" is no year
				}
			case role(next) == "to" && at(i+2) != nil && at(i+2).year:
				// "2015 bis 2019", "2015-2019", "between 2015 and 2019".
				to := at(i + 2)
				c.YearFrom, c.Year = int(it.num), int(to.num)
				use(it, next, to)
				c.addPart("year", c.span(it, to), fmt.Sprintf("%d-%d", c.YearFrom, c.Year))
				if c.YearFrom > c.Year {
					c.problem("problem-range", strconv.Itoa(c.YearFrom), strconv.Itoa(c.Year))
				}
				if role(prev) == "since" || role(prev) == "out-of" {
					prev.used = true
				}
			case role(prev) == "since" && !c.LatestYear:
				// "seit 2015": the years since, checked on the latest.
				c.YearFrom, c.LatestYear = int(it.num), true
				use(prev, it)
				c.addPart("year", c.span(prev, it), "since "+strconv.Itoa(c.YearFrom))
			case role(next) == "pct" || role(next) == "times" || perAfter(items, i) > 0:
				c.number(items, i)
			default:
				c.Year = int(it.num)
				c.addPart("year", it, strconv.Itoa(c.Year))
			}
			if !it.used {
				// A second year: "2016 ... and in 2023 ...".
				c.several = c.several || int(it.num) != c.Year
			}
		case it.denom > 0 && !(it.ordinal && role(prev) == "share-of"):
			// A fraction: "ein Drittel", "two thirds", "a quarter".
			if prev != nil && prev.art > 0 && !prev.used && (c.fromTo(items, i-1) || c.fromAfter(items, i-1)) {
				continue // "von einem Drittel auf", "noch ein Drittel"
			}
			first, n := it, 1.0
			switch {
			case plainNum(prev):
				first, n = prev, prev.num
			case prev != nil && prev.art > 0 && !prev.used:
				first, n = prev, prev.art
			case it.ordinal:
				continue // "the third": an ordinal, no fraction
			}
			if c.setPart(items, i+1, n, it.denom, c.span(first, it)) {
				c.qualify(at(i - 1 - b2i(first != it)))
			}
			use(first, it)
		case it.isNum && it.ordinal:
			if role(prev) == "share-of" {
				prev.used = true
				if it.num > 0 && c.setPart(items, i+1, 1, it.num, c.span(prev, it)) {
					c.qualify(at(i - 2)) // "nahezu jeder zweite"
				}
				it.used = true
			}
		case it.e == nil:
		default:
			if half(it) && (c.fromTo(items, i) || c.fromAfter(items, i)) ||
				half(it) && prev != nil && prev.art > 0 && !prev.used && (c.fromTo(items, i-1) || c.fromAfter(items, i-1)) {
				continue // "from half to", "up from a half"
			}
			// A negation just before, perhaps after a stopword ("are
			// not more likely", "sind nicht krimineller").
			var neg *item
			for k := i - 1; k >= 0 && k >= i-2; k-- {
				if role(at(k)) == "neg" {
					neg = at(k)
					break
				}
				if role(at(k)) != "stop" {
					break
				}
			}
			if ok, not := countsGroup(items, i+1); role(it) == "majority" && neg == nil && ok {
				// "die meisten Migranten sind kriminell": most members of
				// the group, a rate.
				c.majorityRate(it, prev, not)
				continue
			}
			c.phrase(it, prev, neg)
		}
	}
	c.finish(items)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// number reads the number at items[i] with what follows it: a unit, a
// range, a rate, a fraction "3 out of 10", a count.
func (c *Claim) number(items []item, i int) {
	at := func(i int) *item {
		if i < 0 || i >= len(items) {
			return nil
		}
		return &items[i]
	}
	it, next, prev := &items[i], at(i+1), at(i-1)
	switch {
	case c.fromTo(items, i):
		// "rose from 30% to 41%": the earlier value; the later one is
		// read as the claim's number when its turn comes.
	case c.fromAfter(items, i):
		// "40% of crimes, up from 30% in 2015": an earlier value after
		// the claim's number.
	case c.laterCount(items, i):
		// "stieg von 200.000 auf 400.000": a count without a unit.
	case role(prev) == "factor":
		// "um den Faktor 3", "by a factor of 3".
		if c.setNumber(KindRatio, it.num, c.span(prev, it), "ratio "+fmtNum(it.num)) {
			prev.used, it.used = true, true
			c.qualify(at(i - 2))
		}
	case role(next) == "pct" && popAfter(items, i+2):
		// "14% of the population": a population share, not the claim's
		// number.
		next.used = true
		it.used = true
		ps := it.num / 100
		c.PopulationShare = &ps
		c.addPart("population share", c.span(it, next), "share "+fmtNum(ps))
		c.note("population-share")
	case role(next) == "pct" && role(prev) == "to" && plainNum(at(i-2)):
		// "zwischen 30 und 40 Prozent", "30-40%".
		lo := at(i - 2)
		if c.setNumber(KindShare, lo.num/100, c.span(lo, next), "share "+fmtNum(lo.num/100)+" to "+fmtNum(it.num/100)) {
			hi := it.num / 100
			c.ValueHi, c.Comparator = &hi, "between"
			lo.used, prev.used, it.used, next.used = true, true, true, true
			c.note("between")
			if lo.num > it.num {
				c.problem("problem-range", showNum(KindShare, lo.num/100), showNum(KindShare, hi))
			}
		}
	case role(next) == "pct" && (c.trend || trendAfter(items, i+2)) && role(prev) != "per" && role(prev) != "to":
		// "stieg um 50 Prozent", "um 50% gestiegen": a change over time,
		// not a share. "stieg auf 41 Prozent", "rose to 41%" give the
		// level reached: a share.
		c.addPart("change", c.span(it, next), "change "+fmtNum(it.num/100))
		it.used, next.used = true, true
	case role(next) == "times" && role(prev) == "to" && plainNum(at(i-2)):
		// "3 to 4 times as likely".
		lo := at(i - 2)
		if c.setNumber(KindRatio, lo.num, c.span(lo, next), "ratio "+fmtNum(lo.num)+" to "+fmtNum(it.num)) {
			hi := it.num
			c.ValueHi, c.Comparator = &hi, "between"
			lo.used, prev.used, it.used, next.used = true, true, true, true
			c.note("between")
			if lo.num > it.num {
				c.problem("problem-range", fmtNum(lo.num), fmtNum(hi))
			}
		}
	case role(next) == "pct" && (role(at(i+2)) == "overrep" || role(at(i+2)) == "underrep"):
		// "50% more likely": a ratio of 1.5.
		dir := at(i + 2)
		v := 1 + it.num/100
		if dir.e.role == "underrep" {
			v = 1 - it.num/100
		}
		if c.setNumber(KindRatio, v, c.span(it, dir), "ratio "+fmtNum(v)) {
			it.used, next.used, dir.used = true, true, true
			c.qualify(prev)
			c.impliedOffence(dir)
		}
	case role(next) == "pct" && countsGroupOK(items, i+2):
		// "5% of refugees are criminals": a rate per 100 of the group.
		next.used = true
		if c.setPart(items, i+2, it.num, 100, c.span(it, next)) {
			c.qualify(prev)
		}
		it.used = true
	case role(next) == "pct":
		next.used = true
		if c.setNumber(KindShare, it.num/100, c.span(it, next), "share "+fmtNum(it.num/100)) {
			it.used = true
			c.qualify(prev)
		} else {
			it.used = true
		}
	case role(next) == "times":
		next.used = true
		if c.setNumber(KindRatio, it.num, c.span(it, next), "ratio "+fmtNum(it.num)) {
			it.used = true
			c.qualify(prev)
		} else {
			it.used = true
		}
	case perAfter(items, i) > 0:
		j := perAfter(items, i)
		base := at(j + 1)
		at(j).used, base.used = true, true
		if c.setNumber(KindRate, it.num, c.span(it, base), "rate "+fmtNum(it.num)+" per "+fmtNum(base.num)) {
			it.used = true
			c.Per = base.num
			c.qualify(prev)
		}
	case role(prev) == "share-of":
		// "one in three": prev is "one in"/"every", this is the n.
		prev.used = true
		if it.num > 0 && c.setPart(items, i+1, 1, it.num, c.span(prev, it)) {
			c.qualify(at(i - 2))
		}
		it.used = true
	case role(next) == "out-of" && plainNum(at(i+2)) && at(i+2).num > 0:
		// "3 out of 10", "drei von zehn", "7 in 10".
		of := at(i + 2)
		if c.setPart(items, i+3, it.num, of.num, c.span(it, of)) {
			c.qualify(prev)
		}
		it.used, next.used, of.used = true, true, true
	case role(prev) == "per" && popAfter(items, i+1) && c.perBase == 0:
		// "Pro 100.000 Einwohner gibt es 5.600 ausländische
		// Tatverdächtige": the base of a rate whose number follows.
		c.perBase = it.num
		c.addPart("per", c.span(prev, it), "per "+fmtNum(it.num))
		prev.used, it.used = true, true
	case (role(next) == "who" || role(next) == "group") && it.num >= 100 && c.perBase > 0:
		if c.setNumber(KindRate, it.num, it, "rate "+fmtNum(it.num)+" per "+fmtNum(c.perBase)) {
			c.Per = c.perBase
			c.qualify(prev)
		}
	case (role(next) == "who" || role(next) == "group") && it.num >= 100:
		if c.setNumber(KindCount, it.num, it, "count "+fmtNum(it.num)) {
			c.qualify(prev)
		}
	}
}

// impliedOffence takes the offence a direction word implies ("krimineller"
// is all crime) when the claim names none.
func (c *Claim) impliedOffence(it *item) {
	if it.e == nil || it.e.value == "" || c.Offence != "" {
		return
	}
	c.Offence = it.e.value
	c.Parts = append(c.Parts, Part{Role: "offence", Text: it.text, Start: it.start, End: it.end, Value: it.e.value, Lang: it.e.lang})
	if it.e.value == "890000" {
		c.note("offence-all")
	}
}

// phrase reads a recognized phrase that is not a number; neg is a
// negation just before it, or nil.
func (c *Claim) phrase(it, prev, neg *item) {
	e := it.e
	switch e.role {
	case "group":
		if neg != nil && e.value == "deutsch" {
			// "was not German", "nicht deutsch": the other group.
			neg.used = true
			it = c.span(neg, it)
			it.e = lex.nonGerman
			e = it.e
		}
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
	case "nationality":
		if c.Nationality == "" {
			c.Nationality = e.value
			c.addPart("nationality", it, e.value)
			c.note("nationality-named")
		}
		it.uncheckable = true
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
			c.several = c.several || e.value != c.Offence
			it.used = true
		}
	case "area":
		if c.Area == "" {
			c.Area = e.value
			c.addPart("area", it, e.value)
			// A Land, or a city checked as its district ("area-city").
			if e.note != "" {
				c.note(e.note)
			} else {
				c.note("area-land")
			}
		} else {
			c.several = c.several || e.value != c.Area
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
		if e.note == "=" {
			if c.setNumber(KindShare, v, it, "share ~ "+e.value) {
				c.Comparator = "~"
				c.qualify(prev) // "knapp die Hälfte"
			}
			return
		}
		if neg != nil {
			// "not most": at most one half.
			c.setDirection(KindShare, "<=", v, c.span(neg, it), "share <= "+e.value)
			neg.used = true
			return
		}
		c.setDirection(KindShare, ">", v, it, "share > "+e.value)
	case "overrep", "underrep":
		// "over-represented": a ratio above 1, no number; "not more
		// likely": at most 1.
		c.impliedOffence(it)
		cmp := map[bool]string{true: ">", false: "<"}[e.role == "overrep"]
		if neg != nil {
			cmp = map[bool]string{true: "<=", false: ">="}[e.role == "overrep"]
			neg.used = true
			c.setDirection(KindRatio, cmp, 1, c.span(neg, it), "ratio "+cmp+" 1")
			return
		}
		c.setDirection(KindRatio, cmp, 1, it, "ratio "+cmp+" 1")
	case "country":
		if c.Country == "" {
			c.Country = e.value
			c.addPart("country", it, e.value)
		}
	case "trend":
		// "gestiegen", "rose": the claim is about a change over time.
		c.trend = true
		c.addPart("trend", it, "change")
		c.note("trend")
	case "who":
		c.addPart("who", it, e.note)
		if e.note != "" {
			c.note(e.note)
		}
	case "latest":
		if c.Year == 0 && !c.LatestYear {
			c.LatestYear = true
			c.addPart("year", it, "latest")
			c.note("latest-year")
		}
	default:
		// Units and qualifiers without a number, share-of without a
		// count, stopwords: they carry no part of the claim. They stay
		// unused, so a number after a qualifier can take it.
	}
}

// finish lists what was not understood and what is missing, and checks
// the claim's numbers for what cannot be.
func (c *Claim) finish(items []item) {
	if c.Nationality != "" {
		// A claim about one nationality: the citizenship groups it also
		// names are not what it is about ("syrische Flüchtlinge"), or are
		// what it compares with ("Syrer ... wie Deutsche").
		for k := range c.Parts {
			p := &c.Parts[k]
			switch {
			case p.Role == "group" && p.Value == "deutsch" && c.Reference == "":
				p.Role, c.Reference = "reference", "deutsch"
			case p.Role == "group":
				p.Role = "group (narrowed by nationality)"
			}
		}
		c.Group = ""
	}
	// Two numbers for one thing contradict each other, unless the claim
	// speaks of several offences, years or places: then it makes several
	// claims, of which the first is checked.
	for _, pair := range c.second {
		if c.several {
			c.note("several-claims")
			break
		}
		c.problem("problem-two-numbers", pair[0], pair[1])
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
		if !it.uncheckable && (it.used || (it.e != nil && !it.isNum)) {
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
	c.earlierValue()
	switch {
	case c.Kind == KindShare && c.ValueFrom != nil && (*c.ValueFrom > 1 || *c.ValueFrom < 0):
		c.problem("problem-share-range", showNum(KindShare, *c.ValueFrom))
	case c.Kind == KindShare && (c.Value > 1 || c.Value < 0):
		c.problem("problem-share-range", showNum(KindShare, c.Value))
	case c.Kind == KindShare && c.ValueHi != nil && *c.ValueHi > 1:
		c.problem("problem-share-range", showNum(KindShare, *c.ValueHi))
	case c.Kind == KindRate && c.Per > 0 && c.Value > c.Per:
		c.problem("problem-rate-range", fmtNum(c.Value), fmtNum(c.Per))
	}
	if c.Understood() && !slices.ContainsFunc(c.Notes, func(n string) bool {
		return n == "frame-suspects" || n == "frame-offenders" || n == "frame-convictions"
	}) {
		// "Migrants commit 40% of rapes" speaks of offenders; the figures
		// count suspects.
		c.note("frame-offenders")
	}
	if c.Group == "" {
		c.Missing = append(c.Missing, "group")
	}
	if c.Offence == "" {
		c.Missing = append(c.Missing, "offence")
		if slices.Contains(c.Notes, "area-land") {
			// The Länder figures have all offences only; a city's
			// district has key 890000, as Germany.
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
	if c.Parts == nil {
		c.Parts = []Part{}
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
	if c.Problems == nil {
		c.Problems = []string{}
	}
}

// popAfter reports whether, after stopwords from i on, the next phrase
// names the population ("of the population", "der Bevölkerung").
func popAfter(items []item, i int) bool {
	for ; i < len(items); i++ {
		switch {
		case role(&items[i]) == "stop" || role(&items[i]) == "out-of":
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
		if u := role(at(items, j+2)); u == "pct" || u == "times" {
			return 0 // "2023 auf 41%": a year, then a share
		}
		return j
	}
	return 0
}

func at(items []item, i int) *item {
	if i < 0 || i >= len(items) {
		return nil
	}
	return &items[i]
}

// setPart records n in d as the claim's number: the group's share of
// suspects ("jeder dritte Tatverdächtige", "a third of rapes"), or, when
// what follows from items[j] on counts members of a group (see
// countsGroup), a rate: n suspects per d members ("jeder zehnte
// Ausländer ist kriminell").
func (c *Claim) setPart(items []item, j int, n, d float64, it *item) bool {
	ok, not := countsGroup(items, j)
	if !ok {
		return c.setNumber(KindShare, n/d, it, "share "+fmtNum(n)+"/"+fmtNum(d))
	}
	if not {
		// "90% of refugees are not criminals": 10 in 100 are.
		n = d - n
	}
	if !c.setNumber(KindRate, n, it, "rate "+fmtNum(n)+" per "+fmtNum(d)) {
		return false
	}
	c.Per = d
	return true
}

// majorityRate reads "most" or "half" before the members of a group ("die
// meisten Migranten sind kriminell") as a rate per 100 of them; not is
// set when the claim denies what they are ("most refugees are not
// criminals": fewer than half are).
func (c *Claim) majorityRate(it, prev *item, not bool) {
	v, _ := strconv.ParseFloat(it.e.value, 64)
	v *= 100
	if it.e.note == "=" {
		if c.setNumber(KindRate, v, it, "rate ~ "+fmtNum(v)+" per 100") {
			c.Per, c.Comparator = 100, "~"
			c.qualify(prev)
		}
		return
	}
	cmp := ">"
	if not {
		cmp = "<"
	}
	c.setDirection(KindRate, cmp, v, it, "rate "+cmp+" "+fmtNum(v)+" per 100")
	if c.Kind == KindRate && c.Per == 0 {
		c.Per = 100
	}
}

// countsGroup reports whether, after stopwords (and "of", "von") from
// items[j] on, the claim names members of a group and then, after a verb
// or other stopword, what they are (the people counted or an offence):
// "zehnte Ausländer ist kriminell", "of refugees are criminals". A group
// that is itself suspects ("ausländische Tatverdächtige") is not counted
// that way. not reports a negation between the two ("are not
// criminals"), which it marks used.
func countsGroup(items []item, j int) (ok, not bool) {
	for j < len(items) && (role(&items[j]) == "stop" || role(&items[j]) == "out-of") {
		j++
	}
	g := at(items, j)
	if role(g) != "group" || suspectsGroup(g.e) {
		return false, false
	}
	k := j + 1
	var neg *item
	for k < len(items) && (role(&items[k]) == "stop" || role(&items[k]) == "neg" && neg == nil) {
		if role(&items[k]) == "neg" {
			neg = &items[k]
		}
		k++
	}
	w := at(items, k)
	if w == nil || k == j+1 {
		// Nothing after, or an adjective before a noun: "der
		// ausländischen Tatverdächtigen", "migrant rapists".
		return false, false
	}
	if role(w) != "offence" && (role(w) != "who" || w.e.note == "population-share" || w.e.note == "") {
		return false, false
	}
	if neg != nil {
		neg.used = true
	}
	return true, neg != nil
}

// countsGroupOK is countsGroup without the negation.
func countsGroupOK(items []item, j int) bool {
	ok, _ := countsGroup(items, j)
	return ok
}

// suspectsGroup reports whether a group phrase names suspects or
// offenders itself ("foreign suspects"): one of its words is a word of the
// people counted that carries a framing note.
func suspectsGroup(e *entry) bool {
	for _, w := range e.words {
		if h := singleEntry(strings.TrimSuffix(w, "*"), []string{"who"}); h != nil && h.note != "" && h.note != "population-share" {
			return true
		}
	}
	return false
}

// trendAfter reports whether, after stopwords from items[i] on, the claim
// speaks of a change over time ("um 50% gestiegen").
func trendAfter(items []item, i int) bool {
	for ; i < len(items) && role(&items[i]) == "stop"; i++ {
	}
	return role(at(items, i)) == "trend"
}

// qualify takes a qualifier ("more than", "fast") just before a number.
func (c *Claim) qualify(prev *item) {
	if prev == nil || prev.used || role(prev) != "qual" {
		return
	}
	c.Comparator = prev.e.value
	c.addPart("qualifier", prev, prev.e.value)
}
