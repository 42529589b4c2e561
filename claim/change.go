package claim

import (
	"math"
	"slices"
	"strconv"
)

// This file reads a change from one value to another: "rose from 30% to
// 41%", "stieg von einem Drittel auf die Hälfte", and the earlier value
// given after the claim's number, "40% of crimes, up from 30% in 2015",
// "41 Prozent ..., 2015 waren es noch 30 Prozent". The later value is the
// claim's number; the earlier one, with its year, becomes ValueFrom and
// YearFrom.

// change is one value of a change: a number, perhaps with its unit
// ("30%", "30", "200.000"), or a fraction ("a third", "zwei Drittel",
// "die Hälfte"), from items[first] to items[last].
type change struct {
	num         float64
	frac        bool  // a fraction: already a proportion
	unit        *item // "pct" or "times" after a number, or nil
	first, last int
}

// half reports whether it is a word for one half that gives a number
// ("half", "die Hälfte"), not a direction ("most").
func half(it *item) bool { return role(it) == "majority" && it.e.note == "=" }

// valueAt reads the value of a change that begins at items[i].
func valueAt(items []item, i int) (change, bool) {
	it, next := at(items, i), at(items, i+1)
	switch {
	case it == nil || it.used:
	case half(it):
		v, _ := strconv.ParseFloat(it.e.value, 64)
		return change{num: v, frac: true, first: i, last: i}, true
	case it.art > 0 && half(next) && !next.used:
		// "a half".
		v, _ := strconv.ParseFloat(next.e.value, 64)
		return change{num: it.art * v, frac: true, first: i, last: i + 1}, true
	case (plainNum(it) || it.art > 0) && next != nil && next.denom > 0 && !next.used:
		// "a third", "einem Drittel", "two thirds".
		n := it.art
		if plainNum(it) {
			n = it.num
		}
		return change{num: n / next.denom, frac: true, first: i, last: i + 1}, true
	case plainNum(it):
		v := change{num: it.num, first: i, last: i}
		if role(next) == "pct" || role(next) == "times" {
			v.unit, v.last = next, i+1
		}
		return v, true
	}
	return change{}, false
}

// yearAfter returns the year in "in 2015", "im Jahr 2015", "2015" at
// items[j], the words before it and the index after it; nil if there is
// none.
func yearAfter(items []item, j int) (*item, []*item, int) {
	var skip []*item
	for ; j < len(items) && (role(&items[j]) == "out-of" || role(&items[j]) == "stop") && len(skip) < 3; j++ {
		skip = append(skip, &items[j])
	}
	if y := at(items, j); y != nil && y.year && !y.used {
		return y, skip, j + 1
	}
	return nil, nil, 0
}

func useAll(its ...*item) {
	for _, it := range its {
		if it != nil {
			it.used = true
		}
	}
}

