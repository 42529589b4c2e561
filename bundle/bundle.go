package bundle

import (
	"bytes"
	"context"
	"embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io/fs"
	"sync"

	"github.com/baserate/baserate"
	brcsv "github.com/baserate/baserate/format/csv"
	"github.com/baserate/baserate/format/genesis"
	"github.com/baserate/baserate/pks"
)

//go:embed data
var data embed.FS

// FS returns the embedded data directory.
func FS() fs.FS {
	sub, _ := fs.Sub(data, "data")
	return sub
}

// Attribution is the credit line the data licence asks for.
const Attribution = "Data: Bundeskriminalamt, Polizeiliche Kriminalstatistik (PKS), Zeitreihen V1.0 and PKS 2024; Statistisches Bundesamt (Destatis), GENESIS 12411, 12411-0007, 12521-0003. Licence: Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)."

// The bundled files.
const (
	FileOffences     = "data/pks_offences.csv"
	FileTotals       = "data/pks_suspects_totals.csv"
	FileAge          = "data/pks_suspects_age.csv"
	FileSexAge2024   = "data/pks2024_suspects_sex_age.csv"
	FilePopulation   = "data/destatis_12411_population.csv"
	FilePopAge       = "data/destatis_pop_age.csv"
	FileFamilies     = "data/families.csv"
	FileCaveats      = "data/caveats.json"
	AgeBandMeasure   = "measure"
	CitizenshipTotal = "all"
)

func readTidy(ctx context.Context, file string, spec brcsv.Spec) (*baserate.Table, error) {
	b, err := data.ReadFile(file)
	if err != nil {
		return nil, baserate.E("bundle", baserate.KindInternal, err)
	}
	return brcsv.Read(ctx, bytes.NewReader(b), file, spec)
}

var (
	totalsOnce = sync.OnceValues(func() (*baserate.Table, error) {
		return readTidy(context.Background(), FileTotals, brcsv.Spec{Dims: []string{"key", "year"}, Measures: []string{pks.German, pks.NonGerman}, AllowMissing: true, NonNegative: true})
	})
	ageOnce = sync.OnceValues(func() (*baserate.Table, error) {
		return readTidy(context.Background(), FileAge, brcsv.Spec{Dims: []string{"citizenship", "key", "year"}, Measures: append([]string{"total"}, pks.DisjointAgeBands...), AllowMissing: true, NonNegative: true})
	})
	sexAgeOnce = sync.OnceValues(func() (*baserate.Table, error) {
		return readTidy(context.Background(), FileSexAge2024, brcsv.Spec{Dims: []string{"citizenship", "key", "sex"}, Measures: append([]string{"total"}, pks.DisjointAgeBands...), NonNegative: true})
	})
	popAgeOnce = sync.OnceValues(func() (*baserate.Table, error) {
		return readTidy(context.Background(), FilePopAge, brcsv.Spec{Dims: []string{"year", "source", "nationality", "sex", "age"}, Measures: []string{"population"}, NonNegative: true})
	})
	popOnce = sync.OnceValues(func() (*baserate.Table, error) {
		b, err := data.ReadFile(FilePopulation)
		if err != nil {
			return nil, err
		}
		return genesis.Read(context.Background(), bytes.NewReader(b), FilePopulation)
	})
)

// SuspectTotals returns all PKS suspects by offence key ("key"), year and
// citizenship (the "measure" dimension: "deutsch", "nichtdeutsch"),
// 1987–2024, from tables T40 and T50. Do not modify the table.
func SuspectTotals() (*baserate.Table, error) { return totalsOnce() }

// SuspectsByAge returns PKS suspects by citizenship, offence key, year and
// age (the "measure" dimension: "total" and pks.DisjointAgeBands) for the
// keys listed in bundle/gen, 1987–2024. Do not modify the table.
func SuspectsByAge() (*baserate.Table, error) { return ageOnce() }

