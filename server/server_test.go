package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/baserate/baserate/factsheet"
	"github.com/baserate/baserate/store"
	"github.com/baserate/baserate/store/ingest"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

const testToken = "test-admin-token"

var (
	fixOnce sync.Once
	fixSrv  *httptest.Server
	fixErr  error
)

// testServer is one server over the bundled data, with the admin token
// set, shared by the tests that only read.
func testServer(t *testing.T) *httptest.Server {
	t.Helper()
	fixOnce.Do(func() {
		ctx := context.Background()
		st, err := store.Open(ctx, "", store.Options{})
		if err != nil {
			fixErr = err
			return
		}
		if fixErr = ingest.Bundle(ctx, st); fixErr != nil {
			return
		}
		eng, err := DefaultEngines()
		if err != nil {
			fixErr = err
			return
		}
		s, err := New(Config{Store: st, Engines: eng, AdminToken: testToken})
		if err != nil {
			fixErr = err
			return
		}
		fixSrv = httptest.NewServer(s.Handler())
	})
	if fixErr != nil {
		t.Fatal(fixErr)
	}
	return fixSrv
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixSrv != nil {
		fixSrv.Close()
	}
	os.Exit(code)
}

func loadDoc(t *testing.T) *openapi3.T {
	t.Helper()
	l := openapi3.NewLoader()
	doc, err := l.LoadFromData(openapiDoc)
	if err != nil {
		t.Fatalf("openapi.json does not parse as OpenAPI 3: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI 3 document: %v", err)
	}
	return doc
}

func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	doc := loadDoc(t)
	s := &Server{}
	routed := map[string]bool{}
	for _, rt := range s.allAPIRoutes() {
		routed[rt.method+" "+strings.TrimSuffix(rt.path, "{$}")] = true
	}
	documented := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented[method+" "+path] = true
		}
	}
	for k := range routed {
		if !documented[k] {
			t.Errorf("route %s is not in openapi.json", k)
		}
	}
	for k := range documented {
		if !routed[k] {
			t.Errorf("openapi.json documents %s, which the server does not route", k)
		}
	}
}

// Every route's query parameters are known, so checkParams checks them;
// the factsheet's are the documented five.
// key and offense name the offence too ("key 890000" as the PKS says).
func TestOffenceAliases(t *testing.T) {
	ts := testServer(t)
	for _, q := range []string{"year=2023&key=892000", "offense=892000&year=2023"} {
		resp, err := http.Get(ts.URL + "/api/v1/factsheet?" + q)
		if err != nil {
			t.Fatal(err)
		}
		var sh struct {
			Year    int `json:"year"`
			Offence struct {
				Key string `json:"key"`
			} `json:"offence"`
		}
		err = json.NewDecoder(resp.Body).Decode(&sh)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 || sh.Year != 2023 || sh.Offence.Key != "892000" {
			t.Errorf("%s: %s, year %d key %q (%v)", q, resp.Status, sh.Year, sh.Offence.Key, err)
		}
	}
}

func TestDocumentedParams(t *testing.T) {
	params := documentedParams(openapiDoc)
	s := &Server{}
	for _, rt := range s.allAPIRoutes() {
		if _, ok := params[rt.method+" "+strings.TrimSuffix(rt.path, "{$}")]; !ok {
			t.Errorf("no parameters read for %s %s", rt.method, rt.path)
		}
	}
	fs := params["GET /api/v1/factsheet"]
	if len(fs) != 5 || !fs["year"] || !fs["offence"] || !fs["area"] || !fs["group"] || !fs["format"] {
		t.Errorf("factsheet parameters %v", fs)
	}
}

var pathParamRE = regexp.MustCompile(`\{(\w+)\}`)

