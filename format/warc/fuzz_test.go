package warc

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReader feeds arbitrary bytes to the reader: it must never panic,
// must end with io.EOF or an error, and must not loop.
func FuzzReader(f *testing.F) {
	for _, dir := range []string{"warcio", "jwat", "iipc-warc-specifications"} {
		files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "data", "formats", "warc", dir, "*"))
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil && len(b) < 16<<10 {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data), "fuzz")
		for i := 0; i <= len(data)+1; i++ {
			rec, err := r.Next()
			if err != nil {
				return
			}
			io.Copy(io.Discard, rec.Block())
		}
		t.Fatalf("more records than bytes")
	})
}
