package baserate_test

import (
	"fmt"
	"testing"

	"github.com/baserate/baserate"
)

func TestMessage(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{baserate.E("rate.FromTable", baserate.KindInvalid, "gap.csv: group \"b\" has no n"), "gap.csv: group \"b\" has no n"},
		{baserate.E("factsheet", baserate.KindNotFound, "no offence 999999"), "no offence 999999"},
		{fmt.Errorf("--age-bands: %w", baserate.E("rate", baserate.KindInvalid, "bad")), "--age-bands: bad"},
		{baserate.E("format.Detect", baserate.KindInvalid, baserate.Invalid("a.csv", 4, "not a number")), "a.csv:4: not a number"},
		{baserate.E("standard population", baserate.KindInvalid, "esp: gap"), "standard population: esp: gap"},
		{baserate.E("lexicon.Load de", baserate.KindInvalid, "x"), "lexicon.Load de: x"},
		{fmt.Errorf("plain"), "plain"},
	} {
		if got := baserate.Message(c.err); got != c.want {
			t.Errorf("Message(%q) = %q, want %q", c.err, got, c.want)
		}
	}
	if baserate.Message(nil) != "" {
		t.Error("Message(nil) is not empty")
	}
}
