// Command gen derives the bundled data in ../data from the official files in
// ../shared/data/stats. Run it from the repository root:
//
//	go run ./bundle/gen -shared ../shared/data/stats -out bundle/data
//
// It reads the BKA workbooks with package pks (the same reader the project
// uses), keeps the offence keys and columns the fact sheets need, copies the
// Destatis 12411 flat file byte for byte, and reshapes the population
// tables. bundle's tests check the result against the originals.
package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/pks"
)

// ageKeys are the offence keys whose age breakdown is bundled: the
// families' keys and the keys the fact sheets and docs use.
var ageKeys = []string{"------", "890000", "892000", "100000", "111000", "****00", "500000", "510000", "730000",
	"725000", "726000", "600000", "674000", "200000", "210000", "220000", "222000", "224000", "000000", "891000", "899000"}

func main() {
	shared := flag.String("shared", "../shared/data/stats", "folder with the official files")
	out := flag.String("out", "bundle/data", "output folder")
	flag.Parse()
	if err := run(context.Background(), *shared, *out); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, shared, out string) error {
	ts := map[string]*baserate.Table{}
	names := map[string]map[string]map[int]string{}
	for cit, f := range map[string]string{
		pks.German:    "de-bka-pks-zeitreihen/ZR-TV-04-T40-TV-insg-deutsch_xls.xlsx",
		pks.NonGerman: "de-bka-pks-zeitreihen/ZR-TV-07-T50-TV-insg-nichtdeutsch_xls.xlsx",
	} {
		r, err := os.Open(filepath.Join(shared, f))
		if err != nil {
			return err
		}
		t, err := pks.ReadTimeSeries(ctx, r, filepath.Base(f))
		r.Close()
		if err != nil {
			return err
		}
		ts[cit] = t
		if r, err = os.Open(filepath.Join(shared, f)); err != nil {
			return err
		}
		names[cit], err = pks.ReadTimeSeriesLabels(ctx, r, filepath.Base(f))
		r.Close()
		if err != nil {
			return err
		}
	}
	if err := writeOffences(out, ts); err != nil {
		return err
	}
	if err := writeLabels(out, names); err != nil {
		return err
	}
	if err := writeTotals(out, ts); err != nil {
		return err
	}
	if err := writeAges(out, ts); err != nil {
		return err
	}
	if err := write2024(shared, out); err != nil {
		return err
	}
	if err := copyFile(filepath.Join(shared, "de-destatis-population/destatis_12411_bevoelkerung_nationalitaet_1984_2024.csv"), filepath.Join(out, "destatis_12411_population.csv")); err != nil {
		return err
	}
	if err := writePopAge(shared, out); err != nil {
		return err
	}
	if err := writeKreise(ctx, shared, out); err != nil {
		return err
	}
	if err := writeKreisModels(ctx, shared, out); err != nil {
		return err
	}
	return writeLaender(shared, out)
}

func create(out, name string, header ...string) (*os.File, *csv.Writer, error) {
	f, err := os.Create(filepath.Join(out, name))
	if err != nil {
		return nil, nil, err
	}
	w := csv.NewWriter(f)
	return f, w, w.Write(header)
}

