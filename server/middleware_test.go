package server

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/baserate/baserate/store"
)

func bareServer(t *testing.T, log *slog.Logger) *Server {
	t.Helper()
	st, err := store.Open(context.Background(), "", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	eng, err := DefaultEngines()
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Store: st, Engines: eng, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// A panic in a handler becomes a 500 problem with the request id, and
// the log has the panic; the access log is written at debug level only.
func TestWrapRecoversAndLogs(t *testing.T) {
	var logBuf bytes.Buffer
	s := bareServer(t, slog.New(slog.NewTextHandler(&logBuf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	h := s.wrap(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/x", nil))
	var p Problem
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil || w.Code != 500 || p.RequestID == "" || p.RequestID != w.Header().Get("X-Request-Id") {
		t.Fatalf("panic answer %d %s (%v)", w.Code, w.Body, err)
	}
	if strings.Contains(p.Detail, "boom") {
		t.Errorf("the problem leaks the panic: %q", p.Detail)
	}
	logs := logBuf.String()
	if !strings.Contains(logs, "boom") || !strings.Contains(logs, "msg=request") || !strings.Contains(logs, "status=500") {
		t.Errorf("log lacks the panic or the access line:\n%s", logs)
	}

	logBuf.Reset()
	quiet := bareServer(t, slog.New(slog.NewTextHandler(&logBuf, &slog.HandlerOptions{Level: slog.LevelInfo})))
	w = httptest.NewRecorder()
	quiet.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/healthz", nil))
	if w.Code != 200 || logBuf.Len() != 0 {
		t.Errorf("healthz at info level: %d, log %q", w.Code, logBuf.String())
	}
	if w.Header().Get("Content-Security-Policy") == "" || w.Header().Get("X-Request-Id") == "" {
		t.Errorf("healthz without the security headers or a request id: %v", w.Header())
	}
}

// A repeated fact-sheet request is answered from the raw-query cache with
// the same bytes; errors are not cached; HEAD has no body; an ingest
// (Flush) empties it.
func TestFactsheetRawCache(t *testing.T) {
	s := bareServer(t, nil)
	h := s.Handler()
	do := func(method, target string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(method, target, nil))
		return w
	}
	const u = "/api/v1/factsheet?year=2023&offence=890000"
	a, b := do("GET", u), do("GET", u)
	if a.Code != 200 || !bytes.Equal(a.Body.Bytes(), b.Body.Bytes()) || s.rawSheets.get("year=2023&offence=890000") == nil {
		t.Fatalf("repeat: %d, same bytes %v", a.Code, bytes.Equal(a.Body.Bytes(), b.Body.Bytes()))
	}
	if a.Header().Get("Content-Length") != b.Header().Get("Content-Length") || b.Header().Get("Content-Type") != "application/json" {
		t.Errorf("headers differ: %v / %v", a.Header(), b.Header())
	}
	// The same sheet spelt another way is the same answer.
	if c := do("GET", "/api/v1/factsheet?offence=890000&year=2023&area=DE"); !bytes.Equal(c.Body.Bytes(), a.Body.Bytes()) {
		t.Errorf("another spelling gives other bytes")
	}
	if hd := do("HEAD", u); hd.Code != 200 || hd.Body.Len() != 0 || hd.Header().Get("Content-Length") != a.Header().Get("Content-Length") {
		t.Errorf("HEAD: %d, %d bytes, length %q", hd.Code, hd.Body.Len(), hd.Header().Get("Content-Length"))
	}
	for range 2 {
		if e := do("GET", "/api/v1/factsheet?area=Atlantis"); e.Code != 404 {
			t.Errorf("unknown area: %d", e.Code)
		}
	}
	if s.rawSheets.get("area=Atlantis") != nil {
		t.Errorf("an error was cached")
	}
	s.Flush()
	if s.rawSheets.get("year=2023&offence=890000") != nil {
		t.Errorf("Flush left the raw cache")
	}
	if c := do("GET", u); !bytes.Equal(c.Body.Bytes(), a.Body.Bytes()) {
		t.Errorf("after Flush: other bytes")
	}
}