// request builds a request for one documented operation from the
// examples in the document.
func request(t *testing.T, base, path, method string, op *openapi3.Operation) (*http.Request, map[string]string) {
	t.Helper()
	pp := map[string]string{}
	q := url.Values{}
	for _, pr := range op.Parameters {
		p := pr.Value
		ex := ""
		if p.Example != nil {
			b, _ := json.Marshal(p.Example)
			ex = strings.Trim(string(b), `"`)
		}
		switch p.In {
		case "path":
			pp[p.Name] = ex
		case "query":
			if ex != "" && (p.Required || p.Name != "format") {
				q.Set(p.Name, ex)
			}
		}
	}
	u := pathParamRE.ReplaceAllStringFunc(path, func(m string) string { return url.PathEscape(pp[m[1:len(m)-1]]) })
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	var body io.Reader
	ct := ""
	if rb := op.RequestBody; rb != nil {
		for _, mt := range []string{"application/json", "text/csv", "text/plain"} {
			if c := rb.Value.Content.Get(mt); c != nil {
				ct = mt
				switch ex := c.Example.(type) {
				case string:
					body = strings.NewReader(ex)
				case nil:
					body = strings.NewReader("x")
				default:
					b, _ := json.Marshal(ex)
					body = bytes.NewReader(b)
				}
				break
			}
		}
	}
	if path == "/api/v1/admin/ingest" {
		// replace: the shared fixture lives across -count runs.
		q.Set("replace", "true")
		u = pathParamRE.ReplaceAllStringFunc(path, func(m string) string { return url.PathEscape(pp[m[1:len(m)-1]]) }) + "?" + q.Encode()
		ct, body = "text/csv", strings.NewReader("year,citizenship,value\n2023,deutsch,1\n2023,nichtdeutsch,2\n")
	}
	req, err := http.NewRequest(method, base+u, body)
	if err != nil {
		t.Fatal(err)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	if op.Security != nil && len(*op.Security) > 0 {
		req.Header.Set("Authorization", "Bearer "+testToken)
	}
	return req, pp
}

// Every documented path answers its documented success with a body that
// validates against the document's schema.
func TestEveryDocumentedPathAnswers(t *testing.T) {
	doc := loadDoc(t)
	ts := testServer(t)
	var paths []string
	for p := range doc.Paths.Map() {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, path := range paths {
		item := doc.Paths.Value(path)
		for method, op := range item.Operations() {
			req, pp := request(t, ts.URL, path, method, op)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode/100 != 2 {
				t.Errorf("%s %s: %s\n%s", method, req.URL, resp.Status, b)
				continue
			}
			ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
			if ct != "application/json" {
				// CSV and Parquet: the type must be documented; the body
				// is checked by TestDownloads.
				if r := op.Responses.Status(resp.StatusCode); r == nil || r.Value.Content.Get(ct) == nil {
					t.Errorf("%s %s: content type %q is not documented", method, req.URL, ct)
				}
				continue
			}
			route := &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: op}
			in := &openapi3filter.ResponseValidationInput{
				RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: pp, Route: route},
				Status:                 resp.StatusCode,
				Header:                 resp.Header,
				Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
			}
			in.SetBodyBytes(b)
			if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
				t.Errorf("%s %s: the answer does not match openapi.json: %v", method, req.URL, err)
			}
		}
	}
}

// send makes a request with body (and Content-Type ctype, when given)
// and returns the response with its body read.
func send(t *testing.T, method, url, ctype, body string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, b
}

func get(t *testing.T, url string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, b
}

// The must-show: the fact sheet for 2023, key 890000, is the rates
// engine's result, number for number.
func TestFactsheetIsTheRatesEngines(t *testing.T) {
	ts := testServer(t)
	resp, b := get(t, ts.URL+"/api/v1/factsheet?year=2023&offence=890000")
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %s", resp.Status, b)
	}
	sh, err := factsheet.Compute(context.Background(), 2023, "890000")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(sh)
	var got, exp any
	json.Unmarshal(b, &got)
	json.Unmarshal(want, &exp)
	gb, _ := json.Marshal(got)
	eb, _ := json.Marshal(exp)
	if !bytes.Equal(gb, eb) {
		t.Errorf("API fact sheet differs from factsheet.Compute:\napi    %s\nengine %s", gb, eb)
	}
	var s factsheet.Sheet
	json.Unmarshal(b, &s)
	if s.NonGerman.Suspects != 694981 || s.German.Suspects != 1322571 || s.German.Population != 71347057 || s.NonGerman.Population != 12108988 {
		t.Errorf("2023/890000 counts: %+v %+v", s.German, s.NonGerman)
	}
}

