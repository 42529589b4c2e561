package heldout

import (
	"fmt"
	"strings"
	"testing"
)

// TestSecondCodings: the second codings pair up with their sets, and the
// agreement figures are those media/heldout/README.md gives.
func TestSecondCodings(t *testing.T) {
	ts, err := SecondCodings()
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 480 {
		t.Fatalf("%d texts coded twice, want 480", len(ts))
	}
	for _, g := range []struct {
		from, to int
		want     string // origin_named F1, kappa, micro-F1, victims as suspects both ways, crime kappa
	}{
		{184, 185, "1.000 1.000 1.000 0 of 9 0 of 9 1.000"},
		{207, 208, "0.982 0.977 0.978 0 of 14 0 of 14 0.940"},
	} {
		var one []Twice
		for _, x := range ts {
			if x.Set >= g.from && x.Set <= g.to {
				one = append(one, x)
			}
		}
		ab, ba := Agreement(one, false).All, Agreement(one, true).All
		got := fmt.Sprintf("%.3f %.3f %.3f %d of %d %d of %d %.3f", ab.OriginNamed.F1, ab.OriginNamed.Kappa, ab.SuspectOrigins.F1, ab.VictimsAsSuspects, ab.VictimPairs, ba.VictimsAsSuspects, ba.VictimPairs, ab.Crime.Kappa)
		if got != g.want {
			t.Errorf("sets %d-%d: %s, README has %s", g.from, g.to, got, g.want)
		}
		if ab.OriginNamed.F1 != ba.OriginNamed.F1 || ab.OriginNamed.Kappa != ba.OriginNamed.Kappa {
			t.Errorf("sets %d-%d: origin_named F1 and kappa differ with the codings swapped", g.from, g.to)
		}
	}
}

// TestPairUp: a second coding that does not match its set is an error
// naming the file and the line.
func TestPairUp(t *testing.T) {
	first := []Ref{{ID: "a1", SHA256: "aa"}, {ID: "a2", SHA256: "bb"}}
	ok := `{"id":"a1","sha256":"aa","gold":{"crime":true,"origin_named":false}}` + "\n" + `{"id":"a2","sha256":"bb","gold":{"crime":false}}` + "\n"
	ts, err := pairUp(1, first, "x.jsonl", []byte(ok))
	if err != nil || len(ts) != 2 || !ts[0].Second.Gold.Crime || ts[1].First.ID != "a2" {
		t.Fatalf("%v %v", ts, err)
	}
	for _, c := range []struct{ data, want string }{
		{`{"id":"a1","sha256":"aa"}` + "\n" + `{"id":"a3","sha256":"bb"}` + "\n", "x.jsonl:2"},
		{`{"id":"a1","sha256":"zz"}` + "\n", "x.jsonl:1"},
		{ok + `{"id":"a3","sha256":"cc"}` + "\n", "x.jsonl:3"},
		{`{"id":"a1","sha256":"aa"}` + "\n", "1 lines"},
		{`{"id":"a1",` + "\n", "x.jsonl:1"},
	} {
		_, err := pairUp(1, first, "x.jsonl", []byte(c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want one naming %q", c.data, err, c.want)
		}
	}
}
