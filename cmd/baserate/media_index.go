package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/bundle"
	"github.com/baserate/baserate/factsheet"
	"github.com/baserate/baserate/media/index"
	"github.com/baserate/baserate/media/source"
)

var cmdMediaIndex = &command{
	name:  "index",
	short: "aggregate coded texts into media shares and over-representation vs the police",
	usage: "baserate media index --in CODED.jsonl --home DE [--police-share 0.344 | --year 2023] [--groups source,period,family] [--format json|text|csv]",
	long: `
Index reads codings (the output of "baserate media code", plain or
gzip-compressed) and reports the share of crime texts that name a
suspect's origin, the share foreign among them (--home sets the own
nationals' code), and against the police share of non-national suspects
the share ratio and the odds ratio, each with a percentile bootstrap
interval that resamples texts (--reps, --seed).

A coding given again (the same record with the same id and source: a file
given twice, files concatenated) is counted once, and the result says how
many were (warning duplicate-codings). Codings that share only id and
source all count (ids 1, 2, ... repeat in files that had none), with a
repeated-ids warning.

The police share is --police-share, or, with --home DE, the PKS share of
non-German suspects of the matching offence family and year from the
rates engine (package factsheet; --year for the total when texts span
several years).`,
}

func init() { cmdMediaIndex.run = runMediaIndex }

func runMediaIndex(ctx context.Context, e *env, args []string) error {
	fs := newFlags(cmdMediaIndex, e)
	var in multiFlag
	fs.Var(&in, "in", "coded `FILE` (JSON Lines from media code; repeatable; - for stdin)")
	home := fs.String("home", "", "code of own nationals, e.g. DE")
	police := fs.Float64("police-share", math.NaN(), "police share of non-national suspects (0-1)")
	year := fs.Int("year", 0, "PKS year for the total and for groups without a year (with --home DE)")
	groups := fs.String("groups", "source,period,family", "groupings: source, period, family, period-family, source-period")
	format := fs.String("format", "json", "output: json, text or csv (the table)")
	reps := fs.Int("reps", 2000, "bootstrap resamples")
	seed := fs.Uint64("seed", 1, "bootstrap seed")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	in = append(in, pos...)
	if *home == "" {
		return usagef("--home is required")
	}
	if *format != "json" && *format != "text" && *format != "csv" {
		return usagef("--format must be json, text or csv") // before the bootstrap, not after it
	}
	policeSet := false
	fs.Visit(func(f *flag.Flag) { policeSet = policeSet || f.Name == "police-share" })
	if policeSet && !(*police > 0 && *police < 1) { // NaN too: given, it is no share
		return usagef("--police-share must be between 0 and 1")
	}
	if len(in) == 0 {
		in = multiFlag{"-"}
	}
	var codes []baserate.Coding
	var dd index.Dedup
	derived := 0
	for _, p := range in {
		cs, err := readCodings(e, p, &dd, &derived)
		if err != nil {
			return err
		}
		codes = append(codes, cs...)
	}
	opt := index.Options{Home: *home, Police: *police, Reps: *reps, Seed: *seed}
	for _, g := range strings.Split(*groups, ",") {
		if g = strings.TrimSpace(g); g != "" {
			opt.Groups = append(opt.Groups, g)
		}
	}
	if math.IsNaN(*police) {
		if *home != "DE" {
			return usagef("--police-share is required unless --home DE (the bundled PKS is German)")
		}
		opt.PoliceFn = pksShare(*year)
	}
	res, err := index.Compute(ctx, codes, opt)
	if err != nil {
		return err
	}
	// Codings given twice are counted once; the result says so (JSON),
	// and so does standard error where the table cannot (text, csv).
	dups := dd.Warnings()
	if derived > 0 {
		dups = append(dups, baserate.Warning{Code: "crime-derived", Message: fmt.Sprintf(
			"%d codings have no \"crime\" field: those that name a suspect's origin or an offence family were taken as crime reports, the others not", derived)})
	}
	res.Warnings = append(res.Warnings, dups...)
	if *format != "json" {
		for _, w := range dups {
			fmt.Fprintf(e.stderr, "baserate media index: warning: %s (%s)\n", w.Message, w.Code)
		}
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	case "csv":
		return writeIndexCSV(e, res)
	case "text":
		w := bufio.NewWriter(e.stdout)
		defer w.Flush()
		fmt.Fprintf(w, "%-28s %-7s %-11s %7s %7s %7s %8s %8s %7s %7s %-15s %7s %-15s\n", "source", "period", "family", "texts", "crime", "origin", "orig%", "foreign%", "police", "SR", "SR CI", "OR", "OR CI")
		for _, c := range append([]index.Cell{res.Cell}, res.Groups...) {
			fmt.Fprintf(w, "%-28s %-7s %-11s %7d %7d %7d %8.1f %8.1f %7.3f %7.2f [%5.2f,%5.2f] %7.1f [%5.1f,%5.1f]\n", c.Source, c.Period, c.Family, c.Texts, c.CrimeItems, c.OriginItems,
				100*c.OriginShare, 100*c.ForeignShare, c.PoliceShare, c.ShareRatio, c.ShareRatioCI[0], c.ShareRatioCI[1], c.OddsRatio, c.OddsRatioCI[0], c.OddsRatioCI[1])
		}
		return nil
	}
	return usagef("--format must be json, text or csv")
}

