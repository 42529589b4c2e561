package detect

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/internal/sharedtest"
	"github.com/baserate/baserate/media/heldout"
	"github.com/baserate/baserate/media/source"
)

var (
	updateDigest = flag.Bool("update", false, "rewrite testdata/codings.sha256 with the codings' digest")
	codingsOut   = flag.String("codings", "", "write every coding of TestCodingsDigest to this JSON Lines file")
)

// TestCodingsDigest codes dev.jsonl (with its language and with the
// language detected), every held-out set and the Frankfurt police releases
// of 2016, and checks the SHA-256 of the codings as JSON Lines against
// testdata/codings.sha256. A change meant to make the coder faster must
// leave the digest as it is; a change of the rules updates it with
// -update (and says so). -codings FILE writes the codings, to compare two
// coders line by line.
func TestCodingsDigest(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.New()
	var w io.Writer = sum
	if *codingsOut != "" {
		f, err := os.Create(*codingsOut)
		if err != nil {
			t.Fatal(err)
		}
		bw := bufio.NewWriter(f)
		defer func() {
			if err := bw.Flush(); err != nil {
				t.Error(err)
			}
			if err := f.Close(); err != nil {
				t.Error(err)
			}
		}()
		w = io.MultiWriter(sum, bw)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	n := 0
	code := func(a baserate.Article) {
		if err := enc.Encode(c.Code(a)); err != nil {
			t.Fatal(err)
		}
		n++
	}
	for _, g := range loadDev(t) {
		code(g.Article)
		a := g.Article
		a.Lang = ""
		code(a)
	}
	shared := filepath.Join("..", "..", "..", "shared")
	sharedtest.Need(t, filepath.Join(shared, "data", "news"))
	sets, err := heldout.LoadSets(context.Background(), shared, heldout.Sets)
	if err != nil {
		t.Fatal(err)
	}
	for _, gold := range sets {
		for _, g := range gold {
			code(g.Article)
		}
	}
	for _, a := range frankfurt(t, "ffm_news_2016.csv") {
		code(a)
	}
	got := hex.EncodeToString(sum.(hash.Hash).Sum(nil))
	p := filepath.Join("testdata", "codings.sha256")
	if *updateDigest {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if w := strings.TrimSpace(string(want)); got != w {
		t.Errorf("codings of %d texts: sha256 %s, want %s (a rule change updates it with -update)", n, got, w)
	}
}

// frankfurt reads one year of the Frankfurt police releases as the
// benchmark does.
func frankfurt(t *testing.T, name string) []baserate.Article {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", "data", "news", "ffm-polizei", name)
	sharedtest.Need(t, p)
	arts, err := source.ReadFile(context.Background(), p, source.Options{Lang: "de"})
	if err != nil {
		t.Fatal(err)
	}
	return arts
}
