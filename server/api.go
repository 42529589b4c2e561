package server

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/baserate/baserate/internal/editdist"
	"github.com/baserate/baserate/store"
	"github.com/baserate/baserate/web"
)

// route is one endpoint: the mux pattern, a summary for the index and the
// handler. API routes must also be in the OpenAPI document (a test checks).
type route struct {
	method, path, summary string
	h                     http.HandlerFunc
}

func (s *Server) apiRoutes() []route {
	return []route{
		{"GET", "/api/v1/{$}", "this index of endpoints", s.apiIndex},
		{"GET", "/api/v1/openapi.json", "the OpenAPI 3.1 description of this API", s.apiOpenAPI},
		{"GET", "/api/v1/datasets", "the stored tables with their dimensions", s.apiDatasets},
		{"GET", "/api/v1/datasets/{id}", "one table's metadata and dimensions", s.apiDataset},
		{"GET", "/api/v1/datasets/{id}/data", "one table's values as CSV, JSON-stat or Parquet", s.apiDatasetData},
		{"GET", "/api/v1/media/corpora", "the stored coded media corpora", s.apiCorpora},
		{"POST", "/api/v1/standardize", "crude and standardized rates, ratios and Kitagawa decomposition for a posted tidy CSV", s.apiStandardize},
		{"POST", "/api/v1/glm", "Poisson, quasi-Poisson or negative binomial regression with fixed effects for a posted CSV", s.apiGLM},
		{"GET", "/api/v1/models", "the foreign share against recorded crime across the 400 districts: nested negative binomial models controlling age, settlement, income and Land", s.apiModels},
		{"GET", "/api/v1/admin/ingests", "the log of committed ingests (admin token)", s.admin(s.apiIngests)},
		{"POST", "/api/v1/admin/ingest", "ingest a table or a coded corpus in one transaction (admin token)", s.admin(s.apiIngest)},
	}
}

func (s *Server) routes() {
	params := documentedParams(openapiDoc)
	for _, rt := range s.allAPIRoutes() {
		key := rt.method + " " + strings.TrimSuffix(rt.path, "{$}")
		s.mux.HandleFunc(rt.method+" "+rt.path, s.checkParams(key, params[key], rt.h))
	}
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write([]byte("ok\n"))
	})
	s.mux.Handle("GET /static/", web.Static(http.HandlerFunc(s.notFound)))
	s.pageRoutes()
}

// checkParams refuses a query that misspells a parameter the endpoint
// takes ("?yaer=2023", "Year=2023"), which would otherwise be answered with
// the default, or that gives one more than once ("?year=2023&year=2024").
// Any other name the endpoint does not take ("format=csv" where there is
// no CSV, a tracking parameter, a client's own cache buster) is ignored
// and named in a Warning header: scripts that send extra parameters keep
// working, and a reader of the headers sees what was not used. The
// parameters an endpoint takes are those its OpenAPI operation documents
// (allowed; nil when the operation is not found, and then any name
// passes).
func (s *Server) checkParams(route string, allowed map[string]bool, h http.HandlerFunc) http.HandlerFunc {
	var names string
	if allowed != nil {
		ks := make([]string, 0, len(allowed))
		for k := range allowed {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		names = strings.Join(ks, ", ")
		if names == "" {
			names = "no query parameters"
		}
	}
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawQuery != "" {
			q := r.URL.Query()
			for alias, name := range paramAliases {
				if _, ok := q[alias]; !ok || (allowed != nil && !allowed[name]) {
					continue
				}
				if _, both := q[name]; both {
					s.writeProblem(w, r, badParam(alias, "the same as "+name+"; give one of them"))
					return
				}
				q[name] = q[alias]
				delete(q, alias)
				r.URL.RawQuery = q.Encode()
			}
			for name, vs := range q {
				if allowed != nil && !allowed[name] {
					if near := nearParam(name, allowed); near != "" {
						s.writeProblem(w, r, badParam(name, fmt.Sprintf("unknown parameter; did you mean %s? %s takes %s", near, route, names)))
						return
					}
					w.Header().Add("Warning", fmt.Sprintf("299 baserate %q", fmt.Sprintf("unknown parameter %s ignored; %s takes %s", name, route, names)))
					continue
				}
				if len(vs) > 1 {
					s.writeProblem(w, r, badParam(name, fmt.Sprintf("given %d times (%s); give it once", len(vs), strings.Join(vs, ", "))))
					return
				}
			}
		}
		h(w, r)
	}
}

