package bundle

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	"github.com/baserate/baserate"
	brcsv "github.com/baserate/baserate/format/csv"
)

// The bundled tables the district models use besides the suspects.
const (
	FileKreisCases  = "data/pks_kreise_cases.csv"
	FileKreisPopAge = "data/destatis_kreise_pop_age.csv"
	FileKreisAtlas  = "data/deutschlandatlas_kreise.csv"
)

// AtlasAttribution is the credit line of the Deutschlandatlas indicators.
const AtlasAttribution = "BMWSB/BBSR, Deutschlandatlas (indicator workbook, Stand 12.12.2024), sheets KRS1222 and KRS1221; licence dl-de/by-2-0."

var (
	kreisCasesOnce = sync.OnceValues(func() (*baserate.Table, error) {
		return readTidy(context.Background(), FileKreisCases, brcsv.Spec{Dims: []string{"year", "ags", "key"}, Measures: []string{"cases"}, NonNegative: true})
	})
	kreisPopAgeOnce = sync.OnceValues(func() (*baserate.Table, error) {
		return readTidy(context.Background(), FileKreisPopAge, brcsv.Spec{Dims: []string{"year", "ags"}, Measures: []string{"total", "foreigners", "age_15_29", "age_65_plus"}, NonNegative: true})
	})
	kreisAtlasOnce = sync.OnceValues(func() ([]AtlasKreis, error) {
		rows, err := readCSV(FileKreisAtlas, 6)
		if err != nil {
			return nil, err
		}
		if h := rows[0]; h[0] != "ags5" || h[2] != "fl_suv" || h[3] != "hh_veink" {
			return nil, baserate.E("bundle", baserate.KindInternal, fmt.Sprintf("%s: header %v", FileKreisAtlas, h))
		}
		out := make([]AtlasKreis, 0, len(rows)-1)
		for i, r := range rows[1:] {
			ags, err1 := strconv.Atoi(r[0])
			suv, err2 := strconv.ParseFloat(r[2], 64)
			inc, err3 := strconv.ParseFloat(r[3], 64)
			if err1 != nil || err2 != nil || err3 != nil || ags <= 0 || suv <= 0 || inc <= 0 {
				return nil, baserate.E("bundle", baserate.KindInternal, fmt.Sprintf("%s:%d: %v", FileKreisAtlas, i+2, r))
			}
			out = append(out, AtlasKreis{AGS: fmt.Sprintf("%05d", ags), Name: r[1], Settlement: suv, Income: inc})
		}
		return out, nil
	})
)

// KreisCases returns the cases recorded by the police ("cases") by year
// ("2020", "2022"), district ("ags", five digits) and offence key ("key"),
// for the districts and keys of KreisSuspects (KR-F-01-T01, column 6).
// Cases are counted where the offence was recorded, so they add up over
// districts. Do not modify the table.
func KreisCases() (*baserate.Table, error) { return kreisCasesOnce() }

// KreisPopulationByAge returns the population at 31 December 2019–2022 by
// year and district: "total", "foreigners", and residents aged 15–29
// ("age_15_29") and 65 and over ("age_65_plus"), all nationalities
// (Regionaldatenbank 12411-03-03-4, 2011 census basis). 2019 and 2020
// cover the districts of the 2020 PKS table, 2021 and 2022 those of the
// 2022 table. Do not modify the table.
func KreisPopulationByAge() (*baserate.Table, error) { return kreisPopAgeOnce() }

// AtlasKreis is a district's Deutschlandatlas indicators, on the territory
// of the districts at the end of 2022 (400 districts).
type AtlasKreis struct {
	// AGS is the five-digit district key.
	AGS  string `json:"ags"`
	Name string `json:"name"`
	// Settlement is the settlement and transport area as a percentage of
	// the district's area (fl_suv).
	Settlement float64 `json:"settlement"`
	// Income is the disposable household income per inhabitant in
	// thousand euros (hh_veink).
	Income float64 `json:"income"`
}

// KreisAtlas returns the Deutschlandatlas indicators of the 400 districts,
// a copy of examples/kreise/atlas_kreise.csv (see data/PROVENANCE.md).
func KreisAtlas() ([]AtlasKreis, error) { return kreisAtlasOnce() }
