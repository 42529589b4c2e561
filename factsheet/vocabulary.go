package factsheet

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"strings"
	"sync"
)

//go:embed data/vocabulary.csv
var vocabularyCSV []byte

// The roles a dimension of an input table can play.
const (
	RoleYear        = "year"
	RoleOffence     = "offence"
	RoleCitizenship = "citizenship"
	RoleAge         = "age"
	RoleSex         = "sex"
	RoleArea        = "area"
	// RoleNone marks a dimension that plays no role: it must have one
	// category or be fixed to one.
	RoleNone = "-"
)

// Roles lists the roles in the order they are looked for.
var Roles = []string{RoleYear, RoleOffence, RoleCitizenship, RoleAge, RoleSex, RoleArea}

type vocab struct {
	dims map[string]string            // dimension name → role
	cats map[string]map[string]string // role → category name → canonical
}

var vocabulary = sync.OnceValue(func() vocab {
	v := vocab{dims: map[string]string{}, cats: map[string]map[string]string{}}
	r := csv.NewReader(bytes.NewReader(vocabularyCSV))
	r.Comment = '#'
	r.FieldsPerRecord = 4
	rows, err := r.ReadAll()
	if err != nil {
		panic("factsheet: data/vocabulary.csv: " + err.Error())
	}
	for _, row := range rows[1:] {
		role, kind, canon, name := row[0], row[1], row[2], fold(row[3])
		switch kind {
		case "dim":
			v.dims[name] = role
		case "cat":
			if v.cats[role] == nil {
				v.cats[role] = map[string]string{}
			}
			v.cats[role][name] = canon
		default:
			panic("factsheet: data/vocabulary.csv: unknown kind " + kind)
		}
	}
	return v
})

// fold is how names are compared: lower case, spaces folded.
func fold(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