// pksShare takes the police share from the bundled PKS (German suspects).
func pksShare(defYear int) index.PoliceShare {
	return func(ctx context.Context, y int, family string) (float64, []baserate.Caveat, error) {
		if y == 0 {
			y = defYear
		}
		if y == 0 {
			return 0, nil, fmt.Errorf("no year for the PKS share: give --year or --police-share")
		}
		key := "------"
		if family != "all" {
			fams, err := bundle.Families()
			if err != nil {
				return 0, nil, err
			}
			key = ""
			for _, f := range fams {
				if f.Family == family {
					key = f.Key
				}
			}
			if key == "" {
				return 0, nil, fmt.Errorf("the PKS has no key for offence family %q", family)
			}
		}
		s, cav, err := factsheet.NonNationalShare(ctx, y, key)
		if err != nil {
			return 0, nil, err
		}
		return s.Share, cav, nil
	}
}

// readCodings reads the codings of path ("-" = stdin), plain or
// gzip-compressed, leaving out those dd has seen before.
// derived counts the codings without a crime field whose crime decision
// was taken from origin_named and categories.
func readCodings(e *env, path string, dd *index.Dedup, derived *int) ([]baserate.Coding, error) {
	var r io.Reader
	name := path
	if path == "-" {
		r, name = e.stdin, "stdin"
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, baserate.E("media.readCodings", baserate.KindNotFound, err)
		}
		defer f.Close()
		r = f
	}
	r, err := source.Gunzip(r, name)
	if err != nil {
		return nil, err
	}
	sc := source.NewLineScanner(r)
	var out []baserate.Coding
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\ufeff")) // a byte order mark
		}
		b = bytes.TrimSpace(b)
		if len(b) == 0 {
			continue
		}
		// crime is there in every coding of media code. A line without it
		// that names a suspect's origin or an offence family is a crime
		// report by the codebook (origin_named is about suspects;
		// categories are empty when crime is false), as in codings made
		// by other tools; a line with none of the three (the texts, a
		// gold line) is no coding, not a text that reports no offence.
		var c struct {
			baserate.Coding
			Crime       *bool           `json:"crime"`
			OriginNamed *bool           `json:"origin_named"`
			Categories  *[]string       `json:"categories"`
			Evidence    json.RawMessage `json:"evidence"` // not needed: not decoded
		}
		if err := json.Unmarshal(b, &c); err != nil {
			if b[0] == '[' {
				return nil, baserate.Invalid(name, line, "a JSON array: give the JSON Lines of media code --format jsonl")
			}
			return nil, baserate.Invalid(name, line, "%v", err)
		}
		if c.OriginNamed != nil {
			c.Coding.OriginNamed = *c.OriginNamed
		}
		if c.Categories != nil {
			c.Coding.Categories = *c.Categories
		}
		switch {
		case c.Crime != nil:
			c.Coding.Crime = *c.Crime
		case c.OriginNamed == nil && c.Categories == nil:
			return nil, baserate.Invalid(name, line, "no coding (no \"crime\", \"origin_named\" or \"categories\"): give the output of media code, not its input")
		default:
			c.Coding.Crime = c.Coding.OriginNamed || len(c.Coding.Categories) > 0
		}
		if dd.Keep(c.Coding, b) {
			out = append(out, c.Coding)
			if c.Crime == nil {
				*derived++ // counted once, like the coding
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, baserate.Invalid(name, line+1, "%v", err)
	}
	return out, nil
}

func writeIndexCSV(e *env, res *index.Result) error {
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	fmt.Fprintln(w, "source,period,family,"+strings.Join(index.Measures, ","))
	for _, c := range append([]index.Cell{res.Cell}, res.Groups...) {
		fmt.Fprintf(w, "%s,%s,%s", csvField(c.Source), c.Period, c.Family)
		for _, m := range index.Measures {
			v := res.Table.At(c.Source, c.Period, c.Family, m)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				fmt.Fprint(w, ",")
			} else {
				fmt.Fprint(w, ",", strconv.FormatFloat(v, 'f', -1, 64)) // exact, no exponent
			}
		}
		fmt.Fprintln(w)
	}
	return nil
}

func csvField(s string) string {
	if strings.ContainsAny(s, ",\"\n") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}
