package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format"
	"github.com/baserate/baserate/stat/rate"
)

// builtinStandards are the standard populations "--standard NAME" names
// when the input has no column NAME.
var builtinStandards = map[string]func() rate.StandardPop{"esp2013": rate.ESP2013}

// readWithStandard reads the input of standardize with the count, the
// population and, when --standard names one, the standard column. A
// --standard that names a built-in standard and no column of the input is
// the built-in one (builtin true, stdCol empty).
func readWithStandard(ctx context.Context, e *env, path string, spec tableSpec, count, pop, standard string) (tb *baserate.Table, measureDim, stdCol string, builtin bool, err error) {
	ee := e
	var data []byte
	if path == "-" {
		if data, err = io.ReadAll(e.stdin); err != nil {
			return
		}
		c := *e
		ee = &c
	}
	read := func(measures []string) (*baserate.Table, string, error) {
		if data != nil {
			ee.stdin = bytes.NewReader(data)
		}
		s := spec
		s.measures = measures
		return readStandardizeInput(ctx, ee, path, s)
	}
	if standard == "" {
		tb, measureDim, err = read([]string{count, pop})
		return
	}
	tb, measureDim, err = read([]string{count, pop, standard})
	if err == nil {
		return tb, measureDim, standard, false, nil
	}
	if _, ok := builtinStandards[standard]; !ok {
		err = fmt.Errorf("%w (--standard names a column of the input or a built-in standard: esp2013)", err)
		return
	}
	tb2, md2, err2 := read([]string{count, pop})
	if err2 != nil {
		return nil, "", "", false, err2
	}
	return tb2, md2, "", true, nil
}

// ageStandard sets the standard of in from a built-in standard by age or
// a file, laid onto the age stratum of tb.
func ageStandard(ctx context.Context, tb *baserate.Table, in *rate.Input, strata []string, ageCol, file string, conv rate.AgeConvention) error {
	var std rate.StandardPop
	if file == "" {
		std = rate.ESP2013()
	} else {
		var err error
		if std, err = readStandardFile(ctx, file, conv); err != nil {
			return err
		}
	}
	age, err := findAge(tb, strata, ageCol, conv)
	if err != nil {
		return err
	}
	k := slices.Index(in.Factors, age)
	d, _ := tb.Dim(age)
	pop, m, err := rate.AgeStandard(*in, k, d.IDs(), std, conv)
	if err != nil {
		return fmt.Errorf("stratum %q: %w", age, err)
	}
	in.Std, in.StdName, in.StdMapping = pop, std.Name, &m
	in.Caveats = baserate.MergeCaveats(in.Caveats, m.Caveat(std))
	return nil
}

// ageNames are stratum names taken to be age without asking.
var ageNames = []string{"age", "alter", "age_group", "agegroup", "altersgruppe", "altersgruppen", "age_band", "ageband"}

func findAge(tb *baserate.Table, strata []string, ageCol string, conv rate.AgeConvention) (string, error) {
	if ageCol != "" {
		if !slices.Contains(strata, ageCol) {
			return "", usagef("--age %s is not one of the strata (%s)", ageCol, strings.Join(strata, ", "))
		}
		return ageCol, nil
	}
	for _, s := range strata {
		if slices.Contains(ageNames, strings.ToLower(s)) {
			return s, nil
		}
	}
	var ages []string
	for _, s := range strata {
		d, _ := tb.Dim(s)
		if _, err := rate.ParseAgeBands(d.IDs(), conv); err == nil {
			ages = append(ages, s)
		}
	}
	switch len(ages) {
	case 1:
		return ages[0], nil
	case 0:
		return "", usagef("a standard by age needs an age stratum: none of the strata (%s) is called age or has age bands as labels; name it with --age", strings.Join(strata, ", "))
	}
	return "", usagef("strata %s all look like ages; name the age stratum with --age", strings.Join(ages, " and "))
}

// readStandardFile reads a standard population: a table with one
// dimension of more than one category (the ages) and one value per
// category.
func readStandardFile(ctx context.Context, path string, conv rate.AgeConvention) (rate.StandardPop, error) {
	tables, _, err := format.Open(ctx, path)
	if err != nil {
		return rate.StandardPop{}, err
	}
	if len(tables) != 1 {
		return rate.StandardPop{}, baserate.E("standardize", baserate.KindInvalid, fmt.Sprintf("%s holds %d datasets; a standard population file holds one", path, len(tables)))
	}
	t := tables[0]
	var dim *baserate.Dimension
	for _, d := range t.Dims {
		if d.Size() == 1 {
			continue
		}
		if dim != nil {
			return rate.StandardPop{}, baserate.E("standardize", baserate.KindInvalid, fmt.Sprintf("%s: a standard population has one column of ages and one of populations; this table has dimensions %q and %q with several categories", path, dim.ID, d.ID))
		}
		dim = d
	}
	if dim == nil {
		return rate.StandardPop{}, baserate.E("standardize", baserate.KindInvalid, fmt.Sprintf("%s: no column of ages (every dimension has one category)", path))
	}
	labels := dim.IDs()
	// With one non-trivial dimension the values are in its order.
	if len(t.Values) != len(labels) {
		return rate.StandardPop{}, baserate.E("standardize", baserate.KindInternal, fmt.Sprintf("%s: %d values for %d ages", path, len(t.Values), len(labels)))
	}
	for i, v := range t.Values {
		if v != v {
			return rate.StandardPop{}, baserate.E("standardize", baserate.KindInvalid, fmt.Sprintf("%s: no population for age %q", path, labels[i]))
		}
	}
	src := t.Source
	if src == "" {
		src = path
	}
	// ReadStandard's errors name the file (its first argument) already.
	return rate.ReadStandard(path, src, labels, t.Values, conv)
}
