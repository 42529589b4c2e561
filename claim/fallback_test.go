package claim

import (
	"strings"
	"testing"
)

// has is the bundle's years in short: 890000 from 2002, all offences and
// rape (111000) from 1987.
func has(key string, year int) bool {
	switch key {
	case GeneralCrime:
		return year >= 2002 && year <= 2024
	case AllOffences, "111000":
		return year >= 1987 && year <= 2024
	}
	return false
}

func TestFigureKey(t *testing.T) {
	for _, c := range []struct {
		key  string
		year int
		want string
	}{
		{GeneralCrime, 2023, GeneralCrime},
		{GeneralCrime, 2002, GeneralCrime},
		{GeneralCrime, 2001, AllOffences},
		{GeneralCrime, 1990, AllOffences},
		// Neither has 1980: the key stays, and the check finds no figures.
		{GeneralCrime, 1980, GeneralCrime},
		// All offences do not stand in for one offence.
		{"111000", 1980, "111000"},
		{"999999", 1990, "999999"},
		{AllOffences, 1990, AllOffences},
	} {
		if got := FigureKey(c.key, c.year, has); got != c.want {
			t.Errorf("FigureKey(%s, %d) = %s, want %s", c.key, c.year, got, c.want)
		}
	}
}

// A claim about crime in 1990 checked against all offences says so first,
// and drops the notes that say the figures are for key 890000.
func TestCheckFallbackNotes(t *testing.T) {
	c, err := Parse("illegal immigrants commit 40% of crimes in 1990")
	if err != nil {
		t.Fatal(err)
	}
	if c.Offence != GeneralCrime || c.Year != 1990 {
		t.Fatalf("parsed %s/%d", c.Offence, c.Year)
	}
	f := figures2023
	f.Year, f.Offence, f.OffenceLabel, f.InsteadOf = 1990, AllOffences, "all offences", GeneralCrime
	a := Check(c, f)
	if len(a.Framing) == 0 || !strings.Contains(a.Framing[0], "checked against all offences (key ------)") || !strings.Contains(a.Framing[0], "only non-Germans can commit") || !strings.Contains(a.Framing[0], "in 1990") {
		t.Errorf("the framing does not begin with the fallback note: %q", a.Framing)
	}
	all := strings.Join(a.Framing, "\n")
	for _, n := range []string{Note("offence-all"), Note("frame-irregular")} {
		if strings.Contains(all, n) {
			t.Errorf("the framing keeps a note on key 890000: %q", n)
		}
	}
	if !strings.Contains(all, Note("frame-irregular-all")) {
		t.Errorf("the framing lacks the note that residence-law offences are in: %q", a.Framing)
	}
	if !strings.Contains(a.Says, "all offences in 1990") {
		t.Errorf("says %q", a.Says)
	}
	// Without InsteadOf nothing changes.
	f.InsteadOf = ""
	a = Check(c, f)
	if FallbackNote(f) != "" || strings.Contains(strings.Join(a.Framing, "\n"), "instead") || !strings.Contains(strings.Join(a.Framing, "\n"), Note("offence-all")) {
		t.Errorf("framing without a fallback: %q", a.Framing)
	}
	for _, code := range []string{"offence-fallback", "frame-irregular-all"} {
		if Note(code) == "" {
			t.Errorf("note %q missing from notes.tsv", code)
		}
	}
}
