package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/factsheet"
	"github.com/baserate/baserate/format"
	"github.com/baserate/baserate/pks"
	"github.com/baserate/baserate/stat/rate"
)

var cmdFactsheet = &command{
	name:  "factsheet",
	short: "German vs non-German suspects of an offence in a year, crude and age-standardized",
	usage: "baserate factsheet --year Y --offence KEY [--area ID] [--suspects FILE]... [--population FILE]... [--map DIM=ROLE|DIM:CAT=ID]... [--select DIM=CAT]... [--age-bands auto|inclusive|exclusive] [--rescale-ages] [--format text|json] | baserate factsheet --list | baserate factsheet --areas | baserate factsheet --overview --year Y | baserate factsheet --trend --offence KEY",
	long: `
Factsheet answers from the bundled BKA PKS and Destatis data (no network, no
../shared): for German and non-German suspects of a PKS offence key in a year,
the suspects, the population, the rate per 100,000 with its exact interval,
the rate ratio with its interval, the share of suspects and of the
population, and, where the bundle has the population by age (1987-2019,
2023, 2024), the age-standardized ratio (indirect and direct) next to the
crude one, with the Kitagawa and Das Gupta decompositions. It says which
denominator it used and lists the caveats. For years without an age
breakdown it says so.

--area gives the sheet of a Land (two-digit AGS such as 09, 2010-2020, all
offences "------" only) or a district (five-digit AGS such as 09162, 2020
and 2022, the main keys), crude numbers only; --areas lists them. For
Germany in 2020 and 2022 the sheet adds a comparison by settlement type
(urban and rural districts) on the basis of the district tables.

Keys: "------" all offences, 890000 all without residence-law offences,
892000 violent crime, ... ("baserate factsheet --list").
--overview shows the non-German share by offence family for a year;
--trend shows an offence over all its years (1987-2024; 890000 from 2002)
with the series breaks marked.

With --suspects and --population the sheet answers from tables in files
instead of the bundle: any format "baserate inspect" reads (PKS T40/T50 and
LA-F-01-T01 workbooks through the PKS reader, GENESIS flat CSV, JSON-stat,
PC-Axis PX, Eurostat TSV, SDMX-CSV, XLSX, tidy CSV). Give each flag once per
file; both are needed. Suspects tables need dimensions for the year, the
offence key and the citizenship (and may have age and sex); population
tables the year and the citizenship (and may have age and sex, for
standardization). Dimensions are recognized by name (year, Jahr, time;
offence, Schlüssel; citizenship, NAT, nationality; age, Alter; sex,
Geschlecht; area, geo) and citizenship categories by the usual codes
(deutsch/nichtdeutsch, NATD/NATA, Deutsche/Ausländer, NAT/FOR, Insgesamt);
--map declares what is not: --map DIM=ROLE gives a dimension a role (year,
offence, citizenship, age, sex, area, or - for none), --map DIM:CAT=ID says
what a category means (deutsch, nichtdeutsch or total; m, f or total; an
age label or total). Other dimensions must have one category or be fixed
with --select DIM=CAT. Age labels "a-b" are read by --age-bands (auto tells
PKS "0-6" = 0 to under 6 from ESP "5-9" = 5 to 9 by whether the bands share
their ends). --rescale-ages scales a population by age to the total from a
table without age (the register of foreigners' profile to the official
estimate).

Examples:

  baserate factsheet --year 2023 --offence 890000
  baserate factsheet --year 2024 --offence 892000 --format json
  baserate factsheet --year 2022 --offence 892000 --area 09162
  baserate factsheet --list

More in docs/rates.md.`,
}

func init() { cmdFactsheet.run = runFactsheet }

