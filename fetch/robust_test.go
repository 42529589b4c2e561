package fetch

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/baserate/baserate"
)

// TestGenesisErrorKeepsEarlierFile: fetching a table again when GENESIS
// answers with its JSON error (status 200) must leave the table fetched
// before, not replace it with the error and then delete it.
func TestGenesisErrorKeepsEarlierFile(t *testing.T) {
	errJSON := serveFile(t, "genesis_error.json")
	srv := httptest.NewServer(errJSON)
	defer srv.Close()
	out := filepath.Join(t.TempDir(), "12411.csv")
	earlier := []byte("Statistik_Code;Statistik_Label\n12411;Bevölkerungsstand\n")
	if err := os.WriteFile(out, earlier, 0o644); err != nil {
		t.Fatal(err)
	}
	req, err := Genesis{Table: "12411-0001", User: "TOKEN", Base: srv.URL}.Request()
	if err != nil {
		t.Fatal(err)
	}
	_, err = (&Client{HTTP: srv.Client()}).Download(context.Background(), req, out)
	if baserate.KindOf(err) != baserate.KindNotFound || !strings.Contains(err.Error(), "GENESIS answered Fehler 104") {
		t.Errorf("err = %v, want GENESIS's error 104", err)
	}
	if got, err := os.ReadFile(out); err != nil || !bytes.Equal(got, earlier) {
		t.Errorf("the earlier download was replaced: %q, %v", got, err)
	}
	for _, p := range []string{out + ".part", out + ".part.json"} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s is left", filepath.Base(p))
		}
	}
}

// rangeServer serves body(r) with the given ETag, honouring Range and
// If-Range; the first answer breaks off after cut bytes.
func rangeServer(t *testing.T, etag string, cut int, body func(r *http.Request) []byte) (*httptest.Server, *atomic.Int32) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := body(r)
		if etag != "" {
			w.Header().Set("ETag", etag)
		}
		if calls.Add(1) == 1 {
			w.Header().Set("Content-Length", strconv.Itoa(len(b)))
			w.WriteHeader(http.StatusOK)
			w.Write(b[:cut])
			panic(http.ErrAbortHandler)
		}
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(b))
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

// TestResumeOtherQuery: a part left by one POST query must not be
// continued by another query to the same URL (PxWeb v1 filters, GENESIS
// years travel in the body): the result would start with the first
// query's bytes.
func TestResumeOtherQuery(t *testing.T) {
	a := bytes.Repeat([]byte("A"), 100000)
	b := bytes.Repeat([]byte("B"), 100000)
	srv, _ := rangeServer(t, `"same"`, 40000, func(r *http.Request) []byte {
		q, _ := io.ReadAll(r.Body)
		if string(q) == "region=01" {
			return b
		}
		return a
	})
	out := filepath.Join(t.TempDir(), "t.json")
	c := &Client{HTTP: srv.Client()}
	if _, err := c.Download(context.Background(), Request{Method: http.MethodPost, URL: srv.URL, Body: []byte("region=00")}, out); err == nil {
		t.Fatal("the first download was not interrupted")
	}
	res, err := c.Download(context.Background(), Request{Method: http.MethodPost, URL: srv.URL, Body: []byte("region=01")}, out)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(out)
	if !bytes.Equal(got, b) || res.Resumed != 0 {
		t.Errorf("got %d bytes starting %q (resumed %d), want region 01's %d bytes of B", len(got), got[:min(len(got), 8)], res.Resumed, len(b))
	}
}

// TestNoResumeWithoutValidator: without an ETag or Last-Modified nothing
// guards a resumed download against a file that changed in between, so
// it starts again instead of splicing two versions.
func TestNoResumeWithoutValidator(t *testing.T) {
	v1 := bytes.Repeat([]byte("1"), 100000)
	v2 := bytes.Repeat([]byte("2"), 100000)
	var version atomic.Int32
	srv, _ := rangeServer(t, "", 40000, func(r *http.Request) []byte {
		if version.Load() == 0 {
			return v1
		}
		return v2
	})
	out := filepath.Join(t.TempDir(), "t.tsv")
	c := &Client{HTTP: srv.Client()}
	if _, err := c.Download(context.Background(), Request{URL: srv.URL}, out); err == nil {
		t.Fatal("the first download was not interrupted")
	}
	version.Store(1) // the office publishes an update
	if _, err := c.Download(context.Background(), Request{URL: srv.URL}, out); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(out); !bytes.Equal(got, v2) {
		t.Errorf("got %d bytes, %d of them from the old version; want the new version whole", len(got), bytes.Count(got, []byte("1")))
	}
}

