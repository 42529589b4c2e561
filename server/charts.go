package server

import (
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/factsheet"
	"github.com/baserate/baserate/web"
	"github.com/baserate/baserate/web/chart"
)

// chartFunc builds one chart from the request's parameters.
type chartFunc func(r *http.Request) (*chart.Chart, error)

// chartRoutes lists the charts that /charts/{id} serves; the pages embed
// the same charts with the same parameters.
func (s *Server) chartRoutes() map[string]chartFunc {
	sheetChart := func(build func(*factsheet.Sheet) (*chart.Chart, error)) chartFunc {
		return func(r *http.Request) (*chart.Chart, error) {
			q, err := s.sheetParams(r)
			if err != nil {
				return nil, err
			}
			sh, err := s.sheet(r.Context(), q)
			if err != nil {
				return nil, err
			}
			return build(sh)
		}
	}
	trendChart := func(build func(*factsheet.TrendSheet) *chart.Chart) chartFunc {
		return func(r *http.Request) (*chart.Chart, error) {
			key, err := s.trendParams(r)
			if err != nil {
				return nil, err
			}
			tr, err := s.trend(r.Context(), key)
			if err != nil {
				return nil, err
			}
			return build(tr), nil
		}
	}
	return map[string]chartFunc{
		"overview-shares": func(r *http.Request) (*chart.Chart, error) {
			latest, err := s.latestYear(r.Context())
			if err != nil {
				return nil, err
			}
			year, err := s.overviewYear(r.Context(), r.URL.Query(), latest)
			if err != nil {
				return nil, err
			}
			ov, err := s.overview(r.Context(), year)
			if err != nil {
				return nil, err
			}
			return overviewChart(ov), nil
		},
		"factsheet-rates":         sheetChart(func(sh *factsheet.Sheet) (*chart.Chart, error) { return ratesChart(sh), nil }),
		"factsheet-ratios":        sheetChart(func(sh *factsheet.Sheet) (*chart.Chart, error) { return ratiosChart(sh), nil }),
		"factsheet-decomposition": sheetChart(decompositionChart),
		"factsheet-settlement":    sheetChart(settlementChart),
		"trend-rates":             trendChart(trendRatesChart),
		"trend-shares":            trendChart(trendSharesChart),
		"media-origin-share": func(r *http.Request) (*chart.Chart, error) {
			rep, err := s.mediaReport(r.Context())
			if err != nil {
				return nil, err
			}
			return mediaOriginChart(rep), nil
		},
		"media-foreign-share": func(r *http.Request) (*chart.Chart, error) {
			rep, err := s.mediaReport(r.Context())
			if err != nil {
				return nil, err
			}
			return mediaForeignChart(rep), nil
		},
	}
}

func (s *Server) pageChartRoutes() {
	s.charts = s.chartRoutes()
	// As in the API, a parameter given twice is refused (the chart would
	// silently use the first) and key or offense name the offence.
	s.mux.HandleFunc("GET /charts/{id}", s.checkParams("GET /charts/{id}", nil, s.serveChart))
}

// serveChart answers /charts/{id}?...&format=vl|csv|json: the Vega-Lite
// spec with its data, or the data alone.
func (s *Server) serveChart(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	build, ok := s.charts[id]
	if !ok {
		s.writeProblem(w, r, baserate.E("", baserate.KindNotFound, fmt.Errorf("no chart %q", id)))
		return
	}
	f, err := formatParam(r, "vl", "vl", "csv", "json")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	q := r.URL.Query()
	q.Del("format")
	s.serveCached(w, r, "chart\x00"+id+"\x00"+q.Encode()+"\x00"+f, func() (*body, error) {
		c, err := build(r)
		if err != nil {
			return nil, err
		}
		switch f {
		case "csv":
			var sb strings.Builder
			if err := c.WriteCSV(&sb); err != nil {
				return nil, err
			}
			return &body{contentType: "text/csv; charset=utf-8", filename: c.ID + ".csv", data: []byte(sb.String())}, nil
		case "json":
			b, err := c.DataJSON()
			if err != nil {
				return nil, err
			}
			return &body{contentType: "application/json", filename: c.ID + ".json", data: b}, nil
		}
		b, err := c.SpecJSON()
		if err != nil {
			return nil, err
		}
		return &body{contentType: "application/json", filename: c.ID + ".vl.json", data: b}, nil
	})
}

