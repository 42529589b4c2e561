package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
)

// modelPopYears maps each year of population (31 December) bundled by age
// group to the PKS district table whose districts it covers: a PKS year's
// rates use the population of the previous year's end (the BKA's
// convention) or of the same year's.
var modelPopYears = map[string]string{"2019": "2020", "2020": "2020", "2021": "2022", "2022": "2022"}

// youngBands and oldBands are the Regionaldatenbank age groups summed into
// residents aged 15–29 and 65 and over.
var (
	youngBands = map[string]bool{"15 bis unter 18 Jahre": true, "18 bis unter 20 Jahre": true, "20 bis unter 25 Jahre": true, "25 bis unter 30 Jahre": true}
	oldBands   = map[string]bool{"65 bis unter 70 Jahre": true, "70 bis unter 75 Jahre": true, "75 bis unter 80 Jahre": true,
		"80 bis unter 85 Jahre": true, "85 bis unter 90 Jahre": true, "90 Jahre und mehr": true}
)

// writeKreisModels writes what the district models need beyond the
// suspects: the cases recorded per district and key (column 6 of
// KR-F-01-T01), and the population at 31 December 2019–2022 with
// foreigners and the residents aged 15–29 and 65+ per district
// (Regionaldatenbank 12411-03-03-4; Berlin and Hamburg from their Land
// rows).
func writeKreisModels(ctx context.Context, shared, out string) error {
	fc, wc, err := create(out, "pks_kreise_cases.csv", "year", "ags", "key", "cases")
	if err != nil {
		return err
	}
	want := map[string]map[string]bool{}
	for _, year := range []string{"2020", "2022"} {
		t, err := readKreiseYear(ctx, shared, year)
		if err != nil {
			return err
		}
		kd, _ := t.Dim("kreis")
		want[year] = map[string]bool{}
		for _, c := range kd.Categories {
			want[year][c.ID] = true
		}
		for _, k := range kreisKeys {
			for _, c := range kd.Categories {
				v := t.At(k, c.ID, "cases")
				if v != v {
					return fmt.Errorf("%s: no cases for key %s in %s", kreisYears[year], k, c.ID)
				}
				wc.Write([]string{year, c.ID, k, num(v)})
			}
		}
	}
	if err := closeCSV(fc, wc); err != nil {
		return err
	}
	rows, err := readCSV(filepath.Join(shared, "de-kreise-pop-nationality-age-2019-2022/de_kreise_pop_nationality_agegroup_2019_2022.csv"))
	if err != nil {
		return err
	}
	h := map[string]int{}
	for i, c := range rows[0] {
		h[c] = i
	}
	type popRow struct{ total, foreigners, young, old int }
	pop := map[string]map[string]*popRow{}
	var order [][2]string
	for _, r := range rows[1:] {
		year, ags, level, band := r[h["year"]], r[h["ags5"]], r[h["level"]], r[h["age_group"]]
		pks, ok := modelPopYears[year]
		if !ok || !want[pks][ags] || level != "kreis" && level != "land" {
			continue
		}
		if band != "Insgesamt" && !youngBands[band] && !oldBands[band] {
			continue
		}
		if r[h["flag"]] != "" || r[h["total"]] == "" {
			return fmt.Errorf("population of %s in %s, %s is missing (%q)", ags, year, band, r[h["flag"]])
		}
		total, err := strconv.Atoi(r[h["total"]])
		if err != nil {
			return fmt.Errorf("population of %s in %s, %s: %w", ags, year, band, err)
		}
		if pop[year] == nil {
			pop[year] = map[string]*popRow{}
		}
		p := pop[year][ags]
		if p == nil {
			p = &popRow{}
			pop[year][ags] = p
			order = append(order, [2]string{year, ags})
		}
		switch {
		case band == "Insgesamt":
			f, err := strconv.Atoi(r[h["foreigners"]])
			if err != nil {
				return fmt.Errorf("foreigners of %s in %s: %w", ags, year, err)
			}
			p.total, p.foreigners = total, f
		case youngBands[band]:
			p.young += total
		default:
			p.old += total
		}
	}
	for year, pksYear := range modelPopYears {
		if len(pop[year]) != len(want[pksYear]) {
			return fmt.Errorf("population by age found for %d of %d districts in %s", len(pop[year]), len(want[pksYear]), year)
		}
	}
	fp, wp, err := create(out, "destatis_kreise_pop_age.csv", "year", "ags", "total", "foreigners", "age_15_29", "age_65_plus")
	if err != nil {
		return err
	}
	for _, k := range order {
		p := pop[k[0]][k[1]]
		if p.total == 0 || p.young+p.old > p.total {
			return fmt.Errorf("population of %s in %s: %d residents, %d aged 15-29, %d aged 65+", k[1], k[0], p.total, p.young, p.old)
		}
		wp.Write([]string{k[0], k[1], strconv.Itoa(p.total), strconv.Itoa(p.foreigners), strconv.Itoa(p.young), strconv.Itoa(p.old)})
	}
	return closeCSV(fp, wp)
}
