package claim

import (
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/baserate/baserate/internal/editdist"
)

// This file holds the general rules for words the lexicon does not list
// as written: German compounds, English possessives and typos. They use
// the lexicon's one-word entries; no word is named here.

// compoundHeadRoles are the roles a compound's head (its last part) may
// have, and compoundModRoles those of the part before it.
var (
	compoundHeadRoles = []string{"offence", "who", "stop"}
	compoundModRoles  = []string{"group", "nationality", "area"}
)

// singleEntry returns the one-word entry of one of roles that w matches,
// exact words before prefixes, earlier roles first.
func singleEntry(w string, roles []string) *entry {
	var pre *entry
	for _, r := range roles {
		for _, o := range lex.byRole[r] {
			switch {
			case !o.prefix && w == o.word:
				return o.e
			case o.prefix && pre == nil && strings.HasPrefix(w, o.word):
				pre = o.e
			}
		}
	}
	return pre
}

// compound splits a German compound into a known head and, when known,
// the word before it: "Ausländerkriminalität" is a group and an offence,
// "Gruppenvergewaltigungen" an offence, "Ausländeranteil" a group and a
// word that carries nothing. German compounds put the head last, so the
// longest known last part wins. A head that is a stopword must have five
// letters or more and follow a known word; any other head needs four.
func compound(norm string) (mod, head *entry) {
	for k := 3; k <= len(norm)-4; k++ {
		if !utf8.RuneStart(norm[k]) {
			continue
		}
		h := singleEntry(norm[k:], compoundHeadRoles)
		if h == nil || (h.role == "stop" && len(norm)-k < 5) {
			continue
		}
		left := norm[:k]
		m := singleEntry(left, compoundModRoles)
		if m == nil && len(left) > 4 && (strings.HasSuffix(left, "s") || strings.HasSuffix(left, "n")) {
			// Linking element: "Migrantengewalt", "Asylbewerbersanteil".
			m = singleEntry(left[:len(left)-1], compoundModRoles)
		}
		if h.role == "stop" && m == nil {
			continue // "Frauenanteil" is not understood, not dropped
		}
		return m, h
	}
	return nil, nil
}

// possessive returns the word without an English possessive ending
// ("Saxony's", "Germans'"), or "".
func possessive(norm string) string {
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if stem, ok := strings.CutSuffix(norm, suf); ok && stem != "" {
			return stem
		}
	}
	return ""
}

// fuzzyRoles are the roles a misspelt word may be matched to, in the
// order ties are broken. Stopwords are matched only when long, so that no
// short word is taken for another.
var fuzzyRoles = []string{"group", "offence", "area", "who", "nationality", "overrep", "underrep", "stop"}

// fuzzy returns the one-word entry a misspelt word most likely means: one
// edit (insertion, deletion, substitution or swap of neighbours) away from
// a lexicon word of five to seven letters, two from a longer one, one from
// a stopword of seven letters or more; a word ending in "*" is compared
// with the beginning of the word. Ties go to the earlier role, then the
// entry that ranks first in the lexicon.
func fuzzy(norm string) *entry {
	w := []rune(norm)
	if len(w) < 5 {
		return nil
	}
	var best *entry
	bestD := 3
	for _, r := range fuzzyRoles {
		for _, o := range lex.byRole[r] {
			pr := o.runes
			max := 1
			switch {
			case len(pr) < 5 || r == "stop" && len(pr) < 7:
				continue
			case len(pr) >= 8 && r != "stop":
				max = 2
			}
			if !o.prefix && abs(len(pr)-len(w)) > max {
				continue
			}
			d := max + 1
			if o.prefix {
				// The pattern against every beginning of the word.
				for j := len(pr) - max; j <= len(pr)+max && j <= len(w); j++ {
					if j > 0 {
						d = min(d, editdist.Runes(pr, w[:j]))
					}
				}
			} else {
				d = editdist.Runes(pr, w)
			}
			if d <= max && d < bestD {
				best, bestD = o.e, d
			}
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// unitWord reports whether w is a unit that follows a number (a
// percentage or a multiple).
func unitWord(w string) bool {
	for _, e := range lex.single {
		if (e.role == "pct" || e.role == "times") && e.words[0] == w {
			return true
		}
	}
	return false
}

// fuzzyCardinal reads a misspelt number word of five letters or more, one
// edit away from one the lexicon knows ("fourty"). It is tried only
// before a unit, where a number must stand.
func fuzzyCardinal(norm string) (float64, bool) {
	w := []rune(norm)
	if len(w) < 5 {
		return 0, false
	}
	words := slices.Sorted(maps.Keys(lex.cards))
	for _, word := range words {
		if r := []rune(word); len(r) >= 5 && editdist.Runes(r, w) <= 1 {
			return lex.cards[word], true
		}
	}
	return 0, false
}
