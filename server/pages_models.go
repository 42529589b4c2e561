package server

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/baserate/baserate/districts"
	"github.com/baserate/baserate/web"
	"github.com/baserate/baserate/web/chart"
)

// modelsSources are the sources of the models page.
var modelsSources = append(slices.Clone(areaSources[:2]),
	web.Source{Name: "BMWSB/BBSR, Deutschlandatlas (indicator workbook, Stand 12.12.2024): settlement and transport area, disposable household income", URL: "https://www.deutschlandatlas.bund.de/", Licence: "dl-de/by-2-0"})

// modelsPageRoutes serves the models page and its chart; it runs after
// pageChartRoutes, which makes the chart map.
func (s *Server) modelsPageRoutes() {
	s.charts["models-foreign-share"] = func(r *http.Request) (*chart.Chart, error) {
		q, err := modelsQuery(r.URL.Query())
		if err != nil {
			return nil, err
		}
		res, err := s.models(r.Context(), q)
		if err != nil {
			return nil, err
		}
		return modelsChart(res), nil
	}
	s.mux.HandleFunc("GET /models", s.pageModels)
}

// specShort are short names of the specifications for the chart's rows,
// which leave the plot room on a phone; the table has the full ones.
var specShort = map[string]string{"a": "crude", "b": "+ age", "c": "+ settlement", "d": "+ income", "e": "+ Land effects"}

// modelsChart draws the foreign share's rate ratio with its interval in
// each nested specification, against 1 (no association).
func modelsChart(res *districts.Result) *chart.Chart {
	var est []chart.Estimate
	for _, sp := range res.Specifications {
		c := sp.ForeignShare
		cat := "(" + sp.ID + ") " + sp.Label
		if short, ok := specShort[sp.ID]; ok {
			cat = "(" + sp.ID + ") " + short
		}
		est = append(est, chart.Estimate{Category: cat, Value: c.IRR, Lo: c.IRRLow, Hi: c.IRRHigh})
	}
	c := chart.Intervals("models-foreign-share", fmt.Sprintf("Recorded cases per resident and the foreign share across %d districts, %d", res.Districts, res.Year), est,
		chart.Options{Unit: "rate ratio per percentage point of foreign residents (95% interval, clustered by Land)", Format: ".3f", Ref: 1, RefLabel: "no association"})
	c.Source = res.Attribution
	return c
}

type modelsView struct {
	Res      *districts.Result
	API      string
	Years    []yearOption
	Offences []offenceOption
	// Subject names what the cases count, for the reading ("violent
	// crime").
	Subject string
	// Full and PerForeign pair the two models' coefficients with their
	// percent changes, by index.
	Full, PerForeign []modelRow
}

type modelRow struct {
	Index  int
	Term   string
	Unit   string
	Change districts.Percent
}

func modelRows(m districts.Model) []modelRow {
	out := make([]modelRow, len(m.Changes))
	for i, c := range m.Changes {
		out[i] = modelRow{i, c.Term, c.Unit, c.Percent}
	}
	return out
}

func (s *Server) pageModels(w http.ResponseWriter, r *http.Request) {
	q, err := modelsQuery(r.URL.Query())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	res, err := s.models(r.Context(), q)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	keys, err := districts.Keys()
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f, err := s.facts()
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	offs, err := f.Offences(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	query := modelsValues(q).Encode()
	charts, err := s.pageCharts(r, query, "models-foreign-share")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	subject := web.OffenceName(q.Offence)
	if subject == "" {
		subject = res.Offence.Label
	}
	v := &modelsView{Res: res, API: modelsAPI(q), Years: yearOptions(districts.Years, q.Year),
		Offences: offenceOptions(offs, keys, q.Offence), Subject: strings.ToLower(subject),
		Full: modelRows(res.Full), PerForeign: modelRows(res.PerForeignResident)}
	s.renderPage(w, r, "models", &web.Page{
		Title:   fmt.Sprintf("The foreign share and recorded crime across the districts, %d", q.Year),
		Lead:    "Does the foreign share of a district's population predict its recorded crime once age structure, urbanization and income are controlled and the Länder are compared with themselves? Count models across Germany's districts, from the bundled official data. They describe where recorded crime is more common, not who commits it.",
		Page:    "models",
		Sources: modelsSources,
		Caveats: res.Caveats,
		Charts:  charts,
		Data:    v,
	})
}