// fromTo reads a change from one value to another in a claim that speaks
// of a change ("rose from 30% to 41%", "stieg von 30 auf 41 Prozent",
// "from 30% in 2015 to 41% in 2023", "von einem Drittel auf die
// Hälfte"): items[i] begins the earlier value, after "from" or "von",
// perhaps with its unit and year, then "to" or "auf" and the later value.
// It takes the earlier value and its year and leaves the later value, and
// its unit, to be read as the claim's number.
func (c *Claim) fromTo(items []item, i int) bool {
	from := at(items, i-1)
	if c.from != nil || from == nil || from.used || role(from) != "since" && role(from) != "out-of" ||
		!slices.ContainsFunc(items, func(it item) bool { return role(&it) == "trend" }) {
		return false
	}
	ev, ok := valueAt(items, i)
	if !ok {
		return false
	}
	j := ev.last + 1
	y1, skip1, k := yearAfter(items, j)
	if y1 != nil {
		j = k
	}
	to := at(items, j)
	if role(to) != "to" && role(to) != "per" {
		return false
	}
	lv, ok := valueAt(items, j+1)
	if !ok {
		return false
	}
	// The two values are of one kind: "from 3 times to 40%" and "from a
	// third to 3 times" are not a change.
	eu, lu := role(ev.unit), role(lv.unit)
	switch {
	case eu != "" && lu != "" && eu != lu, ev.frac && lu == "times", lv.frac && eu == "times":
		return false
	case ev.frac && !lv.frac && lu == "":
		return false // "from a third to 40": a share and a plain number
	}
	c.from = &item{num: ev.num}
	c.fromFrac = ev.frac
	c.fromSpan = c.span(from, &items[ev.last])
	c.later = j + 2
	for k := ev.first; k <= ev.last; k++ {
		items[k].used = true
	}
	useAll(from, to)
	if y1 == nil {
		return true
	}
	useAll(y1)
	useAll(skip1...)
	y2, skip2, _ := yearAfter(items, lv.last+1)
	switch {
	case y2 != nil && c.Year == 0 && c.YearFrom == 0:
		// "from 30% in 2015 to 41% in 2023".
		c.YearFrom, c.Year = int(y1.num), int(y2.num)
		useAll(y2)
		useAll(skip2...)
		c.insertPart("year", y1, "from "+strconv.Itoa(c.YearFrom))
		c.insertPart("year", y2, strconv.Itoa(c.Year))
		if c.YearFrom > c.Year {
			c.problem("problem-range", strconv.Itoa(c.YearFrom), strconv.Itoa(c.Year))
		}
	case c.YearFrom == 0 && !c.LatestYear:
		// "from 30% in 2015 to 41%": the later value is of the year the
		// claim names elsewhere, or the latest.
		c.YearFrom = int(y1.num)
		if c.Year == 0 {
			c.LatestYear = true
		}
		c.insertPart("year", y1, "from "+strconv.Itoa(c.YearFrom))
	}
	return true
}

// earlierWord returns the index of a word of the role "earlier" ("up
// from", "noch", "gegenüber") just before items[i], perhaps after
// stopwords, or -1.
func earlierWord(items []item, i int) int {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		switch {
		case role(&items[k]) == "earlier" && !items[k].used:
			return k
		case role(&items[k]) != "stop":
			return -1
		}
	}
	return -1
}

// earlierAhead reports whether the year at items[i] is that of an earlier
// value after the claim's number ("41 Prozent ..., 2015 waren es noch 30
// Prozent"): the claim has its number, and the year is followed, perhaps
// after stopwords, by a word of the role "earlier" whose value is
// "before" (a year before it is the earlier value's: "noch", not "up
// from") and a value without a year of its own. The year is then left to
// fromAfter.
func (c *Claim) earlierAhead(items []item, i int) bool {
	if c.from != nil || c.Kind == KindNone || c.weak > 0 {
		return false
	}
	for k := i + 1; k < len(items) && k <= i+3; k++ {
		if role(&items[k]) == "stop" {
			continue
		}
		if role(&items[k]) != "earlier" || items[k].e.value != "before" {
			return false
		}
		v, ok := valueAt(items, k+1)
		if y, _, _ := yearAfter(items, v.last+1); y != nil {
			return false
		}
		return ok
	}
	return false
}

