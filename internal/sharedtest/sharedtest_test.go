package sharedtest

import (
	"errors"
	"path/filepath"
	"testing"
)

// fake records how a test helper ended.
type fake struct {
	testing.TB
	fatal, skip bool
}

func (f *fake) Helper()               {}
func (f *fake) Fatalf(string, ...any) { f.fatal = true }
func (f *fake) Skipf(string, ...any)  { f.skip = true }

func TestMissingFailsInCI(t *testing.T) {
	t.Setenv("CI", "true")
	f := &fake{}
	Missing(f, errors.New("gone"))
	if !f.fatal || f.skip {
		t.Errorf("in CI: fatal %v, skip %v; want a failure", f.fatal, f.skip)
	}
}

func TestMissingSkipsOutsideCI(t *testing.T) {
	t.Setenv("CI", "")
	f := &fake{}
	Need(f, filepath.Join(t.TempDir(), "nope"))
	if f.fatal || !f.skip {
		t.Errorf("outside CI: fatal %v, skip %v; want a skip", f.fatal, f.skip)
	}
	f = &fake{}
	if p := Need(f, t.TempDir()); p == "" || f.fatal || f.skip {
		t.Errorf("an existing path: %q, fatal %v, skip %v", p, f.fatal, f.skip)
	}
}