func TestDownloads(t *testing.T) {
	ts := testServer(t)
	for _, c := range []struct {
		path, ctype, prefix string
	}{
		{"/api/v1/factsheet?year=2023&offence=890000&format=csv", "text/csv", "year,area,offence,measure,value,status\n2023,DE,890000,german_suspects,1322571,"},
		{"/api/v1/factsheet?year=2023&offence=890000&format=parquet", "application/vnd.apache.parquet", "PAR1"},
		{"/api/v1/datasets/destatis-population/data?format=json", "application/json", "{"},
		{"/api/v1/datasets/destatis-population/data?format=parquet", "application/vnd.apache.parquet", "PAR1"},
		{"/api/v1/datasets/destatis-population/data?format=csv", "text/csv", "time,"},
		{"/charts/factsheet-rates?year=2023&offence=890000&format=csv", "text/csv", "category,series,value,lo,hi\nGerman,,1853.7148631092098,"},
		{"/charts/factsheet-rates?year=2023&offence=890000&format=vl", "application/json", `{"$schema":"https://vega.github.io/schema/vega-lite/v6.json"`},
	} {
		resp, b := get(t, ts.URL+c.path)
		ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
		if resp.StatusCode != 200 || ct != c.ctype || !bytes.HasPrefix(b, []byte(c.prefix)) {
			t.Errorf("%s: %s %s %.80q; want %s starting %q", c.path, resp.Status, ct, b, c.ctype, c.prefix)
		}
	}
	_, b := get(t, ts.URL+"/api/v1/datasets/destatis-population/data?format=json")
	if !bytes.Contains(b, []byte(`"version"`)) || !bytes.Contains(b, []byte(`"class"`)) {
		t.Errorf("JSON download is not JSON-stat: %.200s", b)
	}
}

func problemOf(t *testing.T, resp *http.Response, b []byte) Problem {
	t.Helper()
	if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("%s: content type %q, want application/problem+json", resp.Request.URL, ct)
	}
	var p Problem
	if err := json.Unmarshal(b, &p); err != nil {
		t.Errorf("%s: not a problem document: %s", resp.Request.URL, b)
	}
	if p.Status != resp.StatusCode || p.Title == "" || p.Detail == "" || p.Type == "" {
		t.Errorf("%s: problem %+v does not describe status %d", resp.Request.URL, p, resp.StatusCode)
	}
	return p
}