func closeCSV(f *os.File, w *csv.Writer) error {
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func num(v float64) string {
	if v != v {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// keys returns the union of the offence keys of both tables, sorted, with
// the label of the latest year (T40's when both have one).
func keys(ts map[string]*baserate.Table) ([]string, map[string]string) {
	labels := map[string]string{}
	for _, cit := range []string{pks.NonGerman, pks.German} {
		d, _ := ts[cit].Dim("offence")
		for _, c := range d.Categories {
			labels[c.ID] = c.Label
		}
	}
	var ks []string
	for k := range labels {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks, labels
}

func writeOffences(out string, ts map[string]*baserate.Table) error {
	f, w, err := create(out, "pks_offences.csv", "key", "label")
	if err != nil {
		return err
	}
	ks, labels := keys(ts)
	for _, k := range ks {
		w.Write([]string{k, labels[k]})
	}
	return closeCSV(f, w)
}

// writeLabels writes each key's names over the years as runs: the first
// year of every name that differs from the year before (T40's name, T50's
// where T40 lacks the key-year).
func writeLabels(out string, names map[string]map[string]map[int]string) error {
	f, w, err := create(out, "pks_offence_labels.csv", "key", "from_year", "label")
	if err != nil {
		return err
	}
	var ks []string
	for k := range names[pks.NonGerman] {
		ks = append(ks, k)
	}
	for k := range names[pks.German] {
		if names[pks.NonGerman][k] == nil {
			ks = append(ks, k)
		}
	}
	slices.Sort(ks)
	for _, k := range ks {
		prev := ""
		for y := 1900; y <= 2200; y++ {
			l, ok := names[pks.German][k][y]
			if !ok {
				l, ok = names[pks.NonGerman][k][y]
			}
			if ok && l != prev {
				w.Write([]string{k, strconv.Itoa(y), l})
				prev = l
			}
		}
	}
	return closeCSV(f, w)
}

func writeTotals(out string, ts map[string]*baserate.Table) error {
	f, w, err := create(out, "pks_suspects_totals.csv", "key", "year", pks.German, pks.NonGerman)
	if err != nil {
		return err
	}
	ks, _ := keys(ts)
	for _, k := range ks {
		for y := 1987; y <= 2024; y++ {
			ys := strconv.Itoa(y)
			de := ts[pks.German].At(pks.German, k, ys, "total")
			nd := ts[pks.NonGerman].At(pks.NonGerman, k, ys, "total")
			if de != de && nd != nd {
				continue
			}
			w.Write([]string{k, ys, num(de), num(nd)})
		}
	}
	return closeCSV(f, w)
}

func writeAges(out string, ts map[string]*baserate.Table) error {
	bands := append([]string{"total"}, pks.DisjointAgeBands...)
	f, w, err := create(out, "pks_suspects_age.csv", append([]string{"citizenship", "key", "year"}, bands...)...)
	if err != nil {
		return err
	}
	for _, cit := range []string{pks.German, pks.NonGerman} {
		for _, k := range ageKeys {
			for y := 1987; y <= 2024; y++ {
				ys := strconv.Itoa(y)
				row := []string{cit, k, ys}
				any := false
				for _, b := range bands {
					v := ts[cit].At(cit, k, ys, b)
					any = any || v == v
					row = append(row, num(v))
				}
				if any {
					w.Write(row)
				}
			}
		}
	}
	return closeCSV(f, w)
}

// write2024 keeps the German and non-German rows of the PKS 2024 tables by
// sex and age whose offence key was recovered (pks2024_offence_rows.csv).
func write2024(shared, out string) error {
	dir := filepath.Join(shared, "de-bka-pks-2024-sex-age-nationality")
	rows, err := readCSV(filepath.Join(dir, "pks2024_offence_rows.csv"))
	if err != nil {
		return err
	}
	keyOf := map[string]string{}
	for _, r := range rows[1:] {
		if r[1] != "" && slices.Contains(ageKeys, r[1]) {
			keyOf[r[0]] = r[1]
		}
	}
	data, err := readCSV(filepath.Join(dir, "pks2024_tv_sex_age_by_group.csv"))
	if err != nil {
		return err
	}
	h := map[string]int{}
	for i, c := range data[0] {
		h[c] = i
	}
	src := []string{"total", "age_0_6", "age_6_8", "age_8_10", "age_10_12", "age_12_14", "age_14_16", "age_16_18", "heranwachsende_18_21",
		"age_21_23", "age_23_25", "age_25_30", "age_30_40", "age_40_50", "age_50_60", "age_60plus"}
	bands := append([]string{"total"}, pks.DisjointAgeBands...)
	f, w, err := create(out, "pks2024_suspects_sex_age.csv", append([]string{"citizenship", "key", "sex"}, bands...)...)
	if err != nil {
		return err
	}
	for _, r := range data[1:] {
		k, ok := keyOf[r[h["row_order"]]]
		g := r[h["group"]]
		if !ok || (g != pks.German && g != pks.NonGerman) || r[h["sex"]] == "total" {
			continue
		}
		row := []string{g, k, r[h["sex"]]}
		for _, c := range src {
			row = append(row, r[h[c]])
		}
		w.Write(row)
	}
	return closeCSV(f, w)
}

// writePopAge writes population by nationality, sex and single year of age:
// the Fortschreibung 1986-2019 (12411-0007) and, for 31.12.2023, Germans
// (12411-0007) and foreigners from the register (AZR, 12521-0003).
func writePopAge(shared, out string) error {
	dir := filepath.Join(shared, "de-destatis-pop-age-nationality")
	f, w, err := create(out, "destatis_pop_age.csv", "year", "source", "nationality", "sex", "age", "population")
	if err != nil {
		return err
	}
	old, err := readCSV(filepath.Join(dir, "de_pop_nationality_sex_age_1980_2019.csv"))
	if err != nil {
		return err
	}
	for _, r := range old[1:] { // year,stichtag,age,sex,nationality,population
		if y, _ := strconv.Atoi(r[0]); y < 1986 || r[2] == "total" {
			continue
		}
		w.Write([]string{r[0], "12411-0007", r[4], r[3], r[2], r[5]})
	}
	for _, p := range []struct{ file, source, nat string }{
		{"de_pop_germans_sex_age_2023.csv", "12411-0007", pks.German},
		{"de_azr_foreigners_sex_age_2023_allnationalities.csv", "12521-0003", "nichtdeutsch_azr"},
	} {
		rows, err := readCSV(filepath.Join(dir, p.file))
		if err != nil {
			return err
		}
		for _, r := range rows[1:] {
			if r[2] == "total" {
				continue
			}
			v := r[5]
			if v == "" {
				v = "0"
			}
			w.Write([]string{r[0], p.source, p.nat, r[3], r[2], v})
		}
	}
	return closeCSV(f, w)
}

func readCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) == 0 || !strings.Contains(strings.Join(rows[0], ","), ",") {
		return nil, fmt.Errorf("%s: no header", path)
	}
	return rows, nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