// chartView builds chart id for a page with the query that rebuilds it.
func (s *Server) chartView(r *http.Request, id, query string) (*web.ChartView, error) {
	req := r.Clone(r.Context())
	req.URL.RawQuery = query
	c, err := s.charts[id](req)
	if err != nil {
		return nil, err
	}
	return web.NewChartView(c, query)
}

func familyLabel(f factsheet.FamilyShare) string {
	if f.Key == "" {
		return f.Family
	}
	return f.Family + " (" + f.Key + ")"
}

func overviewChart(ov *factsheet.OverviewSheet) *chart.Chart {
	var est []chart.Estimate
	add := func(f factsheet.FamilyShare, label string) {
		if f.ShareOfSuspects == nil {
			return
		}
		est = append(est, chart.Estimate{Category: label, Series: "non-German share of suspects",
			Value: f.ShareOfSuspects.Share, Lo: f.ShareOfSuspects.CI[0], Hi: f.ShareOfSuspects.CI[1]})
	}
	add(ov.All, "all offences ("+ov.All.Key+")")
	for _, f := range ov.Families {
		add(f, familyLabel(f))
	}
	c := chart.Intervals("overview-shares", fmt.Sprintf("Non-German share of suspects by offence family, %d", ov.Year), est,
		chart.Options{Unit: "share of suspects (dashed: share of the population)", Format: ".1%", Ref: ov.ShareOfPopulation, RefLabel: "population share"})
	c.Source = ov.Attribution
	return c
}

// areaPrefix names a sheet's area in a chart title: "München, " or "".
func areaPrefix(sh *factsheet.Sheet) string {
	if sh.Area == nil {
		return ""
	}
	return sh.Area.Name + ", "
}

func ratesChart(sh *factsheet.Sheet) *chart.Chart {
	c := chart.Intervals("factsheet-rates", fmt.Sprintf("Suspects per 100,000 residents, %s%d", areaPrefix(sh), sh.Year), []chart.Estimate{
		{Category: "German", Value: sh.German.Rate, Lo: sh.German.RateCI[0], Hi: sh.German.RateCI[1]},
		{Category: "non-German", Value: sh.NonGerman.Rate, Lo: sh.NonGerman.RateCI[0], Hi: sh.NonGerman.RateCI[1]},
	}, chart.Options{Unit: "suspects per 100,000 residents (95% exact interval)", Format: ",.1f", Ref: chart.NoRef})
	c.Source = sh.Attribution
	return c
}

func ratiosChart(sh *factsheet.Sheet) *chart.Chart {
	rr := shownRatio(sh.RateRatio)
	est := []chart.Estimate{{Category: "crude", Value: rr.Ratio, Lo: rr.CI[0], Hi: rr.CI[1]}}
	for _, st := range sh.Standardized {
		f := strings.Join(st.Factors, " and ")
		est = append(est,
			chart.Estimate{Category: "crude, over the " + f + " populations", Value: st.CrudeRatio, Lo: math.NaN(), Hi: math.NaN()},
			chart.Estimate{Category: f + "-standardized, indirect", Value: st.IndirectRatio, Lo: st.IndirectRatioCI[0], Hi: st.IndirectRatioCI[1]},
			chart.Estimate{Category: f + "-standardized, direct", Value: st.DirectRatio, Lo: st.DirectRatioCI[0], Hi: st.DirectRatioCI[1]})
	}
	c := chart.Intervals("factsheet-ratios", fmt.Sprintf("Rate ratio, non-German to German, %s%d", areaPrefix(sh), sh.Year), est,
		chart.Options{Unit: "rate ratio (1 = same rate)", Format: ".2f", Ref: 1, RefLabel: "same rate"})
	c.Source = sh.Attribution
	return c
}

