package server

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/factsheet"
)

func (s *Server) engineRoutes() []route {
	return []route{
		{"GET", "/api/v1/offences", "the PKS offence keys and the media codebook's offence families", s.apiOffences},
		{"GET", "/api/v1/years", "the years with data: over all offence keys, or with offence= those of one key", s.apiYears},
		{"GET", "/api/v1/areas", "the areas with fact sheets (Germany, Länder, districts) with their years and offence keys", s.apiAreas},
		{"GET", "/api/v1/factsheet", "German vs non-German suspects of one offence in one year and area: counts, rates, ratios, shares, standardization, caveats", s.apiFactsheet},
		{"GET", "/api/v1/decomposition", "the standardized ratios and the Kitagawa and Das Gupta decompositions of one fact sheet", s.apiDecomposition},
		{"GET", "/api/v1/overview", "non-German share of suspects by offence family next to the population share, for one year", s.apiOverview},
		{"GET", "/api/v1/trend", "one offence's rates, ratio and shares by year (the key's own years: 1987-2024 for most, 890000 from 2002; see first_year in /api/v1/offences), with series breaks", s.apiTrend},
		{"GET", "/api/v1/claim", "parse a claim in English or German and check it against the figures", s.apiClaim},
		{"POST", "/api/v1/claim", "the same, with the claim as a form field or JSON body", s.apiClaim},
		{"POST", "/api/v1/media/code", "code one text with the media engine: offence families, origins of suspects and victims, evidence", s.apiMediaCode},
		{"POST", "/api/v1/incident", "one incident in context: its coding, the base rate for its offence and year, and media coverage", s.apiIncident},
		{"GET", "/api/v1/media/index", "the media index: per source and year, the share of crime items naming an origin and the foreign share among them", s.apiMediaIndex},
		{"GET", "/api/v1/problems/{kind}", "what a problem type means", s.apiProblemType},
	}
}

func (s *Server) facts() (Facts, error) {
	if s.cfg.Engines.Facts == nil {
		return nil, errNoFacts
	}
	return s.cfg.Engines.Facts, nil
}

var keyRE = regexp.MustCompile(`^[0-9*-]{6}$`)

// sheetParams reads area (default Germany), offence and year. Without
// them, Germany's sheet is for the latest year and key 890000, an area's
// for its latest year and key 890000 (a Land: ------, the only key).
func (s *Server) sheetParams(r *http.Request) (factsheet.Query, error) {
	return s.sheetQuery(r.Context(), r.URL.Query())
}

// sheetQuery is sheetParams over parsed query parameters.
func (s *Server) sheetQuery(ctx context.Context, q url.Values) (factsheet.Query, error) {
	a, err := s.findArea(ctx, q.Get("area"))
	if err != nil {
		return factsheet.Query{}, err
	}
	defYear, defKey, err := s.areaDefaults(ctx, a)
	if err != nil {
		return factsheet.Query{}, err
	}
	key := q.Get("offence")
	if key == "" {
		key = defKey
	}
	if !keyRE.MatchString(key) {
		return factsheet.Query{}, badParam("offence", strconv.Quote(key)+" is not a PKS offence key (six characters of digits, * and -, such as 890000; see /api/v1/offences)")
	}
	if a.ID == germany {
		// A key listed without figures is refused here, saying so, rather
		// than by the rates engine for the year asked for.
		if err := s.checkHasFigures(ctx, key); err != nil {
			return factsheet.Query{}, err
		}
		// Without a year, the key's latest: 74 keys end before the
		// others (111100 in 2017), and a year not asked for is no year
		// to refuse. A key not listed is left to the rates engine.
		if ys, err := s.keyYears(ctx, key); err == nil {
			defYear = ys[len(ys)-1]
		}
	}
	year, err := intValue(q, "year", defYear, false)
	if err != nil {
		return factsheet.Query{}, err
	}
	return factsheet.Query{Year: year, Offence: key, Area: queryArea(a)}, nil
}

// groupParam reads the group filter of downloads: all (default), deutsch
// or nichtdeutsch.
func groupParam(r *http.Request) (string, error) { return groupValue(r.URL.Query()) }

func groupValue(q url.Values) (string, error) {
	g := q.Get("group")
	switch g {
	case "", "all":
		return "all", nil
	case "deutsch", "nichtdeutsch":
		return g, nil
	}
	return "", badParam("group", "must be all, deutsch or nichtdeutsch, not "+strconv.Quote(g))
}

