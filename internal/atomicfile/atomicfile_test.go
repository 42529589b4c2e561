package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "table.csv")
	if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A writer that fails half-way leaves the old content and no
	// temporary file.
	err := Write(path, func(w io.Writer) error {
		io.WriteString(w, "half")
		return errors.New("killed")
	})
	if err == nil || !strings.Contains(err.Error(), "table.csv") || !strings.Contains(err.Error(), "killed") {
		t.Errorf("error %v, want one naming the file and the cause", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old\n" {
		t.Errorf("after a failed write: %q, want the old content", b)
	}
	if es, _ := os.ReadDir(dir); len(es) != 1 {
		t.Errorf("after a failed write the directory holds %d files, want 1", len(es))
	}
	if err := Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "new\n"); return err }); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	st, _ := os.Stat(path)
	if string(b) != "new\n" || st.Mode().Perm() != 0o644 {
		t.Errorf("after a write: %q mode %v, want \"new\\n\" 0644", b, st.Mode().Perm())
	}
	if es, _ := os.ReadDir(dir); len(es) != 1 {
		t.Errorf("after a write the directory holds %d files, want 1", len(es))
	}
}

// TestErrorsNameThePath: a missing directory or a directory in the way is
// reported on the path the caller gave, not on the hidden temporary file.
func TestErrorsNameThePath(t *testing.T) {
	dir := t.TempDir()
	for _, path := range []string{filepath.Join(dir, "nodir", "x.csv"), dir} {
		err := Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "x\n"); return err })
		if err == nil {
			t.Fatalf("%s: no error", path)
		}
		if strings.Contains(err.Error(), ".tmp") || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: error %q, want one naming it and not the temporary file", path, err)
		}
	}
}
