package heldout

import (
	"fmt"
	"testing"

	"github.com/baserate/baserate/media/index"
)

// TestBlindAccuracy: the blind figures the media index states in its
// caveats (media/index/blind.json) are the pooled first runs of the sets
// they name.
func TestBlindAccuracy(t *testing.T) {
	b, err := index.BlindAccuracy()
	if err != nil {
		t.Fatal(err)
	}
	ts, err := FirstRuns()
	if err != nil {
		t.Fatal(err)
	}
	var in []Scored
	for _, x := range ts {
		if b.From <= x.Set && x.Set <= b.To {
			in = append(in, x)
		}
	}
	f := Score(in)
	got := fmt.Sprintf("%d texts, %.3f / %.3f / %d of %d", len(in), f.OriginNamed, f.MicroF1, f.VictimsAsSuspects, f.VictimPairs)
	want := fmt.Sprintf("%d texts, %.3f / %.3f / %d of %d", b.Texts, b.OriginNamedF1, b.MicroF1, b.VictimsAsSuspects, b.VictimPairs)
	if got != want {
		t.Errorf("sets %d-%d: first runs give %s, blind.json says %s", b.From, b.To, got, want)
	}
	// blind.json states the estimate for a set drawn as the hidden one
	// was: the sets of the dev.jsonl frame, up to its last.
	if b.To != DevFrameLast {
		t.Errorf("blind.json ends at set %d, the dev.jsonl frame at set %d", b.To, DevFrameLast)
	}
}
