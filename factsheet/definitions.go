package factsheet

import (
	"fmt"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/bundle"
)

// keyChangeCode is the code of the caveat on a change of what a PKS key
// counts ([bundle.KeyChanges]).
const keyChangeCode = "pks-key-definition-change"

// keyChangesIn returns the changes of what key counts that start in a year
// after from and up to to: the changes a series from from to to spans.
func keyChangesIn(key string, from, to int) []bundle.KeyChange {
	cs, err := bundle.KeyChangesOf(key)
	if err != nil {
		// The bundled files are checked by the tests; a broken one must
		// not hide every fact sheet.
		return nil
	}
	var out []bundle.KeyChange
	for _, c := range cs {
		if c.Year > from && c.Year <= to {
			out = append(out, c)
		}
	}
	return out
}

// keyChangeCaveat returns the caveat on the changes cs of one key, with
// the old and the new name of each, or nil when cs is empty.
func keyChangeCaveat(cs []bundle.KeyChange) []baserate.Caveat {
	if len(cs) == 0 {
		return nil
	}
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = keyChangeText(c)
	}
	base := bundle.Caveat(keyChangeCode)
	base.Message = fmt.Sprintf("What PKS key %s counts changed %s. %s", cs[0].Key, strings.Join(parts, "; "), base.Message)
	return []baserate.Caveat{base}
}

// keyChangeText says one change: the year, the names before and after,
// and the reason when the name stayed the same.
func keyChangeText(c bundle.KeyChange) string {
	if c.Old == c.New {
		return fmt.Sprintf("in %d under the same name %q (%s)", c.Year, c.New, strings.TrimSuffix(c.Note, "."))
	}
	return fmt.Sprintf("in %d, from %q to %q", c.Year, c.Old, c.New)
}

// markKeyChanges marks the points of tr in which what its key counts
// changes as breaks, as the years of [breaks] are marked, and adds the
// caveat when the points span a change.
func markKeyChanges(tr *TrendSheet) {
	if len(tr.Points) < 2 {
		return
	}
	first, last := tr.Points[0].Year, tr.Points[len(tr.Points)-1].Year
	cs := keyChangesIn(tr.Offence.Key, first, last)
	for _, c := range cs {
		for i := range tr.Points {
			p := &tr.Points[i]
			if p.Year != c.Year {
				continue
			}
			msg := fmt.Sprintf("What PKS key %s counts changed %s.", c.Key, keyChangeText(c))
			if p.Break == "" {
				p.Break, p.BreakCode = msg, keyChangeCode
			} else {
				p.Break += " " + msg
			}
			p.BreakCodes = append(p.BreakCodes, keyChangeCode)
		}
	}
	tr.Caveats = baserate.MergeCaveats(tr.Caveats, keyChangeCaveat(cs)...)
}
