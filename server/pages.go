package server

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/baserate/baserate/store"
	"github.com/baserate/baserate/web"
)

func (s *Server) pageRoutes() {
	s.mux.HandleFunc("GET /datasets", s.pageDatasets)
	s.enginePageRoutes()
}

// renderPage renders a page; a failure becomes the error page.
func (s *Server) renderPage(w http.ResponseWriter, r *http.Request, name string, p *web.Page) {
	var buf bytes.Buffer
	if err := s.pages.Render(&buf, name, p); err != nil {
		s.pageError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	buf.WriteTo(w)
}

// pageError renders err as an HTML page with the status statusOf gives.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	p := problemFor(r, err)
	if p.Status >= 500 {
		s.log.Error("page failed", "id", p.RequestID, "url", r.URL.String(), "err", err)
	}
	var buf bytes.Buffer
	if rerr := s.pages.Render(&buf, "error", &web.Page{Title: p.Title, Error: &web.ErrorView{Status: p.Status, Title: p.Title, Detail: p.Detail}}); rerr != nil {
		s.log.Error("error page failed", "err", rerr)
		http.Error(w, p.Detail, p.Status)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	buf.WriteTo(w)
}

type datasetsView struct {
	StorePath string
	Datasets  []store.Dataset
	Corpora   []store.Corpus
	Endpoints []Endpoint
}

func (s *Server) pageDatasets(w http.ResponseWriter, r *http.Request) {
	ds, err := s.st.Datasets(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	cs, err := s.st.Corpora(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderPage(w, r, "datasets", &web.Page{
		Title:   "Data & API",
		Lead:    "The tables and coded corpora in this server's store, with downloads, and the JSON API that every page reads.",
		Sources: datasetSources(ds),
		Data:    &datasetsView{StorePath: s.st.Path(), Datasets: ds, Corpora: cs, Endpoints: s.endpoints()},
	})
}

// datasetSources names the producers and licences of the stored tables: a
// table loaded from the bundle by its producer (BKA for the pks- tables,
// Destatis for the destatis- ones, as bundle/data/LICENSE.md gives them),
// any other table by the source it was loaded with.
func datasetSources(ds []store.Dataset) []web.Source {
	var sources []web.Source
	seen := map[string]bool{}
	add := func(src web.Source) {
		if !seen[src.Name] {
			seen[src.Name] = true
			sources = append(sources, src)
		}
	}
	for _, d := range ds {
		switch {
		case d.Origin == "bundle" && strings.HasPrefix(d.ID, "pks"):
			add(bundleSources[0])
		case d.Origin == "bundle" && strings.HasPrefix(d.ID, "destatis"):
			add(bundleSources[1])
		case d.Origin == "bundle":
			for _, src := range bundleSources {
				add(src)
			}
		case d.Source != "":
			add(web.Source{Name: d.Source})
		}
	}
	return sources
}
