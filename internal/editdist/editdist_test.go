package editdist

import "testing"

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"", "abc", 3}, {"year", "year", 0},
		{"yaer", "year", 1},      // a swap
		{"ofence", "offence", 1}, // an insertion
		{"years", "year", 1}, {"kitten", "sitting", 3},
		{"ca", "abc", 3},             // OSA, not full Damerau (which gives 2)
		{"Ausländr", "Ausländer", 1}, // runes, not bytes
	} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := Distance(c.b, c.a); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (symmetric)", c.b, c.a, got, c.want)
		}
	}
}

func TestNearest(t *testing.T) {
	cols := []string{"count", "age", "population", "Region"}
	for _, c := range []struct{ in, want string }{
		{"cuont", "count"}, // a swap: one edit
		{"agee", "age"},    // short: one edit allowed
		{"ag", "age"},      //
		{"popualtion", "population"},
		{"poplatin", "population"}, // two edits in a long word
		{"region", "Region"},       // case does not count
		{"xyz", ""},                // nothing close
		{"cnt", ""},                // two edits in a short word: too far
	} {
		if got := Nearest(c.in, cols); got != c.want {
			t.Errorf("Nearest(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
