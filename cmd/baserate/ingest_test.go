package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/store"
)

// baserateBin is the baserate command that testscript.Main puts on PATH
// (the test binary under the name baserate).
func baserateBin(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("baserate")
	if err != nil {
		t.Fatalf("baserate is not on PATH (testscript.Main sets it up): %v", err)
	}
	return p
}

// writeBigCSV writes a tidy CSV of n rows (a × b grid with one measure).
func writeBigCSV(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "a,b,v")
	const nb = 500
	for i := 0; i < n; i++ {
		fmt.Fprintf(w, "a%d,b%d,%d\n", i/nb, i%nb, i)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func digest(t *testing.T, path string) string {
	t.Helper()
	st, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatalf("the store does not open: %v", err)
	}
	defer st.Close()
	if err := st.Check(context.Background()); err != nil {
		t.Fatalf("the store is damaged: %v", err)
	}
	d, err := st.Digest(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// An ingest killed with SIGKILL halfway through leaves the store readable
// and unchanged; the same ingest run to the end changes it.
func TestIngestKilledHalfwayLeavesStoreUnchanged(t *testing.T) {
	bin := baserateBin(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	small := filepath.Join(dir, "small.csv")
	os.WriteFile(small, []byte("year,cit,value\n2023,deutsch,1\n2023,nichtdeutsch,2\n"), 0o644)
	if out, err := exec.Command(bin, "ingest", "--store", db, small).CombinedOutput(); err != nil {
		t.Fatalf("first ingest: %v\n%s", err, out)
	}
	before := digest(t, db)

	const rows = 600_000
	big := filepath.Join(dir, "big.csv")
	writeBigCSV(t, big, rows)
	cmd := exec.Command(bin, "ingest", "--store", db, "--dims", "a,b", "--measures", "v", big)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	progress := regexp.MustCompile(`: (\d+) rows written`)
	killedAt := -1
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		m := progress.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		if n >= rows/2 {
			cmd.Process.Signal(syscall.SIGKILL)
			killedAt = n
			break
		}
	}
	err = cmd.Wait()
	if killedAt < 0 {
		t.Fatalf("the ingest ended before it was half done (%v); nothing was tested", err)
	}
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("ingest was not killed by SIGKILL: %v", cmd.ProcessState)
	}
	t.Logf("killed the ingest after %d of %d rows", killedAt, rows)

	if after := digest(t, db); after != before {
		t.Fatal("a killed ingest changed the store")
	}
	st, err := store.Open(context.Background(), db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Table(context.Background(), "big"); baserate.KindOf(err) != baserate.KindNotFound {
		t.Errorf("half-ingested table is visible: %v", err)
	}
	if _, err := st.Table(context.Background(), "small"); err != nil {
		t.Errorf("table from before the killed ingest: %v", err)
	}
	st.Close()

	// The same ingest, not killed, does change the store: the test above
	// could have failed.
	start := time.Now()
	if out, err := exec.Command(bin, "ingest", "--store", db, "--dims", "a,b", "--measures", "v", big).CombinedOutput(); err != nil {
		t.Fatalf("full ingest: %v\n%.500s", err, out)
	}
	t.Logf("full ingest of %d rows: %v", rows, time.Since(start))
	if after := digest(t, db); after == before {
		t.Error("a completed ingest did not change the store")
	}
}

// An ingest that waits for another process's write reports what it stored
// itself, not also what the other process committed in the meantime. The
// other writer holds the write lock until the ingest's store logs that it
// takes the lock: by then the ingest has opened the store (and, as it did
// before it reported its own summary, read the log of ingests), and it
// cannot commit before the other writer does.
func TestIngestReportsOnlyItsOwnUpdate(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	mine := filepath.Join(dir, "mine.csv")
	os.WriteFile(mine, []byte("year,cit,value\n2023,deutsch,1\n"), 0o644)
	other, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	release, holding := make(chan struct{}), make(chan struct{})
	otherDone := make(chan error, 1)
	go func() {
		otherDone <- other.Update(ctx, store.UpdateOptions{}, func(tx *store.Tx) error {
			close(holding) // the write lock is taken
			<-release
			tb := baserate.New("theirs", baserate.NewDimension("year", "2023"))
			tb.Values = []float64{7}
			return tx.PutTable(tb)
		})
	}()
	<-holding
	var out, errb bytes.Buffer
	locking := make(chan struct{})
	done := make(chan int, 1)
	go func() {
		e := stdEnv()
		e.stdout, e.stderr = &out, &errb
		e.log = slog.New(&signalHandler{msg: "store update: taking the write lock", ch: locking})
		done <- run(ctx, []string{"ingest", "--store", db, mine}, e)
	}()
	select {
	case <-locking: // the ingest asks for the lock the other writer holds
	case code := <-done:
		close(release)
		t.Fatalf("the ingest ended (exit %d: %s) without asking for the write lock", code, errb.String())
	}
	close(release)
	if err := <-otherDone; err != nil {
		t.Fatal(err)
	}
	if code := <-done; code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errb.String())
	}
	if got := out.String(); got != "stored table mine (1 cells)\n" {
		t.Errorf("ingest reported %q, want only its own table", got)
	}
}

