package detect

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Two-party phrases. One phrase may name several persons whose roles
// differ: "ein Streit zwischen zwei 31 und 56 Jahre alten irakischen
// Männern" (the 31-year-old then attacks the 56-year-old), "einem
// 28-Jährigen sowie einem 49-Jährigen, beide ebenfalls mit serbischer
// Staatsangehörigkeit". The origin said in such a phrase is every covered
// person's: it takes the union of the roles the release gives each
// person where it takes the person up again by the age.

// groupAges returns the ages of the persons the mention's phrase covers
// when it covers several, and the tokens [first, last) of the phrase
// that names them; nil when it names one person (or an age range: "im
// Alter zwischen 24 und 39 Jahren").
func (d *decider) groupAges(h hit) ([]int, int, int) {
	lx := d.m.lx
	a := d.linkedAge(h)
	if a == nil {
		a = d.ageAfterSpan(h)
	}
	if a != nil {
		// "zwei 31 und 56 Jahre alten Männern", "Franzosen im Alter von
		// 25, 32 und 49 Jahren": numbers joined to the age's number.
		ages := []int{a.age}
		q := a.t0 - 1
		for q >= 1 && d.sentence(q) == d.sentence(a.t0) {
			w := d.tx.Word(q)
			if d.conjunctionAt(q) {
				if n, ok := ageNumber(d.tx.Word(q - 1)); ok {
					ages = append(ages, n)
					q -= 2
					continue
				}
			}
			if n, ok := ageNumber(w); ok && d.commaBefore(q+1) && len(ages) > 1 {
				ages = append(ages, n)
				q--
				continue
			}
			break
		}
		if len(ages) > 1 {
			if q >= 0 && d.sentence(q) == d.sentence(a.t0) && lx.AgeRange[d.tx.Word(q)] {
				return nil, 0, 0 // "im Alter zwischen 24 und 39 Jahren": a range
			}
			return ages, min(q+1, h.t0), max(a.t1, h.t1)
		}
	}
	// "einem 28-Jährigen sowie einem 49-Jährigen, beide ebenfalls mit
	// serbischer Staatsangehörigkeit": the last two persons named before
	// a word for both in apposition.
	for b := h.t0 - 1; b >= 1 && h.t0-b <= 4 && d.sentence(b) == d.sentence(h.t0); b-- {
		if !lx.Both[d.tx.Word(b)] {
			continue
		}
		if !d.commaBefore(b) {
			return nil, 0, 0
		}
		var ages []int
		first := b
		for i := len(d.ages) - 1; i >= 0 && len(ages) < 2; i-- {
			if a := &d.ages[i]; a.t1 <= b && d.sentence(a.t0) == d.sentence(h.t0) {
				ages = append(ages, a.age)
				first = a.t0
			}
		}
		if len(ages) == 2 {
			return ages, first, h.t1
		}
		return nil, 0, 0
	}
	return nil, 0, 0
}

// ageAfterSpan returns the age hit that follows the mention across the
// words of an age phrase ("Franzosen im Alter von 25, 32 und 49 Jahren"),
// or nil.
func (d *decider) ageAfterSpan(h hit) *hit {
	for t := h.t1; t < len(d.tx.Tokens) && t-h.t1 <= 12 && d.sentence(t) == d.sentence(h.t0); t++ {
		for i := range d.ages {
			if d.ages[i].t0 == t {
				return &d.ages[i]
			}
		}
		if w := d.tx.Word(t); !d.m.lx.AgeSpan[w] && !allDigits(w) && !d.conjunctionAt(t) {
			return nil
		}
	}
	return nil
}

// ageNumber: w is a number that can be an age.
func ageNumber(w string) (int, bool) {
	if !allDigits(w) || len(w) > 3 {
		return 0, false
	}
	n, err := strconv.Atoi(w)
	return n, err == nil && n <= 120
}

// groupRole: the mention's phrase covers several persons; their roles
// where the release takes each up again by the age, joined: "all" when
// they are a suspect and a victim.
func (d *decider) groupRole(mn *mention) (clauseAnswer, bool) {
	ages, first, last := d.groupAges(mn.h)
	if ages == nil {
		return clauseAnswer{}, false
	}
	sus, vic := -1, -1 // index in ages
	var cue [2]*hit
	var why [2]string
	for k, age := range ages {
		a, ok := d.ageTakenUp(age, first, last, mn.h.t0)
		if !ok {
			continue
		}
		switch a.role {
		case "suspect", "all":
			if sus < 0 {
				sus, cue[0], why[0] = k, a.cue, a.reason
			}
		case "victim", "witness":
			if vic < 0 {
				vic, cue[1], why[1] = k, a.cue, a.reason
			}
		}
	}
	names := func(k int) string { return strconv.Itoa(ages[k]) + "-year-old" }
	list := make([]string, len(ages))
	for k := range ages {
		list[k] = names(k)
	}
	slices.Reverse(list)
	head := "one phrase for the " + strings.Join(list, " and the ")
	switch {
	case sus >= 0 && vic >= 0:
		return clauseAnswer{"all", cue[0], fmt.Sprintf("%s: the %s a suspect (%s), the %s a victim (%s)", head, names(sus), why[0], names(vic), why[1])}, true
	case sus >= 0:
		return clauseAnswer{"suspect", cue[0], fmt.Sprintf("%s: the %s a suspect (%s)", head, names(sus), why[0])}, true
	case vic >= 0:
		return clauseAnswer{"victim", cue[1], fmt.Sprintf("%s: the %s a victim (%s)", head, names(vic), why[1])}, true
	}
	return clauseAnswer{}, false
}

// ageTakenUp: the role of the person of an age where the release names
// the age again outside the tokens [a, b): the clause model's answer
// nearest to token at, else the object rule's ("ging der 31-Jährige den
// 56-Jährigen mit einem Messer an").
func (d *decider) ageTakenUp(age, a, b, at int) (clauseAnswer, bool) {
	var best, obj clauseAnswer
	bestD, objD := 1<<30, 1<<30
	for i := range d.ages {
		o := &d.ages[i]
		if o.age != age || o.t0 >= a && o.t0 < b || d.otherSameAge(o) || !d.sameRelease(o.t0, at) {
			continue
		}
		dist := abs(o.t0 - at)
		if dist < bestD {
			if ans, ok := d.clauseRoleDepth(*o, 1); ok {
				best, bestD = ans, dist
				continue
			}
		}
		if dist < objD {
			if r, cue := d.objectRole(*o); r != "" {
				obj, objD = clauseAnswer{r, cue, "object of its clause"}, dist
			}
		}
	}
	if bestD < 1<<30 {
		return best, true
	}
	return obj, objD < 1<<30
}
