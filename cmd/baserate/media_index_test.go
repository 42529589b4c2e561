package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// media index reads gzipped codings (as media code reads gzipped texts),
// from a file or standard input; a truncated .gz is an error naming the
// file and the line, and its first half is not indexed.
func TestMediaIndexGzip(t *testing.T) {
	var plain strings.Builder
	for i, o := range []string{"SY", "PL", "DE", "DE"} {
		plain.WriteString(`{"id":"` + string(rune('a'+i)) + `","crime":true,"categories":["violent"],"origin_named":true,"suspect_origins":["` + o + `"],"victim_origins":[],"appearance":false,"evidence":[]}` + "\n")
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.NoCompression) // stored blocks: a cut leaves the lines before it whole
	zw.Write([]byte("\ufeff" + plain.String()))
	zw.Close()
	dir := t.TempDir()
	good := filepath.Join(dir, "coded.jsonl.gz")
	noext := filepath.Join(dir, "coded.jsonl") // gzip, whatever the name says
	cut := filepath.Join(dir, "cut.jsonl.gz")
	os.WriteFile(good, gz.Bytes(), 0o644)
	os.WriteFile(noext, gz.Bytes(), 0o644)
	os.WriteFile(cut, gz.Bytes()[:gz.Len()-8-5-20], 0o644) // trailer, empty last block, 20 bytes of line 4

	index := func(stdin []byte, args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		e := stdEnv()
		e.stdin, e.stdout, e.stderr = bytes.NewReader(stdin), &out, &errb
		code := run(context.Background(), append([]string{"media", "index", "--home", "DE", "--police-share", "0.344", "--groups", "", "--format", "csv"}, args...), e)
		return code, out.String(), errb.String()
	}
	const want = "\nall,all,all,4,4,4,2,"
	for _, args := range [][]string{{"--in", good}, {"--in", noext}, {"-"}} {
		code, out, errs := index(gz.Bytes(), args...)
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("%v: exit %d, %q %s; want a row starting %q", args, code, out, errs, want[1:])
		}
	}
	code, out, errs := index(nil, "--in", cut)
	if code == 0 || out != "" || !strings.Contains(errs, "cut.jsonl.gz:4: ") || !strings.Contains(errs, "unexpected EOF") {
		t.Errorf("truncated: exit %d, %q %q; want an error at cut.jsonl.gz:4 saying the stream ended early", code, out, errs)
	}
}