// signalHandler is a log handler that closes ch at the first record with
// the message msg, and drops every record.
type signalHandler struct {
	msg  string
	ch   chan struct{}
	once sync.Once
}

func (h *signalHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h *signalHandler) Handle(_ context.Context, r slog.Record) error {
	if r.Message == h.msg {
		h.once.Do(func() { close(h.ch) })
	}
	return nil
}

func (h *signalHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *signalHandler) WithGroup(string) slog.Handler      { return h }

// Standard input ("-") is named "stdin" in errors and in the stored
// source, as other commands name it, not "-".
func TestIngestNamesStdin(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "s.db")
	ingestStdin := func(stdin string, args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		e := stdEnv()
		e.stdin, e.stdout, e.stderr = strings.NewReader(stdin), &out, &errb
		code := run(ctx, append([]string{"ingest", "--store", db}, args...), e)
		return code, out.String(), errb.String()
	}
	code, _, stderr := ingestStdin("year,cit,value\n2023,deutsch,1\n2023,nichtdeutsch,x\n", "--id", "bad", "-")
	if want := `baserate ingest: stdin:3: field "value"`; code != 1 || !strings.HasPrefix(stderr, want) {
		t.Errorf("a bad table on stdin: exit %d, stderr %q; want 1 and %q...", code, stderr, want)
	}
	if code, _, stderr := ingestStdin("year,cit,value\n2023,deutsch,1\n", "--id", "pop", "-"); code != 0 {
		t.Fatalf("ingest of a table on stdin: exit %d: %s", code, stderr)
	}
	coding := `{"id":"a","crime":true,"categories":[],"origin_named":false,"suspect_origins":[],"victim_origins":[],"appearance":false}` + "\n"
	if code, _, stderr := ingestStdin(coding+"not json\n", "--kind", "corpus", "--id", "bad", "-"); code != 1 || !strings.HasPrefix(stderr, "baserate ingest: stdin:2: ") {
		t.Errorf("a bad corpus on stdin: exit %d, stderr %q; want 1 and baserate ingest: stdin:2: ...", code, stderr)
	}
	if code, _, stderr := ingestStdin(coding, "--kind", "corpus", "--id", "news", "-"); code != 0 {
		t.Fatalf("ingest of a corpus on stdin: exit %d: %s", code, stderr)
	}
	st, err := store.Open(ctx, db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tb, err := st.Table(ctx, "pop")
	if err != nil {
		t.Fatal(err)
	}
	if tb.Source != "stdin" {
		t.Errorf("table from stdin: source %q, want stdin", tb.Source)
	}
	cs, err := st.Corpora(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || cs[0].Source != "stdin" {
		t.Errorf("corpora %+v; want news with source stdin", cs)
	}
}
