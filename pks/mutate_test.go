package pks_test

import (
	"bytes"
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/pks"
)

// TestMutatedWorkbooks feeds byte-mutated workbooks to the reader with a
// fixed seed: no panic, errors are of kind invalid, and every input is
// answered quickly. (It complements FuzzReadTimeSeries, whose engine runs
// are slow on xlsx inputs.)
func TestMutatedWorkbooks(t *testing.T) {
	seed := makeWorkbook(t, "Deutsche Tatverdächtige insgesamt nach Alter", [][]any{dataRow("------", 2023, 5), dataRow("892000", 2023, 1)})
	r := rand.New(rand.NewPCG(7, 11))
	for i := 0; i < 2000; i++ {
		b := bytes.Clone(seed)
		for k := 0; k < 1+r.IntN(8); k++ {
			b[r.IntN(len(b))] = byte(r.IntN(256))
		}
		start := time.Now()
		_, err := pks.ReadTimeSeries(context.Background(), bytes.NewReader(b), "m.xlsx")
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("mutation %d took %v", i, d)
		}
		if err != nil && baserate.KindOf(err) != baserate.KindInvalid {
			t.Errorf("mutation %d: kind %v: %v", i, baserate.KindOf(err), err)
		}
	}
}