// TestStall: a server that stops sending is given up after Client.Stall,
// whether it stops before its headers or in the middle of the body; the
// part stays for the next try.
func TestStall(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/mid" {
			w.Header().Set("Content-Length", "1048576")
			w.Write(payload[:1000])
			w.(http.Flusher).Flush()
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	c := &Client{HTTP: srv.Client(), Stall: 300 * time.Millisecond}
	dir := t.TempDir()
	for _, p := range []string{"/head", "/mid"} {
		out := filepath.Join(dir, p[1:])
		done := make(chan error, 1)
		go func() {
			_, err := c.Download(context.Background(), Request{URL: srv.URL + p}, out)
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "the server sent nothing for 300ms") {
				t.Errorf("%s: err = %v, want a stall", p, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: Download still waits for a silent server after 10s", p)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%s: a file at the final path", p)
		}
	}
	if fi, err := os.Stat(filepath.Join(dir, "mid.part")); err != nil || fi.Size() != 1000 {
		t.Errorf("the part of the stalled download: %v %v", fi, err)
	}
}

// TestStallAfterHeaders: Stall is counted from the last thing the
// server sent, and the headers count: a server that is slow to answer and
// then slow to send the body, each within Stall, is not given up. (The
// watchdog was not reset when the headers came, so the body had only
// what the wait for the headers had left of Stall.) Each wait is 60% of
// Stall: together they exceed it, alone each leaves a margin that a
// loaded machine does not eat.
func TestStallAfterHeaders(t *testing.T) {
	const stall = 2 * time.Second
	wait := stall * 6 / 10
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(wait)
		w.Header().Set("Content-Length", "1000")
		w.WriteHeader(http.StatusOK)
		w.(http.Flusher).Flush()
		time.Sleep(wait)
		w.Write(payload[:1000])
	}))
	defer srv.Close()
	c := &Client{HTTP: srv.Client(), Stall: stall}
	res, err := c.Download(context.Background(), Request{URL: srv.URL}, filepath.Join(t.TempDir(), "f"))
	if err != nil || res.Bytes != 1000 {
		t.Errorf("a server that answers and sends within Stall each time: %+v, %v", res, err)
	}
}

// TestRetryAfter: 429 and 503 are tried again after the wait the server
// asks for; a wait longer than MaxWait is an error that says so.
func TestRetryAfter(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		switch {
		case r.URL.Path == "/busy" && n == 1:
			w.Header().Set("Retry-After", "0")
			http.Error(w, "Too many requests: 30 calls per 10 seconds", http.StatusTooManyRequests)
		case r.URL.Path == "/busy":
			w.Write(payload[:100])
		case r.URL.Path == "/down":
			w.Header().Set("Retry-After", "3600")
			http.Error(w, "maintenance", http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	var prog bytes.Buffer
	c := &Client{HTTP: srv.Client(), Progress: &prog}
	dir := t.TempDir()
	res, err := c.Download(context.Background(), Request{URL: srv.URL + "/busy"}, filepath.Join(dir, "busy"))
	if err != nil || res.Bytes != 100 || calls.Load() != 2 {
		t.Errorf("after a 429: %+v, %v, %d calls", res, err, calls.Load())
	}
	if !strings.Contains(prog.String(), "429 Too Many Requests, trying again in 0s") {
		t.Errorf("progress %q does not tell of the wait", prog.String())
	}
	calls.Store(0)
	start := time.Now()
	_, err = c.Download(context.Background(), Request{URL: srv.URL + "/down"}, filepath.Join(dir, "down"))
	if err == nil || !strings.Contains(err.Error(), "503 Service Unavailable (the server asks to wait 1h0m0s; try again later): maintenance") {
		t.Errorf("503 with Retry-After 3600: %v", err)
	}
	if calls.Load() != 1 || time.Since(start) > 5*time.Second {
		t.Errorf("%d calls in %v; a wait over MaxWait should not be waited", calls.Load(), time.Since(start))
	}
	if d, ok := retryAfter(time.Date(2030, 1, 1, 0, 1, 0, 0, time.UTC).Format(http.TimeFormat), time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)); !ok || d != time.Minute {
		t.Errorf("Retry-After as a date: %v %v", d, ok)
	}
}

// TestRedirectPOSTToGET: a PxWeb v1 table URL given as http:// and
// redirected to https:// with 301 would turn the data POST into a GET,
// whose answer is the table's metadata; that must not be saved as the
// table.
func TestRedirectPOSTToGET(t *testing.T) {
	meta := serveFile(t, "pxweb_v1_meta.json")
	mux := http.NewServeMux()
	mux.HandleFunc("POST /old", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/new", http.StatusMovedPermanently) })
	mux.HandleFunc("GET /new", meta)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	out := filepath.Join(t.TempDir(), "t.json")
	_, err := (&Client{HTTP: srv.Client()}).Download(context.Background(), Request{Method: http.MethodPost, URL: srv.URL + "/old", Body: []byte(`{"query":[]}`)}, out)
	if err == nil || !strings.Contains(err.Error(), "redirects the POST to "+srv.URL+"/new") {
		t.Errorf("err = %v, want the redirect named", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("the metadata was saved as the table")
	}
}

// TestRedirectKeepsCredentials: GENESIS's credentials are headers that
// net/http would copy to any host a redirect names.
func TestRedirectKeepsCredentials(t *testing.T) {
	var leaked atomic.Value
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked.Store(r.Header.Get("username") + ":" + r.Header.Get("password"))
		w.Write([]byte("x;y\n1;2\n"))
	}))
	defer other.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/data/tablefile", http.StatusTemporaryRedirect)
	}))
	defer srv.Close()
	req, err := Genesis{Table: "12411-0001", User: "me", Password: "secret", Base: srv.URL}.Request()
	if err != nil {
		t.Fatal(err)
	}
	_, err = (&Client{HTTP: srv.Client()}).Download(context.Background(), req, filepath.Join(t.TempDir(), "g.csv"))
	if err == nil || !strings.Contains(err.Error(), "credentials are not sent") {
		t.Errorf("err = %v, want the redirect refused", err)
	}
	if v := leaked.Load(); v != nil {
		t.Errorf("the other host received username:password %q", v)
	}
	// A redirect within the same host is followed, credentials and all.
	mux := http.NewServeMux()
	mux.HandleFunc("POST /a/data/tablefile", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/b/data/tablefile", http.StatusPermanentRedirect)
	})
	mux.HandleFunc("POST /b/data/tablefile", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("password") != "secret" {
			http.Error(w, "no password", http.StatusUnauthorized)
			return
		}
		w.Write([]byte("x;y\n1;2\n"))
	})
	same := httptest.NewServer(mux)
	defer same.Close()
	req, _ = Genesis{Table: "12411-0001", User: "me", Password: "secret", Base: same.URL + "/a"}.Request()
	if _, err := (&Client{HTTP: same.Client()}).Download(context.Background(), req, filepath.Join(t.TempDir(), "g.csv")); err != nil {
		t.Errorf("same-host redirect: %v", err)
	}
}

