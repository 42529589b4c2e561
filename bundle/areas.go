package bundle

import (
	"context"
	"sync"

	"github.com/baserate/baserate"
	brcsv "github.com/baserate/baserate/format/csv"
)

// The bundled tables by area.
const (
	FileKreisSuspects   = "data/pks_kreise_suspects.csv"
	FileKreise          = "data/kreise.csv"
	FileKreisPopulation = "data/destatis_kreise_population.csv"
	FileLaender         = "data/laender_panel.csv"
	FileKreisChanges    = "data/kreis_changes.csv"
)

// AreaAttribution is the credit line for the tables by Land and district.
const AreaAttribution = "Bundeskriminalamt, PKS Grundtabelle Kreise (KR-F-01-T01) 2020 and 2022; Statistische Ämter des Bundes und der Länder, Regionaldatenbank 12411-03-03-4; Länder: BKA PKS Länder tables and Destatis 12411-0042 as compiled in github.com/foxymadeit/did-refugees-crime (MIT). Licence of the data: dl-de/by-2-0."

var (
	kreisSusOnce = sync.OnceValues(func() (*baserate.Table, error) {
		return readTidy(context.Background(), FileKreisSuspects, brcsv.Spec{Dims: []string{"year", "ags", "key"}, Measures: []string{"suspects", "suspects_nongerman"}, NonNegative: true})
	})
	kreisPopOnce = sync.OnceValues(func() (*baserate.Table, error) {
		return readTidy(context.Background(), FileKreisPopulation, brcsv.Spec{Dims: []string{"year", "ags"}, Measures: []string{"total", "foreigners"}, AllowMissing: true, NonNegative: true})
	})
	laenderOnce = sync.OnceValues(func() (*baserate.Table, error) {
		return readTidy(context.Background(), FileLaender, brcsv.Spec{Dims: []string{"year", "land", "name"}, Measures: []string{"suspects", "suspects_nongerman", "germans", "foreigners"}, AllowMissing: true, NonNegative: true})
	})
	kreisChangesOnce = sync.OnceValues(func() ([]KreisChange, error) {
		rows, err := readCSV(FileKreisChanges, 6)
		if err != nil {
			return nil, err
		}
		var out []KreisChange
		for _, r := range rows[1:] {
			out = append(out, KreisChange{Date: r[0], AGS: r[1], Name: r[2], IntoAGS: r[3], IntoName: r[4], Source: r[5]})
		}
		return out, nil
	})
	kreiseOnce = sync.OnceValues(func() ([]Kreis, error) {
		rows, err := readCSV(FileKreise, 4)
		if err != nil {
			return nil, err
		}
		var out []Kreis
		for _, r := range rows[1:] {
			out = append(out, Kreis{Year: r[0], AGS: r[1], Name: r[2], Kreisart: r[3]})
		}
		return out, nil
	})
)

// KreisSuspects returns PKS suspects (all and non-German) by year ("2020",
// "2022"), district ("ags", five digits) and offence key ("key") from the
// district tables KR-F-01-T01; the measure dimension has "suspects" and
// "suspects_nongerman". A suspect is counted once per district. Do not
// modify the table.
func KreisSuspects() (*baserate.Table, error) { return kreisSusOnce() }

// KreisPopulation returns the population at 31 December ("total",
// "foreigners") by year and district, for the districts and years of
// KreisSuspects (Regionaldatenbank 12411-03-03-4, 2011 census basis).
func KreisPopulation() (*baserate.Table, error) { return kreisPopOnce() }

// LaenderPanel returns PKS suspects of all offences ("suspects",
// "suspects_nongerman") and the annual average population ("germans",
// "foreigners", 12411-0042) by year (2010–2020), Land (two-digit AGS) and
// name, from a third-party compilation (see data/PROVENANCE.md).
func LaenderPanel() (*baserate.Table, error) { return laenderOnce() }

// Kreis is a district in a year's PKS district table.
type Kreis struct {
	Year string `json:"year"`
	AGS  string `json:"ags"`
	Name string `json:"name"`
	// Kreisart is the BKA's type: "KfS" kreisfreie Stadt, "SK"
	// Stadtkreis, "LK" Landkreis, "K" Kreis, "RV" Regionalverband.
	Kreisart string `json:"kreisart"`
}

// Urban reports whether the district is a city (kreisfreie Stadt or
// Stadtkreis) rather than a rural district (Landkreis, Kreis,
// Regionalverband).
func (k Kreis) Urban() bool { return k.Kreisart == "KfS" || k.Kreisart == "SK" }

// Kreise lists the districts of the bundled district tables by year.
func Kreise() ([]Kreis, error) { return kreiseOnce() }

// KreisChange is a district that ceased to exist between the years of the
// bundled district tables because it joined another (a Kreisreform).
type KreisChange struct {
	// Date is the day the change took effect ("2021-07-01").
	Date string `json:"date"`
	// AGS and Name are the district that ceased to exist.
	AGS  string `json:"ags"`
	Name string `json:"name"`
	// IntoAGS and IntoName are the district it joined.
	IntoAGS  string `json:"into_ags"`
	IntoName string `json:"into_name"`
	Source   string `json:"source"`
}

// KreisChanges lists the territorial changes of districts between the
// years of the bundled district tables (data/kreis_changes.csv).
func KreisChanges() ([]KreisChange, error) { return kreisChangesOnce() }
