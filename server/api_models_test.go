package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// GET /api/v1/models answers the district models of the bundle, and its
// answers for both years and for the defaults match openapi.json.
func TestAPIModels(t *testing.T) {
	ts := testServer(t)
	doc := loadDoc(t)
	item := doc.Paths.Value("/api/v1/models")
	if item == nil || item.Get == nil {
		t.Fatal("openapi.json does not document GET /api/v1/models")
	}
	for _, q := range []string{"", "year=2022&offence=892000", "year=2020&offence=892000", "year=2022&key=------", "year=2022&offence=725000"} {
		req, err := http.NewRequest("GET", ts.URL+"/api/v1/models?"+q, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, b := get(t, req.URL.String())
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %s\n%s", q, resp.Status, b)
		}
		route := &routers.Route{Spec: doc, Path: "/api/v1/models", PathItem: item, Method: "GET", Operation: item.Get}
		in := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, Route: route},
			Status:                 resp.StatusCode, Header: resp.Header,
			Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
		}
		in.SetBodyBytes(b)
		if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
			t.Errorf("%s: the answer does not match openapi.json: %v", q, err)
		}
		var res struct {
			Year    int `json:"year"`
			Offence struct {
				Key string `json:"key"`
			} `json:"offence"`
			Districts      int `json:"districts"`
			Specifications []struct {
				ID           string `json:"id"`
				ForeignShare struct {
					IRR     float64 `json:"irr"`
					IRRLow  float64 `json:"irr_low"`
					IRRHigh float64 `json:"irr_high"`
				} `json:"foreign_share"`
			} `json:"specifications"`
			PerForeignResident struct {
				Coefficients []struct {
					Term string  `json:"term"`
					IRR  float64 `json:"irr"`
				} `json:"coefficients"`
			} `json:"per_foreign_resident"`
			Caveats []struct {
				Code string `json:"code"`
			} `json:"caveats"`
		}
		if err := json.Unmarshal(b, &res); err != nil {
			t.Fatal(err)
		}
		if res.Districts != 400 || len(res.Specifications) != 5 || len(res.Caveats) == 0 || res.Caveats[0].Code != "models-ecological-inference" {
			t.Errorf("%s: %d districts, %d specifications, caveats %v", q, res.Districts, len(res.Specifications), res.Caveats)
		}
		if q == "" || q == "year=2022&offence=892000" {
			// examples/README.md: foreign_share 1.035 (1.027–1.043) in
			// the full model, 0.985 per foreign resident.
			e := res.Specifications[4].ForeignShare
			if res.Year != 2022 || res.Offence.Key != "892000" || fmt.Sprintf("%.3f %.3f %.3f %.3f", e.IRR, e.IRRLow, e.IRRHigh, res.PerForeignResident.Coefficients[0].IRR) != "1.035 1.027 1.043 0.985" {
				t.Errorf("%s: %d %s, e %+v, per foreign resident %+v", q, res.Year, res.Offence.Key, e, res.PerForeignResident.Coefficients)
			}
		}
	}
	for q, status := range map[string]int{"year=2021": 404, "offence=999999": 404, "offence=violent": 400, "year=x": 400, "yaer=2022": 400} {
		resp, b := get(t, ts.URL+"/api/v1/models?"+q)
		if resp.StatusCode != status {
			t.Errorf("%s: %s, want %d\n%s", q, resp.Status, status, b)
		}
	}
}
