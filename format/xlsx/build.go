package xlsx

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/baserate/baserate"
)

func nonEmpty(r []string) int {
	n := 0
	for _, c := range r {
		if c != "" {
			n++
		}
	}
	return n
}

func invalid(name, path string, err error) error {
	return &baserate.Error{Op: "xlsx", Kind: baserate.KindInvalid, Err: &baserate.PosError{File: name, Path: path, Offset: -1, Err: err}}
}

// build finds the header and data rows and makes the long table.
func build(name, sheet string, g *cellGrid, opt Options) (*baserate.Table, error) {
	rows := g.rows
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	for i := range rows {
		for len(rows[i]) < width {
			rows[i] = append(rows[i], "")
		}
	}
	// Numbers stored as text in German notation ("5.604.012 p", "12,5").
	german := germanText(rows)
	// Formulas without a cached value (openpyxl, pandas) are computed.
	if g.formula != nil {
		n := 0
		for r := range rows {
			for c := range rows[r] {
				if rows[r][c] == "" && n < 10000 {
					n++
					rows[r][c] = g.formula(r, c)
				}
			}
		}
	}
	// Title lines: leading rows with at most one non-empty cell.
	top := 0
	var title []string
	isTitle := func(r []string) bool {
		n := nonEmpty(r)
		return n == 0 || n == 1 && opt.HeaderRows == 0 && !hasNumber([][]string{r})
	}
	for top < len(rows) && isTitle(rows[top]) {
		for _, c := range rows[top] {
			if c != "" {
				title = append(title, c)
			}
		}
		top++
	}
	// The first data row: the first row with a number that is neither a
	// column numbering nor a header row of years.
	first := -1
	if opt.HeaderRows > 0 {
		first = top + opt.HeaderRows
	} else {
		for r := top; r < len(rows); r++ {
			if hasNumber(rows[r:r+1]) && !isNumbering(rows[r]) && !isYearHeader(rows, r) {
				first = r
				break
			}
		}
	}
	if first < 0 || first >= len(rows) {
		return nil, invalid(name, sheet, fmt.Errorf("cannot find the rows of numbers below a header; give --header-rows N (header rows after the title lines) or --range A5:F20"))
	}
	// The header: the rows just above the data that fill a good part of
	// its width; a blank row, or a row with a note or two (title lines,
	// "Hinweis: ..."), ends it. A lone cell in the first column right
	// above the data names the label column ("GEO (Labels)").
	hstart, stubRow := top, -1
	if opt.HeaderRows == 0 {
		dataWidth := nonEmpty(rows[first])
		hstart = first
		for r := first - 1; r >= top; r-- {
			n := nonEmpty(rows[r])
			stub := n == 1 && r == first-1 && rows[r][0] != "" && rows[first][0] != "" && !isNumber(rows[first][0])
			if n == 0 || !stub && (n < 2 && dataWidth > 2 || dataWidth >= 6 && n*10 < dataWidth*3) {
				break
			}
			if stub {
				stubRow = r
			}
			hstart = r
		}
	}
	for r := top; r < hstart; r++ {
		if s := strings.Join(nonEmptyCells(rows[r]), " "); s != "" {
			title = append(title, s)
		}
	}
	var header [][]string
	var headerAt []int // sheet row of each header row
	for i, h := range rows[hstart:first] {
		if !isNumbering(h) {
			header = append(header, h)
			headerAt = append(headerAt, g.row0+hstart+i)
		}
	}
	// Data rows: from first to the last row with a number, the rows that
	// hold a number; other rows are looked at once the columns are known.
	last := first
	for r := first; r < len(rows); r++ {
		if hasNumber(rows[r : r+1]) {
			last = r
		}
	}
	var data []int
	for r := first; r <= last; r++ {
		if hasNumber(rows[r : r+1]) {
			data = append(data, r)
		}
	}
	// Measure columns: those where most data rows hold a number or a
	// short symbol; label columns: the others.
	// Missing-value symbols count for neither; a column of symbols only is
	// a number column with no value, unless it is a flag column (below).
	var measures, labels []int
	for c := 0; c < width; c++ {
		num, text, sym := 0, 0, 0
		for _, r := range data {
			v := rows[r][c]
			switch {
			case v == "":
			case isNumber(v):
				num++
			case isMissing(v):
				sym++
			default:
				text++
			}
		}
		switch {
		case num > 0 && num >= text && !labelHeader(header, c) && !(c == 0 && len(measures) == 0 && allYears(rows, data, c)):
			measures = append(measures, c)
		case num > 0 || text > 0:
			labels = append(labels, c)
		case sym > 0 && c > 0:
			measures = append(measures, c)
		}
	}
	// A column of a few whole numbers between two label columns (a
	// quarter or month in a long table: Year | Quarter | Force | ... |
	// Number) is a label, while another number column remains.
	for k := 0; k < len(measures) && len(measures) > 1; k++ {
		c := measures[k]
		if slices.Contains(labels, c-1) && slices.Contains(labels, c+1) && fewWholeNumbers(rows, data, c) {
			labels = append(labels, c)
			slices.Sort(labels)
			measures = slices.Delete(measures, k, k+1)
			k--
		}
	}
	// Flag columns: a column without a header of its own right after a
	// number column, holding only short flags ("p", "e", "b"), gives the
	// status of the values beside it (Eurostat's downloads).
	flagOf := map[int]int{}
	headerOf := func(c int) string {
		var parts []string
		for _, h := range header {
			parts = append(parts, h[c])
		}
		return strings.Join(parts, "\x00")
	}
	isFlagColumn := func(c int) bool {
		if c == 0 || !slices.Contains(measures, c-1) {
			return false
		}
		if h := headerOf(c); strings.Trim(h, "\x00") != "" && h != headerOf(c-1) {
			return false
		}
		for r := first; r <= last; r++ {
			if v := rows[r][c]; v != "" && !(isSymbol(v) && len(v) <= 3) {
				return false
			}
		}
		flagOf[c-1] = c
		return true
	}
	labels = slices.DeleteFunc(labels, isFlagColumn)
	measures = slices.DeleteFunc(measures, func(c int) bool { return !numericColumn(rows, data, c) && isFlagColumn(c) })
	// Rows without a number whose number cells hold only symbols are data
	// too (a country with no value at all), inside the block or right
	// after it; other rows after the first data row are notes.
	symbolRow := func(r int) bool {
		sym := 0
		for _, c := range measures {
			v := rows[r][c]
			if v == "" {
				continue
			}
			if !isMissing(v) {
				return false
			}
			sym++
		}
		if sym == 0 || len(labels) == 0 {
			return false
		}
		for _, c := range labels {
			if v := rows[r][c]; v != "" && !isMissing(v) {
				return true
			}
		}
		return false
	}
	var notes []string
	type heading struct {
		row  int
		text string
	}
	var headings []heading
	data = data[:0]
	for r := first; r < len(rows); r++ {
		switch {
		case r <= last && hasNumber(rows[r:r+1]), r <= last && symbolRow(r):
			data = append(data, r)
		case r < last && nonEmpty(rows[r]) == 1 && len(notes) == 0:
			headings = append(headings, heading{r, strings.Join(nonEmptyCells(rows[r]), "")})
		case r > last && len(data) > 0 && r == data[len(data)-1]+1 && symbolRow(r):
			data = append(data, r)
			last = r
		default:
			if s := strings.Join(nonEmptyCells(rows[r]), " "); s != "" {
				notes = append(notes, s)
			}
		}
	}
	colName := func(c int, lastOnly bool) string {
		var parts []string
		if c == width {
			return "section"
		}
		for _, h := range header {
			if v := cleanLabel(strings.Join(strings.Fields(h[c]), " ")); v != "" && (len(parts) == 0 || parts[len(parts)-1] != v) {
				parts = append(parts, v)
			}
		}
		if len(parts) == 0 {
			col, _ := excelize.ColumnNumberToName(g.col0 + c)
			return col
		}
		if lastOnly {
			return parts[len(parts)-1]
		}
		return strings.Join(parts, " / ")
	}
	// Fill down empty label cells first (sparse label columns), then pair
	// a code column with the name column beside it when each code has one
	// name and each name one code ("Schlüssel" and "Straftat"): one
	// dimension, codes as ids, names as labels.
	filled := 0
	for _, c := range labels {
		lastv := ""
		for _, r := range data {
			if rows[r][c] == "" && lastv != "" {
				rows[r][c] = lastv
				filled++
			}
			lastv = rows[r][c]
		}
	}
	labelCol := map[int]int{}
	var keep []int
	for k := 0; k < len(labels); k++ {
		c := labels[k]
		if k+1 < len(labels) && labels[k+1] == c+1 && pairs(rows, data, c, c+1) {
			labelCol[c] = c + 1
			keep = append(keep, c)
			k++
			continue
		}
		keep = append(keep, c)
	}
	labels = keep
	// Headings inside the data (a lone cell, such as "31.12.2020" in a
	// Regionalstatistik table that stacks its years) that start blocks
	// repeating the same labels are a dimension "section"; the rows before
	// the first heading are "(first block)". Headings that do not separate
	// repeated labels are notes.
	sections := false
	if len(headings) > 0 && len(labels) > 0 && distinctRows(rows, data, labels) < len(data) {
		// A lone cell right above the data, taken for the label column's
		// name, is then the first block's heading.
		cur, h := "(first block)", 0
		if stubRow >= 0 {
			cur = strings.Join(nonEmptyCells(rows[stubRow]), "")
		}
		for r := range rows {
			for h < len(headings) && headings[h].row < r {
				cur = headings[h].text
				h++
			}
			rows[r] = append(rows[r], cur)
		}
		withSection := append([]int{width}, labels...)
		if distinctRows(rows, data, withSection) > distinctRows(rows, data, labels) {
			labels = withSection
			sections = true
			if stubRow >= 0 && len(header) > 0 {
				header = header[:len(header)-1]
				headerAt = headerAt[:len(headerAt)-1]
			}
		}
	}
	if !sections {
		var hn []string
		for _, h := range headings {
			hn = append(hn, h.text)
		}
		notes = append(hn, notes...)
	}
	// Label columns after those that already tell every row apart add no
	// dimension: they describe the row (a profession beside a name) and are
	// kept as attributes; one that holds numbers (an age beside a name) is
	// a measure. When the label columns do not tell the rows apart (a
	// sheet of records such as iris, or no label column at all), the rows
	// themselves are the dimension.
	var attrs []int
	record := false
	if len(data) >= 3 {
		key := -1
		for k := 1; k <= len(labels); k++ {
			if distinctRows(rows, data, labels[:k]) == len(data) {
				key = k
				break
			}
		}
		switch {
		case key > 0 && key < len(labels):
			kept := labels[:key:key]
			for _, c := range labels[key:] {
				if distinctRows(rows, data, []int{c}) == 1 {
					// one value for all rows (Jahr 2023): a dimension of
					// size one costs no cell and keeps the value
					kept = append(kept, c)
					continue
				}
				cs := []int{c}
				if lc, ok := labelCol[c]; ok {
					cs = append(cs, lc)
				}
				for _, c := range cs {
					if numericColumn(rows, data, c) {
						measures = append(measures, c)
					} else {
						attrs = append(attrs, c)
					}
				}
			}
			labels = kept
			slices.Sort(measures)
		case key < 0 && (len(labels) == 0 || (len(data)-distinctRows(rows, data, labels))*10 > len(data)):
			record = true
			for _, c := range labels {
				attrs = append(attrs, c)
				if lc, ok := labelCol[c]; ok {
					attrs = append(attrs, lc)
				}
			}
			labels = nil
		}
	}
	if len(measures) == 0 {
		return nil, invalid(name, sheet, fmt.Errorf("no column of numbers; choose the table with --range and --header-rows"))
	}
	var dims []*baserate.Dimension
	index := make([]map[string]int, len(labels))
	seenDim := map[string]int{}
	for k, c := range labels {
		id := colName(c, true)
		if n := seenDim[id]; n > 0 {
			id = fmt.Sprintf("%s (%d)", id, n+1)
		}
		seenDim[id]++
		dims = append(dims, &baserate.Dimension{ID: id})
		index[k] = map[string]int{}
	}
	if record {
		var names []string
		for _, c := range attrs {
			names = append(names, colName(c, true))
		}
		dims = append(dims, &baserate.Dimension{ID: "row", Label: strings.Join(names, " / ")})
		index = append(index, map[string]int{})
	}
	md := &baserate.Dimension{ID: "measure", Role: baserate.RoleMetric}
	seenM := map[string]bool{}
	for _, c := range measures {
		id := colName(c, false)
		for n := 2; seenM[id]; n++ {
			id = fmt.Sprintf("%s (%d)", colName(c, false), n)
		}
		seenM[id] = true
		md.Categories = append(md.Categories, baserate.Category{ID: id})
	}
	type obs struct {
		pos  []int
		vals []string
		flag []string
		ref  int
	}
	var all []obs
	repeated := 0
	renamed := map[string]bool{}
	seen := map[string]int{}
	attrVals := map[string]map[string]string{}
	for _, r := range data {
		pos := make([]int, len(dims))
		for k, c := range labels {
			raw := rows[r][c]
			v := cleanLabel(raw)
			if v == "" {
				v = "(blank)"
			}
			j, ok := index[k][v]
			if !ok {
				j = len(dims[k].Categories)
				index[k][v] = j
				cat := baserate.Category{ID: v}
				if lc, ok := labelCol[c]; ok {
					cat.Label = rows[r][lc]
				} else if raw != v {
					cat.Label = raw
				}
				dims[k].Categories = append(dims[k].Categories, cat)
			} else if lc, ok := labelCol[c]; ok && rows[r][lc] != "" && dims[k].Categories[j].Label != rows[r][lc] {
				// A code renamed over the rows (a time series): the
				// latest name is kept.
				dims[k].Categories[j].Label = rows[r][lc]
				renamed[dims[k].ID+"\x00"+v] = true
			}
			pos[k] = j
		}
		rowID := ""
		if record {
			k := len(dims) - 1
			rowID = strconv.Itoa(g.row0 + r)
			var ls []string
			for _, c := range attrs {
				if v := rows[r][c]; v != "" {
					ls = append(ls, v)
				}
			}
			pos[k] = len(dims[k].Categories)
			dims[k].Categories = append(dims[k].Categories, baserate.Category{ID: rowID, Label: strings.Join(ls, " / ")})
		}
		key := fmt.Sprint(pos)
		if _, dup := seen[key]; dup && len(labels) > 0 {
			// The same labels again (a repeated block, a sub-heading that
			// reuses a name): keep the row apart, naming its sheet row.
			k := 0
			v := fmt.Sprintf("%s (row %d)", dims[k].Categories[pos[k]].ID, g.row0+r)
			j, ok := index[k][v]
			if !ok {
				j = len(dims[k].Categories)
				index[k][v] = j
				dims[k].Categories = append(dims[k].Categories, baserate.Category{ID: v})
			}
			pos[k] = j
			key = fmt.Sprint(pos)
			repeated++
		}
		seen[key] = r
		if len(attrs) > 0 {
			id := rowID
			if !record {
				var ids []string
				for k := range labels {
					ids = append(ids, dims[k].Categories[pos[k]].ID)
				}
				id = strings.Join(ids, " / ")
			}
			for _, c := range attrs {
				n := colName(c, true)
				if attrVals[n] == nil {
					attrVals[n] = map[string]string{}
				}
				attrVals[n][id] = rows[r][c]
			}
		}
		vals := make([]string, len(measures))
		flags := make([]string, len(measures))
		for j, c := range measures {
			vals[j] = rows[r][c]
			if fc, ok := flagOf[c]; ok {
				flags[j] = rows[r][fc]
			}
		}
		all = append(all, obs{pos: pos, vals: vals, flag: flags, ref: r})
	}
	if split := splitHeader(header, headerAt, measures, labels, len(md.Categories)); split != nil {
		dims = append(dims, split...)
	} else {
		dims = append(dims, md)
	}
	cells := 1
	for _, d := range dims {
		if d.Size() == 0 {
			d.Categories = []baserate.Category{{ID: "(all)"}}
		}
		if cells > MaxCells/d.Size() {
			var sz []string
			for _, d := range dims {
				sz = append(sz, fmt.Sprintf("%s (%d)", d.ID, max(d.Size(), 1)))
			}
			return nil, &baserate.Error{Op: "xlsx", Kind: baserate.KindTooLarge, Err: &baserate.PosError{File: name, Path: sheet, Offset: -1,
				Err: fmt.Errorf("the label columns %s span more than %d cells for %d data rows: the sheet is not one table; choose one with --range and --header-rows", strings.Join(sz, " x "), MaxCells, len(data))}}
		}
		cells *= d.Size()
	}
	t := baserate.New(sheet, dims...)
	if len(title) > 0 {
		t.Label = strings.Join(title, " ")
	}
	t.Notes = notes
	nm := len(measures)
	unread, firstUnread := 0, ""
	for _, o := range all {
		base := 0
		for k, d := range dims[:len(o.pos)] {
			base = base*d.Size() + o.pos[k]
		}
		base *= nm
		for j, v := range o.vals {
			f, st, ok := flaggedNumber(v)
			switch {
			case ok:
				t.Values[base+j] = f
			case v != "":
				if len(v) > 16 {
					return nil, invalid(name, fmt.Sprintf("%s!%s", sheet, g.ref(o.ref, measures[j])), fmt.Errorf("%q in a column of numbers; choose the table with --range and --header-rows", v[:16]+"..."))
				}
				if strings.ContainsFunc(v, unicode.IsDigit) {
					if unread == 0 {
						firstUnread = fmt.Sprintf("%q at %s", v, g.ref(o.ref, measures[j]))
					}
					unread++
				}
				st = v
			}
			if o.flag[j] != "" {
				st = o.flag[j]
			}
			if st != "" {
				t.SetStatus(base+j, baserate.Status(st))
			}
		}
	}
	first1, _ := excelize.CoordinatesToCellName(g.col0, g.row0+first)
	ext := map[string]any{"sheet": sheet, "headerRows": len(header), "firstDataCell": first1}
	if len(attrVals) > 0 {
		ext["attributes"] = attrVals
	}
	t.Extension = map[string]any{"xlsx": ext}
	if len(renamed) > 0 {
		t.AddCaveat(baserate.Caveat{Code: "xlsx-renamed-codes", Message: fmt.Sprintf("%d codes appear with more than one name in the label column beside them; each keeps the name of its last row", len(renamed)), Source: name})
	}
	if repeated > 0 {
		t.AddCaveat(baserate.Caveat{Code: "xlsx-repeated-labels", Message: fmt.Sprintf("%d rows repeat the labels of an earlier row; their last label carries the sheet row, such as \"(row 12)\"", repeated), Source: name})
	}
	if filled > 0 {
		t.AddCaveat(baserate.Caveat{Code: "xlsx-filled-labels", Message: fmt.Sprintf("%d empty label cells took the label above them", filled), Source: name})
	}
	if german > 0 {
		t.AddCaveat(baserate.Caveat{Code: "xlsx-german-text-numbers", Message: fmt.Sprintf("%d numbers stored as text were written in German notation (dots between thousands, a decimal comma) and were read so", german), Source: name})
	}
	if unread > 0 {
		t.AddCaveat(baserate.Caveat{Code: "xlsx-unread-numbers", Message: fmt.Sprintf("%d cells in number columns hold digits but are not numbers this reader can read (first %s); they are missing, with their text as status", unread, firstUnread), Source: name})
	}
	if record {
		t.AddCaveat(baserate.Caveat{Code: "xlsx-record-rows", Message: "the label columns do not tell the rows apart, so each sheet row is a category of the dimension \"row\" (its label joins the row's labels)", Source: name})
	} else if len(attrs) > 0 {
		var names []string
		for _, c := range attrs {
			names = append(names, colName(c, true))
		}
		t.AddCaveat(baserate.Caveat{Code: "xlsx-attributes", Message: fmt.Sprintf("the columns %q describe rows already told apart by the columns before them; they are kept as attributes (extension xlsx.attributes), not dimensions", names), Source: name})
	}
	return t, nil
}