// fromAfter reads an earlier value given after the claim's number: "40%
// of crimes, up from 30% in 2015", "41 Prozent der Tatverdächtigen, 2015
// waren es noch 30 Prozent". items[i] begins a value of the claim's kind
// (a percentage or fraction for a share, a multiple for a ratio, a plain
// number for a count) after a word of the role "earlier"; its year is
// before that word or after the value. Without such a word a second
// number stays a second number.
func (c *Claim) fromAfter(items []item, i int) bool {
	if c.from != nil || c.Kind == KindNone || c.weak > 0 || math.IsNaN(c.Value) || c.ValueHi != nil {
		return false
	}
	m := earlierWord(items, i)
	if m < 0 {
		return false
	}
	ev, ok := valueAt(items, i)
	if !ok {
		return false
	}
	switch c.Kind {
	case KindShare:
		ok = ev.frac || role(ev.unit) == "pct"
	case KindRatio:
		ok = role(ev.unit) == "times"
	case KindCount:
		ok = !ev.frac && ev.unit == nil && ev.num >= 100
	default:
		ok = false
	}
	if !ok {
		return false
	}
	// The year: after the value ("up from 30% in 2015"), or before a
	// word that allows it ("2015 waren es noch"; see earlierAhead).
	mk := &items[m]
	y, skip, _ := yearAfter(items, ev.last+1)
	for k := m - 1; y == nil && mk.e.value == "before" && k >= 0 && k >= m-3; k-- {
		if it := &items[k]; it.year && !it.used {
			y = it
			break
		}
		if role(&items[k]) != "stop" && role(&items[k]) != "out-of" {
			break
		}
		skip = append(skip, &items[k])
	}
	if y == nil {
		skip = nil
	}
	c.from = &item{num: ev.num}
	c.fromFrac = ev.frac
	c.fromSpan = c.span(mk, &items[ev.last])
	useAll(mk)
	for k := ev.first; k <= ev.last; k++ {
		items[k].used = true
	}
	// A value given as earlier speaks of a change.
	c.note("trend")
	if y == nil {
		return true
	}
	useAll(y)
	useAll(skip...)
	if c.YearFrom == 0 && int(y.num) != c.Year {
		// The claim's number is of the year it names elsewhere, or the
		// latest.
		c.YearFrom = int(y.num)
		if c.Year == 0 {
			c.LatestYear = true
		}
		c.insertPart("year", y, "from "+strconv.Itoa(c.YearFrom))
		if c.Year != 0 && c.YearFrom > c.Year {
			c.problem("problem-range", strconv.Itoa(c.YearFrom), strconv.Itoa(c.Year))
		}
	}
	return true
}

// laterCount reads the later number of a change that has no unit as a
// count of suspects ("Die Zahl ausländischer Tatverdächtiger stieg von
// 200.000 auf 400.000"): both numbers are 100 or more, and the claim
// names the people counted.
func (c *Claim) laterCount(items []item, i int) bool {
	it, next := &items[i], at(items, i+1)
	if c.from == nil || c.later != i+1 || c.fromFrac || it.num < 100 || c.from.num < 100 ||
		role(next) == "pct" || role(next) == "times" || perAfter(items, i) > 0 {
		return false
	}
	counted := slices.ContainsFunc(items, func(it item) bool {
		return role(&it) == "who" && it.e.note != "" && it.e.note != "population-share" ||
			role(&it) == "group" && suspectsGroup(it.e)
	})
	if !counted {
		return false
	}
	c.setNumber(KindCount, it.num, it, "count "+fmtNum(it.num))
	return true
}

// insertPart adds a part where its text is in the claim, for a phrase
// read before or after its turn.
func (c *Claim) insertPart(role string, it *item, value string) {
	c.addPart(role, it, value)
	p := c.Parts[len(c.Parts)-1]
	c.Parts = c.Parts[:len(c.Parts)-1]
	at := slices.IndexFunc(c.Parts, func(q Part) bool { return q.Start > p.Start })
	if at < 0 {
		at = len(c.Parts)
	}
	c.Parts = slices.Insert(c.Parts, at, p)
}

// earlierValue makes the earlier value of a change (see fromTo and
// fromAfter) the claim's ValueFrom, of the kind of the claim's number: a
// share when the later number is a percentage or a fraction. A fraction
// before a number of another kind is no earlier value of it.
func (c *Claim) earlierValue() {
	if c.from == nil || c.Kind == KindNone || math.IsNaN(c.Value) || c.fromFrac && c.Kind != KindShare {
		return
	}
	v := c.from.num
	if c.Kind == KindShare && !c.fromFrac {
		v /= 100
	}
	c.ValueFrom = &v
	c.insertPart("earlier value", c.fromSpan, string(c.Kind)+" "+fmtNum(v))
	// The later year was read before the later number: text order.
	slices.SortStableFunc(c.Parts, func(a, b Part) int { return a.Start - b.Start })
}
