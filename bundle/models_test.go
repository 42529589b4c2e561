package bundle_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/baserate/baserate/bundle"
	"github.com/baserate/baserate/pks"
)

// The bundled cases equal the BKA district tables, and the population by
// age group the sums of the Regionaldatenbank file's age groups.
func TestBundledKreisModelData(t *testing.T) {
	cases := must(bundle.KreisCases())
	sus := must(bundle.KreisSuspects())
	kd, _ := sus.Dim("key")
	kreise := must(bundle.Kreise())
	for year, rel := range map[string]string{
		"2020": "de-bka-pks-kreise/KR-F-01-T01-Kreise-Faelle-HZ_2020_with_pop.csv",
		"2022": "de-bka-pks-kreise/KR-F-01-T01-Kreise-Faelle-HZ_2022.csv",
	} {
		f := must(os.Open(shared(t, rel)))
		tb := must(pks.ReadKreise(context.Background(), f, filepath.Base(rel)))
		f.Close()
		n := 0
		for _, k := range kreise {
			if k.Year != year {
				continue
			}
			for _, key := range kd.IDs() {
				if got, want := cases.At(year, k.AGS, key, "cases"), tb.At(key, k.AGS, "cases"); got != want {
					t.Fatalf("%s %s %s: bundled %v cases, BKA %v", year, k.AGS, key, got, want)
				}
				n++
			}
		}
		if n < 400*12 {
			t.Errorf("%s: %d numbers compared", year, n)
		}
	}

	pop := must(bundle.KreisPopulationByAge())
	f := must(os.Open(shared(t, "de-kreise-pop-nationality-age-2019-2022/de_kreise_pop_nationality_agegroup_2019_2022.csv")))
	rows := must(csv.NewReader(f).ReadAll())
	f.Close()
	young := map[string]bool{"15 bis unter 18 Jahre": true, "18 bis unter 20 Jahre": true, "20 bis unter 25 Jahre": true, "25 bis unter 30 Jahre": true}
	old := map[string]bool{"65 bis unter 70 Jahre": true, "70 bis unter 75 Jahre": true, "75 bis unter 80 Jahre": true,
		"80 bis unter 85 Jahre": true, "85 bis unter 90 Jahre": true, "90 Jahre und mehr": true}
	type sums struct{ total, foreigners, young, old float64 }
	want := map[[2]string]*sums{}
	for _, r := range rows[1:] { // year,stichtag,region_code,ags5,level,region_name,age_group,total,foreigners,germans,flag
		if r[4] != "kreis" && r[3] != "02000" && r[3] != "11000" {
			continue
		}
		k := [2]string{r[0], r[3]}
		if want[k] == nil {
			want[k] = &sums{}
		}
		v, _ := strconv.ParseFloat(r[7], 64)
		switch {
		case r[6] == "Insgesamt":
			fo, _ := strconv.ParseFloat(r[8], 64)
			want[k].total, want[k].foreigners = v, fo
		case young[r[6]]:
			want[k].young += v
		case old[r[6]]:
			want[k].old += v
		}
	}
	yd, _ := pop.Dim("year")
	ad, _ := pop.Dim("ags")
	n := 0
	for _, y := range yd.IDs() {
		for _, a := range ad.IDs() {
			got := sums{pop.At(y, a, "total"), pop.At(y, a, "foreigners"), pop.At(y, a, "age_15_29"), pop.At(y, a, "age_65_plus")}
			if got.total != got.total {
				continue // Eisenach after 2020
			}
			if w := want[[2]string{y, a}]; w == nil || *w != got {
				t.Fatalf("%s %s: bundled %+v, Regionaldatenbank %+v", y, a, got, w)
			}
			n++
		}
	}
	if n != 401*2+400*2 {
		t.Errorf("%d district-years compared, want 1602", n)
	}
}

// The bundled Deutschlandatlas indicators are the example's file, byte
// for byte, and cover the 400 districts of the 2022 table.
func TestBundledAtlasIsTheExamplesFile(t *testing.T) {
	ex := must(os.ReadFile("../examples/kreise/atlas_kreise.csv"))
	b := must(os.ReadFile(filepath.Join("data", filepath.Base(bundle.FileKreisAtlas))))
	if !bytes.Equal(ex, b) {
		t.Errorf("%s differs from examples/kreise/atlas_kreise.csv", bundle.FileKreisAtlas)
	}
	atlas := must(bundle.KreisAtlas())
	in := map[string]bool{}
	for _, a := range atlas {
		in[a.AGS] = true
	}
	n := 0
	for _, k := range must(bundle.Kreise()) {
		if k.Year == "2022" {
			n++
			if !in[k.AGS] {
				t.Errorf("district %s %s has no Deutschlandatlas row", k.AGS, k.Name)
			}
		}
	}
	if len(atlas) != 400 || n != 400 {
		t.Errorf("%d atlas rows, %d districts in 2022", len(atlas), n)
	}
}
