package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/baserate/baserate"
)

// Filter selects categories of one dimension: Dim=Values.
type Filter struct {
	Dim    string
	Values []string
}

// ParseFilter reads "geo=DE,AT" into a Filter.
func ParseFilter(s string) (Filter, error) {
	d, v, ok := strings.Cut(s, "=")
	d = strings.TrimSpace(d)
	if !ok || d == "" || strings.TrimSpace(v) == "" {
		return Filter{}, fmt.Errorf("filter %q is not DIM=VALUE[,VALUE...]", s)
	}
	var vals []string
	for _, x := range strings.Split(v, ",") {
		if x = strings.TrimSpace(x); x != "" {
			vals = append(vals, x)
		}
	}
	return Filter{Dim: d, Values: vals}, nil
}

// DefaultEurostatBase is the root of Eurostat's dissemination API.
const DefaultEurostatBase = "https://ec.europa.eu/eurostat/api/dissemination"

// Eurostat is a request to Eurostat's dissemination API.
type Eurostat struct {
	Dataset string   // such as "crim_just_ctz"
	Format  string   // "jsonstat" (default), "tsv" or "sdmx-csv"
	Filters []Filter // dimension filters, such as geo=DE,AT
	Lang    string   // "en" (default), "de" or "fr"; JSON-stat labels only
	Base    string   // API root; DefaultEurostatBase when empty
}

// Request builds the HTTP request: the statistics API for JSON-stat,
// SDMX 2.1 for a whole dataset as TSV or SDMX-CSV, and SDMX 3.0 (whose
// c[dim] parameters filter by name) when filters are given.
func (q Eurostat) Request() (Request, error) {
	if !validID(q.Dataset) {
		return Request{}, baserate.E("fetch.Eurostat", baserate.KindInvalid, fmt.Sprintf("dataset code %q is not a Eurostat code such as crim_just_ctz", q.Dataset))
	}
	base := strings.TrimRight(q.Base, "/")
	if base == "" {
		base = DefaultEurostatBase
	}
	lang := strings.ToUpper(q.Lang)
	if lang == "" {
		lang = "EN"
	}
	v := url.Values{}
	switch q.Format {
	case "", "jsonstat":
		v.Set("format", "JSON")
		v.Set("lang", lang)
		for _, f := range q.Filters {
			for _, x := range f.Values {
				v.Add(f.Dim, x)
			}
		}
		return Request{URL: base + "/statistics/1.0/data/" + url.PathEscape(q.Dataset) + "?" + v.Encode()}, nil
	case "tsv", "sdmx-csv":
		format := map[string]string{"tsv": "TSV", "sdmx-csv": "SDMX-CSV"}[q.Format]
		if len(q.Filters) == 0 {
			v.Set("format", format)
			v.Set("compressed", "false")
			return Request{URL: base + "/sdmx/2.1/data/" + url.PathEscape(q.Dataset) + "?" + v.Encode()}, nil
		}
		if q.Format == "sdmx-csv" {
			v.Set("format", "csvdata")
			v.Set("formatVersion", "2.0")
		} else {
			v.Set("format", "TSV")
		}
		v.Set("compress", "false")
		for _, f := range q.Filters {
			v.Set("c["+f.Dim+"]", strings.Join(f.Values, ","))
		}
		return Request{URL: base + "/sdmx/3.0/data/dataflow/ESTAT/" + url.PathEscape(q.Dataset) + "/1.0/*?" + v.Encode()}, nil
	}
	return Request{}, baserate.E("fetch.Eurostat", baserate.KindInvalid, fmt.Sprintf("format %q: want jsonstat, tsv or sdmx-csv", q.Format))
}

func validID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c == '$') {
			return false
		}
	}
	return true
}

// DefaultGenesisBase is the root of Destatis's GENESIS-Online web
// service; the Regionaldatenbank answers the same API at
// https://www.regionalstatistik.de/genesisws/rest/2020.
const DefaultGenesisBase = "https://www-genesis.destatis.de/genesisWS/rest/2020"

// Genesis is a request for a table from a GENESIS database as flat CSV
// ("ffcsv"), the layout package format/genesis reads.
type Genesis struct {
	Table     string // such as "12411-0001"
	User      string // GENESIS user name, or an API token
	Password  string // empty with a token
	StartYear string
	EndYear   string
	Language  string // "de" (default) or "en"
	Base      string // DefaultGenesisBase when empty
}

