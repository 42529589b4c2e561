package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// firstRead reads r, and closes reading when it is first read.
type firstRead struct {
	r       io.Reader
	reading chan struct{}
	once    sync.Once
}

func (f *firstRead) Read(p []byte) (int, error) {
	f.once.Do(func() { close(f.reading) })
	return f.r.Read(p)
}

// TestInspectStdinInterrupted: inspect - reading a standard input that
// sends nothing (a terminal nobody types into) ends at the first Ctrl-C,
// says it was interrupted, and leaves no temporary copy behind.
func TestInspectStdinInterrupted(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	pr, pw := io.Pipe()
	defer pw.Close() // ends a read still blocked
	in := &firstRead{r: pr, reading: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		e := stdEnv()
		e.stdin, e.stdout, e.stderr = in, io.Discard, &stderr
		done <- run(ctx, []string{"inspect", "-"}, e)
	}()
	<-in.reading // inspect is copying standard input
	cancel()     // Ctrl-C
	select {
	case code := <-done:
		if want := "baserate inspect: interrupted: reading standard input\n"; code != 1 || stderr.String() != want {
			t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr.String(), want)
		}
	case <-time.After(10 * time.Second):
		pw.Close()
		<-done
		t.Fatal("inspect - went on reading standard input after its context was cancelled")
	}
	left, err := filepath.Glob(filepath.Join(tmp, "baserate-stdin-*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(left) > 0 {
		t.Errorf("the interrupted inspect left %v", left)
	}
}
