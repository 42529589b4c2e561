package warc_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/baserate/baserate/format/warc"
)

// A reader yields records with their offsets; the block streams.
func ExampleReader() {
	data := "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: <http://example.com/>\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n" +
		"WARC/1.0\r\nWARC-Type: metadata\r\nContent-Length: 0\r\n\r\n\r\n\r\n"
	r := warc.NewReader(strings.NewReader(data), "example.warc")
	for rec, err := range r.All() {
		if err != nil {
			fmt.Println(err)
			return
		}
		body, _ := io.ReadAll(rec.Block())
		fmt.Println(rec.Offset, rec.Type, rec.TargetURI(), string(body))
	}
	// Output:
	// 0 response http://example.com/ hello
	// 101 metadata
}
