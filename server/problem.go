package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
)

// Problem is an error response in the form of RFC 9457 ("problem
// details"), served as application/problem+json.
type Problem struct {
	// Type is a URI naming the kind of problem; it resolves to the API
	// documentation of that kind.
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	// Detail says what went wrong with this request, in words a user can
	// act on.
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
	// Kind is baserate's error kind ("invalid", "not found", ...).
	Kind string `json:"kind"`
	// Params names the request parameters at fault, when known.
	Params []ParamError `json:"params,omitempty"`
	// RequestID matches the server's log line for this request.
	RequestID string `json:"request_id,omitempty"`
}

// ParamError is a fault in one request parameter.
type ParamError struct {
	Name   string `json:"name"`
	Detail string `json:"detail"`
}

// paramError is an error about one request parameter; it has kind Invalid.
type paramError struct {
	ParamError
}

func (e *paramError) Error() string { return e.Name + ": " + e.Detail }

// badParam returns an error of kind Invalid about the named parameter.
func badParam(name, detail string) error {
	return baserate.E("", baserate.KindInvalid, &paramError{ParamError{name, detail}})
}

// mediaTypeError is a request body of a type the endpoint does not read.
type mediaTypeError struct {
	got      string
	accepted []string
}

func (e *mediaTypeError) Error() string {
	return "body: unsupported content type " + strconv.Quote(e.got) + "; send " + strings.Join(e.accepted, ", ")
}

// unsupportedType returns the error for a body of content type got where
// the endpoint reads only the accepted types (415 Unsupported Media Type).
func unsupportedType(got string, accepted ...string) error {
	return baserate.E("", baserate.KindInvalid, &mediaTypeError{got, accepted})
}

// statusOf is the one place that maps an error to an HTTP status code.
func statusOf(err error) int {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable
	case errors.Is(err, context.Canceled):
		return 499 // client closed the request; nobody reads the answer
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge
	}
	var mte *mediaTypeError
	if errors.As(err, &mte) {
		return http.StatusUnsupportedMediaType
	}
	switch baserate.KindOf(err) {
	case baserate.KindInvalid:
		return http.StatusBadRequest
	case baserate.KindNotFound:
		return http.StatusNotFound
	case baserate.KindConflict:
		return http.StatusConflict
	case baserate.KindDenied:
		return http.StatusUnauthorized
	case baserate.KindTooLarge:
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}

// problemFor builds the problem document for err.
func problemFor(r *http.Request, err error) *Problem {
	status := statusOf(err)
	p := &Problem{
		Type:      "/api/v1/problems/" + slug(http.StatusText(status)),
		Title:     http.StatusText(status),
		Status:    status,
		Detail:    baserate.Message(err),
		Instance:  r.URL.RequestURI(),
		Kind:      baserate.KindOf(err).String(),
		RequestID: requestID(r.Context()),
	}
	if status == 499 {
		p.Title = "Client Closed Request"
	}
	if status == http.StatusServiceUnavailable {
		p.Detail = "the request took longer than the server allows; try a narrower request"
		p.Kind = "timeout"
	}
	if status == http.StatusInternalServerError {
		// Do not leak internals; the log has the error under RequestID.
		p.Detail = "internal error; the server log has the details under request id " + p.RequestID
	}
	var pe *paramError
	if errors.As(err, &pe) {
		p.Params = []ParamError{pe.ParamError}
		p.Detail = pe.Error()
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		p.Kind = baserate.KindTooLarge.String()
	}
	return p
}

func slug(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case c >= 'A' && c <= 'Z':
			b[i] = c + 'a' - 'A'
		case c == ' ':
			b[i] = '-'
		}
	}
	return string(b)
}

// writeProblem answers the request with the problem for err and logs
// server-side failures.
func (s *Server) writeProblem(w http.ResponseWriter, r *http.Request, err error) {
	p := problemFor(r, err)
	var mte *mediaTypeError
	if errors.As(err, &mte) {
		// The types the endpoint reads (RFC 9110, 15.5.16).
		w.Header().Set("Accept-Post", strings.Join(mte.accepted, ", "))
	}
	if p.Status >= 500 {
		s.log.Error("request failed", "id", p.RequestID, "method", r.Method, "url", r.URL.String(), "err", err)
	} else {
		s.log.Debug("request refused", "id", p.RequestID, "status", p.Status, "err", err)
	}
	writeProblemDoc(w, p)
}

func writeProblemDoc(w http.ResponseWriter, p *Problem) {
	h := w.Header()
	h.Set("Content-Type", "application/problem+json")
	h.Set("Cache-Control", "no-store")
	h.Del("Content-Length")
	h.Del("Content-Disposition")
	if p.Status == http.StatusUnauthorized {
		h.Set("WWW-Authenticate", `Bearer realm="baserate admin"`)
	}
	w.WriteHeader(p.Status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(p)
}
