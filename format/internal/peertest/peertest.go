// Package peertest locates the peer test files in ../shared/data/formats
// for the format packages' tests, failing in CI when they are missing.
package peertest

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/baserate/baserate/internal/sharedtest"
)

// Dir returns the path of ../shared/data/formats/<parts...> beside the
// repository root. When it does not exist the test fails if $CI is set
// and is skipped otherwise.
func Dir(t testing.TB, parts ...string) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..", "..")
	p := filepath.Join(append([]string{root, "..", "shared", "data", "formats"}, parts...)...)
	sharedtest.Need(t, p)
	return p
}

// Shared returns the path of ../shared/<parts...> with the same rule.
func Shared(t testing.TB, parts ...string) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..", "..")
	p := filepath.Join(append([]string{root, "..", "shared"}, parts...)...)
	sharedtest.Need(t, p)
	return p
}
