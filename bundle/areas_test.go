package bundle_test

import (
	"context"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/baserate/baserate/bundle"
	"github.com/baserate/baserate/pks"
)

// The bundled district suspects equal the BKA district tables, and the
// district populations the Regionaldatenbank file.
func TestBundledKreise(t *testing.T) {
	sus := must(bundle.KreisSuspects())
	pop := must(bundle.KreisPopulation())
	kreise := must(bundle.Kreise())
	kd, _ := sus.Dim("key")
	for year, rel := range map[string]string{
		"2020": "de-bka-pks-kreise/KR-F-01-T01-Kreise-Faelle-HZ_2020_with_pop.csv",
		"2022": "de-bka-pks-kreise/KR-F-01-T01-Kreise-Faelle-HZ_2022.csv",
	} {
		f := must(os.Open(shared(t, rel)))
		tb := must(pks.ReadKreise(context.Background(), f, filepath.Base(rel)))
		f.Close()
		n := 0
		arts := tb.Extension[pks.KreisartKey].(map[string]string)
		for _, k := range kreise {
			if k.Year != year {
				continue
			}
			if arts[k.AGS] != k.Kreisart {
				t.Errorf("%s %s: type %q, BKA %q", year, k.AGS, k.Kreisart, arts[k.AGS])
			}
			for _, key := range kd.IDs() {
				for _, m := range []string{"suspects", "suspects_nongerman"} {
					if got, want := sus.At(year, k.AGS, key, m), tb.At(key, k.AGS, m); got != want {
						t.Fatalf("%s %s %s %s: bundled %v, BKA %v", year, k.AGS, key, m, got, want)
					}
					n++
				}
			}
		}
		if n < 400*12*2 {
			t.Errorf("%s: %d numbers compared", year, n)
		}
	}
	f := must(os.Open(shared(t, "de-kreise-pop-nationality-age-2019-2022/de_kreise_pop_nationality_agegroup_2019_2022.csv")))
	rows := must(csv.NewReader(f).ReadAll())
	f.Close()
	n := 0
	for _, r := range rows[1:] { // year,stichtag,region_code,ags5,level,region_name,age_group,total,foreigners,germans,flag
		if r[6] != "Insgesamt" || (r[0] != "2020" && r[0] != "2022") || math.IsNaN(pop.At(r[0], r[3], "total")) {
			continue
		}
		tot, _ := strconv.ParseFloat(r[7], 64)
		fo, _ := strconv.ParseFloat(r[8], 64)
		if pop.At(r[0], r[3], "total") != tot || pop.At(r[0], r[3], "foreigners") != fo {
			t.Fatalf("%s %s: bundled %v/%v, original %v/%v", r[0], r[3], pop.At(r[0], r[3], "total"), pop.At(r[0], r[3], "foreigners"), tot, fo)
		}
		n++
	}
	if n != 401+400 {
		t.Errorf("%d district populations compared, want 801", n)
	}
}

// The caveat on district sums states the excess over the federal count
// that the bundled numbers give.
func TestKreisDoubleCounting(t *testing.T) {
	sus := must(bundle.KreisSuspects())
	tot := must(bundle.SuspectTotals())
	kreise := must(bundle.Kreise())
	msg := bundle.Caveat("kreis-suspects-per-district").Message
	for year, want := range map[string][2]string{"2022": {"7.8%", "13.6%"}, "2020": {"8.2%", "13.3%"}} {
		var all, nd float64
		for _, k := range kreise {
			if k.Year == year {
				all += sus.At(year, k.AGS, "890000", "suspects")
				nd += sus.At(year, k.AGS, "890000", "suspects_nongerman")
			}
		}
		de, fnd := tot.At("890000", year, pks.German), tot.At("890000", year, pks.NonGerman)
		got := [2]string{strconv.FormatFloat(100*((all-nd)/de-1), 'f', 1, 64) + "%", strconv.FormatFloat(100*(nd/fnd-1), 'f', 1, 64) + "%"}
		if got != want || !strings.Contains(msg, want[0]) || !strings.Contains(msg, want[1]) {
			t.Errorf("%s: district sums exceed the federal count by %v (German, non-German); caveat says %v: %s", year, got, want, msg)
		}
	}
}