// Request builds the POST to data/tablefile. The credentials travel in
// headers, never in the URL.
func (q Genesis) Request() (Request, error) {
	if !validID(q.Table) {
		return Request{}, baserate.E("fetch.Genesis", baserate.KindInvalid, fmt.Sprintf("table code %q is not a GENESIS code such as 12411-0001", q.Table))
	}
	if q.User == "" {
		return Request{}, baserate.E("fetch.Genesis", baserate.KindDenied, "GENESIS needs a user name or API token (--user, or GENESIS_USER / GENESIS_TOKEN in the environment)")
	}
	base := strings.TrimRight(q.Base, "/")
	if base == "" {
		base = DefaultGenesisBase
	}
	lang := q.Language
	if lang == "" {
		lang = "de"
	}
	v := url.Values{}
	v.Set("name", q.Table)
	v.Set("area", "all")
	v.Set("compress", "false")
	v.Set("format", "ffcsv")
	v.Set("language", lang)
	if q.StartYear != "" {
		v.Set("startyear", q.StartYear)
	}
	if q.EndYear != "" {
		v.Set("endyear", q.EndYear)
	}
	h := http.Header{}
	h.Set("Content-Type", "application/x-www-form-urlencoded")
	h.Set("username", q.User)
	h.Set("password", q.Password)
	return Request{Method: http.MethodPost, URL: base + "/data/tablefile", Header: h, Body: []byte(v.Encode()),
		Private: []string{"username", "password"}, Check: checkGenesis}, nil
}

// CheckGenesis reads the downloaded file when GENESIS answered with JSON
// instead of the table: GENESIS reports errors (bad credentials, unknown
// table, a table too large for a direct download) with status 200 and a
// JSON status object. It removes such a file and returns the error.
//
// The request that [Genesis.Request] builds runs this check itself before
// the download is renamed into place, so that an error answer never
// replaces an earlier download; CheckGenesis is for files fetched
// otherwise.
func CheckGenesis(path string, res *Result) error {
	err := checkGenesis(path, res)
	if err != nil && baserate.KindOf(err) != baserate.KindInternal {
		os.Remove(path)
	}
	return err
}

// checkGenesis returns GENESIS's error if the file at path is its JSON
// status object rather than a table. A flat CSV never starts with '{', so
// the check does not depend on the Content-Type the server sent.
func checkGenesis(path string, res *Result) error {
	f, err := os.Open(path)
	if err != nil {
		return baserate.E("fetch.Genesis", baserate.KindInternal, err)
	}
	defer f.Close()
	// An error object is small; a large file is the table.
	b, err := io.ReadAll(io.LimitReader(f, 1<<20+1))
	if err != nil {
		return baserate.E("fetch.Genesis", baserate.KindInternal, err)
	}
	b = bytes.TrimSpace(bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF}))
	if len(b) > 1<<20 || len(b) == 0 || b[0] != '{' {
		return nil
	}
	var msg struct {
		Status struct {
			Code    int
			Content string
			Type    string
		}
	}
	if json.Unmarshal(b, &msg) != nil || msg.Status.Content == "" {
		return nil
	}
	kind := baserate.KindOther
	switch msg.Status.Code {
	case 104:
		kind = baserate.KindNotFound
	case 15, 16, 17:
		kind = baserate.KindDenied
	case 98, 99:
		kind = baserate.KindTooLarge
	}
	return baserate.E("fetch.Genesis", kind, fmt.Sprintf("GENESIS answered %s %d: %s", msg.Status.Type, msg.Status.Code, msg.Status.Content))
}

// PxWeb is a request to a PxWeb API for one table: version 1 (a table
// URL such as https://api.scb.se/OV0104/v1/doris/en/ssd/BE/BE0101/BE0101A/BefolkningNy)
// or version 2 (https://.../api/v2/tables/TAB638).
type PxWeb struct {
	URL     string
	Filters []Filter // unfiltered variables get every value
	Format  string   // "json-stat2" (default), "px" or "csv"
	Lang    string   // v2 only; "en" when empty
}

// V2 reports whether the URL is a PxWeb API 2 table.
func (q PxWeb) V2() bool {
	return strings.Contains(q.URL, "/v2") && strings.Contains(q.URL, "/tables/")
}

