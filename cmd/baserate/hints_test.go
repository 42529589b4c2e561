package main

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/factsheet"
)

// The fact sheet's error for a year its key lacks names no command; the
// CLI adds the one that lists the key's years, and keeps the error's kind.
func TestYearsHint(t *testing.T) {
	_, err := factsheet.Compute(context.Background(), 1995, "890000")
	if err == nil {
		t.Fatal("no error for 890000 in 1995")
	}
	if strings.Contains(err.Error(), "baserate") {
		t.Errorf("the factsheet error names a command: %v", err)
	}
	got := withYearsHint(err)
	want := `no PKS suspects for key 890000 in 1995: key 890000 has figures for 2002-2024 ("baserate factsheet --trend --offence 890000" shows them all)`
	if baserate.Message(got) != want {
		t.Errorf("message %q\nwant    %q", baserate.Message(got), want)
	}
	if baserate.KindOf(got) != baserate.KindNotFound {
		t.Errorf("kind %v", baserate.KindOf(got))
	}
	other := errors.New("disk full")
	if withYearsHint(other) != other {
		t.Error("another error changed")
	}
}