func decompositionChart(sh *factsheet.Sheet) (*chart.Chart, error) {
	i := richestStd(sh)
	if i < 0 {
		return nil, baserate.E("", baserate.KindNotFound, fmt.Errorf("no decomposition for %d: %s", sh.Year, sh.NoAgeBreakdown))
	}
	st := sh.Standardized[i]
	parts := []chart.Part{{Name: "crude gap", Value: st.DasGupta.CrudeGap, Kind: "total"}}
	for _, e := range st.DasGupta.Composition {
		parts = append(parts, chart.Part{Name: "composition: " + e.Factor, Value: e.Effect, Kind: "composition"})
	}
	parts = append(parts, chart.Part{Name: "rate (what is left)", Value: st.DasGupta.RateEffect, Kind: "rate"})
	c := chart.Decomposition("factsheet-decomposition", fmt.Sprintf("The gap in suspects per 100,000, split by %s, %d", strings.Join(st.Factors, " and "), sh.Year), parts,
		chart.Options{Unit: "suspects per 100,000 residents", Format: ",.0f"})
	c.Source = sh.Attribution
	return c, nil
}

// settlementChart splits the gap on the district tables' basis by
// settlement type (urban and rural districts), where the sheet has it.
func settlementChart(sh *factsheet.Sheet) (*chart.Chart, error) {
	st := sh.Settlement
	if st == nil {
		return nil, baserate.E("", baserate.KindNotFound, fmt.Errorf("no settlement comparison for %d, key %s: the district tables have 2020 and 2022 and 12 keys", sh.Year, sh.Offence.Key))
	}
	parts := []chart.Part{{Name: "crude gap (district tables)", Value: st.DasGupta.CrudeGap, Kind: "total"}}
	for _, e := range st.DasGupta.Composition {
		parts = append(parts, chart.Part{Name: "composition: " + e.Factor + " type", Value: e.Effect, Kind: "composition"})
	}
	parts = append(parts, chart.Part{Name: "rate (what is left)", Value: st.DasGupta.RateEffect, Kind: "rate"})
	c := chart.Decomposition("factsheet-settlement", fmt.Sprintf("The gap split by settlement type (urban vs rural districts), %d — district tables, a different data basis", sh.Year), parts,
		chart.Options{Unit: "suspects per 100,000 residents (summed over districts)", Format: ",.0f"})
	c.Source = st.Basis + "; " + st.Denominator.Source
	return c, nil
}

func trendRatesChart(tr *factsheet.TrendSheet) *chart.Chart {
	var pts []chart.Point
	var breaks []chart.Break
	for _, p := range tr.Points {
		pts = append(pts,
			chart.Point{Year: p.Year, Series: "German", Value: p.German.Rate, Lo: math.NaN(), Hi: math.NaN()},
			chart.Point{Year: p.Year, Series: "non-German", Value: p.NonGerman.Rate, Lo: math.NaN(), Hi: math.NaN()})
		if p.Break != "" {
			breaks = append(breaks, chart.Break{Year: p.Year, Label: breakLabel(p.Year, p.BreakCodes)})
		}
	}
	// Whole numbers for the usual rates (hundreds to thousands); the chart
	// adds the decimals a rare offence's rates need (050000: below 0.002),
	// whose axis read 0, 0, 0 with ",.0f".
	c := chart.Trend("trend-rates", "Suspects per 100,000 residents, "+yearSpan(tr), pts, breaks, chart.Options{Unit: "suspects per 100,000", Format: ",.0f"})
	c.Source = tr.Attribution
	return c
}

