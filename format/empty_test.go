package format_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baserate/baserate/format"
)

// TestEmptyFile: an empty file of any extension (or an empty .gz) is
// called empty, not "no header line: EOF" or "not a PX file".
func TestEmptyFile(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"t.csv", "t.px", "t.json", "t.tsv", "t.xlsx"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		_, _, err := format.Open(context.Background(), path)
		if err == nil || !strings.Contains(err.Error(), name+": the file is empty") {
			t.Errorf("%s: error %v, want one saying the file is empty", name, err)
		}
	}
}
