// Package server_test benchmarks the HTTP handler of baserate serve
// without the network: the fact-sheet endpoint answered from the cache,
// against two baselines in the same run: /healthz (the handler's fixed
// cost: routing, security headers, request id, deadline) and computing
// and encoding the fact sheet on every request (what the cache saves).
//
//	go test ./bench/server -bench . -benchmem
package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/baserate/baserate/factsheet"
	"github.com/baserate/baserate/server"
	"github.com/baserate/baserate/store"
	"github.com/baserate/baserate/store/ingest"
)

func handler(b *testing.B) http.Handler {
	b.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "", store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if err := ingest.Bundle(ctx, st); err != nil {
		b.Fatal(err)
	}
	eng, err := server.DefaultEngines()
	if err != nil {
		b.Fatal(err)
	}
	s, err := server.New(server.Config{Store: st, Engines: eng})
	if err != nil {
		b.Fatal(err)
	}
	return s.Handler()
}

// discard is a ResponseWriter that keeps only the status and reuses its
// header map, so the allocations counted are the handler's, not a
// recorder's.
type discard struct {
	h      http.Header
	status int
}

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }
func (d *discard) WriteHeader(code int)        { d.status = code }

func serve(b *testing.B, h http.Handler, path string) {
	b.ReportAllocs()
	req := httptest.NewRequest("GET", path, nil)
	b.RunParallel(func(pb *testing.PB) {
		w := &discard{h: http.Header{}}
		for pb.Next() {
			clear(w.h)
			w.status = 200
			h.ServeHTTP(w, req)
			if w.status != 200 {
				b.Fatalf("%s: %d", path, w.status)
			}
		}
	})
}

func BenchmarkHandler(b *testing.B) {
	h := handler(b)
	b.Run("baseline-healthz", func(b *testing.B) { serve(b, h, "/healthz") })
	b.Run("factsheet-cached", func(b *testing.B) { serve(b, h, "/api/v1/factsheet?year=2023&offence=890000") })
	b.Run("baseline-compute-and-encode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sh, err := factsheet.Compute(context.Background(), 2023, "890000")
			if err != nil {
				b.Fatal(err)
			}
			if err := json.NewEncoder(io.Discard).Encode(sh); err != nil {
				b.Fatal(err)
			}
		}
	})
}