func (s *Server) sheet(ctx context.Context, q factsheet.Query) (*factsheet.Sheet, error) {
	f, err := s.facts()
	if err != nil {
		return nil, err
	}
	v, err := s.cache.get(sheetKey("sheet", q), func() (any, error) { return f.Sheet(ctx, q) })
	if err != nil {
		return nil, err
	}
	return v.(*factsheet.Sheet), nil
}

// sheetKey is the cache key of something computed from one sheet.
func sheetKey(kind string, q factsheet.Query, extra ...string) string {
	k := kind + "\x00" + strconv.Itoa(q.Year) + "\x00" + q.Offence + "\x00" + q.Area
	for _, e := range extra {
		k += "\x00" + e
	}
	return k
}

func (s *Server) apiFactsheet(w http.ResponseWriter, r *http.Request) {
	// The fast path: this spelling of the request was answered before.
	if b := s.rawSheets.get(r.URL.RawQuery); b != nil {
		b.write(w, r)
		return
	}
	vals := r.URL.Query()
	q, err := s.sheetQuery(r.Context(), vals)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	f, err := formatValue(vals, "json", "json", "csv", "parquet")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	g, err := groupValue(vals)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	b, err := s.cachedBody(sheetKey("api-sheet", q, f, g), func() (*body, error) {
		sh, err := s.sheet(r.Context(), q)
		if err != nil {
			return nil, err
		}
		if f == "json" {
			return jsonBody(sh)
		}
		b, err := encodeTable(sheetTable(sh, g), f)
		if err != nil {
			return nil, err
		}
		b.filename = "factsheet-" + strconv.Itoa(q.Year) + "-" + safeKey(q.Offence)
		if q.Area != "" {
			b.filename += "-" + q.Area
		}
		b.filename += "." + f
		return b, nil
	})
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.rawSheets.put(r.URL.RawQuery, b)
	b.write(w, r)
}

// safeKey makes a PKS key usable in a file name ("****00" → "xxxx00").
func safeKey(k string) string { return strings.ReplaceAll(k, "*", "x") }

func (s *Server) apiDecomposition(w http.ResponseWriter, r *http.Request) {
	q, err := s.sheetParams(r)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.serveCached(w, r, sheetKey("api-decomp", q), func() (*body, error) {
		sh, err := s.sheet(r.Context(), q)
		if err != nil {
			return nil, err
		}
		std := sh.Standardized
		if std == nil {
			std = []factsheet.Standardization{}
		}
		return jsonBody(struct {
			Year           int                         `json:"year"`
			Offence        factsheet.Offence           `json:"offence"`
			Area           *factsheet.Area             `json:"area,omitempty"`
			CrudeRatio     float64                     `json:"crude_ratio"`
			Standardized   []factsheet.Standardization `json:"standardized"`
			NoAgeBreakdown string                      `json:"no_age_breakdown,omitempty"`
			Settlement     *factsheet.Standardization  `json:"settlement,omitempty"`
			Caveats        []baserate.Caveat           `json:"caveats"`
		}{sh.Year, sh.Offence, sh.Area, sh.RateRatio.Ratio, std, sh.NoAgeBreakdown, sh.Settlement, sh.Caveats})
	})
}

func (s *Server) apiOffences(w http.ResponseWriter, r *http.Request) {
	f, err := s.facts()
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.serveCached(w, r, "api-offences", func() (*body, error) {
		offs, err := f.Offences(r.Context())
		if err != nil {
			return nil, err
		}
		fams, err := f.Families(r.Context())
		if err != nil {
			return nil, err
		}
		return jsonBody(map[string]any{"offences": offs, "families": fams})
	})
}

// YearList is the answer of /api/v1/years.
type YearList struct {
	// Years are the years with figures: every year of any offence key
	// (Germany's), or with offence those of that key.
	Years  []int `json:"years"`
	Latest int   `json:"latest"`
	// Offence is the key asked for; empty for all keys.
	Offence string `json:"offence,omitempty"`
	Note    string `json:"note"`
}

const (
	yearsNote    = "The years with figures for Germany over all offence keys. Each key has its own years (890000, all offences without residence-law offences, from 2002; some keys start later or end earlier): ask /api/v1/years?offence=KEY, or see first_year and last_year in /api/v1/offences. Länder and districts have fewer years: /api/v1/areas."
	keyYearsNote = "The years with figures for Germany for this offence key; the fact sheet, decomposition and trend of the key have these years. Länder and districts have fewer years: /api/v1/areas."
)

