package px

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead: no input may panic or allocate past the limits; what reads
// must be a valid table.
func FuzzRead(f *testing.F) {
	for _, dir := range []string{"pxR/tests_review", "qmrparser", "mikaelhg-pxspec", "statisticssweden-PxWeb/Example/keys", "statisticssweden-PxWeb/Example/NPM"} {
		files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "data", "formats", "px", dir, "*.p*"))
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil && len(b) < 16000 {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("MATRIX=\"m\";SUBJECT-CODE=\"s\";SUBJECT-AREA=\"a\";DECIMALS=0;TITLE=\"t\";CONTENTS=\"c\";UNITS=\"u\";STUB=\"a\";HEADING=\"b\";VALUES(\"a\")=\"1\",\"2\";VALUES(\"b\")=\"x\";KEYS(\"a\")=VALUES;DATA=\n\"1\" 3\n\"2\" \"..\";"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, lenient := range []bool{false, true} {
			tb, err := Read(context.Background(), bytes.NewReader(b), Options{Name: "f.px", MaxCells: 1 << 20, MaxHeaderBytes: 1 << 20, Lenient: lenient})
			if err != nil {
				continue
			}
			if err := tb.Validate(); err != nil {
				t.Fatal(err)
			}
		}
	})
}
