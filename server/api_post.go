package server

import (
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
	brcsv "github.com/baserate/baserate/format/csv"
	"github.com/baserate/baserate/stat/rate"
	"github.com/baserate/baserate/store"
	"github.com/baserate/baserate/store/ingest"
)

func listParam(r *http.Request, name string) []string {
	v := r.URL.Query().Get(name)
	if v == "" {
		return nil
	}
	parts := strings.Split(v, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

func floatParam(r *http.Request, name string, def float64) (float64, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0, badParam(name, strconv.Quote(v)+" is not a number")
	}
	return f, nil
}

// csvTypes are the body types of a posted CSV; a body without a type is
// read as CSV too.
var csvTypes = []string{"text/csv", "application/csv", "text/plain"}

// apiStandardize runs the rates engine's comparison (package stat/rate) on
// a tidy CSV posted as the body, with the same parameters and JSON as
// "baserate standardize".
func (s *Server) apiStandardize(w http.ResponseWriter, r *http.Request) {
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "" && !slices.Contains(csvTypes, ct) {
		s.writeProblem(w, r, unsupportedType(ct, csvTypes...))
		return
	}
	q := r.URL.Query()
	for _, p := range []string{"group", "strata", "count", "pop"} {
		if q.Get(p) == "" {
			s.writeProblem(w, r, badParam(p, "is required"))
			return
		}
	}
	per, err := floatParam(r, "per", 100000)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	conf, err := floatParam(r, "conf", 0.95)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	// rate.Options takes 0 for "the default"; a 0 given here is wrong.
	if !(per > 0) {
		s.writeProblem(w, r, badParam("per", fmt.Sprintf("must be a positive number, not %g", per)))
		return
	}
	if !(conf > 0 && conf < 1) {
		s.writeProblem(w, r, badParam("conf", fmt.Sprintf("must be between 0 and 1, not %g", conf)))
		return
	}
	opt, err := rate.Options{Per: per, Conf: conf, Method: rate.Method(q.Get("method"))}.Defaults()
	if err != nil {
		s.writeProblem(w, r, baserate.E("standardize", baserate.KindInvalid, err))
		return
	}
	group, count, pop, std := q.Get("group"), q.Get("count"), q.Get("pop"), q.Get("standard")
	measures := []string{count, pop}
	if std != "" {
		measures = append(measures, std)
	}
	t, err := brcsv.Read(r.Context(), r.Body, "body", brcsv.Spec{Dims: append([]string{group}, listParam(r, "strata")...), Measures: measures, NonNegative: true})
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	in, err := rate.FromTable(t, rate.Columns{Group: group, Measure: brcsv.MeasureDim, Count: count, Pop: pop, Std: std})
	if err != nil {
		s.writeProblem(w, r, baserate.E("standardize", baserate.KindInvalid, err))
		return
	}
	in.Ref = q.Get("ref")
	res, err := rate.Compare(in, opt)
	if err != nil {
		if baserate.KindOf(err) == baserate.KindOther {
			err = baserate.E("standardize", baserate.KindInvalid, err)
		}
		s.writeProblem(w, r, err)
		return
	}
	// rate.Compare refuses input whose results overflow (an invalid-input
	// error, so a 400), so the answer encodes.
	b, err := jsonBody(res)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	b.write(w, r)
}

// apiIngest stores the posted body as a table or a coded corpus, in one
// transaction.
func (s *Server) apiIngest(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	kind := q.Get("kind")
	if kind != ingest.KindTable && kind != ingest.KindCorpus {
		s.writeProblem(w, r, badParam("kind", "must be table or corpus"))
		return
	}
	id := q.Get("id")
	if id == "" {
		s.writeProblem(w, r, badParam("id", "is required"))
		return
	}
	name := id + ".csv"
	if kind == ingest.KindCorpus {
		name = id + ".jsonl"
	}
	src := ingest.Source{
		Name: name, Kind: kind, ID: id, Label: q.Get("label"), Format: q.Get("format"),
		Dims: listParam(r, "dims"), Measures: listParam(r, "measures"), AllowMissing: q.Get("allow_missing") == "true",
		Open: func() (io.ReadCloser, error) { return r.Body, nil },
	}
	opt := store.UpdateOptions{Replace: q.Get("replace") == "true", Origin: "api"}
	if err := ingest.Run(r.Context(), s.st, []ingest.Source{src}, opt); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.Flush()
	s.log.Info("ingested", "kind", kind, "id", id, "request", requestID(r.Context()))
	if kind == ingest.KindTable {
		d, err := s.st.Dataset(r.Context(), id)
		if err != nil {
			s.writeProblem(w, r, err)
			return
		}
		w.Header().Set("Location", "/api/v1/datasets/"+id)
		s.writeJSON(w, r, http.StatusCreated, d)
		return
	}
	cs, err := s.st.Corpora(r.Context())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	for _, c := range cs {
		if c.ID == id {
			s.writeJSON(w, r, http.StatusCreated, c)
			return
		}
	}
	s.writeProblem(w, r, baserate.E("ingest", baserate.KindInternal, "corpus missing after ingest"))
}