// nearParam returns the parameter of allowed that name misspells: the same
// name in other case, or one at most two edits (insertions, deletions,
// substitutions, swaps of neighbours) away when both are at least four
// letters long; "" when there is none.
func nearParam(name string, allowed map[string]bool) string {
	best, bestD := "", 3
	for k := range allowed {
		if strings.EqualFold(k, name) {
			return k
		}
		if len(k) < 4 || len(name) < 4 {
			continue
		}
		if d := editdist.Distance(strings.ToLower(name), k); d < bestD || (d == bestD && k < best) {
			best, bestD = k, d
		}
	}
	return best
}

// paramAliases are other names people use for a parameter: the PKS calls
// the offence key "Schlüssel", key; US spelling.
var paramAliases = map[string]string{"key": "offence", "offense": "offence"}

// documentedParams reads, for each "METHOD /path" of the OpenAPI document,
// the names of its query parameters.
func documentedParams(doc []byte) map[string]map[string]bool {
	type param struct {
		Ref  string `json:"$ref"`
		Name string `json:"name"`
		In   string `json:"in"`
	}
	var d struct {
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Parameters map[string]param `json:"parameters"`
		} `json:"components"`
	}
	out := map[string]map[string]bool{}
	if err := json.Unmarshal(doc, &d); err != nil {
		return out
	}
	for path, ops := range d.Paths {
		var shared []param
		if raw, ok := ops["parameters"]; ok {
			json.Unmarshal(raw, &shared)
		}
		for method, raw := range ops {
			if method == "parameters" {
				continue
			}
			var op struct {
				Parameters []param `json:"parameters"`
			}
			if json.Unmarshal(raw, &op) != nil {
				continue
			}
			set := map[string]bool{}
			for _, p := range append(op.Parameters, shared...) {
				if p.Ref != "" {
					p = d.Components.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")]
				}
				if p.In == "query" {
					set[p.Name] = true
				}
			}
			out[strings.ToUpper(method)+" "+path] = set
		}
	}
	return out
}

func (s *Server) allAPIRoutes() []route {
	return append(s.apiRoutes(), s.engineRoutes()...)
}

// Endpoint is one entry of the API index.
type Endpoint struct {
	Method  string `json:"method"`
	Path    string `json:"path"`
	Summary string `json:"summary"`
}

func (s *Server) endpoints() []Endpoint {
	var out []Endpoint
	for _, rt := range s.allAPIRoutes() {
		out = append(out, Endpoint{rt.method, strings.TrimSuffix(rt.path, "{$}"), rt.summary})
	}
	return out
}

func (s *Server) apiIndex(w http.ResponseWriter, r *http.Request) {
	s.writeJSON(w, r, http.StatusOK, struct {
		Name      string     `json:"name"`
		OpenAPI   string     `json:"openapi"`
		ReadOnly  bool       `json:"read_only"`
		Endpoints []Endpoint `json:"endpoints"`
	}{"baserate", "/api/v1/openapi.json", s.cfg.AdminToken == "", s.endpoints()})
}

//go:embed openapi.json
var openapiDoc []byte

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	(&body{contentType: "application/json", data: openapiDoc}).write(w, r)
}

func (s *Server) apiDatasets(w http.ResponseWriter, r *http.Request) {
	ds, err := s.st.Datasets(r.Context())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	if ds == nil {
		ds = []store.Dataset{}
	}
	s.writeJSON(w, r, http.StatusOK, struct {
		Datasets []store.Dataset `json:"datasets"`
	}{ds})
}

func (s *Server) apiDataset(w http.ResponseWriter, r *http.Request) {
	d, err := s.st.Dataset(r.Context(), r.PathValue("id"))
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, d)
}

func (s *Server) apiDatasetData(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	f, err := formatParam(r, "csv", downloadFormats...)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.serveCached(w, r, "dataset\x00"+id+"\x00"+f, func() (*body, error) {
		t, err := s.st.Table(r.Context(), id)
		if err != nil {
			return nil, err
		}
		return encodeTable(t, f)
	})
}

func (s *Server) apiCorpora(w http.ResponseWriter, r *http.Request) {
	cs, err := s.st.Corpora(r.Context())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	if cs == nil {
		cs = []store.Corpus{}
	}
	s.writeJSON(w, r, http.StatusOK, struct {
		Corpora []store.Corpus `json:"corpora"`
	}{cs})
}

func (s *Server) apiIngests(w http.ResponseWriter, r *http.Request) {
	log, err := s.st.Ingests(r.Context())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	if log == nil {
		log = []store.Ingest{}
	}
	s.writeJSON(w, r, http.StatusOK, struct {
		Ingests []store.Ingest `json:"ingests"`
	}{log})
}
