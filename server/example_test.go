package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http/httptest"

	"github.com/baserate/baserate/server"
	"github.com/baserate/baserate/store"
	"github.com/baserate/baserate/store/ingest"
)

// A server over an in-memory store built from the bundled data, asked for
// the 2023 fact sheet of all offences without residence-law offences.
func Example() {
	ctx := context.Background()
	st, err := store.Open(ctx, "", store.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	if err := ingest.Bundle(ctx, st); err != nil {
		log.Fatal(err)
	}
	eng, err := server.DefaultEngines()
	if err != nil {
		log.Fatal(err)
	}
	s, err := server.New(server.Config{Store: st, Engines: eng})
	if err != nil {
		log.Fatal(err)
	}
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/factsheet?year=2023&offence=890000", nil))
	var sheet struct {
		NonGerman struct {
			Suspects    float64 `json:"suspects"`
			RatePer1000 float64 `json:"rate_per_1000"`
		} `json:"non_german"`
		RateRatio struct {
			Ratio float64 `json:"ratio"`
		} `json:"rate_ratio"`
	}
	json.NewDecoder(w.Body).Decode(&sheet)
	fmt.Println(w.Code, w.Header().Get("Content-Type"))
	fmt.Printf("%.0f non-German suspects, %.1f per 1,000, crude ratio %.2f\n", sheet.NonGerman.Suspects, sheet.NonGerman.RatePer1000, sheet.RateRatio.Ratio)
	// Output:
	// 200 application/json
	// 694981 non-German suspects, 57.4 per 1,000, crude ratio 3.10
}