// distinctRows counts the distinct combinations of the label columns cs
// over the data rows.
func distinctRows(rows [][]string, data []int, cs []int) int {
	seen := map[string]bool{}
	for _, r := range data {
		var b strings.Builder
		for _, c := range cs {
			b.WriteString(rows[r][c])
			b.WriteByte(0)
		}
		seen[b.String()] = true
	}
	return len(seen)
}

func numericColumn(rows [][]string, data []int, c int) bool {
	n := 0
	for _, r := range data {
		if v := rows[r][c]; v != "" {
			if !isNumber(v) {
				return false
			}
			n++
		}
	}
	return n > 0
}

// isNumbering reports whether a row is the column numbering some offices
// put under the header: 1, 2, 3, ... in consecutive non-empty cells.
func isNumbering(r []string) bool {
	n := 0
	for _, c := range r {
		if c == "" {
			continue
		}
		v, ok := number(c)
		if !ok || v != float64(n+1) {
			return false
		}
		n++
	}
	return n >= 3
}

// isYearHeader reports whether row r is a header row of years over the
// number columns (GENESIS, Eurostat): its numbers are all whole years in
// order (a merged year repeats over its columns), at least two with no
// text after them, or any number of them beside a text cell that stands
// over a number (a header cell); and the row below is not also such a
// row (a column of years under each other is data).
func isYearHeader(rows [][]string, r int) bool {
	years := func(i int) bool {
		n, prev, textAfter := 0, 0.0, false
		for _, v := range rows[i] {
			if v == "" {
				continue
			}
			x, ok := number(v)
			if !ok {
				textAfter = textAfter || n > 0
				continue
			}
			if x != math.Trunc(x) || x < 1800 || x > 2200 || x < prev || !isPlainYear(v) {
				return false
			}
			prev = x
			n++
		}
		return n >= 2 && !textAfter || n >= 1 && textOverNumber(rows, i)
	}
	return years(r) && (r+1 >= len(rows) || !years(r+1))
}

