package px

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
)

// meta fills in labels, roles, units, hierarchies, notes and the
// extension, and checks the optional keywords, noting defects as caveats.
func (b *builder) meta(byKey map[string][]*entry, first func(string) *entry, varOf func(*entry, string) int) {
	t := b.t
	ext := map[string]any{"charset": b.charset}
	b.ext = ext
	if e := first("MATRIX"); e != nil {
		t.ID = b.str(e)
		ext["matrix"] = t.ID
	}
	if e := first("TABLEID"); e != nil {
		ext["tableid"] = b.str(e)
		if t.ID == "" {
			t.ID = b.str(e)
		}
	}
	titleKey := "TITLE"
	if first("TITLE") == nil {
		titleKey = "DESCRIPTION"
	}
	for _, e := range byKey[titleKey] {
		if len(e.sub) > 0 {
			continue
		}
		if b.isDefault(e) {
			t.Label = b.str(e)
		}
		if len(b.langs) > 0 {
			if t.Labels == nil {
				t.Labels = map[string]string{}
			}
			l := e.lang
			if b.isDefault(e) {
				l = b.lang
			}
			t.Labels[l] = b.str(e)
		}
	}
	if e := first("SOURCE"); e != nil {
		t.Source = b.str(e)
	}
	if e := first("LAST-UPDATED"); e != nil {
		t.Updated = b.str(e)
	} else {
		for _, e := range byKey["LAST-UPDATED"] {
			if b.isDefault(e) {
				t.Updated = b.str(e)
				break
			}
		}
	}
	if b.lang != "" {
		ext["language"] = b.lang
	}
	if len(b.langs) > 0 {
		ext["languages"] = b.langs
	}
	decimals := -1
	if e := first("DECIMALS"); e != nil {
		if n, err := strconv.Atoi(b.str(e)); err == nil && n >= 0 && n <= 15 {
			decimals = n
			ext["decimals"] = n
		} else {
			b.caveat("px-bad-value", "line %d: DECIMALS=%q is not a number from 0 to 15", e.line, b.str(e))
		}
	}
	if e := first("SHOWDECIMALS"); e != nil {
		n, err := strconv.Atoi(b.str(e))
		switch {
		case err != nil || n < 0 || n > 6:
			b.caveat("px-bad-value", "line %d: SHOWDECIMALS=%q is not a number from 0 to 6", e.line, b.str(e))
		case decimals >= 0 && n > decimals:
			b.caveat("px-bad-value", "line %d: SHOWDECIMALS=%d exceeds DECIMALS=%d", e.line, n, decimals)
		default:
			ext["showdecimals"] = n
		}
	}
	for _, k := range []string{"AGGREGALLOWED", "AUTOPEN", "COPYRIGHT", "DESCRIPTIONDEFAULT", "OFFICIAL-STATISTICS"} {
		if e := first(k); e != nil {
			v := strings.ToUpper(b.str(e))
			if v != "YES" && v != "NO" {
				b.caveat("px-bad-value", "line %d: %s=%q must be YES or NO", e.line, k, b.str(e))
			}
		}
	}
	if e := first("DESCRIPTIONDEFAULT"); e != nil && strings.EqualFold(b.str(e), "YES") && first("DESCRIPTION") == nil {
		b.caveat("px-bad-value", "line %d: DESCRIPTIONDEFAULT=YES but there is no DESCRIPTION", e.line)
	}
	// Data symbols and their meanings.
	syms := map[string]string{}
	defaults := []string{".", "..", "...", "....", ".....", "......"}
	for k, sym := range defaults {
		if e := first(fmt.Sprintf("DATASYMBOL%d", k+1)); e != nil {
			syms[sym] = b.str(e)
		}
	}
	if e := first("DATASYMBOLNIL"); e != nil {
		syms["-"] = b.str(e)
	}
	if e := first("DATASYMBOLSUM"); e != nil {
		ext["datasymbolsum"] = b.str(e)
	}
	if len(syms) > 0 {
		ext["datasymbols"] = syms
	}
	// Notes: table-level first, then per variable and per value.
	for _, e := range b.entries {
		if e.err != nil || !b.isDefault(e) {
			continue
		}
		switch e.key {
		case "NOTEX", "NOTE":
			note := b.str(e)
			switch len(e.sub) {
			case 0:
				t.Notes = append(t.Notes, note)
			case 1:
				i := varOf(e, b.dec(e.sub[0]))
				if i < 0 {
					b.caveat("px-unknown-variable", "line %d: %s names a variable that is not in STUB or HEADING; ignored", e.line, e.name(b.dec))
					continue
				}
				t.Notes = append(t.Notes, b.vars[i].name+": "+note)
			}
		case "VALUENOTE", "VALUENOTEX":
			if len(e.sub) == 2 {
				i := varOf(e, b.dec(e.sub[0]))
				if i < 0 || !slices.Contains(b.vars[i].values, b.dec(e.sub[1])) {
					b.caveat("px-unknown-variable", "line %d: %s names an unknown variable or value; ignored", e.line, e.name(b.dec))
					continue
				}
				t.Notes = append(t.Notes, b.vars[i].name+" "+b.dec(e.sub[1])+": "+b.str(e))
			}
		}
	}
	// Per-variable keywords that must name a variable.
	for _, k := range []string{"DOMAIN", "DOUBLECOLUMN", "ELIMINATION", "MAP", "PRESTEXT", "TIMEVAL", "HIERARCHIES", "HIERARCHYLEVELS", "HIERARCHYLEVELSOPEN", "HIERARCHYNAMES", "PARTITIONED", "VARIABLE-TYPE"} {
		for _, e := range byKey[k] {
			if len(e.sub) < 1 || varOf(e, b.dec(e.sub[0])) < 0 {
				if (k == "TIMEVAL" || k == "HIERARCHIES") && len(e.sub) == 0 {
					continue
				}
				b.caveat("px-unknown-variable", "line %d: %s names a variable that is not in STUB or HEADING; ignored", e.line, e.name(b.dec))
			}
		}
	}
	elim := map[string]string{}
	for _, e := range byKey["ELIMINATION"] {
		if !b.isDefault(e) || len(e.sub) != 1 {
			continue
		}
		i := varOf(e, b.dec(e.sub[0]))
		if i < 0 {
			continue
		}
		v := b.vars[i]
		val := b.str(e)
		if len(e.toks) > 0 && e.toks[0].kind == tBare {
			elim[v.dim.ID] = strings.ToUpper(val)
			continue
		}
		j := slices.Index(v.values, val)
		if j < 0 {
			b.caveat("px-bad-value", "line %d: %s=%q is not a value of the variable", e.line, e.name(b.dec), val)
			continue
		}
		v.dim.Elimination = v.dim.Categories[j].ID
	}
	if len(elim) > 0 {
		ext["elimination"] = elim
	}
	// Roles: TIMEVAL marks time, MAP geography, CONTVARIABLE the metric.
	timeval := map[string]any{}
	for _, e := range byKey["TIMEVAL"] {
		if !b.isDefault(e) || len(e.sub) != 1 {
			continue
		}
		i := varOf(e, b.dec(e.sub[0]))
		if i < 0 {
			continue
		}
		v := b.vars[i]
		v.dim.Role = baserate.RoleTime
		scale, listed, isRange := b.tlist(e)
		timeval[v.dim.ID] = scale
		if !isRange && len(listed) > 0 && len(listed) != len(v.values) {
			b.caveat("px-bad-value", "line %d: %s lists %d periods for %d VALUES", e.line, e.name(b.dec), len(listed), len(v.values))
		}
	}
	if len(timeval) > 0 {
		ext["timescale"] = timeval
	}
	for _, e := range byKey["MAP"] {
		if b.isDefault(e) && len(e.sub) == 1 {
			if i := varOf(e, b.dec(e.sub[0])); i >= 0 && b.vars[i].dim.Role == baserate.RoleNone {
				b.vars[i].dim.Role = baserate.RoleGeo
			}
		}
	}
	var contvar *variable
	if e := first("CONTVARIABLE"); e != nil {
		name := b.str(e)
		if i := varOf(e, name); i >= 0 {
			contvar = b.vars[i]
			contvar.dim.Role = baserate.RoleMetric
		}
	}
	units := ""
	if e := first("UNITS"); e != nil {
		units = b.str(e)
		ext["units"] = units
	}
	if e := first("CONTENTS"); e != nil {
		ext["contents"] = b.str(e)
	}
	// Units and precision of the content categories.
	precision := map[string]map[string]int{}
	for _, e := range byKey["PRECISION"] {
		if !b.isDefault(e) || len(e.sub) != 2 {
			continue
		}
		i := varOf(e, b.dec(e.sub[0]))
		n, err := strconv.Atoi(b.str(e))
		if i < 0 || err != nil || !slices.Contains(b.vars[i].values, b.dec(e.sub[1])) {
			b.caveat("px-unknown-variable", "line %d: %s names an unknown variable or value; ignored", e.line, e.name(b.dec))
			continue
		}
		v := b.vars[i]
		j := slices.Index(v.values, b.dec(e.sub[1]))
		if precision[v.dim.ID] == nil {
			precision[v.dim.ID] = map[string]int{}
		}
		precision[v.dim.ID][v.dim.Categories[j].ID] = n
	}
	if len(precision) > 0 {
		ext["precision"] = precision
	}
	if contvar != nil {
		for j := range contvar.dim.Categories {
			c := &contvar.dim.Categories[j]
			u := &baserate.Unit{Label: units}
			if decimals >= 0 {
				u.Decimals = decimals
			}
			if p, ok := precision[contvar.dim.ID][c.ID]; ok {
				u.Decimals = p
			}
			c.Unit = u
		}
		for _, k := range []string{"UNITS", "LAST-UPDATED", "STOCKFA", "CONTACT", "REFPERIOD", "BASEPERIOD", "CFPRICES", "DAYADJ", "SEASADJ"} {
			for _, e := range byKey[k] {
				if !b.isDefault(e) || len(e.sub) != 1 {
					continue
				}
				j := slices.Index(contvar.values, b.dec(e.sub[0]))
				if j < 0 {
					j = slices.Index(contvar.dim.IDs(), b.dec(e.sub[0]))
				}
				if j < 0 {
					b.caveat("px-unknown-variable", "line %d: %s names %q, which is not a value of CONTVARIABLE %q; ignored", e.line, e.name(b.dec), b.dec(e.sub[0]), contvar.name)
					continue
				}
				if k == "UNITS" {
					contvar.dim.Categories[j].Unit.Label = b.str(e)
				}
			}
		}
	}
	// Hierarchies: "root","root":"child",... by value or code.
	for _, e := range byKey["HIERARCHIES"] {
		if !b.isDefault(e) || len(e.sub) != 1 {
			continue
		}
		i := varOf(e, b.dec(e.sub[0]))
		if i < 0 {
			continue
		}
		d := b.vars[i].dim
		find := func(s string) int {
			if j := d.Index(s); j >= 0 {
				return j
			}
			return slices.Index(b.vars[i].values, s)
		}
		toks := e.toks
		for k := 0; k+2 < len(toks); k++ {
			if toks[k].kind == tString && toks[k+1].kind == tColon && toks[k+2].kind == tString {
				p, c := find(b.dec(toks[k].text)), find(b.dec(toks[k+2].text))
				if p >= 0 && c >= 0 && p != c {
					d.Categories[c].Parent = d.Categories[p].ID
				}
				k += 2
			}
		}
	}
	// CELLNOTE coordinates must match the variables.
	for _, k := range []string{"CELLNOTE", "CELLNOTEX", "DATANOTECELL"} {
		for _, e := range byKey[k] {
			if len(e.sub) != len(b.vars) {
				b.caveat("px-bad-value", "line %d: %s has %d coordinates for %d variables; ignored", e.line, e.key, len(e.sub), len(b.vars))
			}
		}
	}
	// Everything as written, for whoever needs what the table model
	// has no place for.
	kw := map[string]any{}
	for _, e := range b.entries {
		if e.err != nil {
			continue
		}
		name := e.name(b.dec)
		if l, err := b.list(e); err == nil && len(l) > 1 {
			kw[name] = l
		} else {
			kw[name] = b.str(e)
		}
	}
	ext["keywords"] = kw
	t.Extension = map[string]any{"px": ext}
}

