package jsonstat

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead: no input may panic; what reads must be a valid table and
// must write and read back.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "data", "formats", "jsonstat", "rjstat", "*.json"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil && len(b) < 20000 {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"version":"2.0","class":"dataset","id":["x"],"size":[4],"dimension":{"x":{"category":{"index":["a","b","c","d"],"child":{"a":["b"]}}}},"value":{"0":1.0,"3":4.0},"status":"e"}`))
	maxCells = 1 << 20
	f.Fuzz(func(t *testing.T, b []byte) {
		doc, err := Read(context.Background(), bytes.NewReader(b), "f.json")
		if err != nil {
			return
		}
		for _, tb := range doc.Datasets {
			if err := tb.Validate(); err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := Write(&buf, tb); err != nil {
				t.Fatal(err)
			}
			if _, err := Read(context.Background(), &buf, "back.json"); err != nil {
				t.Fatalf("written table does not read back: %v\n%s", err, buf.String())
			}
		}
	})
}
