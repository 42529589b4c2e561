// Package tabletest compares tables in the format packages' tests.
package tabletest

import (
	"math"
	"slices"
	"strconv"

	"github.com/baserate/baserate"
)

// Diff reports the first difference in values, statuses, labels, roles,
// units, parents and notes between two tables, or "".
func Diff(a, b *baserate.Table) string {
	if a.ID != b.ID || a.Label != b.Label || a.Source != b.Source || a.Updated != b.Updated {
		return "table id/label/source/updated differ: " + a.ID + "|" + b.ID + " " + a.Label + "|" + b.Label
	}
	if !mapsEqual(a.Labels, b.Labels) || !slices.Equal(a.Notes, b.Notes) {
		return "table labels or notes differ"
	}
	if len(a.Dims) != len(b.Dims) || len(a.Values) != len(b.Values) {
		return "shape differs"
	}
	for i, da := range a.Dims {
		db := b.Dims[i]
		if da.ID != db.ID || da.Label != db.Label || da.Role != db.Role || da.Elimination != db.Elimination || !mapsEqual(da.Labels, db.Labels) {
			return "dimension " + da.ID + " differs"
		}
		for j, ca := range da.Categories {
			cb := db.Categories[j]
			if ca.ID != cb.ID || ca.Label != cb.Label || ca.Parent != cb.Parent || !mapsEqual(ca.Labels, cb.Labels) || (ca.Unit == nil) != (cb.Unit == nil) || ca.Unit != nil && *ca.Unit != *cb.Unit {
				return "category " + da.ID + "/" + ca.ID + " differs"
			}
		}
	}
	for i, v := range a.Values {
		w := b.Values[i]
		if v != w && !(math.IsNaN(v) && math.IsNaN(w)) {
			return "value " + strconv.Itoa(i) + " differs"
		}
		if a.StatusAt(i) != b.StatusAt(i) {
			return "status " + strconv.Itoa(i) + " differs"
		}
	}
	if len(a.Caveats) != len(b.Caveats) {
		return "caveats differ"
	}
	return ""
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
