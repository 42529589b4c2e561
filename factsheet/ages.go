package factsheet

import (
	"fmt"
	"math"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/pks"
	"github.com/baserate/baserate/stat/rate"
)

// agePartition reads the "age" dimension of t, whose categories are
// PKS-style bands ("0-6" is 0 to under 6, "60+" open).
func agePartition(t *baserate.Table) (rate.AgePartition, error) {
	d, _ := t.Dim("age")
	if d == nil {
		return rate.AgePartition{}, baserate.E("factsheet", baserate.KindInternal, fmt.Sprintf("table %s has no age dimension", t.ID))
	}
	return rate.ParseAgeBands(d.IDs(), rate.AgeExclusive)
}

// cell returns the value of t at citizenship cit, sex (when t has a sex
// dimension and sex is not empty) and age; with sex empty and a sex
// dimension in t, it returns the sum over "m" and "f".
func cell(t *baserate.Table, cit, sex, age string) (float64, error) {
	sd, _ := t.Dim("sex")
	var v float64
	switch {
	case sd == nil:
		v = t.At(cit, age)
	case sex == "":
		v = t.At(cit, "m", age) + t.At(cit, "f", age)
	default:
		v = t.At(cit, sex, age)
	}
	if math.IsNaN(v) {
		where := "citizenship " + cit
		if sex != "" {
			where += ", sex " + sex
		}
		return 0, baserate.E("factsheet", baserate.KindInvalid, fmt.Sprintf("table %s has no value for %s, age %s", t.ID, where, age))
	}
	return v, nil
}

// standardizeBy compares German and non-German suspects over the age
// bands that the suspects (sus) and the population (pop) share, and with
// withSex over sex by age. Finer bands of either table are summed into the
// shared ones: PKS bands against single years of age stay the PKS bands.
func standardizeBy(sus, pop *baserate.Table, withSex bool, denom Denominator) (Standardization, error) {
	sa, err := agePartition(sus)
	if err != nil {
		return Standardization{}, fmt.Errorf("suspects by age: %w", err)
	}
	pa, err := agePartition(pop)
	if err != nil {
		return Standardization{}, fmt.Errorf("population by age: %w", err)
	}
	common, gs, gp, err := rate.CommonAgeBands(sa, pa)
	if err != nil {
		return Standardization{}, baserate.E("factsheet", baserate.KindInvalid, fmt.Errorf("the age bands of the suspects (%d) and of the population (%d) cannot be matched: %w", len(sa.Bands), len(pa.Bands), err))
	}
	sexes := []string{""}
	factors, sizes := []string{"age"}, []int{len(common)}
	if withSex {
		sexes = []string{"m", "f"}
		factors, sizes = []string{"age", "sex"}, []int{len(common), 2}
	}
	var names []string
	xs := map[string][]float64{}
	ns := map[string][]float64{}
	for j, b := range common {
		for _, sex := range sexes {
			name := b.PKSLabel()
			if sex != "" {
				name += " " + sex
			}
			names = append(names, name)
			for _, cit := range []string{pks.German, pks.NonGerman} {
				x, n := 0.0, 0.0
				for _, i := range gs[j] {
					v, err := cell(sus, cit, sex, sa.Labels[i])
					if err != nil {
						return Standardization{}, err
					}
					x += v
				}
				for _, i := range gp[j] {
					v, err := cell(pop, cit, sex, pa.Labels[i])
					if err != nil {
						return Standardization{}, err
					}
					n += v
				}
				xs[cit] = append(xs[cit], x)
				ns[cit] = append(ns[cit], n)
			}
		}
	}
	return compare(factors, sizes, names, xs[pks.German], ns[pks.German], xs[pks.NonGerman], ns[pks.NonGerman], denom)
}
