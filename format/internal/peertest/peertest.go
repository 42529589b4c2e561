// Package peertest locates the peer test files in ../shared/data/formats
// for the format packages' tests, failing in CI when they are missing.
package peertest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Dir returns the path of ../shared/data/formats/<parts...> beside the
// repository root. When it does not exist the test fails if $CI is set
// and is skipped otherwise.
func Dir(t testing.TB, parts ...string) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..", "..")
	p := filepath.Join(append([]string{root, "..", "shared", "data", "formats"}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("peer test data missing: %v", err)
		}
		t.Skipf("peer test data missing: %v", err)
	}
	return p
}

// Shared returns the path of ../shared/<parts...> with the same rule.
func Shared(t testing.TB, parts ...string) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..", "..")
	p := filepath.Join(append([]string{root, "..", "shared"}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("shared data missing: %v", err)
		}
		t.Skipf("shared data missing: %v", err)
	}
	return p
}