// tlist reads TIMEVAL: TLIST(A1),"2011",... or TLIST(A1, "1994"-"1996").
func (b *builder) tlist(e *entry) (scale string, values []string, isRange bool) {
	toks := e.toks
	for k := 0; k < len(toks); k++ {
		t := toks[k]
		switch t.kind {
		case tBare:
			if strings.EqualFold(string(t.text), "TLIST") {
				continue
			}
			if scale == "" {
				scale = string(t.text)
			}
		case tString:
			values = append(values, b.dec(t.text))
			if k+2 < len(toks) && toks[k+1].kind == tDash && toks[k+2].kind == tString {
				values = append(values, b.dec(toks[k+2].text))
				isRange = true
				k += 2
			}
		}
	}
	return scale, values, isRange
}

// finish applies cell notes as statuses and checks the labels.
func (b *builder) finish() {
	t := b.t
	// DATANOTECELL marks cells with a symbol shown beside the value.
	for _, e := range b.entries {
		if e.key != "DATANOTECELL" || e.err != nil || !b.isDefault(e) || len(e.sub) != len(b.vars) {
			continue
		}
		mark := baserate.Status(b.str(e))
		if mark == "" {
			continue
		}
		sets := make([][]int, len(b.vars))
		ok := true
		for i, s := range e.sub {
			v := b.vars[i]
			key := b.dec(s)
			if key == "*" {
				for j := range v.values {
					sets[i] = append(sets[i], j)
				}
				continue
			}
			j := v.dim.Index(key)
			if j < 0 {
				j = slices.Index(v.values, key)
			}
			if j < 0 {
				ok = false
				break
			}
			sets[i] = []int{j}
		}
		if !ok {
			b.caveat("px-unknown-variable", "line %d: DATANOTECELL names a cell that does not exist; ignored", e.line)
			continue
		}
		pos := make([]int, len(sets))
		var walk func(int)
		walk = func(i int) {
			if i == len(sets) {
				off := t.Offset(pos)
				if t.StatusAt(off) == baserate.StatusNone {
					t.SetStatus(off, mark)
				}
				return
			}
			for _, j := range sets[i] {
				pos[i] = j
				walk(i + 1)
			}
		}
		walk(0)
	}
	// Damaged text shows as U+FFFD once decoded: say so.
	for _, d := range t.Dims {
		for _, c := range append([]baserate.Category{{Label: d.Label}}, d.Categories...) {
			if strings.ContainsRune(c.Label, '\uFFFD') {
				b.caveat("px-encoding", "labels contain U+FFFD replacement characters (for example %q): the file's text was damaged before it was read", c.Label)
				return
			}
		}
	}
}
