package bundle

import (
	"strings"
	"testing"
)

// A hand-judged row that does not fit the names is an error, so that the
// file cannot drift from the data it judges.
func TestKeyChangesRejectsStaleJudgements(t *testing.T) {
	names := []OffenceName{{"725000", 1987, "Straftaten gegen §§ 47, 47a AuslG"}, {"725000", 1991, "Straftaten gegen § 92 AuslG"}}
	for _, c := range []struct {
		row  []string
		want string
	}{
		{[]string{"725000", "1992", "wording", "x"}, "no new name in 1992"},
		{[]string{"999999", "1991", "definition", "x"}, "no key 999999"},
		{[]string{"725000", "1991", "maybe", "x"}, `verdict "maybe"`},
		{[]string{"725000", "1991", "wording", " "}, "no note"},
		{[]string{"725000", "1987", "definition", "x"}, "no year before 1987"},
	} {
		_, err := keyChanges(names, [][]string{c.row})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: error %v, want %q", c.row, err, c.want)
		}
	}
	cs, err := keyChanges(names, [][]string{{"725000", "1991", "wording", "renumbered only"}})
	if err != nil || len(cs) != 0 {
		t.Errorf("judged wording: %v %v", cs, err)
	}
	cs, err = keyChanges(names, nil)
	if err != nil || len(cs) != 1 || cs[0].Year != 1991 || cs[0].Old != names[0].Label || cs[0].New != names[1].Label {
		t.Errorf("found: %+v %v", cs, err)
	}
}
