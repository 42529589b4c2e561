package server

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/baserate/baserate"
)

type ctxKey int

const requestIDKey ctxKey = 0

func requestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// idSource makes short unique request ids: a random prefix per process
// and a counter.
type idSource struct {
	prefix string
	n      atomic.Uint64
}

func newIDSource() *idSource {
	var b [4]byte
	rand.Read(b[:])
	return &idSource{prefix: hex.EncodeToString(b[:])}
}

func (s *idSource) next() string { return s.prefix + "-" + strconv.FormatUint(s.n.Add(1), 10) }

// statusWriter remembers the status code for the access log.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// wrap puts the hardening around h: a request id, recovery from panics,
// security headers, a deadline and a body size limit. It is on the path
// of every request, so it does little: the header values are shared
// slices, the access log is built only when debug logging is on, and
// a request without a body gets no body limit.
func (s *Server) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := s.ids.next()
		ctx, cancel := context.WithTimeout(context.WithValue(r.Context(), requestIDKey, id), s.cfg.RequestTimeout)
		r = r.WithContext(ctx)
		sw := &statusWriter{ResponseWriter: w}
		defer s.finish(sw, r, start, cancel)
		hdr := w.Header()
		for k, v := range s.secHeaders {
			hdr[k] = v // shared, never modified
		}
		hdr["X-Request-Id"] = []string{id}
		if r.Body != nil && r.Body != http.NoBody {
			limit := s.cfg.MaxBody
			if strings.HasPrefix(r.URL.Path, "/api/v1/admin/") {
				limit = s.cfg.MaxIngestBody
			}
			r.Body = http.MaxBytesReader(sw, r.Body, limit)
		}
		h.ServeHTTP(sw, r)
	})
}

// finish ends a request: it releases the deadline, turns a panic into a
// problem answer and writes the access log line (debug level). It is
// deferred by wrap, so recover works here.
func (s *Server) finish(sw *statusWriter, r *http.Request, start time.Time, cancel context.CancelFunc) {
	cancel()
	if v := recover(); v != nil {
		if v == http.ErrAbortHandler {
			panic(v)
		}
		s.log.Error("panic", "id", requestID(r.Context()), "url", r.URL.String(), "panic", v, "stack", string(debug.Stack()))
		if sw.status == 0 {
			s.writeProblem(sw, r, baserate.E("", baserate.KindInternal, fmt.Sprint(v)))
		}
	}
	if s.log.Enabled(r.Context(), slog.LevelDebug) {
		s.log.Debug("request", "id", requestID(r.Context()), "method", r.Method, "url", r.URL.String(),
			"status", sw.status, "bytes", sw.bytes, "dur", time.Since(start))
	}
}

// securityHeaders are sent with every response.
func securityHeaders(csp string) http.Header {
	h := http.Header{}
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
	return h
}

// admin guards a handler with the admin token, passed as
// "Authorization: Bearer TOKEN". Without a configured token the admin
// endpoints are off: the server is read-only.
func (s *Server) admin(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.cfg.AdminToken == "" {
			s.writeProblem(w, r, baserate.E("admin", baserate.KindDenied,
				"the server is read-only: admin endpoints are off unless it is started with --admin-token or BASERATE_ADMIN_TOKEN"))
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.AdminToken)) != 1 {
			s.writeProblem(w, r, baserate.E("admin", baserate.KindDenied, "missing or wrong admin token (send Authorization: Bearer TOKEN)"))
			return
		}
		h(w, r)
	}
}
