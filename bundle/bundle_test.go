package bundle_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/bundle"
	"github.com/baserate/baserate/internal/sharedtest"
	"github.com/baserate/baserate/pks"
)

func shared(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", "data", "stats", rel)
	sharedtest.Need(t, p)
	return p
}

// must stops the test (by panicking) on an error.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// The bundled PKS numbers equal those read from the BKA workbooks.
func TestBundledSuspectsEqualWorkbooks(t *testing.T) {
	totals := must(bundle.SuspectTotals())
	age := must(bundle.SuspectsByAge())
	for cit, rel := range map[string]string{
		pks.German:    "de-bka-pks-zeitreihen/ZR-TV-04-T40-TV-insg-deutsch_xls.xlsx",
		pks.NonGerman: "de-bka-pks-zeitreihen/ZR-TV-07-T50-TV-insg-nichtdeutsch_xls.xlsx",
	} {
		f := must(os.Open(shared(t, rel)))
		tb := must(pks.ReadTimeSeries(context.Background(), f, rel))
		f.Close()
		od, _ := tb.Dim("offence")
		yd, _ := tb.Dim("year")
		n, nAge := 0, 0
		for _, o := range od.Categories {
			for _, y := range yd.Categories {
				want := tb.At(cit, o.ID, y.ID, "total")
				got := totals.At(o.ID, y.ID, cit)
				if math.IsNaN(want) {
					continue
				}
				if got != want {
					t.Fatalf("%s %s %s: bundled %v, workbook %v", cit, o.ID, y.ID, got, want)
				}
				n++
				if _, err := age.Lookup(cit, o.ID, y.ID, "total"); err != nil {
					continue
				}
				for _, b := range append([]string{"total"}, pks.DisjointAgeBands...) {
					if g, w := age.At(cit, o.ID, y.ID, b), tb.At(cit, o.ID, y.ID, b); g != w {
						t.Fatalf("%s %s %s %s: bundled %v, workbook %v", cit, o.ID, y.ID, b, g, w)
					}
					nAge++
				}
			}
		}
		if n < 10000 || nAge < 10000 {
			t.Errorf("%s: only %d totals and %d age cells compared", cit, n, nAge)
		}
	}
}

func TestBundled12411IsACopy(t *testing.T) {
	orig := must(os.ReadFile(shared(t, "de-destatis-population/destatis_12411_bevoelkerung_nationalitaet_1984_2024.csv")))
	b := must(fs.ReadFile(bundle.FS(), "destatis_12411_population.csv"))
	if !bytes.Equal(orig, b) {
		t.Error("the bundled 12411 file differs from the original")
	}
	pop := must(bundle.Population())
	if got := pop.At("2023-12-31", "DG", "NATA", "BEVSTD"); got != 12108988 {
		t.Errorf("2023 foreigners = %v", got)
	}
}

func sumCSV(t *testing.T, rel string, keep func(r []string) bool) map[string]float64 {
	f := must(os.Open(shared(t, rel)))
	defer f.Close()
	rows := must(csv.NewReader(f).ReadAll())
	out := map[string]float64{}
	for _, r := range rows[1:] { // year,stichtag,age,sex,nationality,population
		if !keep(r) || r[2] == "total" {
			continue
		}
		v, _ := strconv.ParseFloat(r[5], 64)
		out[r[0]+"/"+r[4]+"/"+r[3]+"/"+r[2]] += v
	}
	return out
}