func runFactsheet(ctx context.Context, e *env, args []string) error {
	fs := newFlags(cmdFactsheet, e)
	year := fs.Int("year", 0, "reporting year (1987-2024)")
	offence := fs.String("offence", "", "PKS offence key, such as 890000")
	format := fs.String("format", "text", "output format: text or json")
	list := fs.Bool("list", false, "list the offence keys")
	area := fs.String("area", "DE", "area: DE, a Land (two-digit AGS) or a district (five-digit AGS)")
	areas := fs.Bool("areas", false, "list the areas with their years and keys")
	overview := fs.Bool("overview", false, "non-German share of suspects by offence family for --year")
	trend := fs.Bool("trend", false, "the offence --offence over all years")
	var suspects, population, maps, selects fileList
	fs.Var(&suspects, "suspects", "a `file` of suspects by year, offence and citizenship (repeat for several; - for standard input)")
	fs.Var(&population, "population", "a `file` of population by year and citizenship (repeat for several; - for standard input)")
	fs.Var(&maps, "map", "with --suspects/--population: DIM=ROLE or DIM:CAT=ID (repeatable)")
	fs.Var(&selects, "select", "with --suspects/--population: fix a dimension to one category, DIM=CAT (repeatable)")
	ageBands := fs.String("age-bands", "auto", "how age labels \"a-b\" are read: auto, inclusive (b included) or exclusive (to under b)")
	rescale := fs.Bool("rescale-ages", false, "scale the population by age to the population total of a table without age")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if *format != "text" && *format != "json" {
		return usagef("--format must be text or json, not %q", *format)
	}
	if err := factsheetModes(fs); err != nil {
		return err
	}
	engine := factsheet.Default
	fromFiles := len(suspects) > 0 || len(population) > 0
	if !fromFiles && (len(maps) > 0 || len(selects) > 0 || *rescale || *ageBands != "auto") {
		return usagef("--map, --select, --age-bands and --rescale-ages go with --suspects and --population")
	}
	if fromFiles {
		if len(suspects) == 0 || len(population) == 0 {
			return usagef("--suspects and --population go together: give both")
		}
		stdin := 0
		for _, p := range slices.Concat(suspects, population) {
			if p == "-" {
				stdin++
			}
		}
		if stdin > 1 {
			return usagef("standard input (-) can be read once: give it to one --suspects or --population")
		}
		if *list || *overview || *trend {
			return usagef("--list, --overview and --trend answer from the bundle; with --suspects and --population give --year and --offence")
		}
		conv, err := rate.ParseAgeConvention(*ageBands)
		if err != nil {
			return usagef("--age-bands: %v", err)
		}
		m, err := factsheet.ParseMapping(maps, selects)
		if err != nil {
			return usagef("%v", err)
		}
		m.Ages, m.Rescale = conv, *rescale
		if engine, err = fileEngine(ctx, e, suspects, population, m); err != nil {
			return err
		}
	}
	var res any
	var text func(io.Writer) error
	switch {
	case *list:
		offs, err := factsheet.Offences()
		if err != nil {
			return err
		}
		res = offs
		text = func(w io.Writer) error {
			for _, o := range offs {
				age := ""
				if o.AgeBreakdown {
					age = " [by age]"
				}
				fmt.Fprintf(w, "%s  %s%s (%s)\n", o.Key, o.Label, age, o.YearsText())
			}
			return nil
		}
	case *areas:
		as, err := factsheet.Areas()
		if err != nil {
			return err
		}
		res = as
		text = func(w io.Writer) error {
			for _, a := range as {
				keys := "all keys"
				if len(a.Keys) > 0 {
					keys = "keys " + strings.Join(a.Keys, " ")
				}
				extra := ""
				if a.Settlement != "" {
					extra = ", " + a.Settlement
				}
				fmt.Fprintf(w, "%s  %s (%s%s): %s; %s\n", a.ID, a.Name, a.Level, extra, yearSpan(a.Years), keys)
			}
			return nil
		}
	case *overview:
		if *year == 0 {
			return usagef("--overview needs --year")
		}
		o, err := factsheet.Overview(ctx, *year)
		if err != nil {
			return err
		}
		res, text = o, func(w io.Writer) error { return printOverview(w, o) }
	case *trend:
		if *offence == "" {
			return usagef("--trend needs --offence")
		}
		t, err := factsheet.Trend(ctx, *offence)
		if err != nil {
			return err
		}
		res, text = t, func(w io.Writer) error { return printTrend(w, t) }
	default:
		if *year == 0 || *offence == "" {
			return usagef("--year and --offence are required")
		}
		s, err := engine.Compute(ctx, factsheet.Query{Year: *year, Offence: *offence, Area: *area})
		if err != nil {
			return withYearsHint(err)
		}
		res, text = s, func(w io.Writer) error { return printSheet(w, s, fromFiles) }
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	return text(e.stdout)
}

// factsheetModes refuses flags that the mode asked for would ignore:
// two of --list, --areas, --overview and --trend, or a --year, --offence
// or --area that the mode does not use ("--list --year 2023" would list
// every key, not those of 2023).
func factsheetModes(fs *flag.FlagSet) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var modes []string
	for _, m := range []string{"list", "areas", "overview", "trend"} {
		if set[m] {
			modes = append(modes, "--"+m)
		}
	}
	if len(modes) > 1 {
		return usagef("%s do not go together; give one", strings.Join(modes, " and "))
	}
	if len(modes) == 0 {
		return nil
	}
	uses := map[string][]string{"--list": nil, "--areas": nil, "--overview": {"year"}, "--trend": {"offence"}}[modes[0]]
	for _, f := range []string{"year", "offence", "area"} {
		if set[f] && !slices.Contains(uses, f) {
			return usagef("%s does not take --%s", modes[0], f)
		}
	}
	return nil
}

