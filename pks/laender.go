package pks

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/baserate/baserate"
)

// LaenderMeasures are the ids of the numeric columns of LA-F-01-T01
// (columns 4 to 21), in order.
var LaenderMeasures = []string{"cases", "cases_share_pct", "attempts", "attempts_pct",
	"scene_u20k", "scene_20k_100k", "scene_100k_500k", "scene_500k_plus", "scene_unknown",
	"firearm_threatened", "firearm_fired", "cleared", "clearance_rate_pct",
	"suspects", "suspects_male", "suspects_female", "suspects_nongerman", "suspects_nongerman_pct"}

// ReadLaender reads the PKS basic table by Land (LA-F-01-T01). The table
// has dimensions offence (key, labelled), land (as named by the BKA) and
// measure ([LaenderMeasures]). A suspect is counted once per Land, so sums
// over Länder exceed the federal count; the table notes say so.
func ReadLaender(ctx context.Context, r io.Reader, name string) (*baserate.Table, error) {
	rows, sheet, err := sheetRows(ctx, r, name)
	if err != nil {
		return nil, err
	}
	header := -1
	for i, row := range rows {
		if cell(row, 0) == "Schlüssel" {
			header = i
			break
		}
		if i > 20 {
			break
		}
	}
	if header < 0 || !strings.Contains(cell(rows[header], 2), "Bundesland") {
		return nil, cellErr(name, sheet, 1, 0, `no header row with "Schlüssel" and "Bundesland": not table LA-F-01-T01`)
	}
	od := &baserate.Dimension{ID: "offence", Label: "Straftatenschlüssel"}
	ld := &baserate.Dimension{ID: "land", Role: baserate.RoleGeo}
	type rec struct {
		o, l int
		vals []float64
		na   []int
	}
	var recs []rec
	seen := map[[2]int]int{}
	for i := header + 1; i < len(rows); i++ {
		row := rows[i]
		key := cell(row, 0)
		if !isKey(key) {
			if key != "" && cell(row, 2) != "" && cell(row, 3) != "" && !isColumnNumbers(row) {
				return nil, cellErr(name, sheet, i+1, 0, fmt.Sprintf("%q is not an offence key", key))
			}
			continue
		}
		land := cleanLabel(cell(row, 2))
		if land == "" {
			return nil, cellErr(name, sheet, i+1, 2, "no Land named")
		}
		o := od.Index(key)
		if o < 0 {
			od.Categories = append(od.Categories, baserate.Category{ID: key, Label: cleanLabel(cell(row, 1))})
			o = len(od.Categories) - 1
		}
		l := ld.Index(land)
		if l < 0 {
			ld.Categories = append(ld.Categories, baserate.Category{ID: land})
			l = len(ld.Categories) - 1
		}
		if first, dup := seen[[2]int{o, l}]; dup {
			return nil, cellErr(name, sheet, i+1, -1, fmt.Sprintf("offence %s in %s appears twice (first in row %d)", key, land, first))
		}
		seen[[2]int{o, l}] = i + 1
		rc := rec{o: o, l: l, vals: make([]float64, len(LaenderMeasures))}
		for j := range LaenderMeasures {
			v, na, err := number(cell(row, 3+j))
			if err != nil {
				return nil, cellErr(name, sheet, i+1, 3+j, err.Error())
			}
			if na {
				rc.na = append(rc.na, j)
			}
			rc.vals[j] = v
		}
		recs = append(recs, rc)
	}
	if len(recs) == 0 {
		return nil, cellErr(name, sheet, header+2, -1, "no data rows after the header")
	}
	md := baserate.NewDimension("measure", LaenderMeasures...)
	md.Role = baserate.RoleMetric
	t := baserate.New("pks-LA-F-01-T01", od, ld, md)
	t.Label = "PKS Grundtabelle, Bereich Länder"
	t.Source = "Bundeskriminalamt, Polizeiliche Kriminalstatistik, " + name
	t.Updated = cleanLabel(cell(rows[2], 0))
	if p := cleanLabel(cell(rows[2], 14)); p != "" {
		t.Notes = append(t.Notes, p)
	}
	t.Notes = append(t.Notes, "A suspect is counted once per Land: the sum over Länder exceeds the federal number of suspects.")
	pos := make([]int, 3)
	for _, rc := range recs {
		pos[0], pos[1] = rc.o, rc.l
		for j, v := range rc.vals {
			pos[2] = j
			t.Values[t.Offset(pos)] = v
		}
		for _, j := range rc.na {
			pos[2] = j
			t.SetStatus(t.Offset(pos), baserate.StatusNotApplic)
		}
	}
	for off, v := range t.Values {
		if v != v && t.StatusAt(off) == baserate.StatusNone {
			t.SetStatus(off, baserate.StatusMissing)
		}
	}
	return t, nil
}

// isColumnNumbers reports whether row is the "1, 2, 3, ..." row under a
// BKA header.
func isColumnNumbers(row []string) bool {
	return cell(row, 0) == "1" && cell(row, 1) == "2" && cell(row, 2) == "3"
}