// The Länder panel equals its source, and agrees with the primary
// district tables as far as they go: population within 0.4% (all) and
// 2.4% (foreigners) of the Regionaldatenbank's 31.12.2020, suspects of
// each Land between 90% and 101% of the sum over its districts (a suspect
// counted in two districts of a Land counts once for the Land).
func TestBundledLaender(t *testing.T) {
	lp := must(bundle.LaenderPanel())
	f := must(os.Open(shared(t, "de-laender-panel-2010-2020/laender_panel_2010_2020.csv")))
	rows := must(csv.NewReader(f).ReadAll())
	f.Close()
	h := map[string]int{}
	for i, c := range rows[0] {
		h[c] = i
	}
	nd, _ := lp.Dim("name")
	ld, _ := lp.Dim("land")
	if ld.Size() != 16 {
		t.Fatalf("%d Länder", ld.Size())
	}
	n := 0
	for _, r := range rows[1:] {
		found := false
		for _, land := range ld.IDs() {
			for _, name := range nd.IDs() {
				v := lp.At(r[h["year"]], land, name, "suspects")
				if math.IsNaN(v) || strings.NewReplacer("ü", "u").Replace(name) != r[h["region"]] {
					continue
				}
				found = true
				for col, m := range map[string]string{"total_suspects": "suspects", "non_german_abs": "suspects_nongerman", "Germans": "germans", "Foreigners": "foreigners"} {
					want, _ := strconv.ParseFloat(r[h[col]], 64)
					if got := lp.At(r[h["year"]], land, name, m); got != want {
						t.Errorf("%s %s %s: bundled %v, panel %v", r[h["year"]], name, m, got, want)
					}
				}
				n++
			}
		}
		if !found {
			t.Errorf("panel row %s %s not bundled", r[h["year"]], r[h["region"]])
		}
	}
	if n != 176 {
		t.Errorf("%d rows compared", n)
	}
	sus := must(bundle.KreisSuspects())
	pop := must(bundle.KreisPopulation())
	var ksum, kpop = map[string][2]float64{}, map[string][2]float64{}
	for _, k := range must(bundle.Kreise()) {
		if k.Year != "2020" {
			continue
		}
		l := k.AGS[:2]
		ksum[l] = [2]float64{ksum[l][0] + sus.At("2020", k.AGS, "------", "suspects"), ksum[l][1] + sus.At("2020", k.AGS, "------", "suspects_nongerman")}
		kpop[l] = [2]float64{kpop[l][0] + pop.At("2020", k.AGS, "total"), kpop[l][1] + pop.At("2020", k.AGS, "foreigners")}
	}
	for _, land := range ld.IDs() {
		for _, name := range nd.IDs() {
			s := lp.At("2020", land, name, "suspects")
			if math.IsNaN(s) {
				continue
			}
			sn := lp.At("2020", land, name, "suspects_nongerman")
			g, fo := lp.At("2020", land, name, "germans"), lp.At("2020", land, name, "foreigners")
			for _, r := range []float64{s / ksum[land][0], sn / ksum[land][1]} {
				if r < 0.90 || r > 1.0115 { // Bremen non-German: 1.0113
					t.Errorf("%s: Land suspects %.3f of the district sum", name, r)
				}
			}
			if d := math.Abs((g+fo)/kpop[land][0] - 1); d > 0.004 {
				t.Errorf("%s: population %.4f off", name, d)
			}
			if d := math.Abs(fo/kpop[land][1] - 1); d > 0.024 {
				t.Errorf("%s: foreigners %.4f off", name, d)
			}
		}
	}
}

// A district that is in one bundled year's table and not in a later one
// has joined another (a Kreisreform) and is listed in kreis_changes.csv,
// so that the district it joined is not shown as one series across the
// change. The populations agree: the joined district's later population
// is about the sum of both before.
func TestKreisChangesCoverDisappearedDistricts(t *testing.T) {
	kreise := must(bundle.Kreise())
	changes := must(bundle.KreisChanges())
	pop := must(bundle.KreisPopulation())
	in := map[string]map[string]bool{}
	var years []string
	for _, k := range kreise {
		if in[k.Year] == nil {
			in[k.Year] = map[string]bool{}
			years = append(years, k.Year)
		}
		in[k.Year][k.AGS] = true
	}
	listed := map[string]bundle.KreisChange{}
	for _, c := range changes {
		listed[c.AGS] = c
	}
	gone := 0
	for i, y := range years {
		for _, later := range years[i+1:] {
			for ags := range in[y] {
				if in[later][ags] {
					continue
				}
				gone++
				c, ok := listed[ags]
				if !ok {
					t.Errorf("district %s is in the %s table and not in %s, and kreis_changes.csv does not say where it went", ags, y, later)
					continue
				}
				if !in[later][c.IntoAGS] || !in[y][c.IntoAGS] {
					t.Errorf("%s joined %s, which is not in both tables", ags, c.IntoAGS)
					continue
				}
				before := pop.At(y, ags, "total") + pop.At(y, c.IntoAGS, "total")
				after := pop.At(later, c.IntoAGS, "total")
				if math.Abs(after/before-1) > 0.03 {
					t.Errorf("%s + %s in %s: %v residents; %s in %s: %v", ags, c.IntoAGS, y, before, c.IntoAGS, later, after)
				}
				if !(c.Date > y+"-12-31" && c.Date <= later+"-12-31") {
					t.Errorf("%s: change dated %s, not between %s and %s", ags, c.Date, y, later)
				}
			}
		}
	}
	if gone != len(changes) {
		t.Errorf("%d districts disappear, %d changes listed", gone, len(changes))
	}
}