func TestProblems(t *testing.T) {
	ts := testServer(t)
	for _, c := range []struct {
		method, path, body string
		status             int
		detail             string
	}{
		{"GET", "/api/v1/nope", "", 404, "no endpoint"},
		{"DELETE", "/api/v1/datasets", "", 405, "use GET"},
		{"GET", "/api/v1/factsheet?year=abc", "", 400, "year"},
		{"GET", "/api/v1/factsheet?offence=12", "", 400, "offence"},
		{"GET", "/api/v1/factsheet?offence=999999&year=2023", "", 404, "999999"},
		{"GET", "/api/v1/factsheet?year=1950", "", 404, "1950"},
		{"GET", "/api/v1/factsheet?area=FR", "", 404, "09 Bayern"},
		{"GET", "/api/v1/factsheet?area=FR", "", 404, "/api/v1/areas"},
		{"GET", "/api/v1/factsheet?area=09&year=2023", "", 404, "2010-2020"},
		{"GET", "/api/v1/factsheet?area=09&offence=890000", "", 404, "keys ------"},
		{"GET", "/api/v1/factsheet?area=M%C3%BCnchen", "", 404, "ambiguous"},
		{"GET", "/api/v1/factsheet?area=09162&year=2021", "", 404, "2020 and 2022"},
		{"GET", "/api/v1/trend?area=09", "", 404, "Germany"},
		{"GET", "/api/v1/areas?level=city", "", 400, "level"},
		{"GET", "/api/v1/factsheet?format=xml", "", 400, "format"},
		{"GET", "/api/v1/datasets/nope", "", 404, "nope"},
		{"GET", "/api/v1/claim", "", 400, "text"},
		{"POST", "/api/v1/standardize?group=g&strata=s&count=c&pop=p", "g,s,c,p\na,1,x,3\n", 400, "body:2"},
		{"POST", "/api/v1/standardize?group=g&strata=s&count=c&pop=p&per=0", "g,s,c,p\na,1,2,3\n", 400, "per: must be a positive number, not 0"},
		{"POST", "/api/v1/standardize?group=g&strata=s&count=c&pop=p&conf=0", "g,s,c,p\na,1,2,3\n", 400, "conf: must be between 0 and 1, not 0"},
		{"GET", "/api/v1/factsheet?year=2023&year=2024", "", 400, "year: given 2 times"},
		{"GET", "/api/v1/factsheet?yaer=2023", "", 400, `yaer: unknown parameter; did you mean year? GET /api/v1/factsheet takes area, format, group, offence, year`},
		{"GET", "/api/v1/factsheet?Year=2023", "", 400, "Year: unknown parameter; did you mean year?"},
		{"GET", "/api/v1/factsheet?ofence=890000", "", 400, "did you mean offence?"},
		{"GET", "/api/v1/factsheet?offence=890000&key=892000", "", 400, "key: the same as offence; give one of them"},
		{"POST", "/api/v1/admin/ingest?kind=table&id=x", "a,b\n", 401, "token"},
		{"POST", "/api/v1/claim", strings.Repeat("x", 2<<20), 413, ""},
	} {
		ctype := ""
		if c.method == "POST" {
			ctype = "text/plain"
		}
		resp, b := send(t, c.method, ts.URL+c.path, ctype, c.body)
		if resp.StatusCode != c.status {
			t.Errorf("%s %s: %s, want %d\n%s", c.method, c.path, resp.Status, c.status, b)
			continue
		}
		p := problemOf(t, resp, b)
		if !strings.Contains(p.Detail, c.detail) {
			t.Errorf("%s %s: detail %q does not mention %q", c.method, c.path, p.Detail, c.detail)
		}
		if c.status == 405 && resp.Header.Get("Allow") == "" {
			t.Errorf("405 without Allow")
		}
		if c.status == 401 && resp.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("401 without WWW-Authenticate")
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	ts := testServer(t)
	for _, p := range []string{"/", "/api/v1/", "/static/app.css"} {
		resp, _ := get(t, ts.URL+p)
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self' 'sha256-") || strings.Contains(csp, "unsafe-eval") || strings.Contains(csp, "unsafe-inline") ||
			!strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q", p, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: headers %v", p, resp.Header)
		}
	}
}