// textOverNumber reports whether row r has a text cell (not a symbol)
// above a number in the next row: a header cell, as in
// "Offence | 2023 | Change %" over "Theft | 1200 | 3".
func textOverNumber(rows [][]string, r int) bool {
	if r+1 >= len(rows) {
		return false
	}
	for c, v := range rows[r] {
		if c > 0 && v != "" && !isNumber(v) && !isMissing(v) && c < len(rows[r+1]) && isNumber(rows[r+1][c]) {
			return true
		}
	}
	return false
}

func isPlainYear(s string) bool {
	return len(s) == 4 && strings.Trim(s, "0123456789") == ""
}

// labelHeader reports whether the header of column c names categories
// (years, keys, codes) even though its cells are numbers.
func labelHeader(header [][]string, c int) bool {
	for _, h := range header {
		l := strings.ToLower(h[c])
		for _, w := range []string{"jahr", "year", "schlüssel", "schluessel", "key", "code", "kennziffer", "zeit", "period", "année", "annee", "år", "vuosi", "anno", "año", "id", "age", "âge", "alter", "ålder", "ikä", "edad", "età", "gkz", "ags", "ars"} {
			if l == w || strings.HasPrefix(l, w+" ") || strings.HasSuffix(l, " "+w) {
				return true
			}
		}
	}
	return false
}

