package rates

import (
	"context"
	"strconv"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/factsheet"
	"github.com/baserate/baserate/pks"
)

// pksLike returns a table shaped like a PKS time series T40/T50 (citizenship
// × 582 offence keys × 38 years × 21 age columns) with made-up counts.
func pksLike(cit string) *baserate.Table {
	keys := make([]string, 582)
	for i := range keys {
		keys[i] = strconv.Itoa(100000 + i*100)
	}
	keys[0] = "890000"
	years := make([]string, 38)
	for i := range years {
		years[i] = strconv.Itoa(1987 + i)
	}
	t := baserate.New("pks", baserate.NewDimension("citizenship", cit), baserate.NewDimension("offence", keys...),
		baserate.NewDimension("year", years...), baserate.NewDimension("age", pks.AgeBands...))
	for i := range t.Values {
		t.Values[i] = float64(i%997 + 1)
	}
	// "total" must be the sum of the disjoint bands for a real table; the
	// sheet takes the total column, so any number will do here.
	return t
}

// population returns Germans and non-Germans by year, sex and single year
// of age (0-84, 85+).
func population() *baserate.Table {
	ages := make([]string, 86)
	for i := range ages {
		ages[i] = strconv.Itoa(i)
	}
	ages[85] = "85+"
	years := make([]string, 38)
	for i := range years {
		years[i] = strconv.Itoa(1987 + i)
	}
	t := baserate.New("pop", baserate.NewDimension("year", years...), baserate.NewDimension("citizenship", "deutsch", "nichtdeutsch"),
		baserate.NewDimension("sex", "m", "f"), baserate.NewDimension("age", ages...))
	for i := range t.Values {
		t.Values[i] = float64(10000 + i%5000)
	}
	return t
}

// BenchmarkFactsheet times one fact sheet (crude numbers and the age
// standardization) from the bundle, and from in-memory tables of the size
// of the PKS workbooks through factsheet.TableSource.
func BenchmarkFactsheet(b *testing.B) {
	ctx := context.Background()
	q := factsheet.Query{Year: 2019, Offence: "890000"}
	b.Run("bundle", func(b *testing.B) {
		for b.Loop() {
			if _, err := factsheet.Default.Compute(ctx, q); err != nil {
				b.Fatal(err)
			}
		}
	})
	src, err := factsheet.NewTableSource(
		[]factsheet.Input{{File: "t40", Table: pksLike(pks.German)}, {File: "t50", Table: pksLike(pks.NonGerman)}},
		[]factsheet.Input{{File: "pop", Table: population()}}, factsheet.Mapping{})
	if err != nil {
		b.Fatal(err)
	}
	e := factsheet.New(src, "")
	b.Run("tables", func(b *testing.B) {
		for b.Loop() {
			s, err := e.Compute(ctx, q)
			if err != nil {
				b.Fatal(err)
			}
			if len(s.Standardized) != 1 {
				b.Fatal(s.NoAgeBreakdown)
			}
		}
	})
}
