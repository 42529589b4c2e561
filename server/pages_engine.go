package server

import (
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/claim"
	"github.com/baserate/baserate/factsheet"
	"github.com/baserate/baserate/stat/rate"
	"github.com/baserate/baserate/store"
	"github.com/baserate/baserate/web"
)

func (s *Server) enginePageRoutes() {
	s.pageChartRoutes()
	s.mux.HandleFunc("GET /{$}", s.pageOverview)
	s.mux.HandleFunc("GET /factsheet", s.pageFactsheet)
	s.mux.HandleFunc("GET /claim", s.pageClaim)
	s.mux.HandleFunc("GET /incident", s.pageIncident)
	s.mux.HandleFunc("POST /incident", s.pageIncident)
	s.mux.HandleFunc("GET /media", s.pageMedia)
	s.modelsPageRoutes()
}

// bundleSources are the sources of every page that shows official figures.
var bundleSources = []web.Source{
	{Name: "Bundeskriminalamt, Polizeiliche Kriminalstatistik (PKS): Zeitreihen T40/T50 (V1.0, 19.03.2025) and PKS 2024", URL: "https://www.bka.de/DE/AktuelleInformationen/StatistikenLagebilder/PolizeilicheKriminalstatistik/pks_node.html", Licence: "dl-de/by-2-0"},
	{Name: "Statistisches Bundesamt (Destatis), GENESIS 12411 (population), 12411-0007 and 12521-0003 (population by age)", URL: "https://www-genesis.destatis.de/", Licence: "dl-de/by-2-0"},
}

// areaSources are the sources of the pages of a Land or district, and of
// the settlement comparison.
var areaSources = []web.Source{
	{Name: "Bundeskriminalamt, PKS Grundtabelle Kreise (KR-F-01-T01) 2020 and 2022", URL: "https://www.bka.de/DE/AktuelleInformationen/StatistikenLagebilder/PolizeilicheKriminalstatistik/pks_node.html", Licence: "dl-de/by-2-0"},
	{Name: "Statistische Ämter des Bundes und der Länder, Regionaldatenbank 12411-03-03-4 (residents by district)", URL: "https://www.regionalstatistik.de/", Licence: "dl-de/by-2-0"},
	{Name: "Länder 2010–2020: BKA PKS Länder tables and Destatis 12411-0042 as compiled in github.com/foxymadeit/did-refugees-crime (MIT)", URL: "https://github.com/foxymadeit/did-refugees-crime"},
}

// sheetValues are the query parameters that name sheet q.
func sheetValues(q factsheet.Query) url.Values {
	v := url.Values{"year": {strconv.Itoa(q.Year)}, "offence": {q.Offence}}
	if q.Area != "" {
		v.Set("area", q.Area)
	}
	return v
}

// sheetAPI is the API path a page's numbers come from; the browser tests
// fetch it and compare.
func sheetAPI(q factsheet.Query) string { return "/api/v1/factsheet?" + sheetQuery(q) }

func sheetQuery(q factsheet.Query) string { return sheetValues(q).Encode() }

// charts builds the named charts for a page; a chart that has no data
// (a decomposition without an age breakdown) is left out.
func (s *Server) pageCharts(r *http.Request, query string, ids ...string) (map[string]*web.ChartView, error) {
	out := map[string]*web.ChartView{}
	for _, id := range ids {
		cv, err := s.chartView(r, id, query)
		if baserate.KindOf(err) == baserate.KindNotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[id] = cv
	}
	return out, nil
}

type yearOption struct {
	Year     int
	Selected bool
}

func yearOptions(years []int, sel int) []yearOption {
	out := make([]yearOption, 0, len(years))
	for i := len(years) - 1; i >= 0; i-- {
		out = append(out, yearOption{years[i], years[i] == sel})
	}
	return out
}

// --- overview ---

type overviewView struct {
	Year   int
	Years  []yearOption
	Sheet  *factsheet.OverviewSheet
	API    string
	Fams   []famRow
	Latest int
}

type famRow struct {
	Index int
	F     factsheet.FamilyShare
	Link  string
}

