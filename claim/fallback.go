package claim

import "fmt"

// GeneralCrime is the PKS key that crime in general is read as: all
// offences without residence-law offences (890000). The PKS has it from
// 2002 only.
const GeneralCrime = "890000"

// AllOffences is the PKS key of all offences (------), residence-law
// offences included, which the PKS has from 1987.
const AllOffences = "------"

// FigureKey returns the offence key whose figures check a claim about key
// in year, where has reports which keys have figures in which years: key
// itself when it has figures for the year. Crime in general (GeneralCrime)
// has none before 2002; for such a year FigureKey returns AllOffences when
// that has figures. The two differ only by the residence-law offences,
// which only non-Germans can commit, so they raise the non-German share
// and ratio: a checker that uses the key returned must say so, by setting
// Figures.InsteadOf to key (Check and NoteFor then do). Any other key is
// returned as it is: all offences do not stand in for one offence.
func FigureKey(key string, year int, has func(key string, year int) bool) string {
	if key == GeneralCrime && !has(key, year) && has(AllOffences, year) {
		return AllOffences
	}
	return key
}

// FallbackNote says that figures f stand in for the claim's offence key
// (f.InsteadOf; see FigureKey) and what that changes; "" when they do
// not.
func FallbackNote(f Figures) string {
	if f.InsteadOf == "" || f.InsteadOf == f.Offence {
		return ""
	}
	return fmt.Sprintf(Note("offence-fallback"), f.InsteadOf, f.Year, f.Offence)
}

// NoteFor returns the message of the claim's note code (one of
// Claim.Notes) for figures f: Note(code), except where the figures stand
// in for the claim's key (f.InsteadOf), whose notes would describe figures
// that are not shown: the notes that say crime is taken as key 890000 are
// left out (FallbackNote says what the figures are instead), and the note
// on people without a residence permit says that residence-law offences
// are included.
func NoteFor(code string, f Figures) string {
	if f.InsteadOf != "" && f.InsteadOf != f.Offence {
		switch code {
		case "offence-all", "no-offence":
			return ""
		case "frame-irregular":
			return Note("frame-irregular-all")
		}
	}
	return Note(code)
}