// fileList is a flag that may be given several times.
type fileList []string

func (l *fileList) String() string     { return strings.Join(*l, ",") }
func (l *fileList) Set(s string) error { *l = append(*l, s); return nil }

// fileEngine reads the --suspects and --population files and returns a
// fact-sheet engine over them.
func fileEngine(ctx context.Context, e *env, suspects, population []string, m factsheet.Mapping) (*factsheet.Engine, error) {
	var sus, pop []factsheet.Input
	var credits []string
	for _, files := range []struct {
		paths []string
		dst   *[]factsheet.Input
	}{{suspects, &sus}, {population, &pop}} {
		for _, path := range files.paths {
			tables, err := openStatTable(ctx, e, path)
			if err != nil {
				return nil, err
			}
			if len(tables) != 1 {
				return nil, baserate.E("factsheet", baserate.KindInvalid, fmt.Sprintf("%s holds %d datasets; give one per file", path, len(tables)))
			}
			*files.dst = append(*files.dst, factsheet.Input{File: path, Table: tables[0]})
			src := tables[0].Source
			if src == "" {
				src = path
			}
			if !slices.Contains(credits, src) {
				credits = append(credits, src)
			}
		}
	}
	ts, err := factsheet.NewTableSource(sus, pop, m)
	if err != nil {
		return nil, err
	}
	return factsheet.New(ts, "Data: "+strings.Join(credits, "; ")+"."), nil
}

// openStatTable reads a table for the fact sheet: a PKS workbook (T40/T50
// time series, LA-F-01-T01) through package pks, anything else through the
// format registry.
func openStatTable(ctx context.Context, e *env, path string) ([]*baserate.Table, error) {
	var b []byte
	if path == "-" {
		var err error
		if b, err = io.ReadAll(e.stdin); err != nil {
			return nil, fmt.Errorf("reading standard input: %w", err)
		}
		if !bytes.HasPrefix(b, []byte("PK\x03\x04")) {
			tables, _, err := format.Read(ctx, bytes.NewReader(b), "stdin", format.Options{})
			return tables, err
		}
		path = "stdin"
	} else {
		f, err := format.Detect(path)
		if err != nil {
			return nil, err
		}
		if f != format.XLSX {
			tables, _, err := format.Open(ctx, path)
			return tables, err
		}
		if b, err = os.ReadFile(path); err != nil {
			return nil, baserate.E("factsheet", baserate.KindNotFound, err)
		}
	}
	if t, err := pks.ReadTimeSeries(ctx, bytes.NewReader(b), path); err == nil {
		return []*baserate.Table{t}, nil
	}
	if t, err := pks.ReadLaender(ctx, bytes.NewReader(b), path); err == nil {
		return []*baserate.Table{t}, nil
	}
	tables, _, err := format.Read(ctx, bytes.NewReader(b), path, format.Options{Format: format.XLSX})
	return tables, err
}

