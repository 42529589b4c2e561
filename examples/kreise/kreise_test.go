package main

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/baserate/baserate/frame"
	"github.com/baserate/baserate/internal/sharedtest"
	"github.com/baserate/baserate/stat/glm"
)

// TestExample merges the real district data and checks the first two
// models against R (testdata/ref.R).
func TestExample(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared")
	sharedtest.Need(t, shared)
	rows, err := Merge(shared, ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 400 {
		t.Fatalf("%d districts merged, want 400", len(rows))
	}
	path := filepath.Join(t.TempDir(), "kreise.csv")
	if err := WriteCSV(path, rows); err != nil {
		t.Fatal(err)
	}
	data, err := frame.ReadFile(context.Background(), path, frame.Options{})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("testdata/ref_R.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref map[string]struct {
		Params     map[string]float64 `json:"params"`
		BSECluster map[string]float64 `json:"bse_cluster"`
		Theta      float64            `json:"theta"`
	}
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	for i, key := range []string{"negbin", "quasipoisson"} {
		m := Models[i]
		res, err := glm.FitFormula(context.Background(), data, m.Spec, glm.Options{Family: m.Family})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Converged || res.NObs != 400 {
			t.Errorf("%s: converged %v, nobs %d", m.Name, res.Converged, res.NObs)
		}
		want := ref[key]
		for term, b := range want.Params {
			c, ok := res.Coef(term)
			if !ok {
				t.Fatalf("%s: no coefficient %s", m.Name, term)
			}
			if math.Abs(c.Estimate-b) > 1e-7*math.Abs(b) || math.Abs(c.StdError-want.BSECluster[term]) > 1e-7*want.BSECluster[term] {
				t.Errorf("%s %s: %v (%v), R %v (%v)", m.Name, term, c.Estimate, c.StdError, b, want.BSECluster[term])
			}
		}
		if key == "negbin" && math.Abs(*res.Theta-want.Theta) > 1e-7*want.Theta {
			t.Errorf("theta %v, R %v", *res.Theta, want.Theta)
		}
	}
}
