package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/baserate/baserate/stat/rate"
)

var cmdStandardize = &command{
	name:  "standardize",
	short: "crude and standardized rates, ratios and a decomposition for groups in a table",
	usage: "baserate standardize --in FILE --group COL --strata COL[,COL...] --count COL --pop COL [--standard COL|esp2013] [--standard-file FILE] [--age COL] [--age-bands auto|inclusive|exclusive] [--ref LEVEL] [--per N] [--conf 0.95] [--method fay-feuer|tiwari|dobson|dobson-exact] [--measure DIM] [--select DIM=CAT,...] [--dataset ID] [--format text|json]",
	long: `
Standardize reads a tidy CSV with one row per group and stratum and reports,
for each group: the crude rate with its exact (Garwood) interval, the
directly standardized rate (DSR) with the chosen interval, the SMR against
the reference group's stratum rates with its exact interval, the crude and
standardized rate ratios to the reference group, and the Kitagawa
decomposition of the crude-rate gap into a rate effect and a composition
effect (they add up to the gap).

The standard population is the sum of the groups' populations per stratum
unless --standard names a column. "--standard esp2013" (when the input has
no column of that name) is the European Standard Population 2013 (Eurostat
2013), and --standard-file FILE reads a standard by age from a file (an age
column and a population column, in any format "baserate inspect" reads).
Both are laid onto the age stratum (--age, default the stratum called age,
Alter or age_group, or the only one whose labels are ages): a standard band
inside one stratum goes to it whole, a band the strata cut is spread evenly
over its single years of age, ages outside the strata are left out, and
strata of other factors share their age band's standard in proportion to
the pooled population. Age labels "a-b" are read by --age-bands: auto tells
the PKS "0-6" (0 to under 6, bands share their ends) from ESP "5-9" (5 to 9,
bands follow each other) and says so when it cannot. The mapping is printed
and returned as "standard_mapping". The reference group is the first group in
sorted order (by value when every group name is a number, as R sorts them)
unless --ref names one. Rows with non-numeric or negative
counts or populations, ragged rows and duplicate strata are refused with the
file and line. Warnings (zero counts, empty strata, small counts) and caveats
come with the result.

--in may also name any table the format registry reads (JSON-stat, PC-Axis
PX, Eurostat TSV, SDMX-CSV, GENESIS flat CSV, XLSX; see "baserate
inspect"). Then --group and --strata name dimensions, and --count, --pop
and --standard name categories of the measure dimension: the one given by
--measure, else the one that holds both the --count and --pop categories.
Dimensions that are neither group, strata nor measure must have a single
category or be fixed with --select DIM=CAT. --dataset picks one dataset of
a bundle.

Examples (from the repository root; the files are in the repository):

  baserate standardize --in stat/rate/testdata/de2023_890000_age.csv \
      --group citizenship --strata age --count suspects --pop population
  baserate standardize --in docs/examples/de2023_890000_age.json \
      --group citizenship --strata age --count suspects --pop population \
      --standard esp2013 --format json

More in docs/rates.md.`,
}

func init() { cmdStandardize.run = runStandardize }

func runStandardize(ctx context.Context, e *env, args []string) error {
	fs := newFlags(cmdStandardize, e)
	in := fs.String("in", "", "input `file`: a tidy CSV or any format \"baserate inspect\" reads (- for standard input CSV)")
	group := fs.String("group", "", "column that names the groups")
	strata := fs.String("strata", "", "comma-separated stratum columns")
	count := fs.String("count", "", "column of event counts")
	pop := fs.String("pop", "", "column of populations")
	standard := fs.String("standard", "", "column of the standard population (default: the groups' pooled population)")
	ref := fs.String("ref", "", "reference group (default: the first in sorted order)")
	per := fs.Float64("per", 100000, "rates per this many people")
	conf := fs.Float64("conf", 0.95, "confidence level")
	method := fs.String("method", string(rate.FayFeuer), "DSR interval: fay-feuer, tiwari, dobson (Byar, as PHEindicatormethods) or dobson-exact")
	format := fs.String("format", "text", "output format: text or json")
	measure := fs.String("measure", "", "for tables in other formats: the dimension whose categories --count, --pop and --standard name")
	sel := fs.String("select", "", "for tables in other formats: fix dimensions to one category, as DIM=CAT[,DIM=CAT...]")
	dataset := fs.String("dataset", "", "for files holding several datasets: the id of the one to use")
	stdFile := fs.String("standard-file", "", "a `file` of a standard population by age (age and population columns)")
	ageCol := fs.String("age", "", "the age stratum for --standard esp2013 or --standard-file (default: the one named age, Alter or age_group, or whose labels are ages)")
	ageBands := fs.String("age-bands", "auto", "how age labels \"a-b\" are read: auto, inclusive (b included, as ESP 5-9) or exclusive (to under b, as PKS 0-6)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		if *in == "" {
			return usagef("unexpected argument %q: give the input file with --in %s", pos[0], pos[0])
		}
		return usagef("unexpected argument %q", pos[0])
	}
	for _, f := range []struct{ name, v string }{{"in", *in}, {"group", *group}, {"strata", *strata}, {"count", *count}, {"pop", *pop}} {
		if f.v == "" {
			return usagef("--%s is required", f.name)
		}
	}
	if *format != "text" && *format != "json" {
		return usagef("--format must be text or json, not %q", *format)
	}
	// rate.Options takes 0 for "the default"; from the command line 0 is a
	// value given, and wrong.
	if !(*per > 0) {
		return usagef("--per must be a positive number, not %g", *per)
	}
	if !(*conf > 0 && *conf < 1) {
		return usagef("--conf must be between 0 and 1, not %g", *conf)
	}
	opt, err := rate.Options{Per: *per, Conf: *conf, Method: rate.Method(*method)}.Defaults()
	if err != nil {
		return usagef("%v", err)
	}
	cols := strings.Split(*strata, ",")
	for i := range cols {
		cols[i] = strings.TrimSpace(cols[i])
	}
	if err := distinctColumns(*group, cols, *count, *pop, *standard); err != nil {
		return err
	}
	conv, err := rate.ParseAgeConvention(*ageBands)
	if err != nil {
		return usagef("--age-bands: %v", err)
	}
	if *standard != "" && *stdFile != "" {
		return usagef("give --standard or --standard-file, not both")
	}
	spec := tableSpec{group: *group, strata: cols, measure: *measure, sel: *sel, dataset: *dataset}
	tb, measureDim, stdCol, builtin, err := readWithStandard(ctx, e, *in, spec, *count, *pop, *standard)
	if err != nil {
		return err
	}
	input, err := rate.FromTable(tb, rate.Columns{Group: *group, Measure: measureDim, Count: *count, Pop: *pop, Std: stdCol})
	if err != nil {
		return err
	}
	if builtin || *stdFile != "" {
		if err := ageStandard(ctx, tb, &input, cols, *ageCol, *stdFile, conv); err != nil {
			return err
		}
	} else if *ageCol != "" || *ageBands != "auto" {
		return usagef("--age and --age-bands go with --standard esp2013 or --standard-file")
	}
	input.Ref = *ref
	res, err := rate.Compare(input, opt)
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	return printComparison(e.stdout, res)
}

