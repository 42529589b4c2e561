package format_test

import (
	"bytes"
	"compress/gzip"
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
	// inspect (and inspect - of an empty standard input, which it copies
	// to a file without an extension) detects the format first.
	for _, name := range []string{"t.json", "t.json.gz", "stdin", "t.csv"} {
		path := filepath.Join(dir, name)
		var b []byte
		if strings.HasSuffix(name, ".gz") {
			var buf bytes.Buffer
			gzip.NewWriter(&buf).Close()
			b = buf.Bytes()
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := format.Inspect(context.Background(), path, format.Options{})
		if err == nil || !strings.Contains(err.Error(), strings.TrimSuffix(name, ".gz")+": the file is empty") {
			t.Errorf("inspect %s: error %v, want one saying the file is empty", name, err)
		}
	}
}
