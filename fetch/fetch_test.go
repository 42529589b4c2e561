package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format"
)

var payload = bytes.Repeat([]byte("0123456789abcdef"), 64<<10) // 1 MiB

// TestResume: the first response breaks off half way; the second try asks
// for the rest with Range and If-Range and the file is whole.
func TestResume(t *testing.T) {
	var calls atomic.Int32
	modified := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		w.Header().Set("ETag", `"v1"`)
		if n == 1 {
			if r.Header.Get("Range") != "" {
				t.Errorf("first request has Range %q", r.Header.Get("Range"))
			}
			w.Header().Set("Content-Length", "1048576")
			w.WriteHeader(http.StatusOK)
			w.Write(payload[:300000])
			// Cut the connection mid-body.
			panic(http.ErrAbortHandler)
		}
		if r.Header.Get("Range") != "bytes=300000-" || r.Header.Get("If-Range") != `"v1"` {
			t.Errorf("second request: Range %q If-Range %q", r.Header.Get("Range"), r.Header.Get("If-Range"))
		}
		http.ServeContent(w, r, "data.bin", modified, bytes.NewReader(payload))
	}))
	defer srv.Close()
	dir := t.TempDir()
	out := filepath.Join(dir, "data.bin")
	var prog bytes.Buffer
	c := &Client{HTTP: srv.Client(), Progress: &prog}
	_, err := c.Download(context.Background(), Request{URL: srv.URL + "/data.bin"}, out)
	if err == nil || !strings.Contains(err.Error(), "run again to resume") {
		t.Fatalf("first try: %v", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("a partial download was left at the final path")
	}
	if fi, err := os.Stat(out + ".part"); err != nil || fi.Size() != 300000 {
		t.Fatalf("part: %v %v", fi, err)
	}
	res, err := c.Download(context.Background(), Request{URL: srv.URL + "/data.bin"}, out)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(out)
	if !bytes.Equal(got, payload) || res.Resumed != 300000 || res.Bytes != int64(len(payload)) || res.Status != http.StatusPartialContent {
		t.Errorf("resumed: %d bytes, %+v", len(got), res)
	}
	if _, err := os.Stat(out + ".part"); !os.IsNotExist(err) {
		t.Error("the .part file is left")
	}
	if !strings.Contains(prog.String(), "data.bin: 1.0 MB of 1.0 MB (100%)") {
		t.Errorf("progress %q", prog.String())
	}
}

// TestCancel: an interrupted command (Ctrl-C cancels the context) keeps
// the part for the next run and leaves no file at the final path.
func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1048576")
		w.Write(payload[:100000])
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	defer srv.Close()
	out := filepath.Join(t.TempDir(), "f")
	// The first progress report, written once bytes arrive, presses Ctrl-C.
	c := &Client{HTTP: srv.Client(), Progress: writerFunc(func(b []byte) (int, error) { cancel(); return len(b), nil })}
	_, err := c.Download(ctx, Request{URL: srv.URL}, out)
	if err == nil || !strings.Contains(err.Error(), "run again to resume") {
		t.Fatalf("cancel: %v", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a file at the final path")
	}
	if fi, err := os.Stat(out + ".part"); err != nil || fi.Size() == 0 {
		t.Errorf("part: %v %v", fi, err)
	}
}

// writeMeta leaves the record of an interrupted download of req at out.
func writeMeta(t *testing.T, out string, req Request, etag string) {
	t.Helper()
	b, _ := json.Marshal(partMeta{URL: req.URL, Request: req.key(), ETag: etag})
	if err := os.WriteFile(out+".part.json", b, 0o644); err != nil {
		t.Fatal(err)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }

// TestResumeIgnored: a server that ignores Range sends the whole file,
// which replaces the part.
func TestResumeIgnored(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(payload[:1000])
	}))
	defer srv.Close()
	out := filepath.Join(t.TempDir(), "f")
	os.WriteFile(out+".part", []byte("stale"), 0o644)
	writeMeta(t, out, Request{URL: srv.URL}, `"v1"`)
	res, err := (&Client{HTTP: srv.Client()}).Download(context.Background(), Request{URL: srv.URL}, out)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(out)
	if !bytes.Equal(got, payload[:1000]) || res.Resumed != 0 {
		t.Errorf("%d bytes %+v", len(got), res)
	}
}

// TestAlreadyWhole: a part that is complete gets 416 and is kept.
func TestAlreadyWhole(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		http.ServeContent(w, r, "f", time.Time{}, bytes.NewReader(payload[:500]))
	}))
	defer srv.Close()
	out := filepath.Join(t.TempDir(), "f")
	os.WriteFile(out+".part", payload[:500], 0o644)
	writeMeta(t, out, Request{URL: srv.URL}, `"v1"`)
	res, err := (&Client{HTTP: srv.Client()}).Download(context.Background(), Request{URL: srv.URL}, out)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(out); !bytes.Equal(got, payload[:500]) || res.Bytes != 500 || res.Status != http.StatusRequestedRangeNotSatisfiable {
		t.Errorf("%+v", res)
	}
}

func TestHTTPErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/missing":
			http.Error(w, `{"error":[{"status":404,"label":"Dataset not found"}]}`, http.StatusNotFound)
		case "/denied":
			http.Error(w, "no", http.StatusUnauthorized)
		}
	}))
	defer srv.Close()
	out := filepath.Join(t.TempDir(), "f")
	_, err := (&Client{HTTP: srv.Client()}).Download(context.Background(), Request{URL: srv.URL + "/missing?token=secret"}, out)
	if baserate.KindOf(err) != baserate.KindNotFound || !strings.Contains(err.Error(), "Dataset not found") || strings.Contains(err.Error(), "secret") {
		t.Errorf("404: %v", err)
	}
	_, err = (&Client{HTTP: srv.Client()}).Download(context.Background(), Request{URL: srv.URL + "/denied"}, out)
	if baserate.KindOf(err) != baserate.KindDenied {
		t.Errorf("401: %v", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("an error left a file")
	}
}

func serveFile(t *testing.T, name string) http.HandlerFunc {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasSuffix(name, ".json"):
			w.Header().Set("Content-Type", "application/json")
		case strings.HasSuffix(name, ".tsv"):
			w.Header().Set("Content-Type", "text/tab-separated-values")
		default:
			w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		}
		w.Write(b)
	}
}

func open(t *testing.T, p string) *baserate.Table {
	t.Helper()
	tables, _, err := format.Open(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	return tables[0]
}

// TestEurostat: request URLs, and the recorded answers read as tables.
func TestEurostat(t *testing.T) {
	var seen []string
	mux := http.NewServeMux()
	json := serveFile(t, "eurostat_crim_just_ctz.json")
	tsv := serveFile(t, "eurostat_crim_just_ctz.tsv")
	mux.HandleFunc("GET /statistics/1.0/data/crim_just_ctz", func(w http.ResponseWriter, r *http.Request) { seen = append(seen, r.URL.String()); json(w, r) })
	mux.HandleFunc("GET /sdmx/2.1/data/crim_just_ctz", func(w http.ResponseWriter, r *http.Request) { seen = append(seen, r.URL.String()); tsv(w, r) })
	mux.HandleFunc("GET /sdmx/3.0/data/dataflow/ESTAT/crim_just_ctz/1.0/*", func(w http.ResponseWriter, r *http.Request) { seen = append(seen, r.URL.String()); tsv(w, r) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := &Client{HTTP: srv.Client()}
	dir := t.TempDir()
	geo, _ := ParseFilter("geo=DE,AT")
	for _, q := range []Eurostat{
		{Dataset: "crim_just_ctz", Filters: []Filter{geo}, Base: srv.URL},
		{Dataset: "crim_just_ctz", Format: "tsv", Base: srv.URL},
		{Dataset: "crim_just_ctz", Format: "tsv", Filters: []Filter{geo}, Base: srv.URL},
	} {
		req, err := q.Request()
		if err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "e."+map[string]string{"": "json", "tsv": "tsv"}[q.Format])
		if _, err := c.Download(context.Background(), req, out); err != nil {
			t.Fatal(err)
		}
		tb := open(t, out)
		off, err := tb.Lookup("A", "PER_SUSP", "FOR", "NR", "DE", "2023")
		if err != nil || tb.Values[off] != 2100 || tb.StatusAt(off) != "p" {
			t.Errorf("%+v: DE 2023 = %v %q (%v)", q, tb.Values[off], tb.StatusAt(off), err)
		}
	}
	want := []string{
		"/statistics/1.0/data/crim_just_ctz?format=JSON&geo=DE&geo=AT&lang=EN",
		"/sdmx/2.1/data/crim_just_ctz?compressed=false&format=TSV",
		"/sdmx/3.0/data/dataflow/ESTAT/crim_just_ctz/1.0/*?c%5Bgeo%5D=DE%2CAT&compress=false&format=TSV",
	}
	for i, w := range want {
		if i >= len(seen) || seen[i] != w {
			t.Errorf("request %d: %v, want %s", i, seen, w)
		}
	}
	if _, err := (Eurostat{Dataset: "../etc"}).Request(); baserate.KindOf(err) != baserate.KindInvalid {
		t.Errorf("bad code: %v", err)
	}
}

// TestGenesis: the POST carries credentials in headers; a JSON status
// answer is an error and leaves no file.
func TestGenesis(t *testing.T) {
	csv := serveFile(t, "genesis_12411-0001.csv")
	errJSON := serveFile(t, "genesis_error.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/data/tablefile" || r.Header.Get("username") != "TOKEN" || strings.Contains(r.URL.RawQuery, "TOKEN") {
			t.Errorf("request %s %s user %q", r.Method, r.URL, r.Header.Get("username"))
		}
		r.ParseForm()
		if r.PostForm.Get("format") != "ffcsv" {
			t.Errorf("form %v", r.PostForm)
		}
		if r.PostForm.Get("name") == "12411-0001" {
			csv(w, r)
		} else {
			errJSON(w, r)
		}
	}))
	defer srv.Close()
	c := &Client{HTTP: srv.Client()}
	dir := t.TempDir()
	req, err := Genesis{Table: "12411-0001", User: "TOKEN", Base: srv.URL}.Request()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "12411.csv")
	res, err := c.Download(context.Background(), req, out)
	if err != nil || CheckGenesis(out, res) != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(out + ".part"); !os.IsNotExist(err) {
		t.Error("the .part file is left")
	}
	tb := open(t, out)
	if v := tb.At("2023-12-31", "DG", "BEVSTD"); v != 84669326 {
		t.Errorf("2023 = %v (%v)", v, tb.Dims)
	}
	req, _ = Genesis{Table: "99999-0001", User: "TOKEN", Base: srv.URL}.Request()
	out = filepath.Join(dir, "bad.csv")
	_, err = c.Download(context.Background(), req, out)
	if baserate.KindOf(err) != baserate.KindNotFound || !strings.Contains(err.Error(), "104") {
		t.Errorf("genesis error: %v", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("the error answer was kept as the table")
	}
	if _, err := (Genesis{Table: "12411-0001"}).Request(); baserate.KindOf(err) != baserate.KindDenied {
		t.Errorf("no user: %v", err)
	}
}