// Request asks the table's metadata for its variables, then builds the
// data request selecting the filtered values and every value of the
// other variables.
func (c *Client) PxWebRequest(ctx context.Context, q PxWeb) (Request, error) {
	const op = "fetch.PxWeb"
	u, err := url.Parse(q.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return Request{}, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("%q is not a PxWeb table URL", q.URL))
	}
	format := q.Format
	if format == "" {
		format = "json-stat2"
	}
	switch format {
	case "json-stat2", "px", "csv":
	default:
		return Request{}, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("format %q: want json-stat2, px or csv", format))
	}
	filters := map[string][]string{}
	for _, f := range q.Filters {
		filters[f.Dim] = f.Values
	}
	if q.V2() {
		lang := q.Lang
		if lang == "" {
			lang = "en"
		}
		base := strings.TrimRight(strings.SplitN(q.URL, "?", 2)[0], "/")
		vars, err := c.pxwebV2Vars(ctx, base+"/metadata?lang="+url.QueryEscape(lang)+"&outputFormat=json-stat2")
		if err != nil {
			return Request{}, err
		}
		v := url.Values{}
		v.Set("lang", lang)
		v.Set("outputFormat", format)
		for _, name := range vars {
			if vals, ok := filters[name]; ok {
				v.Set("valueCodes["+name+"]", strings.Join(vals, ","))
				delete(filters, name)
			} else {
				v.Set("valueCodes["+name+"]", "*")
			}
		}
		if err := unknownFilters(filters, vars); err != nil {
			return Request{}, err
		}
		return Request{URL: base + "/data?" + v.Encode()}, nil
	}
	vars, err := c.pxwebV1Vars(ctx, q.URL)
	if err != nil {
		return Request{}, err
	}
	type selection struct {
		Filter string   `json:"filter"`
		Values []string `json:"values"`
	}
	type item struct {
		Code      string    `json:"code"`
		Selection selection `json:"selection"`
	}
	var query struct {
		Query    []item            `json:"query"`
		Response map[string]string `json:"response"`
	}
	for _, name := range vars {
		if vals, ok := filters[name]; ok {
			query.Query = append(query.Query, item{name, selection{"item", vals}})
			delete(filters, name)
		} else {
			query.Query = append(query.Query, item{name, selection{"all", []string{"*"}}})
		}
	}
	if err := unknownFilters(filters, vars); err != nil {
		return Request{}, err
	}
	query.Response = map[string]string{"format": format}
	body, _ := json.Marshal(query)
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	return Request{Method: http.MethodPost, URL: q.URL, Header: h, Body: body}, nil
}

func unknownFilters(left map[string][]string, vars []string) error {
	if len(left) == 0 {
		return nil
	}
	var names []string
	for k := range left {
		names = append(names, k)
	}
	sort.Strings(names)
	return baserate.E("fetch.PxWeb", baserate.KindInvalid, fmt.Sprintf("the table has no variable %q (it has %q)", names[0], vars))
}

func (c *Client) getJSON(ctx context.Context, u string, v any) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	wd := &watchdog{d: c.stall()}
	wd.t = time.AfterFunc(wd.d, func() { cancel(errStalled) })
	defer wd.pause()
	resp, note, err := c.send(ctx, Request{URL: u}, wd, "metadata", 0, partMeta{})
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	const maxMeta = 64 << 20
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxMeta+1))
	if err != nil {
		return baserate.E("fetch", baserate.KindOther, fmt.Errorf("%s: %w", redact(u), c.cause(ctx, err)))
	}
	if len(b) > maxMeta && resp.StatusCode == http.StatusOK {
		return baserate.E("fetch", baserate.KindTooLarge, fmt.Sprintf("%s: the metadata is larger than %d MiB", redact(u), maxMeta>>20))
	}
	if resp.StatusCode != http.StatusOK {
		kind := baserate.KindOther
		switch resp.StatusCode {
		case http.StatusNotFound:
			kind = baserate.KindNotFound
		case http.StatusUnauthorized, http.StatusForbidden:
			kind = baserate.KindDenied
		}
		return baserate.E("fetch", kind, fmt.Sprintf("%s: %s%s: %s", redact(u), resp.Status, note, errorBody(b[:min(len(b), 300)])))
	}
	if err := json.Unmarshal(bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF}), v); err != nil {
		return baserate.E("fetch", baserate.KindInvalid, fmt.Sprintf("%s: the metadata is not the JSON expected: %v", redact(u), err))
	}
	return nil
}

// pxwebV1Vars reads the variable codes from a v1 table's metadata:
// {"title": ..., "variables": [{"code": ..., "values": [...]}, ...]}.
func (c *Client) pxwebV1Vars(ctx context.Context, u string) ([]string, error) {
	var meta struct {
		Variables []struct {
			Code string `json:"code"`
		} `json:"variables"`
	}
	if err := c.getJSON(ctx, u, &meta); err != nil {
		return nil, err
	}
	var out []string
	for _, v := range meta.Variables {
		out = append(out, v.Code)
	}
	if len(out) == 0 {
		return nil, baserate.E("fetch.PxWeb", baserate.KindInvalid, fmt.Sprintf("%s: the metadata lists no variables", u))
	}
	return out, nil
}

// pxwebV2Vars reads the dimension ids from a v2 table's JSON-stat 2.0
// metadata.
func (c *Client) pxwebV2Vars(ctx context.Context, u string) ([]string, error) {
	var meta struct {
		ID []string `json:"id"`
	}
	if err := c.getJSON(ctx, u, &meta); err != nil {
		return nil, err
	}
	if len(meta.ID) == 0 {
		return nil, baserate.E("fetch.PxWeb", baserate.KindInvalid, fmt.Sprintf("%s: the metadata lists no dimensions", u))
	}
	return meta.ID, nil
}
