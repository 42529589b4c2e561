package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/baserate/baserate/frame"
	"github.com/baserate/baserate/stat/glm"
	"github.com/baserate/baserate/store"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// cellsCSV is the synthetic cell table of the glm golden tests.
const cellsCSV = "../stat/glm/testdata/cells.csv"

func postGLM(t *testing.T, base string, q url.Values, ctype string, body []byte) (*http.Request, *http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest("POST", base+"/api/v1/glm?"+q.Encode(), bytes.NewReader(body))
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
	return req, resp, b
}

// cliJSON is what "baserate glm --in FILE --format json" prints for data
// and the model: the command's code path (frame.ReadCSV, glm.FitColumns,
// Result.WriteJSON).
func cliJSON(t *testing.T, data []byte, m glm.Model, opt glm.Options, fopt frame.Options) []byte {
	t.Helper()
	f, err := frame.ReadCSV(context.Background(), bytes.NewReader(data), cellsCSV, fopt)
	if err != nil {
		t.Fatal(err)
	}
	res, err := glm.FitColumns(context.Background(), f, m, opt)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := res.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// POST /api/v1/glm answers with the bytes "baserate glm --format json"
// prints for the same file and options, and its coefficients and
// cluster-robust errors are R's (the reference of the glm golden tests).
func TestGLMIsTheCLIs(t *testing.T) {
	ts := testServer(t)
	doc := loadDoc(t)
	data, err := os.ReadFile(cellsCSV)
	if err != nil {
		t.Fatal(err)
	}
	model := glm.Model{Formula: "count ~ age + sex + cit | region + year", Offset: "log(pop)", Cluster: []string{"region"}}
	for _, c := range []struct {
		query string
		model glm.Model
		opt   glm.Options
		fopt  frame.Options
	}{
		{"", model, glm.Options{}, frame.Options{}},
		{"&family=negbin&se=hc0", model, glm.Options{Family: glm.NegBin, SE: glm.SEHC0}, frame.Options{}},
		{"&family=quasipoisson&fixef=true&level=0.9", model, glm.Options{Family: glm.QuasiPoisson, FixedEffects: true, Level: 0.9}, frame.Options{}},
		{"&cluster=region,year&no_separation=true&tol=1e-9&maxiter=50", glm.Model{Formula: model.Formula, Offset: model.Offset, Cluster: []string{"region", "year"}},
			glm.Options{NoSeparation: true, Tol: 1e-9, MaxIter: 50}, frame.Options{}},
		{"&formula=count+~+age+%2B+factor(year)&factors=year&no_aggregate=true&se=model", glm.Model{Formula: "count ~ age + factor(year)", Offset: model.Offset, Cluster: model.Cluster},
			glm.Options{SE: glm.SEModel, NoAggregate: true}, frame.Options{Factors: []string{"year"}}},
	} {
		q, _ := url.ParseQuery("formula=" + url.QueryEscape(model.Formula) + "&offset=log(pop)&cluster=region" + c.query)
		for k, v := range q {
			q[k] = v[len(v)-1:] // the case's value wins
		}
		req, resp, got := postGLM(t, ts.URL, q, "text/csv", data)
		if resp.StatusCode != 200 {
			t.Errorf("%s: %s\n%s", req.URL, resp.Status, got)
			continue
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("%s: content type %q", req.URL, ct)
		}
		if want := cliJSON(t, data, c.model, c.opt, c.fopt); !bytes.Equal(got, want) {
			t.Errorf("%s: the answer differs from baserate glm --format json:\n%.600s\nwant\n%.600s", req.URL, got, want)
		}
		route := &routers.Route{Spec: doc, Path: "/api/v1/glm", PathItem: doc.Paths.Value("/api/v1/glm"), Method: "POST", Operation: doc.Paths.Value("/api/v1/glm").Post}
		in := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, Route: route},
			Status:                 resp.StatusCode,
			Header:                 resp.Header,
			Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
		}
		in.SetBodyBytes(got)
		if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
			t.Errorf("%s: the answer does not match openapi.json: %v", req.URL, err)
		}
	}

	// The default fit against R (glm with region and year dummies,
	// sandwich::vcovCL), as stat/glm's TestFixedEffectsEqualDummies.
	q := url.Values{"formula": {model.Formula}, "offset": {"log(pop)"}, "cluster": {"region"}}
	_, resp, b := postGLM(t, ts.URL, q, "", data)
	if resp.StatusCode != 200 {
		t.Fatalf("%s\n%s", resp.Status, b)
	}
	var got struct {
		SE           string `json:"se_type"`
		NObs         int    `json:"nobs"`
		Coefficients []struct {
			Term     string  `json:"term"`
			Estimate float64 `json:"estimate"`
			StdError float64 `json:"std_error"`
		} `json:"coefficients"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Models map[string]struct {
			Params     map[string]float64 `json:"params"`
			BSECluster map[string]float64 `json:"bse_cluster"`
			NObs       float64            `json:"nobs"`
		} `json:"models"`
	}
	raw, err := os.ReadFile("../stat/glm/testdata/golden/cells_fe_R.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	pm := ref.Models["poisson"]
	if len(got.Coefficients) != 9 || float64(got.NObs) != pm.NObs || !strings.HasPrefix(got.SE, "CR1") {
		t.Errorf("%d coefficients, %d observations, errors %q; want 9, %g, CR1", len(got.Coefficients), got.NObs, got.SE, pm.NObs)
	}
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-7*math.Abs(b)+1e-10 }
	for _, c := range got.Coefficients {
		est, ok1 := pm.Params[c.Term]
		se, ok2 := pm.BSECluster[c.Term]
		if !ok1 || !ok2 {
			t.Errorf("%s: not in R's fit", c.Term)
			continue
		}
		if !near(c.Estimate, est) || !near(c.StdError, se) {
			t.Errorf("%s: estimate %.15g (SE %.15g), R %.15g (SE %.15g)", c.Term, c.Estimate, c.StdError, est, se)
		}
	}
}

// Bad requests are 400 problems naming the parameter (with the column of a
// formula error) or the body's line; a fit that cannot run is a 400 too,
// as the server maps every invalid input; a body of another type is a 415
// and one over the limit a 413.
func TestGLMProblems(t *testing.T) {
	ts := testServer(t)
	const good = "y,x,g\n1,0,a\n2,1,a\n3,2,b\n5,3,b\n"
	for _, c := range []struct {
		query, ctype, body string
		status             int
		param, detail      string
	}{
		{"", "text/csv", good, 400, "formula", "formula: is required"},
		{"formula=y+~+x+%2B", "text/csv", good, 400, "formula", `"y ~ x +": column 8: formula ends where a term was expected`},
		{"formula=y+~+x+%2B+nope", "text/csv", good, 400, "formula", `column 9: no column "nope" in the data`},
		{"formula=y+~+xx", "text/csv", good, 400, "formula", `did you mean "x"? body has the columns y, x, g`},
		{"formula=y+~+x&offset=log(popx", "text/csv", good, 400, "offset", `offset: "log(popx": column 9`},
		{"formula=y+~+x", "text/csv", "y,x\n1,0\n2,1\nabc,2\n", 400, "", `body:4: field "y": "abc" is not a number`},
		{"formula=y+~+x", "text/csv", "y,x\n1,0\n2\n", 400, "", "body:3:"},
		{"formula=y+~+x", "text/csv", "y,x\n", 400, "", "body:2: no data rows after the header"},
		{"formula=y+~+x+%7C+g", "text/csv", "y,x,g\n0,1,a\n0,2,a\n", 400, "", "every observation is in a fixed-effect group with no positive count"},
		{"formula=y+~+x&family=logit", "text/csv", good, 400, "family", `unknown family "logit"`},
		{"formula=y+~+x&se=hc3", "text/csv", good, 400, "se", "must be model, hc0, hc1 or cluster"},
		{"formula=y+~+x&se=cluster", "text/csv", good, 400, "se", "cluster"},
		{"formula=y+~+x&cluster=g,x,y", "text/csv", good, 400, "cluster", "one or two columns"},
		{"formula=y+~+x&cluster=gg", "text/csv", good, 400, "cluster", `no column "gg"`},
		{"formula=y+~+x&level=1", "text/csv", good, 400, "level", "between 0 and 1"},
		{"formula=y+~+x&level=abc", "text/csv", good, 400, "level", "not a number"},
		{"formula=y+~+x&tol=0", "text/csv", good, 400, "tol", "must be positive"},
		{"formula=y+~+x&maxiter=0", "text/csv", good, 400, "maxiter", "at least 1"},
		{"formula=y+~+x&fixef=maybe", "text/csv", good, 400, "fixef", "true or false"},
		{"formula=y+~+x&formula=y+~+g", "text/csv", good, 400, "formula", "given 2 times"},
		{"formula=y+~+x&frmula=y", "text/csv", good, 400, "frmula", "did you mean formula?"},
		{"formula=y+~+x", "application/json", `{"y":[1,2]}`, 415, "", "application/json"},
		{"formula=y+~+x", "text/csv", "y,x\n" + strings.Repeat("1,2\n", 300000), 413, "", ""},
	} {
		q, _ := url.ParseQuery(c.query)
		req, resp, b := postGLM(t, ts.URL, q, c.ctype, []byte(c.body))
		if resp.StatusCode != c.status {
			t.Errorf("%s: %s, want %d\n%.400s", req.URL, resp.Status, c.status, b)
			continue
		}
		p := problemOf(t, resp, b)
		if !strings.Contains(p.Detail, c.detail) {
			t.Errorf("%s: detail %q does not mention %q", req.URL, p.Detail, c.detail)
		}
		if c.param != "" && (len(p.Params) != 1 || p.Params[0].Name != c.param) {
			t.Errorf("%s: params %+v, want %s", req.URL, p.Params, c.param)
		}
		if c.status == 415 && !strings.Contains(resp.Header.Get("Accept-Post"), "text/csv") {
			t.Errorf("%s: Accept-Post %q", req.URL, resp.Header.Get("Accept-Post"))
		}
		if c.status == 413 && p.Kind != "too large" {
			t.Errorf("%s: kind %q", req.URL, p.Kind)
		}
	}
}

// A fit runs under the request's context: past the server's deadline it
// stops with the timeout problem, not an answer.
func TestGLMRespectsTheDeadline(t *testing.T) {
	st, err := store.Open(context.Background(), "", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := New(Config{Store: st, RequestTimeout: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(cellsCSV)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("POST", "/api/v1/glm?formula="+url.QueryEscape("count ~ age | region"), bytes.NewReader(data))
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("%d, want 503\n%s", rec.Code, rec.Body)
	}
	var p Problem
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p.Kind != "timeout" {
		t.Errorf("problem %+v (%v)", p, err)
	}
}
