package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/baserate/baserate/fetch"
)

// cmdFetch downloads tables from the offices' APIs; one subcommand each.
var cmdFetch = &command{
	name:  "fetch",
	short: "download a table from Eurostat, GENESIS or a PxWeb API (resumable)",
	usage: "baserate fetch <eurostat|genesis|pxweb|url> ... --out FILE",
	long: `
Fetch downloads a table to FILE with a progress line on standard error. It
writes FILE.part and renames it when complete; if the download is
interrupted, running the same command again resumes it (HTTP Range) when
the request is the same and the server gave an ETag or Last-Modified to
check that the file has not changed; otherwise it starts again.
The file can then be read with inspect, convert and standardize.

Example (needs the network):

  baserate fetch eurostat crim_just_ctz --format tsv --out crim_just_ctz.tsv
  baserate inspect crim_just_ctz.tsv`,
	subs: []*command{cmdFetchEurostat, cmdFetchGenesis, cmdFetchPxWeb, cmdFetchURL},
}

var cmdFetchEurostat = &command{
	name:  "eurostat",
	short: "a dataset from Eurostat's dissemination API",
	usage: "baserate fetch eurostat DATASET --out FILE [--format jsonstat|tsv|sdmx-csv] [--filter DIM=V1,V2]... [--lang en] [--base URL]",
	long: `
Downloads a Eurostat dataset (such as crim_just_ctz) as JSON-stat 2.0
(default), TSV or SDMX-CSV. --filter selects categories by dimension code,
for example --filter geo=DE,AT --filter time=2023.`,
}

var cmdFetchGenesis = &command{
	name:  "genesis",
	short: "a table from Destatis GENESIS or the Regionaldatenbank (flat CSV)",
	usage: "baserate fetch genesis TABLE --out FILE [--user NAME] [--start-year Y] [--end-year Y] [--lang de|en] [--base URL]",
	long: `
Downloads a GENESIS table (such as 12411-0001) as flat CSV ("ffcsv").
GENESIS needs an account: the user name or API token comes from --user or
GENESIS_USER (or GENESIS_TOKEN), the password from GENESIS_PASSWORD (empty
with a token). Credentials are sent in request headers, never in the URL.
--base https://www.regionalstatistik.de/genesisws/rest/2020 reads the
Regionaldatenbank.`,
}

var cmdFetchPxWeb = &command{
	name:  "pxweb",
	short: "a table from a PxWeb API (v1 or v2)",
	usage: "baserate fetch pxweb TABLE-URL --out FILE [--filter VAR=V1,V2]... [--format json-stat2|px|csv] [--lang en]",
	long: `
Downloads a table from a PxWeb API: version 1 (a table URL such as
https://api.scb.se/OV0104/v1/doris/en/ssd/BE/BE0101/BE0101A/BefolkningNy) or
version 2 (https://.../api/v2/tables/TAB638). It reads the table's variables
first and selects every value of the variables not filtered.`,
}

var cmdFetchURL = &command{
	name:  "url",
	short: "any file, resumable",
	usage: "baserate fetch url URL --out FILE",
}

func init() {
	cmdFetchEurostat.run = runFetchEurostat
	cmdFetchGenesis.run = runFetchGenesis
	cmdFetchPxWeb.run = runFetchPxWeb
	cmdFetchURL.run = runFetchURL
}

// fetchFlags are the flags every fetch subcommand has.
type fetchFlags struct {
	out     string
	quiet   bool
	filters []fetch.Filter
}

func (f *fetchFlags) register(fs *flag.FlagSet, withFilter bool) {
	fs.StringVar(&f.out, "out", "", "file to write (required)")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress line")
	if withFilter {
		fs.Func("filter", "DIM=V1,V2: keep these categories of a dimension (repeatable)", func(s string) error {
			x, err := fetch.ParseFilter(s)
			if err != nil {
				return err
			}
			f.filters = append(f.filters, x)
			return nil
		})
	}
}

func (f *fetchFlags) client(e *env) *fetch.Client {
	c := &fetch.Client{Log: e.log, UserAgent: "baserate (+https://github.com/baserate/baserate)"}
	if !f.quiet {
		c.Progress = e.stderr
	}
	return c
}

