package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
)

// body is an encoded answer, ready to send again from the cache.
type body struct {
	contentType string
	filename    string // for Content-Disposition, when a download
	data        []byte
	// hdr are the answer's header values, made once by seal for a body
	// that is cached, so sending it again allocates nothing for them.
	// They are shared and never modified.
	hdr header
}

type header struct {
	contentType, contentLength, disposition []string
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

// seal makes the header values of b once; b must not change afterwards.
func (b *body) seal() *body {
	b.hdr.contentType = []string{b.contentType}
	b.hdr.contentLength = []string{strconv.Itoa(len(b.data))}
	if b.filename != "" {
		b.hdr.disposition = []string{`attachment; filename="` + b.filename + `"`}
	}
	return b
}

func (b *body) write(w http.ResponseWriter, r *http.Request) {
	hv := b.hdr
	if hv.contentType == nil {
		hv = (&body{contentType: b.contentType, filename: b.filename, data: b.data}).seal().hdr
	}
	h := w.Header()
	h["Content-Type"] = hv.contentType
	h["Content-Length"] = hv.contentLength
	if hv.disposition != nil {
		h["Content-Disposition"] = hv.disposition
	}
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.Write(b.data)
}

// cachedBody returns the answer under key from the cache, computing it
// with fn on a miss.
func (s *Server) cachedBody(key string, fn func() (*body, error)) (*body, error) {
	v, err := s.cache.get(key, func() (any, error) {
		b, err := fn()
		if err != nil {
			return nil, err
		}
		return b.seal(), nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*body), nil
}

// serveCached answers from the cache under key, computing with fn on a
// miss.
func (s *Server) serveCached(w http.ResponseWriter, r *http.Request, key string, fn func() (*body, error)) {
	b, err := s.cachedBody(key, fn)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	b.write(w, r)
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
	return formatValue(r.URL.Query(), def, allowed...)
}

func formatValue(q url.Values, def string, allowed ...string) (string, error) {
	f := strings.ToLower(q.Get("format"))
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
	return intValue(r.URL.Query(), name, def, required)
}

func intValue(q url.Values, name string, def int, required bool) (int, error) {
	v := q.Get(name)
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
