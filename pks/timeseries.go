package pks

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
)

// AgeBands are the ids of the count columns of T40 and T50 (columns 4 to 31
// without the percentages), in the order of [TimeSeriesColumns]. "total" is
// all suspects; overlapping subtotals ("<14", "14-18", "<21", "21-25",
// "21+") are kept as published.
var AgeBands = []string{"total", "0-6", "6-8", "8-10", "10-12", "12-14", "<14", "14-16", "16-18", "14-18", "18-21", "<21", "21-23", "23-25", "21-25", "25-30", "30-40", "40-50", "50-60", "60+", "21+"}

// DisjointAgeBands are the 15 age bands of T40/T50 that partition the
// suspects: they add up to "total".
var DisjointAgeBands = []string{"0-6", "6-8", "8-10", "10-12", "12-14", "14-16", "16-18", "18-21", "21-23", "23-25", "25-30", "30-40", "40-50", "50-60", "60+"}

// TimeSeriesColumns are the 0-based workbook columns of AgeBands.
var TimeSeriesColumns = []int{3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 15, 17, 19, 20, 21, 23, 24, 25, 26, 27, 29}

// Citizenship ids used for the "citizenship" dimension.
const (
	German    = "deutsch"
	NonGerman = "nichtdeutsch"
)

// ReadTimeSeries reads a PKS time-series workbook of suspects by age (T40
// or T50). The table has dimensions citizenship (one category, from the
// title: "deutsch" or "nichtdeutsch"), offence (the key, labelled with its
// latest name), year and age ([AgeBands]). Offence-years the table lacks
// are missing. name is used in errors.
func ReadTimeSeries(ctx context.Context, r io.Reader, name string) (*baserate.Table, error) {
	t, _, err := readTimeSeries(ctx, r, name)
	return t, err
}

// ReadTimeSeriesLabels reads the offence names of a PKS time-series
// workbook (T40 or T50) as each year's rows print them, by key and year,
// with spacing cleaned (non-breaking spaces folded, runs of spaces made
// one). The BKA renames a key when what it covers changes (key 111000
// after the 2016 reform of § 177 StGB), so the names of consecutive years
// show where a key's series compares different offences. The workbook is
// checked as [ReadTimeSeries] checks it.
func ReadTimeSeriesLabels(ctx context.Context, r io.Reader, name string) (map[string]map[int]string, error) {
	_, labels, err := readTimeSeries(ctx, r, name)
	return labels, err
}

