package detect

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baserate/baserate/media/eval"
	"github.com/baserate/baserate/media/heldout"
)

// devPath is ../shared/data/gold/dev.jsonl beside the repository.
func devPath(t *testing.T) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", "data", "gold", "dev.jsonl")
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("development set missing in CI: %v", err)
		}
		t.Skipf("development set not found: %v", err)
	}
	return p
}

func loadDev(t *testing.T) []eval.Gold {
	f, err := os.Open(devPath(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, err := eval.ReadGold(f, "dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	return gold
}

// TestDevThresholds asserts the must-show figures on the
// development set, in every language present: origin_named F1 >= 0.95,
// origin-code micro-F1 >= 0.90, victims counted as suspects <= 2%.
func TestDevThresholds(t *testing.T) {
	checkThresholds(t, loadDev(t))
}

// TestHeldoutThresholds asserts the same figures on the held-out set of
// package heldout, rebuilt from ../shared.
func TestHeldoutThresholds(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared")
	if _, err := os.Stat(filepath.Join(shared, "data", "news")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("../shared missing in CI: %v", err)
		}
		t.Skipf("../shared not found: %v", err)
	}
	gold, err := heldout.Load(context.Background(), shared)
	if err != nil {
		t.Fatal(err)
	}
	checkThresholds(t, gold)
}

func checkThresholds(t *testing.T, gold []eval.Gold) {
	t.Helper()
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	res, err := eval.Run(context.Background(), c, gold)
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		var b strings.Builder
		res.WriteText(&b, os.Getenv("DEV_ERRORS") != "")
		t.Log("\n" + b.String())
	}
	if len(res.ByLang) < 4 {
		t.Errorf("languages %d, want de, en, it, sv", len(res.ByLang))
	}
	for lang, r := range res.ByLang {
		if r.OriginNamed.F1 < 0.95 {
			t.Errorf("%s: origin_named F1 %.3f < 0.95", lang, r.OriginNamed.F1)
		}
		if r.SuspectOrigins.F1 < 0.90 {
			t.Errorf("%s: origin-code micro-F1 %.3f < 0.90", lang, r.SuspectOrigins.F1)
		}
		if r.VictimsAsSuspRate > 0.02 {
			t.Errorf("%s: victims counted as suspects %.1f%% > 2%%", lang, 100*r.VictimsAsSuspRate)
		}
	}
}
