package bundle

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/baserate/baserate"
)

// The files of offence names over the years and of the changes judged by
// hand.
const (
	FileOffenceNames = "data/pks_offence_labels.csv"
	FileKeyChanges   = "data/pks_key_changes.csv"
)

// OffenceName is the name a PKS key carries in the rows of tables T40/T50
// from year From until the year of the key's next name.
type OffenceName struct {
	Key   string `json:"key"`
	From  int    `json:"from"`
	Label string `json:"label"`
}

// KeyChange is a year from which a PKS key covers other offences than in
// the year before, so that its figures before and from that year are not
// one series.
type KeyChange struct {
	Key  string `json:"key"`
	Year int    `json:"year"`
	// Old and New are the key's names in the year before and in Year; they
	// are the same when the key kept its name (Note then says what changed).
	Old string `json:"old_label"`
	New string `json:"new_label"`
	// Note is the hand-written reason, with its source, when there is one.
	Note string `json:"note,omitempty"`
}

var namesOnce = sync.OnceValues(func() ([]OffenceName, error) {
	rows, err := readCSV(FileOffenceNames, 3)
	if err != nil {
		return nil, err
	}
	var out []OffenceName
	for i, r := range rows[1:] {
		y, err := strconv.Atoi(r[1])
		if err != nil {
			return nil, baserate.E("bundle", baserate.KindInternal, fmt.Errorf("%s:%d: year %q", FileOffenceNames, i+2, r[1]))
		}
		out = append(out, OffenceName{Key: r[0], From: y, Label: r[2]})
	}
	slices.SortStableFunc(out, func(a, b OffenceName) int {
		if c := strings.Compare(a.Key, b.Key); c != 0 {
			return c
		}
		return a.From - b.From
	})
	return out, nil
})

// OffenceNames returns the names of every PKS key of tables T40 and T50 over
// the years, sorted by key and year: one entry per name, from the first
// year the rows print it.
func OffenceNames() ([]OffenceName, error) { return namesOnce() }

var changesOnce = sync.OnceValues(func() ([]KeyChange, error) {
	names, err := OffenceNames()
	if err != nil {
		return nil, err
	}
	rows, err := readCSV(FileKeyChanges, 4)
	if err != nil {
		return nil, err
	}
	return keyChanges(names, rows[1:])
})

// KeyChanges returns the years in which a PKS key came to cover other
// offences, sorted by key and year. They are found in the data: a key whose
// name in the rows of T40/T50 differs from its name in the year before,
// unless the names differ only in spelling or form (spacing, case,
// punctuation, abbreviations such as "u." and "einschl.", a trailing
// "davon:", the name of the parent key put before a short name) or
// data/pks_key_changes.csv judges the change one of wording. That file also
// adds changes the names do not show (key 730000 in 2024, the cannabis law).
func KeyChanges() ([]KeyChange, error) { return changesOnce() }

// KeyChangesOf returns the changes of key, by year.
func KeyChangesOf(key string) ([]KeyChange, error) {
	all, err := KeyChanges()
	if err != nil {
		return nil, err
	}
	var out []KeyChange
	for _, c := range all {
		if c.Key == key {
			out = append(out, c)
		}
	}
	return out, nil
}

// keyChanges derives the changes from the names and the rows (key, year,
// verdict, note) of the hand-judged file.
func keyChanges(names []OffenceName, judged [][]string) ([]KeyChange, error) {
	type ky struct {
		key  string
		year int
	}
	bad := func(line int, format string, args ...any) error {
		return baserate.E("bundle", baserate.KindInternal, fmt.Errorf("%s: row %d: %s", FileKeyChanges, line, fmt.Sprintf(format, args...)))
	}
	named := map[ky]KeyChange{} // the name changes, by key and year
	byKey := map[string][]OffenceName{}
	for i, n := range names {
		byKey[n.Key] = append(byKey[n.Key], n)
		if i > 0 && names[i-1].Key == n.Key {
			named[ky{n.Key, n.From}] = KeyChange{Key: n.Key, Year: n.From, Old: names[i-1].Label, New: n.Label}
		}
	}
	verdicts := map[ky]string{}
	notes := map[ky]string{}
	for i, r := range judged {
		y, err := strconv.Atoi(r[1])
		if err != nil {
			return nil, bad(i+1, "year %q", r[1])
		}
		k := ky{r[0], y}
		ns := byKey[k.key]
		switch {
		case len(ns) == 0:
			return nil, bad(i+1, "no key %s in %s", k.key, FileOffenceNames)
		case r[2] != "definition" && r[2] != "wording":
			return nil, bad(i+1, "verdict %q, want definition or wording", r[2])
		case strings.TrimSpace(r[3]) == "":
			return nil, bad(i+1, "no note: say what changed and where it is documented")
		case r[2] == "wording" && named[k].Key == "":
			return nil, bad(i+1, "key %s has no new name in %d to judge", k.key, y)
		case y <= ns[0].From:
			return nil, bad(i+1, "key %s has no year before %d", k.key, y)
		}
		if _, dup := verdicts[k]; dup {
			return nil, bad(i+1, "key %s, %d judged twice", k.key, y)
		}
		verdicts[k], notes[k] = r[2], r[3]
	}
	var out []KeyChange
	for k, c := range named {
		if verdicts[k] == "wording" || verdicts[k] == "" && SameWording(c.Old, c.New) {
			continue
		}
		c.Note = notes[k]
		out = append(out, c)
	}
	for k, v := range verdicts {
		if v != "definition" || named[k].Key != "" {
			continue
		}
		l := nameIn(byKey[k.key], k.year)
		out = append(out, KeyChange{Key: k.key, Year: k.year, Old: l, New: l, Note: notes[k]})
	}
	slices.SortFunc(out, func(a, b KeyChange) int {
		if c := strings.Compare(a.Key, b.Key); c != 0 {
			return c
		}
		return a.Year - b.Year
	})
	return out, nil
}

// nameIn returns the name of a key in year from its names by year.
func nameIn(ns []OffenceName, year int) string {
	l := ""
	for _, n := range ns {
		if n.From <= year {
			l = n.Label
		}
	}
	return l
}

// SameWording reports whether two names of a PKS key differ only in
// spelling or form: spacing, case, punctuation, the abbreviations "u.",
// "einschl.", "gem.", "bzw." and "Ziff." (for "Nr."), "ph" for "f" in
// "pornographisch", a trailing "davon:", "darunter:" or "und zwar:", and
// the parent key's name put before (or taken from) a sub-key's short
// name ("an Kraftfahrzeugen", "Einfacher Diebstahl an Kraftfahrzeugen").
func SameWording(a, b string) bool {
	na, nb := wordingOf(a), wordingOf(b)
	return na == nb || na != "" && nb != "" && (strings.HasSuffix(na, " "+nb) || strings.HasSuffix(nb, " "+na))
}

var (
	listTail = regexp.MustCompile(`\s*\b(davon|darunter|und zwar)\s*:\s*$`)
	abbrevs  = strings.NewReplacer("einschl.", "einschließlich ", "gem.", "gemäß ", "bzw.", "beziehungsweise ", "ziff.", "nr. ", "graph", "graf")
	undAbbr  = regexp.MustCompile(`(^|[^\pL])u\.`)
)

func wordingOf(s string) string {
	s = strings.ToLower(s)
	s = listTail.ReplaceAllString(s, "")
	s = abbrevs.Replace(s)
	s = undAbbr.ReplaceAllString(s, "${1}und ")
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " ")
}