// distinctColumns refuses a column named for two parts (the group and a
// stratum, the count and the population, a stratum twice), which would
// otherwise give a puzzling duplicate-row error or meaningless rates.
func distinctColumns(group string, strata []string, count, pop, standard string) error {
	part := map[string]string{}
	claim := func(col, flag string) error {
		if col == "" {
			return usagef("%s has an empty column name", flag)
		}
		if prev, ok := part[col]; ok {
			if prev == flag {
				return usagef("column %q is named twice by %s", col, flag)
			}
			return usagef("column %q is named by both %s and %s", col, prev, flag)
		}
		part[col] = flag
		return nil
	}
	if err := claim(group, "--group"); err != nil {
		return err
	}
	for _, s := range strata {
		if err := claim(s, "--strata"); err != nil {
			return err
		}
	}
	if err := claim(count, "--count"); err != nil {
		return err
	}
	if err := claim(pop, "--pop"); err != nil {
		return err
	}
	if standard != "" {
		return claim(standard, "--standard")
	}
	return nil
}

func printComparison(w io.Writer, c *rate.Comparison) error {
	fmt.Fprintf(w, "Rates per %g; reference group %q; standard population: %s (%s); %g%% intervals; DSR interval %s.\n\n",
		c.Per, c.Reference, c.Standard, strconv.FormatFloat(c.StdTotal, 'f', -1, 64), c.Conf*100, c.Method)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "group\tcount\tpop\tcrude rate\tcrude CI\tDSR\tDSR CI\tSMR\tSMR CI\tcrude ratio\tDSR ratio\trate effect\tcomposition effect\t")
	for _, g := range c.Groups {
		fmt.Fprintf(tw, "%s\t%.0f\t%.0f\t%.4g\t%s\t%.4g\t%s\t%.3f\t%s\t%.3f\t%.3f\t%.4g\t%.4g\t\n",
			g.Group, g.Count, g.Pop, g.CrudeRate, iv(g.CrudeCI, "%.4g"), g.DSR, iv(g.DSRCI, "%.4g"), g.SMR, iv(g.SMRCI, "%.3f"),
			g.CrudeRatio, g.DSRRatio, g.RateEffect, g.CompositionEffect)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, g := range c.Groups {
		if g.DasGupta == nil || g.IsReference || len(g.DasGupta.Composition) < 2 {
			continue
		}
		fmt.Fprintf(w, "\nDas Gupta, %s vs %s: gap %.4g = rate effect %.4g", g.Group, c.Reference, g.DasGupta.CrudeGap, g.DasGupta.RateEffect)
		for _, e := range g.DasGupta.Composition {
			fmt.Fprintf(w, " + %s %.4g", e.Factor, e.Effect)
		}
		fmt.Fprintln(w)
	}
	for _, wn := range c.Warnings {
		fmt.Fprintf(w, "warning: %s (%s)\n", wn.Message, wn.Code)
	}
	for _, g := range c.Groups {
		for _, wn := range g.Warnings {
			fmt.Fprintf(w, "warning: %s: %s (%s)\n", g.Group, wn.Message, wn.Code)
		}
	}
	if m := c.StdMapping; m != nil {
		fmt.Fprintln(w, "\nStandard population by age stratum:")
		for _, p := range m.Parts {
			fmt.Fprintf(w, "  %s\n", p)
		}
	}
	for _, cv := range c.Caveats {
		fmt.Fprintf(w, "caveat: %s\n", cv.Message)
	}
	return nil
}

func iv(v rate.Interval, f string) string {
	return fmt.Sprintf("["+f+", "+f+"]", v[0], v[1])
}