func yearSpan(ys []int) string {
	if len(ys) > 2 && ys[len(ys)-1]-ys[0] == len(ys)-1 {
		return fmt.Sprintf("%d-%d", ys[0], ys[len(ys)-1])
	}
	var s []string
	for _, y := range ys {
		s = append(s, fmt.Sprint(y))
	}
	return strings.Join(s, ", ")
}

func pct(x float64) string { return fmt.Sprintf("%.1f%%", x*100) }

func printSheet(w io.Writer, s *factsheet.Sheet, fromFiles bool) error {
	what := "PKS"
	if fromFiles {
		what = "Suspects"
	}
	where := ""
	if s.Area != nil {
		where = fmt.Sprintf(", %s %s (%s)", s.Area.ID, s.Area.Name, s.Area.Level)
	}
	fmt.Fprintf(w, "%s %d, key %s%s: %s\n\n", what, s.Year, s.Offence.Key, where, s.Offence.Label)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tsuspects\tpopulation\tper 100,000\t95% CI\tper 1,000\t")
	for _, g := range []factsheet.Group{s.NonGerman, s.German} {
		name := map[string]string{"deutsch": "German", "nichtdeutsch": "non-German"}[g.Citizenship]
		fmt.Fprintf(tw, "%s\t%.0f\t%.0f\t%.1f\t[%.1f, %.1f]\t%.1f\t\n", name, g.Suspects, g.Population, g.Rate, g.RateCI[0], g.RateCI[1], g.RatePer1000)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nRate ratio non-German/German (crude): %.2f [%.2f, %.2f]\n", s.RateRatio.Ratio, s.RateRatio.CI[0], s.RateRatio.CI[1])
	fmt.Fprintf(w, "Non-German share of suspects: %s [%s, %s]; of the population: %s\n", pct(s.ShareOfSuspects.Share), pct(s.ShareOfSuspects.CI[0]), pct(s.ShareOfSuspects.CI[1]), pct(s.ShareOfPopulation))
	fmt.Fprintf(w, "Denominator: %s\n", s.Denominator.Description)
	if s.NoAgeBreakdown != "" {
		fmt.Fprintf(w, "\n%s\n", s.NoAgeBreakdown)
	}
	for i, st := range s.Standardized {
		fmt.Fprintf(w, "\nStandardized by %s (%d strata):\n", strings.Join(st.Factors, " and "), st.Strata)
		fmt.Fprintf(w, "  crude ratio                      %.2f\n", st.CrudeRatio)
		fmt.Fprintf(w, "  indirect (German rates, SMR)     %.2f [%.2f, %.2f]\n", st.IndirectRatio, st.IndirectRatioCI[0], st.IndirectRatioCI[1])
		fmt.Fprintf(w, "  direct (pooled standard)         %.2f [%.2f, %.2f]\n", st.DirectRatio, st.DirectRatioCI[0], st.DirectRatioCI[1])
		k := st.Kitagawa
		fmt.Fprintf(w, "  crude gap %.1f per 100,000 = rate effect %.1f + composition effect %.1f (%.0f%% composition)\n",
			k.CrudeGap, k.RateEffect, k.CompositionEffect, k.CompositionShare*100)
		if len(st.DasGupta.Composition) > 1 {
			var parts []string
			for _, e := range st.DasGupta.Composition {
				parts = append(parts, fmt.Sprintf("%s %.1f", e.Factor, e.Effect))
			}
			fmt.Fprintf(w, "  Das Gupta: rate effect %.1f; composition by factor: %s\n", st.DasGupta.RateEffect, strings.Join(parts, ", "))
		}
		if prev := s.Standardized[max(i-1, 0)]; i > 0 && prev.Denominator == st.Denominator {
			// The same tables, split by one more factor: say so, not the
			// sentence again.
			fmt.Fprintf(w, "  Population: the same as for the standardization by %s.\n", strings.Join(prev.Factors, " and "))
			continue
		}
		fmt.Fprintf(w, "  Population: %s\n", st.Denominator.Description)
	}
	if st := s.Settlement; st != nil {
		k := st.Kitagawa
		fmt.Fprintf(w, "\nBy settlement type (%s; a different data basis):\n", st.Basis)
		fmt.Fprintf(w, "  crude ratio over the districts      %.2f\n", st.CrudeRatio)
		fmt.Fprintf(w, "  indirect (German rates, SMR)     %.2f [%.2f, %.2f]\n", st.IndirectRatio, st.IndirectRatioCI[0], st.IndirectRatioCI[1])
		fmt.Fprintf(w, "  crude gap %.1f per 100,000 = rate effect %.1f + settlement composition %.1f (%.0f%% composition)\n",
			k.CrudeGap, k.RateEffect, k.CompositionEffect, k.CompositionShare*100)
		fmt.Fprintf(w, "  Population: %s\n", st.Denominator.Description)
		for _, c := range st.Caveats {
			fmt.Fprintf(w, "  - %s\n", c.Message)
		}
	}
	printCaveats(w, s.Caveats)
	for _, wn := range s.Warnings {
		fmt.Fprintf(w, "warning: %s\n", wn.Message)
	}
	fmt.Fprintf(w, "\n%s\n", s.Attribution)
	return nil
}

func printCaveats(w io.Writer, cs []baserate.Caveat) {
	if len(cs) == 0 {
		return
	}
	fmt.Fprintln(w, "\nCaveats:")
	for _, c := range cs {
		fmt.Fprintf(w, "- %s\n", c.Message)
	}
}

func printOverview(w io.Writer, o *factsheet.OverviewSheet) error {
	fmt.Fprintf(w, "PKS %d: non-German share of suspects by offence family; foreigners are %s of the population (%s).\n\n", o.Year, pct(o.ShareOfPopulation), o.Denominator.Date)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "family\tkey\tnon-German share\tx population share\t")
	for _, f := range append([]factsheet.FamilyShare{o.All}, o.Families...) {
		if f.ShareOfSuspects == nil {
			fmt.Fprintf(tw, "%s\t-\tno PKS series\t\t\n", f.Family)
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.2f\t\n", f.Family, f.Key, pct(f.ShareOfSuspects.Share), f.Representation)
	}
	tw.Flush()
	printCaveats(w, o.Caveats)
	fmt.Fprintf(w, "\n%s\n", o.Attribution)
	return nil
}

func printTrend(w io.Writer, t *factsheet.TrendSheet) error {
	span := ""
	if len(t.Points) > 0 {
		span = fmt.Sprintf(", %d-%d", t.Points[0].Year, t.Points[len(t.Points)-1].Year)
	}
	fmt.Fprintf(w, "PKS key %s%s: %s\n\n", t.Offence.Key, span, t.Offence.Label)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "year\tGerman\tnon-German\tGerman /100k\tnon-German /100k\tratio\tnon-German share\t")
	for _, p := range t.Points {
		mark := ""
		if p.Break != "" {
			mark = " *"
		}
		fmt.Fprintf(tw, "%d%s\t%.0f\t%.0f\t%.1f\t%.1f\t%.2f\t%s\t\n", p.Year, mark, p.German.Suspects, p.NonGerman.Suspects, p.German.Rate, p.NonGerman.Rate, p.Ratio, pct(p.ShareOfSuspects))
	}
	tw.Flush()
	fmt.Fprintln(w, "\n* a series break starts in this year:")
	for _, p := range t.Points {
		if p.Break != "" {
			fmt.Fprintf(w, "  %d: %s\n", p.Year, p.Break)
		}
	}
	printCaveats(w, t.Caveats)
	fmt.Fprintf(w, "\n%s\n", t.Attribution)
	return nil
}