// The bundled population by age equals the Destatis files cell by cell.
func TestBundledPopulationByAge(t *testing.T) {
	pa := must(bundle.PopulationByAge())
	check := func(rel, source, natAs string, keep func(r []string) bool) {
		n := 0
		for k, want := range sumCSV(t, rel, keep) {
			var y, nat, sex, age string
			parts := bytes.Split([]byte(k), []byte("/"))
			y, nat, sex, age = string(parts[0]), string(parts[1]), string(parts[2]), string(parts[3])
			if natAs != "" {
				nat = natAs
			}
			if got := pa.At(y, source, nat, sex, age, "population"); got != want {
				t.Fatalf("%s: bundled %v, original %v", k, got, want)
			}
			n++
		}
		if n == 0 {
			t.Errorf("%s: nothing compared", rel)
		}
	}
	check("de-destatis-pop-age-nationality/de_pop_nationality_sex_age_1980_2019.csv", "12411-0007", "", func(r []string) bool { y, _ := strconv.Atoi(r[0]); return y >= 1986 })
	check("de-destatis-pop-age-nationality/de_pop_germans_sex_age_2023.csv", "12411-0007", "", func([]string) bool { return true })
	check("de-destatis-pop-age-nationality/de_azr_foreigners_sex_age_2023_allnationalities.csv", "12521-0003", "nichtdeutsch_azr", func([]string) bool { return true })
}

// The PKS 2024 sex-by-age rows add up (m + f) to the 2024 totals of the
// time series, which were read from other files.
func TestBundled2024SexAgeMatchesTimeSeries(t *testing.T) {
	sa := must(bundle.Suspects2024BySexAge())
	age := must(bundle.SuspectsByAge())
	kd, _ := sa.Dim("key")
	for _, cit := range []string{pks.German, pks.NonGerman} {
		for _, k := range kd.IDs() {
			for _, b := range append([]string{"total"}, pks.DisjointAgeBands...) {
				got := sa.At(cit, k, "m", b) + sa.At(cit, k, "f", b)
				if want := age.At(cit, k, "2024", b); got != want {
					t.Errorf("%s %s %s: m+f = %v, time series %v", cit, k, b, got, want)
				}
			}
		}
	}
	if kd.Size() < 20 {
		t.Errorf("only %d keys with 2024 sex x age", kd.Size())
	}
}

func TestFamiliesAndCaveats(t *testing.T) {
	fams := must(bundle.Families())
	want := []string{"violent", "sexual", "property", "fraud", "drugs", "traffic", "immigration", "weapons", "other"}
	if len(fams) != len(want) {
		t.Fatalf("%d families", len(fams))
	}
	totals := must(bundle.SuspectTotals())
	age := must(bundle.SuspectsByAge())
	for i, f := range fams {
		if f.Family != want[i] || f.Note == "" {
			t.Errorf("family %d = %+v", i, f)
		}
		if f.Key == "" {
			continue
		}
		if math.IsNaN(totals.At(f.Key, "2023", pks.NonGerman)) {
			t.Errorf("family %s: key %s has no 2023 total", f.Family, f.Key)
		}
		if _, err := age.Lookup(pks.German, f.Key, "2023", "total"); err != nil {
			t.Errorf("family %s: key %s has no age breakdown: %v", f.Family, f.Key, err)
		}
	}
	cv := must(bundle.Caveats())
	for _, code := range []string{"pks-2009-counting-rule", "pks-1993-territory", "pks-890000-excludes-725000", "denominator-coverage"} {
		c, ok := cv[code]
		if !ok || c.Message == "" || c.Source == "" {
			t.Errorf("caveat %s: %+v", code, c)
		}
	}
	offs := must(bundle.Offences())
	if len(offs) < 500 || offs[0].Key == "" {
		t.Errorf("%d offences", len(offs))
	}
	var _ baserate.Caveat = bundle.Caveat("azr-rescaled")
}

// The official tables of the bundle are small (data/media belongs to the
// media engine and is not counted here).
func TestBundleSize(t *testing.T) {
	var total int64
	fs.WalkDir(bundle.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && p == "media" {
			return fs.SkipDir
		}
		if err == nil && !d.IsDir() {
			info, _ := d.Info()
			total += info.Size()
		}
		return nil
	})
	if total > 4<<20 {
		t.Errorf("bundled data is %d bytes", total)
	}
}