// A server without an admin token is read-only: ingest is refused and
// the store does not change.
func TestReadOnlyByDefault(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := New(Config{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	for _, auth := range []string{"", "Bearer guess"} {
		req, _ := http.NewRequest("POST", ts.URL+"/api/v1/admin/ingest?kind=table&id=x", strings.NewReader("a,value\n1,2\n"))
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 401 || !strings.Contains(string(b), "read-only") {
			t.Errorf("ingest on a read-only server: %s %s", resp.Status, b)
		}
	}
	if ds, _ := st.Datasets(ctx); len(ds) != 0 {
		t.Errorf("read-only server stored %d tables", len(ds))
	}
}

// Ingest through the API is one transaction: a bad file changes nothing;
// a good one appears in the datasets.
func TestIngestAPI(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := New(Config{Store: st, AdminToken: testToken})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	post := func(q, body string) (int, []byte) {
		req, _ := http.NewRequest("POST", ts.URL+"/api/v1/admin/ingest?"+q, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+testToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp.StatusCode, b
	}
	before, _ := st.Digest(ctx)
	code, b := post("kind=table&id=pop&dims=year,cit&measures=pop", "year,cit,pop\n2023,de,10\n2023,nd,x\n")
	if code != 400 || !strings.Contains(string(b), "pop.csv:3") {
		t.Errorf("bad CSV: %d %s", code, b)
	}
	if after, _ := st.Digest(ctx); after != before {
		t.Error("a refused ingest changed the store")
	}
	code, b = post("kind=table&id=pop&dims=year,cit&measures=pop", "year,cit,pop\n2023,de,10\n2023,nd,3\n")
	if code != 201 {
		t.Fatalf("good CSV: %d %s", code, b)
	}
	if code, _ := post("kind=table&id=pop&dims=year,cit&measures=pop", "year,cit,pop\n2023,de,10\n"); code != 409 {
		t.Errorf("second ingest of the same id: %d, want 409", code)
	}
	resp, b := get(t, ts.URL+"/api/v1/datasets/pop/data?format=csv")
	if resp.StatusCode != 200 || !strings.Contains(string(b), "2023,nd,pop,3,") {
		t.Errorf("ingested table: %s %s", resp.Status, b)
	}
	code, b = post("kind=corpus&id=news", `{"id":"1","crime":true,"categories":["violent"],"origin_named":true,"suspect_origins":["SY"],"victim_origins":[],"appearance":false,"evidence":[],"date":"2023-01-02"}`+"\n")
	if code != 201 {
		t.Fatalf("corpus: %d %s", code, b)
	}
	resp, b = get(t, ts.URL+"/api/v1/media/corpora")
	if !strings.Contains(string(b), `"items": 1`) {
		t.Errorf("corpora: %s", b)
	}
}

// A client that sends its headers too slowly is cut off (slow loris).
func TestSlowHeadersAreCutOff(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- ServeListener(ctx, ln, http.NotFoundHandler(), slogDiscard(), Timeouts{ReadHeader: 200 * time.Millisecond, Read: time.Second, Write: time.Second, Idle: time.Second})
	}()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n")) // and never the blank line
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	start := time.Now()
	_, err = io.ReadAll(conn)
	if time.Since(start) > 3*time.Second {
		t.Errorf("connection with unfinished headers stayed open %v (err %v)", time.Since(start), err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("shutdown: %v", err)
	}
}

func slogDiscard() *slog.Logger { return slog.New(slog.DiscardHandler) }

// A parameter the endpoint does not take and that misspells none of its own
// is ignored and named in a Warning header: the answer is the same as
// without it.
func TestUnknownParamIgnored(t *testing.T) {
	ts := testServer(t)
	get := func(q string) (*http.Response, []byte) {
		resp, err := http.Get(ts.URL + "/api/v1/factsheet?" + q)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, b
	}
	_, want := get("year=2023&offence=890000")
	resp, got := get("year=2023&offence=890000&utm_source=x")
	if resp.StatusCode != 200 || string(got) != string(want) {
		t.Fatalf("with utm_source: %s\n%s", resp.Status, got)
	}
	if w := resp.Header.Get("Warning"); !strings.Contains(w, "unknown parameter utm_source ignored") {
		t.Errorf("Warning header %q", w)
	}
	resp, got = get("key=890000&year=2023")
	if resp.StatusCode != 200 || string(got) != string(want) {
		t.Errorf("key=890000: %s", resp.Status)
	}
}

func TestNearParam(t *testing.T) {
	allowed := map[string]bool{"year": true, "offence": true, "area": true, "group": true, "format": true}
	for name, want := range map[string]string{
		"yaer": "year", "YEAR": "year", "years": "year", "ofence": "offence", "offences": "offence",
		"groups": "group", "fromat": "format", "utm_source": "", "lang": "", "x": "", "sex": "", "callback": "",
	} {
		if got := nearParam(name, allowed); got != want {
			t.Errorf("nearParam(%q) = %q, want %q", name, got, want)
		}
	}
}
