package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
)

// body is an encoded answer, ready to send again from the cache.
type body struct {
	contentType string
	filename    string // for Content-Disposition, when a download
	data        []byte
}

func jsonBody(v any) (*body, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, baserate.E("encode", baserate.KindInternal, err)
	}
	return &body{contentType: "application/json", data: buf.Bytes()}, nil
}

func (b *body) write(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", b.contentType)
	h.Set("Content-Length", strconv.Itoa(len(b.data)))
	if b.filename != "" {
		h.Set("Content-Disposition", `attachment; filename="`+b.filename+`"`)
	}
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.Write(b.data)
}

// serveCached answers from the cache under key, computing with fn on a
// miss.
func (s *Server) serveCached(w http.ResponseWriter, r *http.Request, key string, fn func() (*body, error)) {
	v, err := s.cache.get(key, func() (any, error) { return fn() })
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	v.(*body).write(w, r)
}

func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	b, err := jsonBody(v)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	if status != http.StatusOK {
		w.Header().Set("Content-Type", b.contentType)
		w.WriteHeader(status)
		w.Write(b.data)
		return
	}
	b.write(w, r)
}

// formatParam reads the "format" query parameter, defaulting to def and
// accepting only the listed formats.
func formatParam(r *http.Request, def string, allowed ...string) (string, error) {
	f := strings.ToLower(r.URL.Query().Get("format"))
	if f == "" {
		return def, nil
	}
	for _, a := range allowed {
		if f == a {
			return f, nil
		}
	}
	return "", badParam("format", "must be one of "+strings.Join(allowed, ", ")+", not "+strconv.Quote(f))
}

// intParam reads a required or optional integer query parameter.
func intParam(r *http.Request, name string, def int, required bool) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		if required {
			return 0, badParam(name, "is required")
		}
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, badParam(name, strconv.Quote(v)+" is not a whole number")
	}
	return n, nil
}