func (s *Server) apiYears(w http.ResponseWriter, r *http.Request) {
	key := r.URL.Query().Get("offence")
	var ys []int
	var err error
	if key == "" {
		ys, err = s.years(r.Context())
	} else if !keyRE.MatchString(key) {
		err = badParam("offence", strconv.Quote(key)+" is not a PKS offence key (six characters of digits, * and -, such as 890000; see /api/v1/offences)")
	} else {
		ys, err = s.keyYears(r.Context(), key)
	}
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	note := yearsNote
	if key != "" {
		note = keyYearsNote
	}
	s.writeJSON(w, r, http.StatusOK, YearList{Years: ys, Latest: ys[len(ys)-1], Offence: key, Note: note})
}

func (s *Server) overview(ctx context.Context, year int) (*factsheet.OverviewSheet, error) {
	f, err := s.facts()
	if err != nil {
		return nil, err
	}
	v, err := s.cache.get(fmt.Sprintf("overview\x00%d", year), func() (any, error) { return f.Overview(ctx, year) })
	if err != nil {
		return nil, err
	}
	return v.(*factsheet.OverviewSheet), nil
}

func (s *Server) apiOverview(w http.ResponseWriter, r *http.Request) {
	latest, err := s.latestYear(r.Context())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	year, err := s.overviewYear(r.Context(), r.URL.Query(), latest)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.serveCached(w, r, fmt.Sprintf("api-overview\x00%d", year), func() (*body, error) {
		ov, err := s.overview(r.Context(), year)
		if err != nil {
			return nil, err
		}
		return jsonBody(ov)
	})
}

// overviewYear reads the year of an overview (default def), which must be
// one of the years with figures (the overview's keys have them all).
func (s *Server) overviewYear(ctx context.Context, q url.Values, def int) (int, error) {
	year, err := intValue(q, "year", def, false)
	if err != nil {
		return 0, err
	}
	ys, err := s.years(ctx)
	if err != nil {
		return 0, err
	}
	if !slices.Contains(ys, year) {
		return 0, baserate.E("", baserate.KindNotFound, &paramError{ParamError{"year", fmt.Sprintf("no figures for %d: the overview has %s", year, yearsText(ys))}})
	}
	return year, nil
}

func (s *Server) trend(ctx context.Context, key string) (*factsheet.TrendSheet, error) {
	f, err := s.facts()
	if err != nil {
		return nil, err
	}
	v, err := s.cache.get("trend\x00"+key, func() (any, error) { return f.Trend(ctx, key) })
	if err != nil {
		return nil, err
	}
	return v.(*factsheet.TrendSheet), nil
}

func (s *Server) apiTrend(w http.ResponseWriter, r *http.Request) {
	key, err := s.trendParams(r)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.serveCached(w, r, "api-trend\x00"+key, func() (*body, error) {
		tr, err := s.trend(r.Context(), key)
		if err != nil {
			return nil, err
		}
		return jsonBody(tr)
	})
}

// trendParams reads the offence of a trend (default 890000). The trend is
// Germany's: an area other than DE is not found.
func (s *Server) trendParams(r *http.Request) (string, error) {
	q := r.URL.Query()
	a, err := s.findArea(r.Context(), q.Get("area"))
	if err != nil {
		return "", err
	}
	if a.ID != germany {
		return "", baserate.E("", baserate.KindNotFound, &paramError{ParamError{"area", "the trend over the years is for Germany (DE) only; " + a.ID + " " + a.Name + " has fact sheets for " + yearsText(a.Years)}})
	}
	key := q.Get("offence")
	if key == "" {
		key = headlineKey
	}
	if !keyRE.MatchString(key) {
		return "", badParam("offence", strconv.Quote(key)+" is not a PKS offence key (six characters of digits, * and -, such as 890000; see /api/v1/offences)")
	}
	return key, nil
}

// problemKinds documents the problem types the API answers with.
var problemKinds = map[string]string{
	"bad-request":              "The request's parameters or body are invalid; params names the parameter at fault.",
	"not-found":                "No such dataset, offence key, year or endpoint.",
	"conflict":                 "The request conflicts with the store, such as an ingest of an id that is already stored without replace=true.",
	"unauthorized":             "The admin endpoints need the admin token as a bearer token; a server without one is read-only.",
	"request-entity-too-large": "The request body is over the server's limit.",
	"method-not-allowed":       "The path exists but not for this method; the Allow header lists the methods.",
	"unsupported-media-type":   "The request body is of a type the endpoint does not read; the Accept-Post header lists those it reads.",
	"service-unavailable":      "The request took longer than the server allows.",
	"internal-server-error":    "A bug; the server log has the details under the request id.",
}

func (s *Server) apiProblemType(w http.ResponseWriter, r *http.Request) {
	k := r.PathValue("kind")
	d, ok := problemKinds[k]
	if !ok {
		s.writeProblem(w, r, baserate.E("", baserate.KindNotFound, fmt.Errorf("no problem type %q", k)))
		return
	}
	s.writeJSON(w, r, http.StatusOK, map[string]string{"type": "/api/v1/problems/" + k, "description": d})
}