func (s *Server) pageOverview(w http.ResponseWriter, r *http.Request) {
	// The overview's years are all the years with figures (1987-2024),
	// not only those of key 890000 (from 2002): the selector must hold
	// every year the page shows.
	years, err := s.years(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	latest := years[len(years)-1]
	year, err := s.overviewYear(r.Context(), r.URL.Query(), latest)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ov, err := s.overview(r.Context(), year)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	q := "year=" + strconv.Itoa(year)
	charts, err := s.pageCharts(r, q, "overview-shares")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := &overviewView{Year: year, Years: yearOptions(years, year), Sheet: ov, API: "/api/v1/overview?" + q, Latest: latest}
	for i, f := range ov.Families {
		row := famRow{Index: i, F: f}
		if f.Key != "" {
			row.Link = "/factsheet?" + sheetQuery(factsheet.Query{Year: year, Offence: f.Key})
		}
		v.Fams = append(v.Fams, row)
	}
	s.renderPage(w, r, "overview", &web.Page{
		Title:   fmt.Sprintf("Suspects by citizenship, %d", year),
		Lead:    "For each offence family of the media codebook: the share of police suspects who are not German citizens, next to their share of the population. A share of suspects is not a rate: the fact sheets give rates, ratios and what is left after age and sex.",
		Sources: bundleSources,
		Caveats: ov.Caveats,
		Charts:  charts,
		Data:    v,
	})
}

// --- fact sheet ---

type factsheetView struct {
	Sheet    *factsheet.Sheet
	English  string
	API      string
	Query    string
	Years    []yearOption
	Offences []offenceOption
	Areas    []areaGroup
	// Area is the sheet's area (Germany included); Adjusted says how the
	// year or key asked for was changed to one the area has.
	Area     *factsheet.Area
	Adjusted string
	// National is the query of the same offence and year for Germany,
	// for the link from an area's sheet ("" on Germany's sheet).
	National string
	// Std is the richest standardization (age and sex where there is
	// one), StdIndex its index in Sheet.Standardized.
	Std      *factsheet.Standardization
	StdIndex int
	// RateRatio is the sheet's crude ratio as shown: its undefined parts
	// NaN (see shownRatio); RatioUndefined says why, in place of the
	// interval, when the ratio is undefined.
	RateRatio      rate.Ratio
	RatioUndefined string
}

// ratioUndefined says why the crude ratio of sh is undefined, with the
// limits it has; "" when it is defined.
func ratioUndefined(sh *factsheet.Sheet, rr rate.Ratio) string {
	if !math.IsNaN(rr.Ratio) {
		return ""
	}
	why := "undefined: there are no German suspects to compare with"
	if sh.German.Population == 0 || sh.NonGerman.Population == 0 {
		why = "undefined: a population is 0"
	}
	if !math.IsNaN(rr.CI[0]) {
		why += "; 95% lower limit " + web.FormatNum(rr.CI[0], 2) + ", no upper limit"
	}
	return why
}

type offenceOption struct {
	Key, Label string
	Selected   bool
}

// offenceOptions are the options of the offence selector: the keys of
// the area (keys; none for Germany, which has every key with figures).
func offenceOptions(offs []factsheet.ListedOffence, keys []string, sel string) []offenceOption {
	out := make([]offenceOption, 0, len(offs))
	for _, o := range offs {
		if len(keys) > 0 && !slices.Contains(keys, o.Key) {
			continue
		}
		// Germany's selector leaves out the keys the catalogue names
		// without figures in any year (an area's keys all have figures).
		if len(keys) == 0 && len(listedYears(o)) == 0 {
			continue
		}
		label := o.Label
		if en := web.OffenceName(o.Key); en != "" {
			label = en + " — " + o.Label
		}
		if len(label) > 110 {
			label = label[:strings.LastIndex(label[:110], " ")] + " …"
		}
		out = append(out, offenceOption{o.Key, o.Key + " " + label, o.Key == sel})
	}
	return out
}

type areaOption struct {
	ID, Label string
	Selected  bool
}

type areaGroup struct {
	Label   string
	Options []areaOption
}

// areaOptions groups the areas for the selector: Germany, the Länder, the
// districts.
func areaOptions(as []factsheet.Area, sel string) []areaGroup {
	groups := []areaGroup{{Label: "Germany"}, {Label: "Länder (2010–2020, all offences)"}, {Label: "Districts (2020, 2022; 12 offence keys)"}}
	for _, a := range as {
		i, label := 0, a.Name
		switch a.Level {
		case factsheet.LevelLand:
			i, label = 1, a.ID+" "+a.Name
		case factsheet.LevelKreis:
			i, label = 2, a.ID+" "+a.Name+" ("+levelName(a)[len("district, "):]+")"
		}
		groups[i].Options = append(groups[i].Options, areaOption{a.ID, label, a.ID == sel})
	}
	return groups
}

// pageSheetQuery reads the fact sheet page's parameters like the API,
// but where the year or key asked for is not there (as when a selector
// changes and keeps the others), it shows the nearest year and says so:
// on Germany's sheet the nearest year of the key (890000 has 2002-2024,
// so the offence selector can move from a sheet of 1995 to it); on an
// area's sheet the nearest year of the area and, where the area lacks the
// key, its default key. The API refuses such a query instead.
func (s *Server) pageSheetQuery(r *http.Request) (factsheet.Query, *factsheet.Area, string, error) {
	a, err := s.findArea(r.Context(), r.URL.Query().Get("area"))
	if err != nil {
		return factsheet.Query{}, nil, "", err
	}
	q, err := s.sheetParams(r)
	if err != nil {
		return q, a, "", err
	}
	if a.ID == germany {
		ys, err := s.keyYears(r.Context(), q.Offence)
		if err != nil || slices.Contains(ys, q.Year) {
			return q, a, "", err
		}
		y := nearestYear(ys, q.Year)
		note := fmt.Sprintf("Key %s has figures for %s, not %d; showing %d, the nearest year with figures.", q.Offence, yearsText(ys), q.Year, y)
		q.Year = y
		return q, a, note, nil
	}
	_, defKey, _ := s.areaDefaults(r.Context(), a)
	var notes []string
	if !slices.Contains(a.Years, q.Year) {
		y := nearestYear(a.Years, q.Year)
		notes = append(notes, fmt.Sprintf("%s has figures for %s, not %d; showing %d.", a.Name, yearsText(a.Years), q.Year, y))
		q.Year = y
	}
	if len(a.Keys) > 0 && !slices.Contains(a.Keys, q.Offence) {
		notes = append(notes, fmt.Sprintf("%s has figures for keys %s, not %s; showing %s.", a.Name, strings.Join(a.Keys, ", "), q.Offence, defKey))
		q.Offence = defKey
	}
	return q, a, strings.Join(notes, " "), nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func (s *Server) pageFactsheet(w http.ResponseWriter, r *http.Request) {
	q, area, adjusted, err := s.pageSheetQuery(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	key, year := q.Offence, q.Year
	sh, err := s.sheet(r.Context(), q)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f, _ := s.facts()
	offs, err := f.Offences(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	years := area.Years
	if area.ID == germany {
		// Germany's years are the key's own (1987-2024 for most, 890000
		// from 2002), so that the year selector holds the year shown.
		if ys, err := s.keyYears(r.Context(), key); err == nil {
			years = ys
		}
	}
	as, err := s.areas(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	qs := sheetQuery(q)
	ids := []string{"factsheet-rates", "factsheet-ratios", "factsheet-decomposition", "factsheet-settlement"}
	if area.ID == germany {
		ids = append(ids, "trend-rates", "trend-shares")
	}
	charts, err := s.pageCharts(r, qs, ids...)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := &factsheetView{Sheet: sh, English: web.OffenceName(key), API: sheetAPI(q), Query: qs,
		Years: yearOptions(years, year), Offences: offenceOptions(offs, area.Keys, key), Areas: areaOptions(as, area.ID),
		Area: area, Adjusted: adjusted, StdIndex: richestStd(sh), RateRatio: shownRatio(sh.RateRatio)}
	v.RatioUndefined = ratioUndefined(sh, v.RateRatio)
	if v.StdIndex >= 0 {
		v.Std = &sh.Standardized[v.StdIndex]
	}
	name := v.English
	if name == "" {
		name = "PKS key " + key
	}
	caveats := sh.Caveats
	if sh.Settlement != nil {
		caveats = baserate.MergeCaveats(slices.Clone(caveats), sh.Settlement.Caveats...)
	}
	sources := bundleSources
	where := ""
	if area.ID != germany {
		v.National = sheetQuery(factsheet.Query{Year: year, Offence: key})
		where = area.Name + " (" + levelName(*area) + "), "
		if area.Level == factsheet.LevelLand {
			sources = append(slices.Clone(bundleSources), areaSources[2])
		} else {
			sources = append(slices.Clone(bundleSources), areaSources[:2]...)
		}
	} else {
		if tr, err := s.trend(r.Context(), key); err == nil {
			caveats = baserate.MergeCaveats(slices.Clone(caveats), tr.Caveats...)
		}
		if sh.Settlement != nil {
			sources = append(slices.Clone(bundleSources), areaSources[:2]...)
		}
	}
	s.renderPage(w, r, "factsheet", &web.Page{
		Title:   fmt.Sprintf("Fact sheet: %s, %s%d", name, where, year),
		Lead:    sh.Offence.Label + " (PKS key " + key + "). German and non-German suspects" + areaLead(area) + ": counts, rates per 100,000 residents with exact intervals, the rate ratio before and after standardization, and how much of the gap is composition.",
		Sources: sources,
		Caveats: caveats,
		Charts:  charts,
		Data:    v,
	})
}

func areaLead(a *factsheet.Area) string {
	if a == nil || a.ID == germany {
		return ""
	}
	return " in " + a.Name + " (AGS " + a.ID + ", " + levelName(*a) + ")"
}

// --- claim check ---

type claimView struct {
	Text     string
	Result   *ClaimResult
	API      string
	Query    string
	Examples []claim.Example
	Verdict  string
	Parts    []claimPart
	Marked   template.HTML
	// Unparsed are the claim's runs of words not understood, less the
	// words of Uncheckable: the words that name the claim's one
	// nationality, understood but not checkable.
	Unparsed, Uncheckable []claim.Span
}

type claimPart struct {
	Role, Text, Meaning string
}

func (s *Server) pageClaim(w http.ResponseWriter, r *http.Request) {
	text := r.URL.Query().Get("text")
	v := &claimView{Text: text, Examples: claim.Examples()}
	page := &web.Page{
		Title:   "Claim check",
		Lead:    "Type a claim about migration and crime, in English or German. The page shows what the claim says, the police figures it refers to, and how its framing compares with them.",
		Sources: bundleSources,
		Data:    v,
	}
	if strings.TrimSpace(text) != "" {
		res, err := s.checkClaim(r.Context(), text)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		v.Result = res
		v.Unparsed, v.Uncheckable = claimSpans(res.Claim)
		v.Marked = markClaim(res.Claim.Text, v.Unparsed, v.Uncheckable, res.Claim.Nationality)
		for _, p := range res.Claim.Parts {
			m := partMeaning(p)
			if p.Role == "group" && res.Claim.Subset() != "" {
				// Asylum seekers, refugees: a part of the non-Germans.
				m = fmt.Sprintf(claim.Note("part-subset"), p.Text)
			}
			if p.Role == "area" {
				if a, err := s.findArea(r.Context(), p.Value); err == nil {
					level := "Land"
					if a.Level == factsheet.LevelKreis {
						level = "district"
					}
					m = a.Name + " (" + level + ", AGS " + a.ID + ")"
					if res.Area != "" && res.Area != a.ID {
						// A city-state checked as its city's district.
						m += ", checked as the district of its city (AGS " + res.Area + ")"
					}
				}
			}
			v.Parts = append(v.Parts, claimPart{p.Role, p.Text, m})
		}
		page.Caveats = res.Caveats
		if res.Sheet != nil {
			v.API = sheetAPI(res.query())
			v.Query = sheetQuery(res.query())
			ids := []string{"factsheet-ratios"}
			if res.Claim.Kind == claim.KindShare && res.Area == "" {
				// The trend is Germany's; a Land's share claim gets the
				// Land's ratios.
				ids = []string{"trend-shares"}
			}
			if res.Claim.Kind == claim.KindRate {
				ids = []string{"factsheet-rates"}
			}
			charts, err := s.pageCharts(r, v.Query, ids...)
			if err != nil {
				s.pageError(w, r, err)
				return
			}
			page.Charts = charts
		}
	}
	s.renderPage(w, r, "claim", page)
}

// partMeaning says in words what a recognized phrase was taken to mean.
func partMeaning(p claim.Part) string {
	switch p.Role {
	case "group", "reference":
		if p.Value == "deutsch" {
			return "German citizens"
		}
		return "non-German citizens"
	case "offence":
		if n := web.OffenceName(p.Value); n != "" {
			return n + " (PKS " + p.Value + ")"
		}
		return "PKS key " + p.Value
	case "nationality":
		return p.Value + " (one nationality; not checkable: " + nationalityNote + ")"
	case "year":
		if p.Value == "latest" {
			return "the latest year"
		}
	case "who":
		switch p.Value {
		case "frame-suspects":
			return "suspects"
		case "frame-offenders":
			return "offenders (the data count suspects)"
		case "frame-convictions":
			return "convictions (the data count suspects)"
		case "population-share":
			return "the population"
		}
		return "people"
	}
	return p.Value
}

// nationalityNote says why a claim about one nationality is not checked.
const nationalityNote = "the bundled police data count German and non-German suspects only"

// claimSpans splits what the claim parser did not understand into the
// words that name the claim's one nationality (its Nationality field,
// recognized as a part of role "nationality") and the rest. The parser
// lists the nationality as not understood too, since no figure checks
// it; the page shows it as understood but not checkable.
func claimSpans(c *claim.Claim) (unparsed, uncheckable []claim.Span) {
	if c.Nationality != "" {
		for _, p := range c.Parts {
			if p.Role == "nationality" && 0 <= p.Start && p.Start < p.End && p.End <= len(c.Text) {
				uncheckable = append(uncheckable, claim.Span{Text: c.Text[p.Start:p.End], Start: p.Start, End: p.End})
			}
		}
	}
	for _, u := range c.Unparsed {
		if u.Start < 0 || u.End > len(c.Text) || u.Start >= u.End {
			continue
		}
		// Cut the nationality's words out of the run; keep the pieces
		// that hold more than spaces and punctuation.
		at := u.Start
		keep := func(end int) {
			piece := c.Text[at:end]
			l := len(piece) - len(strings.TrimLeftFunc(piece, notWord))
			r := len(strings.TrimRightFunc(piece, notWord))
			if l < r {
				unparsed = append(unparsed, claim.Span{Text: piece[l:r], Start: at + l, End: at + r})
			}
		}
		for _, n := range uncheckable {
			if n.End <= at || n.Start >= u.End {
				continue
			}
			keep(max(at, min(n.Start, u.End)))
			at = min(n.End, u.End)
		}
		keep(u.End)
	}
	return unparsed, uncheckable
}

func notWord(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// markClaim returns the claim's text with the parts not understood and
// the words naming a nationality marked, each with its own class and
// tooltip. The spans are in text order and do not overlap.
func markClaim(text string, unparsed, uncheckable []claim.Span, nationality string) template.HTML {
	type mark struct {
		claim.Span
		class, title string
	}
	var marks []mark
	for _, u := range unparsed {
		marks = append(marks, mark{u, "unparsed", "not understood"})
	}
	for _, u := range uncheckable {
		marks = append(marks, mark{u, "uncheckable", "understood: one nationality (" + nationality + "), but not checkable: " + nationalityNote})
	}
	slices.SortFunc(marks, func(a, b mark) int { return a.Start - b.Start })
	var b strings.Builder
	at := 0
	for _, m := range marks {
		if m.Start < at || m.End > len(text) {
			continue
		}
		b.WriteString(template.HTMLEscapeString(text[at:m.Start]))
		b.WriteString(`<mark class="` + m.class + `" title="` + template.HTMLEscapeString(m.title) + `">` + template.HTMLEscapeString(text[m.Start:m.End]) + `</mark>`)
		at = m.End
	}
	b.WriteString(template.HTMLEscapeString(text[at:]))
	return template.HTML(b.String())
}

// --- incident in context ---

type incidentView struct {
	Text, Date string
	Result     *IncidentResult
	Marked     template.HTML
	API        string
	Std        *factsheet.Standardization
	StdIndex   int
	Evidence   []baserate.Evidence
	Examples   []web.IncidentExample
}

func (s *Server) pageIncident(w http.ResponseWriter, r *http.Request) {
	v := &incidentView{Examples: web.IncidentExamples()}
	page := &web.Page{
		Title:   "Incident in context",
		Lead:    "Paste a news item, police release or incident report. The page codes it with the media engine and shows it against the base rate for its offence and year. One incident is never evidence about a group.",
		Sources: bundleSources,
		Data:    v,
	}
	var a baserate.Article
	var in map[string]string
	if r.Method == http.MethodPost || r.URL.Query().Get("text") != "" {
		var err error
		a, in, err = articleInput(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		v.Text, v.Date = a.Text, a.Date
		res, err := s.incident(r.Context(), a, in["year"])
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		v.Result = res
		v.Marked = markEvidence(a.Text, res.Coding.Evidence)
		for _, e := range res.Coding.Evidence {
			if e.End > e.Start {
				v.Evidence = append(v.Evidence, e)
			}
		}
		page.Caveats = res.Caveats
		if res.Media != nil {
			caveats, err := allMediaCaveats()
			if err != nil {
				s.pageError(w, r, err)
				return
			}
			page.Caveats = baserate.MergeCaveats(slices.Clone(res.Caveats), caveats...)
			if rep, err := s.mediaReport(r.Context()); err == nil {
				page.Sources = append([]web.Source{{Name: rep.Source}}, bundleSources...)
			}
		}
		if res.Sheet != nil {
			v.API = sheetAPI(factsheet.Query{Year: res.Year, Offence: res.Offence})
			v.StdIndex = richestStd(res.Sheet)
			if v.StdIndex >= 0 {
				v.Std = &res.Sheet.Standardized[v.StdIndex]
			}
			charts, err := s.pageCharts(r, sheetQuery(factsheet.Query{Year: res.Year, Offence: res.Offence}), "factsheet-rates", "factsheet-ratios")
			if err != nil {
				s.pageError(w, r, err)
				return
			}
			page.Charts = charts
		}
	}
	s.renderPage(w, r, "incident", page)
}

// markEvidence returns text with the evidence spans marked by field:
// suspects' origins, victims' origins, offence terms, appearance, and the
// role cues. Overlapping spans keep the first.
func markEvidence(text string, ev []baserate.Evidence) template.HTML {
	type span struct {
		start, end   int
		class, title string
	}
	var spans []span
	for _, e := range ev {
		class := map[string]string{"suspect_origins": "suspect", "victim_origins": "victim", "categories": "offence", "appearance": "appearance"}[e.Field]
		if class == "" || e.Start < 0 || e.End > len(text) || e.End <= e.Start {
			continue
		}
		title := e.Field + ": " + e.Code
		if e.Role != "" {
			title += " (" + e.Role + ")"
		}
		spans = append(spans, span{e.Start, e.End, class, title})
		if e.Cue != "" && e.CueEnd > e.CueStart && e.CueEnd <= len(text) {
			spans = append(spans, span{e.CueStart, e.CueEnd, "cue", "role cue for " + e.Text})
		}
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var b strings.Builder
	at := 0
	for _, sp := range spans {
		if sp.start < at {
			continue
		}
		b.WriteString(template.HTMLEscapeString(text[at:sp.start]))
		b.WriteString(`<mark class="` + sp.class + `" title="` + template.HTMLEscapeString(sp.title) + `">` + template.HTMLEscapeString(text[sp.start:sp.end]) + `</mark>`)
		at = sp.end
	}
	b.WriteString(template.HTMLEscapeString(text[at:]))
	return template.HTML(b.String())
}

// --- media ---

type mediaView struct {
	Report *MediaReport
	Totals []IndexedRow
	Years  []IndexedRow
	// Families are the rows of one offence family over all years, where
	// the media index has them.
	Families []IndexedRow
	Corpora  []store.Corpus
}

func (s *Server) pageMedia(w http.ResponseWriter, r *http.Request) {
	rep, err := s.mediaReport(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	cs, err := s.st.Corpora(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := &mediaView{Report: rep, Corpora: cs}
	for i, row := range rep.Rows {
		if !allFamilies(row) {
			if row.Period == "all" && row.CrimeItems > 0 {
				v.Families = append(v.Families, IndexedRow{i, row})
			}
			continue
		}
		switch row.Period {
		case "all":
			v.Totals = append(v.Totals, IndexedRow{i, row})
		case "unknown":
		default:
			v.Years = append(v.Years, IndexedRow{i, row})
		}
	}
	charts, err := s.pageCharts(r, "", "media-origin-share", "media-foreign-share")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderPage(w, r, "media", &web.Page{
		Title:   "Media coverage and police figures",
		Lead:    "Per source and year: the share of crime items that name a suspect's origin, and the foreign share among those items, against the police share of non-German suspects, with 95% intervals.",
		Sources: append([]web.Source{{Name: rep.Source}}, bundleSources...),
		Caveats: rep.Caveats,
		Charts:  charts,
		Data:    v,
	})
}