func oneArg(fs *flag.FlagSet, args []string, what string, f *fetchFlags) (string, error) {
	pos, err := parseArgs(fs, args)
	if err != nil {
		return "", err
	}
	if len(pos) != 1 {
		return "", usagef("want one %s, got %d arguments", what, len(pos))
	}
	if f.out == "" {
		return "", usagef("--out FILE is required")
	}
	return pos[0], nil
}

func report(w io.Writer, res *fetch.Result) {
	if res.Resumed > 0 {
		fmt.Fprintf(w, "%s: %d bytes (resumed after %d)\n", res.Path, res.Bytes, res.Resumed)
		return
	}
	fmt.Fprintf(w, "%s: %d bytes\n", res.Path, res.Bytes)
}

func runFetchEurostat(ctx context.Context, e *env, args []string) error {
	fs := newFlags(cmdFetchEurostat, e)
	var f fetchFlags
	f.register(fs, true)
	form := fs.String("format", "jsonstat", "jsonstat, tsv or sdmx-csv")
	lang := fs.String("lang", "en", "label language: en, de or fr")
	base := fs.String("base", fetch.DefaultEurostatBase, "API root")
	ds, err := oneArg(fs, args, "DATASET", &f)
	if err != nil {
		return err
	}
	req, err := fetch.Eurostat{Dataset: ds, Format: *form, Filters: f.filters, Lang: *lang, Base: *base}.Request()
	if err != nil {
		return err
	}
	res, err := f.client(e).Download(ctx, req, f.out)
	if err != nil {
		return err
	}
	report(e.stdout, res)
	return nil
}

func runFetchGenesis(ctx context.Context, e *env, args []string) error {
	fs := newFlags(cmdFetchGenesis, e)
	var f fetchFlags
	f.register(fs, false)
	user := fs.String("user", "", "GENESIS user name or API token (default $GENESIS_USER or $GENESIS_TOKEN)")
	start := fs.String("start-year", "", "first year")
	end := fs.String("end-year", "", "last year")
	lang := fs.String("lang", "de", "de or en")
	base := fs.String("base", fetch.DefaultGenesisBase, "API root")
	table, err := oneArg(fs, args, "TABLE", &f)
	if err != nil {
		return err
	}
	u := *user
	if u == "" {
		u = e.getenv("GENESIS_USER")
	}
	if u == "" {
		u = e.getenv("GENESIS_TOKEN")
	}
	req, err := fetch.Genesis{Table: table, User: u, Password: e.getenv("GENESIS_PASSWORD"), StartYear: *start, EndYear: *end, Language: *lang, Base: *base}.Request()
	if err != nil {
		return err
	}
	// The request checks for GENESIS's error answers (JSON with status
	// 200) before the download replaces f.out.
	res, err := f.client(e).Download(ctx, req, f.out)
	if err != nil {
		return err
	}
	report(e.stdout, res)
	return nil
}

func runFetchPxWeb(ctx context.Context, e *env, args []string) error {
	fs := newFlags(cmdFetchPxWeb, e)
	var f fetchFlags
	f.register(fs, true)
	form := fs.String("format", "json-stat2", "json-stat2, px or csv")
	lang := fs.String("lang", "en", "language (API v2)")
	u, err := oneArg(fs, args, "TABLE-URL", &f)
	if err != nil {
		return err
	}
	c := f.client(e)
	req, err := c.PxWebRequest(ctx, fetch.PxWeb{URL: u, Filters: f.filters, Format: *form, Lang: *lang})
	if err != nil {
		return err
	}
	res, err := c.Download(ctx, req, f.out)
	if err != nil {
		return err
	}
	report(e.stdout, res)
	return nil
}

func runFetchURL(ctx context.Context, e *env, args []string) error {
	fs := newFlags(cmdFetchURL, e)
	var f fetchFlags
	f.register(fs, false)
	u, err := oneArg(fs, args, "URL", &f)
	if err != nil {
		return err
	}
	if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		return usagef("%q is not an http(s) URL", u)
	}
	res, err := f.client(e).Download(ctx, fetch.Request{URL: u}, f.out)
	if err != nil {
		return err
	}
	report(e.stdout, res)
	return nil
}