// sheetTable lays a fact sheet out as a table of measures, for the CSV
// and Parquet downloads: year × area × offence × measure, where a measure names
// its group ("non_german_rate_per_100000"). group "deutsch" or
// "nichtdeutsch" keeps that group's measures and those of both groups. It
// only copies numbers from the sheet.
func sheetTable(sh *factsheet.Sheet, group string) *baserate.Table {
	md := baserate.NewDimension("measure")
	var vals []float64
	add := func(g, m string, v float64) {
		if group == "all" || g == "" || g == group {
			md.Categories = append(md.Categories, baserate.Category{ID: m})
			vals = append(vals, v)
		}
	}
	for _, gr := range []struct {
		prefix string
		g      factsheet.Group
	}{{"german_", sh.German}, {"non_german_", sh.NonGerman}} {
		c := gr.g.Citizenship
		add(c, gr.prefix+"suspects", gr.g.Suspects)
		add(c, gr.prefix+"population", gr.g.Population)
		add(c, gr.prefix+"rate_per_100000", gr.g.Rate)
		add(c, gr.prefix+"rate_ci_low", gr.g.RateCI[0])
		add(c, gr.prefix+"rate_ci_high", gr.g.RateCI[1])
	}
	// An undefined ratio or share is an empty cell with status "." (not
	// applicable), not the 0 the JSON reports next to its warning.
	rr, ss := shownRatio(sh.RateRatio), shownShare(sh.ShareOfSuspects)
	add("", "rate_ratio", rr.Ratio)
	add("", "rate_ratio_ci_low", rr.CI[0])
	add("", "rate_ratio_ci_high", rr.CI[1])
	add("", "non_german_share_of_suspects", ss.Share)
	add("", "non_german_share_of_suspects_ci_low", ss.CI[0])
	add("", "non_german_share_of_suspects_ci_high", ss.CI[1])
	add("", "non_german_share_of_population", sh.ShareOfPopulation)
	std := func(p string, st factsheet.Standardization) {
		add("", p+"crude_ratio", st.CrudeRatio)
		add("", p+"indirect_ratio", st.IndirectRatio)
		add("", p+"indirect_ratio_ci_low", st.IndirectRatioCI[0])
		add("", p+"indirect_ratio_ci_high", st.IndirectRatioCI[1])
		add("", p+"direct_ratio", st.DirectRatio)
		add("", p+"direct_ratio_ci_low", st.DirectRatioCI[0])
		add("", p+"direct_ratio_ci_high", st.DirectRatioCI[1])
		add("", p+"crude_gap_per_100000", st.Kitagawa.CrudeGap)
		add("", p+"rate_effect_per_100000", st.Kitagawa.RateEffect)
		add("", p+"composition_effect_per_100000", st.Kitagawa.CompositionEffect)
		for _, e := range st.DasGupta.Composition {
			add("", p+"composition_effect_"+e.Factor+"_per_100000", e.Effect)
		}
	}
	for _, st := range sh.Standardized {
		std("standardized_"+strings.Join(st.Factors, "_")+"_", st)
	}
	if sh.Settlement != nil {
		// On the district tables' basis: named apart from the national
		// standardization, as on the page.
		std("settlement_basis_", *sh.Settlement)
	}
	area, areaLabel, id := "DE", "Deutschland", fmt.Sprintf("factsheet-%d-%s", sh.Year, safeKey(sh.Offence.Key))
	if sh.Area != nil {
		area, areaLabel, id = sh.Area.ID, sh.Area.Name, id+"-"+sh.Area.ID
	}
	t := &baserate.Table{
		ID:      id,
		Label:   fmt.Sprintf("Fact sheet %d, %s, PKS key %s: %s", sh.Year, areaLabel, sh.Offence.Key, sh.Offence.Label),
		Source:  sh.Attribution,
		Caveats: sh.Caveats,
		Dims: []*baserate.Dimension{
			{ID: "year", Role: baserate.RoleTime, Categories: []baserate.Category{{ID: strconv.Itoa(sh.Year)}}},
			{ID: "area", Role: baserate.RoleGeo, Categories: []baserate.Category{{ID: area, Label: areaLabel}}},
			{ID: "offence", Categories: []baserate.Category{{ID: sh.Offence.Key, Label: sh.Offence.Label}}},
			md,
		},
		Values: vals,
	}
	for off, v := range vals {
		if math.IsNaN(v) {
			t.SetStatus(off, baserate.StatusNotApplic)
		}
	}
	return t
}
