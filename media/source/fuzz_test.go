package source

import (
	"context"
	"io"
	"strings"
	"testing"
)

// fuzzReader checks that a reader never panics, ends, and names the file
// in every error.
func fuzzReader(f *testing.F, format string, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader(context.Background(), strings.NewReader(string(data)), "fz."+format, Options{Format: format})
		if err != nil {
			if !strings.Contains(err.Error(), "fz.") {
				t.Fatalf("error without file name: %v", err)
			}
			return
		}
		for i := 0; i < 10000; i++ {
			_, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				if !strings.Contains(err.Error(), "fz.") {
					t.Fatalf("error without file name: %v", err)
				}
				if !Skippable(err) {
					return
				}
			}
		}
		t.Fatal("reader does not end")
	})
}

func FuzzJSONL(f *testing.F) {
	fuzzReader(f, "jsonl", `{"id":"a","text":"x"}`+"\n"+`{"id":"b"`, `{"body":["a","b"],"preamble":"p"}`)
}

func FuzzJSONArray(f *testing.F) {
	fuzzReader(f, "json", `[{"id":"a","text":"x"},{"id":1}]`, `[{`)
}

func FuzzCSV(f *testing.F) {
	fuzzReader(f, "csv", "News;Timestamp\n\"a\";2016-01-01 00:00:00\n", "Web;'x''y'\n", "text,id\n\"a,1\n")
}

func FuzzHTML(f *testing.F) {
	fuzzReader(f, "html", "<html><body><p>Ein Text.</p></body></html>", "<p><b>")
}

func FuzzFeed(f *testing.F) {
	fuzzReader(f, "feed", `<rss version="2.0"><channel><item><description>x</description></item></channel></rss>`, `<feed xmlns="http://www.w3.org/2005/Atom"><entry>`)
}

func FuzzWARC(f *testing.F) {
	fuzzReader(f, "warc", "WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\n<p>x\n\r\n\r\n", "WARC/1.0\r\nContent-Length: 99\r\n\r\nab")
}