// TestPxWeb: v1 reads the metadata and POSTs a query selecting all values
// of unfiltered variables; v2 sends valueCodes.
func TestPxWeb(t *testing.T) {
	meta1 := serveFile(t, "pxweb_v1_meta.json")
	data1 := serveFile(t, "pxweb_v1_data.json")
	meta2 := serveFile(t, "pxweb_v2_meta.json")
	data2 := serveFile(t, "pxweb_v2_data.json")
	var posted []byte
	var v2query url.Values
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/doris/en/ssd/BE/BE0101/BE0101A/BefolkningNy", meta1)
	mux.HandleFunc("POST /v1/doris/en/ssd/BE/BE0101/BE0101A/BefolkningNy", func(w http.ResponseWriter, r *http.Request) {
		posted, _ = io.ReadAll(r.Body)
		data1(w, r)
	})
	mux.HandleFunc("GET /api/v2/tables/TAB638/metadata", meta2)
	mux.HandleFunc("GET /api/v2/tables/TAB638/data", func(w http.ResponseWriter, r *http.Request) { v2query = r.URL.Query(); data2(w, r) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := &Client{HTTP: srv.Client()}
	dir := t.TempDir()
	f, _ := ParseFilter("Region=00")
	req, err := c.PxWebRequest(context.Background(), PxWeb{URL: srv.URL + "/v1/doris/en/ssd/BE/BE0101/BE0101A/BefolkningNy", Filters: []Filter{f}})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "v1.json")
	if _, err := c.Download(context.Background(), req, out); err != nil {
		t.Fatal(err)
	}
	wantQuery := `{"query":[{"code":"Region","selection":{"filter":"item","values":["00"]}},{"code":"Kon","selection":{"filter":"all","values":["*"]}},{"code":"ContentsCode","selection":{"filter":"all","values":["*"]}},{"code":"Tid","selection":{"filter":"all","values":["*"]}}],"response":{"format":"json-stat2"}}`
	if string(posted) != wantQuery {
		t.Errorf("posted %s", posted)
	}
	tb := open(t, out)
	if tb.At("00", "2", "BE0101N1", "2023") != 5270541 || tb.Dims[3].Role != baserate.RoleTime {
		t.Errorf("v1 table %v", tb.Values)
	}
	f, _ = ParseFilter("Region=01")
	req, err = c.PxWebRequest(context.Background(), PxWeb{URL: srv.URL + "/api/v2/tables/TAB638", Filters: []Filter{f}})
	if err != nil {
		t.Fatal(err)
	}
	out = filepath.Join(dir, "v2.json")
	if _, err := c.Download(context.Background(), req, out); err != nil {
		t.Fatal(err)
	}
	if v2query.Get("valueCodes[Region]") != "01" || v2query.Get("valueCodes[Tid]") != "*" || v2query.Get("outputFormat") != "json-stat2" {
		t.Errorf("v2 query %v", v2query)
	}
	if tb := open(t, out); tb.At("01", "2023") != 2467019 {
		t.Errorf("v2 table %v", tb.Values)
	}
	f, _ = ParseFilter("Kommun=0180")
	_, err = c.PxWebRequest(context.Background(), PxWeb{URL: srv.URL + "/v1/doris/en/ssd/BE/BE0101/BE0101A/BefolkningNy", Filters: []Filter{f}})
	if err == nil || !strings.Contains(err.Error(), `no variable "Kommun"`) {
		t.Errorf("unknown variable: %v", err)
	}
	if _, err := ParseFilter("geo"); err == nil {
		t.Error("ParseFilter accepted geo")
	}
}
