package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"syscall"
	"testing"
	"time"

	"github.com/baserate/baserate/factsheet"
)

// startServe runs "baserate serve" on a free loopback port and returns its
// base URL; the server is stopped with SIGTERM at the end of the test,
// which must make it exit cleanly.
func startServe(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(baserateBin(t), append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		re := regexp.MustCompile(`serving (http://\S+?)/ `)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				urls <- m[1]
			}
		}
	}()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve did not exit cleanly on SIGTERM: %v", err)
			}
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			t.Error("serve did not stop within 15s of SIGTERM")
		}
	})
	select {
	case u := <-urls:
		return u
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not report its address")
	}
	return ""
}

// The must-show: curl 127.0.0.1:PORT/api/v1/factsheet?year=2023&offence=890000
// returns the rates engine's numbers.
func TestServeFactsheet(t *testing.T) {
	base := startServe(t)
	resp, err := http.Get(base + "/api/v1/factsheet?year=2023&offence=890000")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("%s\n%s", resp.Status, b)
	}
	sh, err := factsheet.Compute(context.Background(), 2023, "890000")
	if err != nil {
		t.Fatal(err)
	}
	var got, want any
	json.Unmarshal(b, &got)
	wb, _ := json.Marshal(sh)
	json.Unmarshal(wb, &want)
	gb, _ := json.Marshal(got)
	eb, _ := json.Marshal(want)
	if !bytes.Equal(gb, eb) {
		t.Errorf("served fact sheet differs from the rates engine:\n%s\n%s", gb, eb)
	}
	var s factsheet.Sheet
	json.Unmarshal(b, &s)
	if s.NonGerman.Suspects != 694981 || s.German.Suspects != 1322571 {
		t.Errorf("suspects %v / %v", s.NonGerman.Suspects, s.German.Suspects)
	}
	if r := s.RateRatio.Ratio; r < 3.09 || r > 3.11 {
		t.Errorf("crude ratio %v, want 3.10", r)
	}
}

// With --store, the first start builds the file from the bundle; the next
// start opens it (read-only) and serves the same tables.
func TestServeStoreFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	count := func(base string) int {
		resp, err := http.Get(base + "/api/v1/datasets")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var d struct{ Datasets []json.RawMessage }
		json.NewDecoder(resp.Body).Decode(&d)
		return len(d.Datasets)
	}
	if n := count(startServe(t, "--store", db)); n != 5 {
		t.Errorf("first start: %d tables, want the 5 bundled", n)
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatalf("store file not created: %v", err)
	}
	if n := count(startServe(t, "--store", db)); n != 5 {
		t.Errorf("second start: %d tables", n)
	}
}
