// Package sharedtest lets tests use the read-only data folder ../shared
// that stands beside the repository: a test whose data are missing fails
// when the environment variable CI is set (.ci/run sets it), so that no
// test passes in CI by skipping itself, and is skipped otherwise, so that
// a clone without ../shared can still run the rest.
package sharedtest

import (
	"os"
	"testing"
)

// Missing fails t when CI is set and skips it otherwise, saying why: err
// is the error met when opening the data.
func Missing(t testing.TB, err error) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("test data missing in CI (.ci/run needs ../shared beside the repository): %v", err)
		return
	}
	t.Skipf("test data missing (../shared beside the repository): %v", err)
}

// Need returns path when it exists, and otherwise calls [Missing].
func Need(t testing.TB, path string) string {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		Missing(t, err)
	}
	return path
}