// Suspects2024BySexAge returns PKS 2024 suspects by citizenship, offence
// key, sex ("m", "f") and age (measure: "total" and pks.DisjointAgeBands).
func Suspects2024BySexAge() (*baserate.Table, error) { return sexAgeOnce() }

// Population returns Destatis table 12411 (population at 31 December by
// nationality, 1984–2024) as read from the GENESIS flat file: dimensions
// time ("2023-12-31"), DINSG, NAT ("NATD" Germans, "NATA" foreigners,
// "Insgesamt") and measure ("BEVSTD").
func Population() (*baserate.Table, error) { return popOnce() }

// PopulationByAge returns population at 31 December by year, source
// ("12411-0007" Fortschreibung; "12521-0003" register of foreigners),
// nationality ("deutsch", "nichtdeutsch", "nichtdeutsch_azr"), sex and
// single year of age ("0" ... "85+" or "95+"). Years 1986–2019 and 2023.
func PopulationByAge() (*baserate.Table, error) { return popAgeOnce() }

// Offence is a PKS offence key with its German name.
type Offence struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	// AgeBreakdown says whether the bundle has this key by age.
	AgeBreakdown bool `json:"age_breakdown"`
}

var offOnce = sync.OnceValues(func() ([]Offence, error) {
	rows, err := readCSV(FileOffences, 2)
	if err != nil {
		return nil, err
	}
	age, err := SuspectsByAge()
	if err != nil {
		return nil, err
	}
	kd, _ := age.Dim("key")
	var out []Offence
	for _, r := range rows[1:] {
		out = append(out, Offence{Key: r[0], Label: r[1], AgeBreakdown: kd.Index(r[0]) >= 0})
	}
	return out, nil
})

// Offences lists the PKS offence keys of tables T40 and T50 with their
// latest names, sorted by key.
func Offences() ([]Offence, error) { return offOnce() }

// Family is an offence family of the media codebook and the PKS key that
// stands for it ("" when the PKS has none).
type Family struct {
	Family string `json:"family"`
	Key    string `json:"key"`
	Note   string `json:"note"`
}

var famOnce = sync.OnceValues(func() ([]Family, error) {
	rows, err := readCSV(FileFamilies, 3)
	if err != nil {
		return nil, err
	}
	var out []Family
	for _, r := range rows[1:] {
		out = append(out, Family{Family: r[0], Key: r[1], Note: r[2]})
	}
	return out, nil
})

// Families returns the codebook's offence families (violent, sexual,
// property, fraud, drugs, traffic, immigration, weapons, other) with their
// PKS keys and notes, in codebook order.
func Families() ([]Family, error) { return famOnce() }

var cavOnce = sync.OnceValues(func() (map[string]baserate.Caveat, error) {
	b, err := data.ReadFile(FileCaveats)
	if err != nil {
		return nil, err
	}
	var list []baserate.Caveat
	if err := json.Unmarshal(b, &list); err != nil {
		return nil, baserate.E("bundle", baserate.KindInternal, fmt.Errorf("%s: %w", FileCaveats, err))
	}
	m := map[string]baserate.Caveat{}
	for _, c := range list {
		m[c.Code] = c
	}
	return m, nil
})

// Caveat returns the caveat with the given code from data/caveats.json. It
// panics on an unknown code: codes are fixed in the program.
func Caveat(code string) baserate.Caveat {
	m, err := cavOnce()
	if err != nil {
		panic(err)
	}
	c, ok := m[code]
	if !ok {
		panic("bundle: unknown caveat " + code)
	}
	return c
}

// Caveats returns every caveat of data/caveats.json by code.
func Caveats() (map[string]baserate.Caveat, error) { return cavOnce() }

func readCSV(file string, fields int) ([][]string, error) {
	b, err := data.ReadFile(file)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.Comment = '#'
	r.FieldsPerRecord = fields
	rows, err := r.ReadAll()
	if err != nil {
		return nil, baserate.E("bundle", baserate.KindInternal, fmt.Errorf("%s: %w", file, err))
	}
	return rows, nil
}
