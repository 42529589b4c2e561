package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/store"
	"github.com/baserate/baserate/web"
)

// Config configures a Server. Store is required; the engines may be nil,
// and the endpoints that need a missing engine answer 404.
type Config struct {
	Store *store.Store
	// Engines presents the statistics the server shows.
	Engines Engines
	Log     *slog.Logger
	// AdminToken enables the admin endpoints (ingest) for requests that
	// carry it as a bearer token. Empty means read-only.
	AdminToken string
	// RequestTimeout bounds the work on one request; default 15s.
	RequestTimeout time.Duration
	// MaxBody bounds request bodies; default 1 MiB. MaxIngestBody bounds
	// admin ingest bodies; default 256 MiB.
	MaxBody, MaxIngestBody int64
	// CacheEntries bounds the cache of computed answers; default 4096.
	CacheEntries int
}

// Server answers the JSON API and the dashboard pages.
type Server struct {
	cfg     Config
	log     *slog.Logger
	st      *store.Store
	mux     *http.ServeMux
	handler http.Handler
	ids     *idSource
	csp     string
	// secHeaders are the security headers of every response.
	secHeaders http.Header
	pages      *web.Pages
	cache      *cache
	// rawSheets answers repeated fact-sheet requests by their raw query.
	rawSheets *rawCache
	charts    map[string]chartFunc
	yearState
	areaState
}

// New returns a server for cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, baserate.E("server.New", baserate.KindInvalid, "no store")
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = 15 * time.Second
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 1 << 20
	}
	if cfg.MaxIngestBody <= 0 {
		cfg.MaxIngestBody = 256 << 20
	}
	if cfg.CacheEntries <= 0 {
		cfg.CacheEntries = 4096
	}
	pages, err := web.Load()
	if err != nil {
		return nil, baserate.E("server.New", baserate.KindInternal, err)
	}
	s := &Server{
		cfg:   cfg,
		log:   cfg.Log,
		st:    cfg.Store,
		mux:   http.NewServeMux(),
		ids:   newIDSource(),
		pages: pages,
		cache: newCache(cfg.CacheEntries),
		// One entry per spelling of a fact-sheet request, pointing at
		// the bodies of the main cache.
		rawSheets: newRawCache(max(cfg.CacheEntries/4, 16)),
	}
	s.csp = web.CSP()
	s.secHeaders = securityHeaders(s.csp)
	s.routes()
	s.handler = s.wrap(http.HandlerFunc(s.dispatch))
	return s, nil
}

// Handler returns the server's root handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Flush empties the cache of computed answers, after the store changed.
func (s *Server) Flush() {
	s.cache.flush()
	s.rawSheets.flush()
}

// dispatch routes through the mux, but answers unknown API paths and wrong
// methods with problem documents instead of the mux's plain text.
func (s *Server) dispatch(w http.ResponseWriter, r *http.Request) {
	if _, pat := s.mux.Handler(r); pat == "" {
		var allow []string
		for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodDelete} {
			probe := r.Clone(r.Context())
			probe.Method = m
			if _, p := s.mux.Handler(probe); p != "" {
				allow = append(allow, m)
			}
		}
		if len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			writeProblemDoc(w, &Problem{Type: "/api/v1/problems/method-not-allowed", Title: "Method Not Allowed",
				Status: http.StatusMethodNotAllowed, Kind: "invalid", Instance: r.URL.RequestURI(), RequestID: requestID(r.Context()),
				Detail: fmt.Sprintf("%s is not allowed on %s; use %s", r.Method, r.URL.Path, strings.Join(allow, " or "))})
			return
		}
		s.notFound(w, r)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// notFound answers a path with nothing behind it: a problem document
// under /api/, else the error page.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasPrefix(r.URL.Path, "/api/"):
		s.writeProblem(w, r, baserate.E("", baserate.KindNotFound, fmt.Errorf("no endpoint %s; the API is described at /api/v1/openapi.json", r.URL.Path)))
	case strings.HasPrefix(r.URL.Path, "/static/"):
		s.pageError(w, r, baserate.E("", baserate.KindNotFound, fmt.Errorf("no file %s", r.URL.Path)))
	default:
		s.pageError(w, r, baserate.E("", baserate.KindNotFound, fmt.Errorf("no page %s", r.URL.Path)))
	}
}

// Timeouts bound how long the HTTP server waits on a connection.
type Timeouts struct {
	ReadHeader, Read, Write, Idle time.Duration
}

// DefaultTimeouts are the timeouts Serve uses: a client has 5 seconds to
// send its headers (slow-loris), 60 to send a body, and the answer must be
// written within 60.
var DefaultTimeouts = Timeouts{ReadHeader: 5 * time.Second, Read: 60 * time.Second, Write: 60 * time.Second, Idle: 120 * time.Second}

// Serve listens on addr and serves h until ctx is done, then shuts down
// gracefully. ready, if not nil, is called with the address listened on
// (useful with port 0).
func Serve(ctx context.Context, addr string, h http.Handler, log *slog.Logger, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return baserate.E("serve", baserate.KindInvalid, err)
	}
	if ready != nil {
		ready(ln.Addr())
	}
	return ServeListener(ctx, ln, h, log, DefaultTimeouts)
}

// ServeListener serves h on ln with the given timeouts until ctx is done.
func ServeListener(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger, t Timeouts) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: t.ReadHeader,
		ReadTimeout:       t.Read,
		WriteTimeout:      t.Write,
		IdleTimeout:       t.Idle,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