func readTimeSeries(ctx context.Context, r io.Reader, name string) (*baserate.Table, map[string]map[int]string, error) {
	rows, sheet, err := sheetRows(ctx, r, name)
	if err != nil {
		return nil, nil, err
	}
	// The title is in A2; the header row starts with "Schlüssel"; data rows
	// start with an offence key.
	cit := ""
	var notes []string
	header := -1
	for i, row := range rows {
		a := cell(row, 0)
		if i < 10 {
			low := strings.ToLower(a)
			switch {
			case strings.HasPrefix(low, "nichtdeutsche tatverdächtige"):
				cit = NonGerman
			case strings.HasPrefix(low, "deutsche tatverdächtige"):
				cit = German
			}
			for _, c := range []int{5, 16} {
				if s := cleanLabel(cell(row, c)); s != "" && !strings.HasPrefix(s, "Hinweis") && !strings.HasPrefix(s, "Tabelle") && s != "Bereich:" {
					notes = append(notes, s)
				}
			}
		}
		if a == "Schlüssel" {
			header = i
			break
		}
	}
	if header < 0 {
		return nil, nil, cellErr(name, sheet, 1, 0, `no header row starting with "Schlüssel": not a PKS time-series table`)
	}
	if cit == "" {
		return nil, nil, cellErr(name, sheet, 2, 0, `the title names neither "Deutsche" nor "Nichtdeutsche Tatverdächtige": not table T40 or T50`)
	}
	if h := cell(rows[header], 3); !strings.Contains(strings.ToLower(h), "insgesamt") {
		return nil, nil, cellErr(name, sheet, header+1, 3, fmt.Sprintf("column 4 is %q, want the suspects total (\"Tatverdächtige insgesamt\")", h))
	}
	type rec struct {
		key  string
		year int
		vals []float64
	}
	var recs []rec
	labels := map[string]string{}
	labelYear := map[string]int{}
	byYear := map[string]map[int]string{}
	years := map[int]bool{}
	seen := map[string]int{}
	// Some key cells were turned into numbers by spreadsheet software (T50
	// has 3E+100 where T40 has 3**100). Such a key is recovered from its
	// label when exactly one proper key has the same label.
	byLabel := map[string]map[string]bool{}
	for i := header + 1; i < len(rows); i++ {
		if k := cell(rows[i], 0); isKey(k) {
			l := cleanLabel(cell(rows[i], 1))
			if byLabel[l] == nil {
				byLabel[l] = map[string]bool{}
			}
			byLabel[l][k] = true
		}
	}
	repaired := map[string]string{}
	for i := header + 1; i < len(rows); i++ {
		row := rows[i]
		key := cell(row, 0)
		if !isKey(key) {
			y, err := strconv.Atoi(cell(row, 2))
			if key == "" || err != nil || y < 1900 || y > 2200 {
				continue
			}
			cands := byLabel[cleanLabel(cell(row, 1))]
			if _, numErr := strconv.ParseFloat(key, 64); numErr != nil || len(cands) != 1 {
				return nil, nil, cellErr(name, sheet, i+1, 0, fmt.Sprintf("%q is not an offence key", key))
			}
			for k := range cands {
				repaired[key] = k
				key = k
			}
		}
		ys := cell(row, 2)
		year, err := strconv.Atoi(ys)
		if err != nil || year < 1900 || year > 2200 {
			return nil, nil, cellErr(name, sheet, i+1, 2, fmt.Sprintf("year %q is not a year", ys))
		}
		id := fmt.Sprintf("%s/%d", key, year)
		if first, dup := seen[id]; dup {
			return nil, nil, cellErr(name, sheet, i+1, -1, fmt.Sprintf("offence %s, year %d appears twice (first in row %d)", key, year, first))
		}
		seen[id] = i + 1
		r := rec{key: key, year: year, vals: make([]float64, len(AgeBands))}
		for j, c := range TimeSeriesColumns {
			v, _, err := number(cell(row, c))
			if err != nil {
				return nil, nil, cellErr(name, sheet, i+1, c, err.Error())
			}
			if v < 0 {
				return nil, nil, cellErr(name, sheet, i+1, c, fmt.Sprintf("negative count %v", v))
			}
			r.vals[j] = v
		}
		l := cleanLabel(cell(row, 1))
		if year >= labelYear[key] {
			labels[key], labelYear[key] = l, year
		}
		if byYear[key] == nil {
			byYear[key] = map[int]string{}
		}
		byYear[key][year] = l
		years[year] = true
		recs = append(recs, r)
	}
	if len(recs) == 0 {
		return nil, nil, cellErr(name, sheet, header+2, -1, "no data rows after the header")
	}
	var bads []string
	for bad := range repaired {
		bads = append(bads, bad)
	}
	sort.Strings(bads)
	for _, bad := range bads {
		k := repaired[bad]
		notes = append(notes, fmt.Sprintf("The workbook has the number %s in the key column for rows labelled as key %s; they were read as %s.", bad, k, k))
	}
	var keys []string
	for k := range labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var ylist []int
	for y := range years {
		ylist = append(ylist, y)
	}
	sort.Ints(ylist)
	od := &baserate.Dimension{ID: "offence", Label: "Straftatenschlüssel"}
	for _, k := range keys {
		od.Categories = append(od.Categories, baserate.Category{ID: k, Label: labels[k]})
	}
	yd := &baserate.Dimension{ID: "year", Role: baserate.RoleTime}
	for _, y := range ylist {
		yd.Categories = append(yd.Categories, baserate.Category{ID: strconv.Itoa(y)})
	}
	ad := baserate.NewDimension("age", AgeBands...)
	cd := baserate.NewDimension("citizenship", cit)
	t := baserate.New("pks-"+map[string]string{German: "T40", NonGerman: "T50"}[cit], cd, od, yd, ad)
	t.Label = cleanLabel(cell(rows[1], 0))
	t.Source = "Bundeskriminalamt, Polizeiliche Kriminalstatistik, " + name
	t.Updated = cleanLabel(cell(rows[4], 0))
	t.Notes = notes
	pos := make([]int, 4)
	for _, r := range recs {
		pos[1], pos[2] = od.Index(r.key), yd.Index(strconv.Itoa(r.year))
		for j, v := range r.vals {
			pos[3] = j
			off := t.Offset(pos)
			t.Values[off] = v
		}
	}
	for off, v := range t.Values {
		if v != v {
			t.SetStatus(off, baserate.StatusMissing)
		}
	}
	return t, byYear, nil
}