// allYears reports whether the data cells of column c are all whole years.
func allYears(rows [][]string, data []int, c int) bool {
	n := 0
	for _, r := range data {
		v, ok := number(rows[r][c])
		if !ok {
			if rows[r][c] != "" {
				return false
			}
			continue
		}
		if v != math.Trunc(v) || v < 1800 || v > 2200 {
			return false
		}
		n++
	}
	return n > 0
}

// pairs reports whether columns a and b are a code and its name: each
// name has one code (at most 20% more distinct pairs than names); a code
// may have had several names over time (renamings). A column that the
// column before it determines, but not the reverse (a profession beside
// a name), is not a pair.
func pairs(rows [][]string, data []int, a, b int) bool {
	as, bs, ab := map[string]bool{}, map[string]bool{}, map[[2]string]bool{}
	for _, r := range data {
		x, y := rows[r][a], rows[r][b]
		as[x], bs[y], ab[[2]string{x, y}] = true, true, true
	}
	return len(as) > 1 && len(bs) > 1 && len(ab)*5 <= len(bs)*6
}

func nonEmptyCells(r []string) []string {
	var out []string
	for _, c := range r {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

// splitHeader makes one dimension per header row over the number columns
// when those rows cross each other in full, in reading order (a GENESIS
// table's year over sex over measure: every year has every sex, every sex
// every measure). Rows with one value over all the number columns (a
// heading above them all) are left out. The last row is the measure
// dimension; the others take their id from the row's text in the label
// columns ("Stichtag"), else "time" when they are years, else the header
// row's number. It returns nil when the header is not such a cross, and
// the measure dimension then joins the rows' texts.
func splitHeader(header [][]string, headerAt, measures, labels []int, n int) []*baserate.Dimension {
	type level struct {
		row  int
		vals []string // distinct, in order
		at   map[string]int
	}
	var levels []level
	for i, h := range header {
		lv := level{row: i, at: map[string]int{}}
		for _, c := range measures {
			v := cleanLabel(strings.Join(strings.Fields(h[c]), " "))
			if v == "" {
				if len(lv.vals) > 0 || nonEmptyAt(h, measures) {
					return nil
				}
				break
			}
			if _, ok := lv.at[v]; !ok {
				lv.at[v] = len(lv.vals)
				lv.vals = append(lv.vals, v)
			}
		}
		if len(lv.vals) > 1 {
			levels = append(levels, lv)
		}
	}
	if len(levels) < 2 {
		return nil
	}
	size := 1
	for _, lv := range levels {
		size *= len(lv.vals)
	}
	if size != n || n != len(measures) {
		return nil
	}
	// Reading order: column j is the j-th combination, first row slowest.
	for j, c := range measures {
		rest := j
		for k := len(levels) - 1; k >= 0; k-- {
			lv := levels[k]
			v := cleanLabel(strings.Join(strings.Fields(header[lv.row][c]), " "))
			if lv.at[v] != rest%len(lv.vals) {
				return nil
			}
			rest /= len(lv.vals)
		}
	}
	var dims []*baserate.Dimension
	for k, lv := range levels {
		d := &baserate.Dimension{}
		if k == len(levels)-1 {
			d.ID, d.Role = "measure", baserate.RoleMetric
		} else {
			for _, c := range labels {
				if v := cleanLabel(strings.TrimSpace(header[lv.row][c])); v != "" {
					d.ID = v
				}
			}
			years := true
			for _, v := range lv.vals {
				years = years && isPlainYear(v)
			}
			if years {
				d.Role = baserate.RoleTime
			}
			if d.ID == "" && years {
				d.ID = "time"
			}
			if d.ID == "" {
				d.ID = fmt.Sprintf("header row %d", headerAt[lv.row])
			}
		}
		for _, v := range lv.vals {
			d.Categories = append(d.Categories, baserate.Category{ID: v})
		}
		dims = append(dims, d)
	}
	return dims
}

func nonEmptyAt(r []string, cs []int) bool {
	for _, c := range cs {
		if r[c] != "" {
			return true
		}
	}
	return false
}

// fewWholeNumbers reports whether the data cells of column c are whole
// numbers of at most 31 distinct values, each seen three times on average.
func fewWholeNumbers(rows [][]string, data []int, c int) bool {
	seen := map[string]bool{}
	for _, r := range data {
		v := rows[r][c]
		x, ok := number(v)
		if !ok || x != math.Trunc(x) {
			return false
		}
		seen[v] = true
	}
	return len(seen) <= 31 && len(seen)*3 <= len(data)
}
