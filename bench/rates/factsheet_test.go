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
// of the PKS workbooks through factsheet.TableSource; and, as the baseline
// of the latter in the same run, the walk over every cell of those tables
// that the first TableSource made per sheet (scanCells).
func BenchmarkFactsheet(b *testing.B) {
	ctx := context.Background()
	q := factsheet.Query{Year: 2019, Offence: "890000"}
	b.Run("bundle", func(b *testing.B) {
		// factsheet.Default reads the bundle on its first sheet: once
		// before the timed loop, or a short run counts it in every
		// sheet (1.9 ms and 540 KB a sheet at 100 iterations).
		if _, err := factsheet.Default.Compute(ctx, q); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := factsheet.Default.Compute(ctx, q); err != nil {
				b.Fatal(err)
			}
		}
	})
	t40, t50, pop := pksLike(pks.German), pksLike(pks.NonGerman), population()
	src, err := factsheet.NewTableSource(
		[]factsheet.Input{{File: "t40", Table: t40}, {File: "t50", Table: t50}},
		[]factsheet.Input{{File: "pop", Table: pop}}, factsheet.Mapping{})
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
	b.Run("baseline-scan-every-cell", func(b *testing.B) {
		want := map[string]string{"year": "2019", "offence": "890000"}
		for b.Loop() {
			n := 0
			for _, t := range []*baserate.Table{t40, t50, pop} {
				n += scanCells(t, want)
			}
			if n == 0 {
				b.Fatal("no cell of 2019 and 890000")
			}
		}
	})
}

// scanCells is how the first factsheet.TableSource found a sheet's cells
// (28.7 ms per sheet, docs/rates.md): every cell's coordinates decoded and
// compared with the categories asked for. It counts the cells that match,
// so it is a lower bound of that source's cost, which then also computed
// the sheet.
func scanCells(t *baserate.Table, want map[string]string) int {
	var dims, cats []int
	for id, cat := range want {
		d, k := t.Dim(id)
		if d == nil {
			continue
		}
		dims = append(dims, k)
		cats = append(cats, d.Index(cat))
	}
	pos := make([]int, len(t.Dims))
	n := 0
	for off := range t.Values {
		t.Coords(off, pos)
		match := true
		for i, k := range dims {
			if pos[k] != cats[i] {
				match = false
				break
			}
		}
		if match {
			n++
		}
	}
	return n
}
