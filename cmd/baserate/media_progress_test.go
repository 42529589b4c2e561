package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A media run that codes more texts than progressEvery says how far it is
// on standard error, and its standard output is the codings alone.
func TestMediaCodeProgress(t *testing.T) {
	old := progressEvery
	progressEvery = 300
	t.Cleanup(func() { progressEvery = old })
	var in strings.Builder
	for i := range 700 {
		fmt.Fprintf(&in, `{"id":"t%d","text":"Ein 25-jähriger Syrer wurde wegen Diebstahls festgenommen."}`+"\n", i)
	}
	p := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(p, []byte(in.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	e := stdEnv()
	e.stdout, e.stderr = &out, &errb
	if code := run(context.Background(), []string{"media", "code", "--in", p}, e); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if n := strings.Count(out.String(), "\n"); n != 700 {
		t.Errorf("%d codings on stdout, want 700", n)
	}
	lines := strings.Split(strings.TrimSpace(errb.String()), "\n")
	// Texts are coded in batches of 256: the lines come after the batches
	// that pass 300 and 600.
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "media: 512 texts coded") || !strings.HasPrefix(lines[1], "media: 700 texts coded") {
		t.Errorf("progress lines %q, want after 512 and 700 texts", lines)
	}
}
