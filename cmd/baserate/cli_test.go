package main

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// runCLI runs a command line in-process with stdout w (a buffer when nil)
// and returns the exit code, the output and the errors.
func runCLI(ctx context.Context, w interface{ Write([]byte) (int, error) }, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	e := stdEnv()
	e.stdout, e.stderr, e.stdin = &out, &errb, strings.NewReader("")
	if w != nil {
		e.stdout = w
	}
	code := run(ctx, args, e)
	return code, out.String(), errb.String()
}

// failWriter fails every write with err.
type failWriter struct{ err error }

func (f failWriter) Write(p []byte) (int, error) { return 0, f.err }

// TestOutputErrors: output that cannot be written is an error (exit 1,
// said once), except a reader that went away ("| head -1"), which ends
// the command without a word.
func TestOutputErrors(t *testing.T) {
	for _, args := range [][]string{
		{"factsheet", "--list"},
		{"factsheet", "--year", "2023", "--offence", "890000"},
		{"version"},
		{"help"},
		{"help", "standardize"},
	} {
		code, _, stderr := runCLI(context.Background(), failWriter{syscall.ENOSPC}, args...)
		if code != 1 || strings.Count(stderr, "no space left on device") != 1 || !strings.HasPrefix(stderr, "baserate") {
			t.Errorf("%q to a full disk: exit %d, stderr %q; want 1 and the error once", args, code, stderr)
		}
		code, _, stderr = runCLI(context.Background(), failWriter{syscall.EPIPE}, args...)
		if code == 0 || stderr != "" {
			t.Errorf("%q to a closed pipe: exit %d, stderr %q; want a non-zero exit and no message", args, code, stderr)
		}
	}
	// A usage error is still a usage error when stdout is broken.
	if code, _, stderr := runCLI(context.Background(), failWriter{syscall.ENOSPC}, "factsheet", "--nope"); code != 2 || strings.Contains(stderr, "writing") {
		t.Errorf("usage error to a full disk: exit %d, stderr %q", code, stderr)
	}
}

// TestInterrupted: a command whose context is cancelled (Ctrl-C) says it
// was interrupted, exits 1 and leaves its --out file as it was.
func TestInterrupted(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(out, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	code, _, stderr := runCLI(ctx, nil, "convert", "../../docs/examples/de2023_890000_age.json", "--to", "csv", "--out", out)
	if code != 1 || stderr != "baserate convert: interrupted\n" {
		t.Errorf("interrupted convert: exit %d, stderr %q; want 1 and \"baserate convert: interrupted\"", code, stderr)
	}
	if b, _ := os.ReadFile(out); string(b) != "old\n" {
		t.Errorf("interrupted convert left %q in --out, want the old content", b)
	}
}

// TestConvertWriteInterrupted: a cancellation that comes while convert
// writes stops the writing, and --out is not replaced.
func TestConvertWriteInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	w := &ctxWriter{ctx: ctx, w: &bytes.Buffer{}}
	if _, err := w.Write([]byte("a")); err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := w.Write([]byte("b")); !errors.Is(err, context.Canceled) {
		t.Errorf("write after cancel: %v, want context.Canceled", err)
	}
}

// TestFetchInterruptedKeepsResumeNote: Ctrl-C during a download says it was
// interrupted and keeps fetch's own note on how far it got and that the
// command resumes ("interrupted after N bytes (run again to resume)"),
// which the bare "interrupted" had dropped.
func TestFetchInterruptedKeepsResumeNote(t *testing.T) {
	sent := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "100000")
		w.Header().Set("ETag", `"v1"`)
		w.Write(bytes.Repeat([]byte("x"), 1000))
		w.(http.Flusher).Flush()
		close(sent)
		<-r.Context().Done()
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-sent; time.Sleep(50 * time.Millisecond); cancel() }()
	out := filepath.Join(t.TempDir(), "t.csv")
	code, _, stderr := runCLI(ctx, nil, "fetch", "url", srv.URL+"/t.csv", "--out", out, "--quiet")
	if code != 1 || !strings.HasPrefix(stderr, "baserate fetch url: interrupted: ") || !strings.Contains(stderr, "run again to resume") {
		t.Errorf("exit %d, stderr %q; want 1, interrupted, and the resume note", code, stderr)
	}
}