// TestTransportErrorRedacted: a connection error names the URL without
// the credentials in its query (net/url's error repeats the whole URL).
func TestTransportErrorRedacted(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	u := srv.URL
	srv.Close() // nothing listens there now
	_, err := (&Client{}).Download(context.Background(), Request{URL: u + "/x?token=s3cr3t"}, filepath.Join(t.TempDir(), "f"))
	if err == nil || strings.Contains(err.Error(), "s3cr3t") || !strings.Contains(err.Error(), "token=***") {
		t.Errorf("err = %v", err)
	}
}

// TestTooLarge: Eurostat refuses an extraction over its limit with 413.
func TestTooLarge(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"error":{"status":413,"label":"EXTRACTION_TOO_BIG"}}`, http.StatusRequestEntityTooLarge)
	}))
	defer srv.Close()
	_, err := (&Client{HTTP: srv.Client()}).Download(context.Background(), Request{URL: srv.URL}, filepath.Join(t.TempDir(), "f"))
	if baserate.KindOf(err) != baserate.KindTooLarge || !strings.Contains(err.Error(), "EXTRACTION_TOO_BIG") {
		t.Errorf("err = %v (kind %v), want kind TooLarge", err, baserate.KindOf(err))
	}
}

// TestHTMLErrorBody: an HTML error page (a proxy's, a web server's) is
// reported as its text on one line, not as markup over many lines.
func TestHTMLErrorBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		io.WriteString(w, "<!DOCTYPE HTML>\n<html>\n<head><title>502</title><style>p{}</style></head>\n<body>\n  <h1>Bad Gateway</h1>\n  <p>The proxy got no answer from\n  ec.europa.eu.</p>\n</body>\n</html>\n")
	}))
	defer srv.Close()
	_, err := (&Client{HTTP: srv.Client()}).Download(context.Background(), Request{URL: srv.URL + "/statistics/1.0/data/crim_just_ctz"}, filepath.Join(t.TempDir(), "f"))
	want := srv.URL + "/statistics/1.0/data/crim_just_ctz: 502 Bad Gateway: Bad Gateway The proxy got no answer from ec.europa.eu."
	if err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("err = %q, want it to end %q", err, want)
	}
}
