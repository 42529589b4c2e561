package formula_test

import (
	"strings"
	"testing"

	"github.com/baserate/baserate/stat/formula"
)

// TestOffsetSyntaxErrorsSpeakOfTheOffset: every syntax error in an
// --offset expression names the offset, not the formula ("offset "pop + ":
// column 7: formula ends where a term was expected" sent the user looking
// in the formula, which was fine).
func TestOffsetSyntaxErrorsSpeakOfTheOffset(t *testing.T) {
	f, err := formula.Parse("count ~ g")
	if err != nil {
		t.Fatal(err)
	}
	for expr, want := range map[string]string{
		"pop + ":  `offset "pop + ": column 7: offset ends where a term was expected`,
		"log(pop": `offset "log(pop": column 8: expected "," or ")" in the call to log at column 1, found end of offset`,
		"log(":    `offset "log(": column 5: offset ends where a term was expected`,
	} {
		err := f.AddOffset(expr)
		if err == nil || err.Error() != want {
			t.Errorf("AddOffset(%q) = %v, want %s", expr, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "formula") {
			t.Errorf("AddOffset(%q): %v speaks of the formula", expr, err)
		}
	}
}
