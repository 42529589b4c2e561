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
//
// A message in f.Notes replaces the note of its code first.
func NoteFor(code string, f Figures) string {
	if m, ok := f.Notes[code]; ok {
		return m
	}
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

// CityState is a Land that is a city, with the district of that city in
// the district tables: Berlin and Hamburg are one district each; the
// Land Bremen is the cities of Bremen and Bremerhaven, two districts.
type CityState struct {
	// District is the AGS of the city's district.
	District string
	// Rest names the part of the Land outside the district, "" when the
	// district is the whole Land.
	Rest string
}

// cityStates are the city-states by their Land's AGS, with their cities'
// district AGS (Destatis, Gemeindeverzeichnis).
var cityStates = map[string]CityState{
	"02": {District: "02000"},
	"04": {District: "04011", Rest: "Bremerhaven (AGS 04012)"},
	"11": {District: "11000"},
}

// FigureArea returns the area whose figures check a claim about key in
// year (0: the claim names none) in the Land land, where has reports
// whether an area has figures for a key in a year (year 0: in some
// year): land itself when it has them. A city-state's Land has all
// offences only, for 2010–2020; when it lacks the key or the year and
// its city's district has both, FigureArea returns the district, and
// the CityState, whose note ("area-citystate") a checker must give
// instead of the Land's ("area-land"). Any other area is returned as it
// is.
func FigureArea(land, key string, year int, has func(area, key string, year int) bool) (string, *CityState) {
	cs, ok := cityStates[land]
	if !ok || has(land, key, year) || !has(cs.District, key, year) {
		return land, nil
	}
	return cs.District, &cs
}

// CityStateNote says that the figures of a city-state's district
// (see FigureArea) check a claim about the Land name.
func CityStateNote(name string, cs *CityState) string {
	m := fmt.Sprintf(Note("area-citystate"), name, cs.District)
	if cs.Rest != "" {
		m += " " + fmt.Sprintf(Note("area-citystate-part"), name, cs.District, cs.Rest)
	}
	return m
}