func trendSharesChart(tr *factsheet.TrendSheet) *chart.Chart {
	var pts []chart.Point
	var breaks []chart.Break
	for _, p := range tr.Points {
		pts = append(pts,
			chart.Point{Year: p.Year, Series: "non-German share of suspects", Value: p.ShareOfSuspects, Lo: math.NaN(), Hi: math.NaN()},
			chart.Point{Year: p.Year, Series: "non-German share of the population", Value: p.ShareOfPopulation, Lo: math.NaN(), Hi: math.NaN()})
		if p.Break != "" {
			breaks = append(breaks, chart.Break{Year: p.Year, Label: breakLabel(p.Year, p.BreakCodes)})
		}
	}
	c := chart.Trend("trend-shares", "Non-German share of suspects and of the population, "+yearSpan(tr), pts, breaks, chart.Options{Unit: "share", Format: ".0%"})
	c.Source = tr.Attribution
	return c
}

func yearSpan(tr *factsheet.TrendSheet) string {
	if len(tr.Points) == 0 {
		return ""
	}
	return fmt.Sprintf("%d–%d", tr.Points[0].Year, tr.Points[len(tr.Points)-1].Year)
}

// minCrimeItems leaves out of the media charts the years of a corpus with
// too few crime items for a share to mean much.
const minCrimeItems = 50

// yearRows are the media rows of single years with enough crime items.
func yearRows(rep *MediaReport) []MediaRow {
	var out []MediaRow
	for _, r := range rep.Rows {
		if _, err := strconv.Atoi(r.Period); err == nil && r.CrimeItems >= minCrimeItems && allFamilies(r) {
			out = append(out, r)
		}
	}
	return out
}

func mediaOriginChart(rep *MediaReport) *chart.Chart {
	var pts []chart.Point
	for _, r := range yearRows(rep) {
		y, _ := strconv.Atoi(r.Period)
		pts = append(pts, chart.Point{Year: y, Series: r.Corpus, Value: r.OriginShare, Lo: r.OriginCI[0], Hi: r.OriginCI[1]})
	}
	c := chart.Trend("media-origin-share", "Share of crime items that name a suspect's origin", pts, nil, chart.Options{Unit: "share of crime items (95% interval)", Format: ".0%"})
	c.Source = rep.Source
	return c
}

func mediaForeignChart(rep *MediaReport) *chart.Chart {
	var pts []chart.Point
	for _, r := range yearRows(rep) {
		if r.Home != "DE" || r.OriginItems < 20 {
			continue
		}
		y, _ := strconv.Atoi(r.Period)
		pts = append(pts, chart.Point{Year: y, Series: r.Corpus + ": foreign share of origin-naming items", Value: r.ForeignShare, Lo: r.ForeignCI[0], Hi: r.ForeignCI[1]})
	}
	for _, p := range rep.Police {
		pts = append(pts, chart.Point{Year: p.Year, Series: "police: non-German share of suspects (890000)", Value: p.Share, Lo: p.CI[0], Hi: p.CI[1]})
	}
	c := chart.Trend("media-foreign-share", "Foreign share among items that name an origin, against the police share", pts, nil, chart.Options{Unit: "share (95% interval)", Format: ".0%"})
	c.Source = rep.Source + "; police: BKA PKS, key 890000"
	return c
}

// breakLabel names a series break in a few words for the chart; the
// caveat in full is in the page's caveats.
// breakShort names each kind of series break in a chart's rule label, by
// the code of the caveat that explains it.
var breakShort = map[string]string{
	"pks-2009-counting-rule":    "new counting rule",
	"pks-1993-territory":        "territory",
	"destatis-census-basis":     "census basis",
	"pks-key-definition-change": "key redefined",
}

// breakLabel is the rule label of the breaks of year ("2022: census basis,
// key redefined").
func breakLabel(year int, codes []string) string {
	var short []string
	for _, c := range codes {
		s, ok := breakShort[c]
		if !ok {
			s = "series break"
		}
		if !slices.Contains(short, s) {
			short = append(short, s)
		}
	}
	if len(short) == 0 {
		short = []string{"series break"}
	}
	return fmt.Sprintf("%d: %s", year, strings.Join(short, ", "))
}
