package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/pks"
)

// kreisKeys are the offence keys bundled by district: the headline keys and
// the offence families the district table has.
var kreisKeys = []string{"------", "890000", "892000", "111000", "210000", "222000", "224000", "****00", "435*00", "510000", "730000", "725000"}

// kreisYears maps the PKS district tables to their year.
var kreisYears = map[string]string{
	"2020": "de-bka-pks-kreise/KR-F-01-T01-Kreise-Faelle-HZ_2020_with_pop.csv",
	"2022": "de-bka-pks-kreise/KR-F-01-T01-Kreise-Faelle-HZ_2022.csv",
}

// writeKreise writes suspects by district (all and non-German) for the
// kreisKeys, the districts with their BKA type, and the population of each
// district at 31 December of the same year (Regionaldatenbank
// 12411-03-03-4; Berlin and Hamburg from their Land rows).
func writeKreise(ctx context.Context, shared, out string) error {
	fs, ws, err := create(out, "pks_kreise_suspects.csv", "year", "ags", "key", "suspects", "suspects_nongerman")
	if err != nil {
		return err
	}
	fk, wk, err := create(out, "kreise.csv", "year", "ags", "name", "kreisart")
	if err != nil {
		return err
	}
	want := map[string]map[string]bool{}
	for _, year := range []string{"2020", "2022"} {
		t, err := readKreiseYear(ctx, shared, year)
		if err != nil {
			return err
		}
		arts := t.Extension[pks.KreisartKey].(map[string]string)
		kd, _ := t.Dim("kreis")
		want[year] = map[string]bool{}
		for _, c := range kd.Categories {
			wk.Write([]string{year, c.ID, c.Label, arts[c.ID]})
			want[year][c.ID] = true
		}
		for _, k := range kreisKeys {
			for _, c := range kd.Categories {
				s, nd := t.At(k, c.ID, "suspects"), t.At(k, c.ID, "suspects_nongerman")
				if s != s || nd != nd {
					return fmt.Errorf("%s: no suspects for key %s in %s", kreisYears[year], k, c.ID)
				}
				ws.Write([]string{year, c.ID, k, num(s), num(nd)})
			}
		}
	}
	if err := closeCSV(fs, ws); err != nil {
		return err
	}
	if err := closeCSV(fk, wk); err != nil {
		return err
	}
	rows, err := readCSV(filepath.Join(shared, "de-kreise-pop-nationality-age-2019-2022/de_kreise_pop_nationality_agegroup_2019_2022.csv"))
	if err != nil {
		return err
	}
	fp, wp, err := create(out, "destatis_kreise_population.csv", "year", "ags", "total", "foreigners")
	if err != nil {
		return err
	}
	h := map[string]int{}
	for i, c := range rows[0] {
		h[c] = i
	}
	found := map[string]int{}
	for _, r := range rows[1:] {
		year, ags, level := r[h["year"]], r[h["ags5"]], r[h["level"]]
		if r[h["age_group"]] != "Insgesamt" || want[year] == nil || !want[year][ags] || level != "kreis" && level != "land" {
			continue
		}
		if r[h["flag"]] != "" || r[h["total"]] == "" {
			return fmt.Errorf("population of %s in %s is missing (%q)", ags, year, r[h["flag"]])
		}
		wp.Write([]string{year, ags, r[h["total"]], r[h["foreigners"]]})
		found[year]++
	}
	for year, ags := range want {
		if found[year] != len(ags) {
			return fmt.Errorf("population found for %d of %d districts in %s", found[year], len(ags), year)
		}
	}
	return closeCSV(fp, wp)
}

// laender are the Länder by AGS, with their names and the names the panel
// uses where it spells them without umlauts.
var laender = [][3]string{{"01", "Schleswig-Holstein", ""}, {"02", "Hamburg", ""}, {"03", "Niedersachsen", ""}, {"04", "Bremen", ""},
	{"05", "Nordrhein-Westfalen", ""}, {"06", "Hessen", ""}, {"07", "Rheinland-Pfalz", ""}, {"08", "Baden-Württemberg", "Baden-Wurttemberg"},
	{"09", "Bayern", ""}, {"10", "Saarland", ""}, {"11", "Berlin", ""}, {"12", "Brandenburg", ""}, {"13", "Mecklenburg-Vorpommern", ""},
	{"14", "Sachsen", ""}, {"15", "Sachsen-Anhalt", ""}, {"16", "Thüringen", "Thuringen"}}

// writeLaender keeps from the Länder panel the PKS suspects (all offences,
// all and non-German) and the average population of Germans and
// foreigners (12411-0042) per Land and year.
func writeLaender(shared, out string) error {
	rows, err := readCSV(filepath.Join(shared, "de-laender-panel-2010-2020/laender_panel_2010_2020.csv"))
	if err != nil {
		return err
	}
	h := map[string]int{}
	for i, c := range rows[0] {
		h[c] = i
	}
	f, w, err := create(out, "laender_panel.csv", "year", "land", "name", "suspects", "suspects_nongerman", "germans", "foreigners")
	if err != nil {
		return err
	}
	code, name := map[string]string{}, map[string]string{}
	for _, l := range laender {
		panel := l[2]
		if panel == "" {
			panel = l[1]
		}
		code[panel], name[panel] = l[0], l[1]
	}
	var recs [][]string
	for _, r := range rows[1:] {
		c, ok := code[r[h["region"]]]
		if !ok {
			return fmt.Errorf("Länder panel: unknown region %q", r[h["region"]])
		}
		rec := []string{r[h["year"]], c, name[r[h["region"]]], r[h["total_suspects"]], r[h["non_german_abs"]], r[h["Germans"]], r[h["Foreigners"]]}
		for _, v := range rec[3:] {
			if _, err := strconv.Atoi(v); err != nil {
				return fmt.Errorf("Länder panel: %s %s: %q is not a count", rec[0], rec[2], v)
			}
		}
		recs = append(recs, rec)
	}
	slices.SortFunc(recs, func(a, b []string) int { return strings.Compare(a[0]+a[1], b[0]+b[1]) })
	for _, r := range recs {
		w.Write(r)
	}
	return closeCSV(f, w)
}

// readKreiseYear reads the BKA district table (KR-F-01-T01) of year.
func readKreiseYear(ctx context.Context, shared, year string) (*baserate.Table, error) {
	r, err := os.Open(filepath.Join(shared, kreisYears[year]))
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return pks.ReadKreise(ctx, r, filepath.Base(kreisYears[year]))
}
