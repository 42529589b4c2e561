package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/internal/sharedtest"
)

func readAll(t *testing.T, r Reader) (arts []baserate.Article, errs []error) {
	t.Helper()
	for i := 0; i < 100000; i++ {
		a, err := r.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			errs = append(errs, err)
			if !Skippable(err) {
				return
			}
			continue
		}
		arts = append(arts, a)
	}
	t.Fatal("reader does not end")
	return
}

func open(t *testing.T, data, name string, opt Options) Reader {
	t.Helper()
	r, err := NewReader(context.Background(), strings.NewReader(data), name, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestJSONLBadLineKeepsGoing(t *testing.T) {
	in := `{"id":"a","text":"eins"}
{"id":"b","text":
{"id":"c","text":"drei","lang":"de","date":"2016-01-31 12:44:00"}
{"id":"d","text":"` + "\xff" + `"}
`
	arts, errs := readAll(t, open(t, in, "x.jsonl", Options{}))
	if len(arts) != 2 || arts[1].ID != "c" || arts[1].Date != "2016-01-31T12:44:00" {
		t.Fatalf("articles %+v", arts)
	}
	if len(errs) != 2 || !strings.HasPrefix(errs[0].Error(), "x.jsonl:2: ") || !strings.HasPrefix(errs[1].Error(), "x.jsonl:4: invalid UTF-8") {
		t.Fatalf("errors %v", errs)
	}
}

func TestTruncatedGzip(t *testing.T) {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	for i := 0; i < 2000; i++ {
		zw.Write([]byte(`{"id":"x","text":"Ein 23-jähriger Syrer wurde festgenommen, weil er gestohlen hat."}` + "\n"))
	}
	zw.Close()
	data := b.Bytes()[:b.Len()/2]
	r := open(t, string(data), "c.jsonl.gz", Options{})
	arts, errs := readAll(t, r)
	if len(errs) != 1 || Skippable(errs[0]) || !strings.Contains(errs[0].Error(), "c.jsonl.gz") {
		t.Fatalf("want one fatal error naming the file, got %v (after %d articles)", errs, len(arts))
	}
	if !strings.Contains(errs[0].Error(), "unexpected EOF") {
		t.Errorf("error %v", errs[0])
	}
}

// A .gz cut inside a line: the lines before it are read, and the
// truncation is the one error, not a broken record made of the line's
// first half (which --keep-going would skip as if the file went on).
func TestTruncatedGzipMidLine(t *testing.T) {
	for _, format := range []string{"jsonl", "labels"} {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.NoCompression) // stored blocks: every byte before the cut comes out
		name := "c.jsonl.gz"
		for _, id := range []string{"a", "b", "c"} {
			if format == "jsonl" {
				fmt.Fprintf(zw, `{"id":%q,"text":"Ein 23-jähriger Syrer wurde festgenommen."}`+"\n", id)
			} else {
				name = "c_labels.csv.gz"
				fmt.Fprintf(zw, "%s;'Ein 23-jähriger Syrer wurde festgenommen.'\n", id)
			}
		}
		zw.Close()
		data := b.Bytes()[:b.Len()-8-12] // the trailer and the third line's last 12 bytes
		arts, errs := readAll(t, open(t, string(data), name, Options{}))
		if len(arts) != 2 || len(errs) != 1 || Skippable(errs[0]) || !strings.Contains(errs[0].Error(), "unexpected EOF") {
			t.Errorf("%s: %d articles and errors %v; want 2 and one fatal error saying the stream ended early", format, len(arts), errs)
		}
	}
}

func TestCSVSemicolonFFM(t *testing.T) {
	in := "News;Timestamp;Ueberschrift;Link;Old;Year\n" +
		"\" (sky) Ein 19-jähriger Syrer wurde festgenommen. \";2016-01-31 12:44:00;POL-F: Raub;\"https://example.org/1\n\";False;2016\n" +
		"Zweiter Text;2016-02-01 10:00:00;POL-F: Betrug;https://example.org/2;False;2016\n"
	arts, errs := readAll(t, open(t, in, "ffm_news_2016.csv", Options{}))
	if len(errs) != 0 || len(arts) != 2 {
		t.Fatalf("%v %v", arts, errs)
	}
	if arts[0].Source != "ffm_news" || arts[0].Date != "2016-01-31T12:44:00" || arts[0].Title != "POL-F: Raub" || !strings.HasPrefix(arts[0].Text, "(sky) Ein") {
		t.Errorf("%+v", arts[0])
	}
}

func TestCSVBerlinDate(t *testing.T) {
	in := "date,title,link,location,description,en_title\n30.06.2024 16:11 Uhr,Geldautomat,https://x/1,Pankow,\"Nr. 1378\nText\",\n"
	arts, _ := readAll(t, open(t, in, "berlin_polizei_2024.csv", Options{}))
	if len(arts) != 1 || arts[0].Date != "2024-06-30T16:11:00" || arts[0].Text != "Nr. 1378\nText" {
		t.Fatalf("%+v", arts)
	}
}

func TestLabelQuoted(t *testing.T) {
	in := "Panorama;'Ein Text mit ''Zitat''; und Semikolon.'\nWeb;Zwei ohne Quote\n"
	arts, _ := readAll(t, open(t, in, "test.csv", Options{Source: "10kgnad"}))
	if len(arts) != 2 || arts[0].Text != "Ein Text mit 'Zitat'; und Semikolon." || arts[1].Text != "Zwei ohne Quote" || arts[0].Source != "10kgnad-Panorama" {
		t.Fatalf("%+v", arts)
	}
}

func TestJSONArrayBayern(t *testing.T) {
	in := `[{"body":["Kopf","Ein 37-jähriger Pole warf eine Flasche.","(PI Lindau)"],"guid":"g1","published_ts":1787389920,"title":"T"}]`
	arts, errs := readAll(t, open(t, in, "items_merged.json", Options{}))
	if len(errs) > 0 || len(arts) != 1 || arts[0].Text != "Ein 37-jähriger Pole warf eine Flasche. (PI Lindau)" || arts[0].ID != "g1" || arts[0].Date[:4] != "2026" {
		t.Fatalf("%+v %v", arts, errs)
	}
}

func TestHTML(t *testing.T) {
	page := `<html><head><title>Polizei</title></head><body><nav>Menü Start Kontakt</nav><article><h1>Raub</h1>
<p>Am Mittwochabend raubte ein 37-jähriger Mann einer Frau die Handtasche. Der Mann wurde festgenommen und muss sich nun verantworten.</p>
<p>Die Polizei bittet Zeugen, sich zu melden. Hinweise nimmt jede Polizeidienststelle entgegen, auch anonym.</p></article><footer>Impressum</footer></body></html>`
	arts, errs := readAll(t, open(t, page, "p.html", Options{}))
	if len(errs) > 0 || len(arts) != 1 || !strings.Contains(arts[0].Text, "37-jähriger Mann") || strings.Contains(arts[0].Text, "Impressum") {
		t.Fatalf("%+v %v", arts, errs)
	}
}

func TestRSSAndAtom(t *testing.T) {
	rss := `<?xml version="1.0"?><rss version="2.0"><channel><title>Polizei</title><language>de</language>
<item><title>Raub</title><link>https://x/1</link><guid>1</guid><pubDate>Mon, 02 Jan 2006 15:04:05 +0000</pubDate><description>Ein &lt;b&gt;23-jähriger&lt;/b&gt; Syrer wurde festgenommen.</description></item>
<item><title>Zwei</title><link>https://x/2</link><description>Text zwei</description></item></channel></rss>`
	arts, errs := readAll(t, open(t, rss, "f.rss", Options{}))
	if len(errs) > 0 || len(arts) != 2 || arts[0].ID != "1" || arts[0].Lang != "de" || arts[0].Date != "2006-01-02T15:04:05" || !strings.Contains(arts[0].Text, "Syrer") || strings.Contains(arts[0].Text, "<b>") {
		t.Fatalf("%+v %v", arts, errs)
	}
	atom := `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title>E</title><id>urn:1</id><updated>2020-01-01T00:00:00Z</updated><content>An 18-year-old Mexican national was arrested.</content></entry></feed>`
	arts, errs = readAll(t, open(t, atom, "f.atom", Options{}))
	if len(errs) > 0 || len(arts) != 1 || arts[0].ID != "urn:1" || !strings.Contains(arts[0].Text, "Mexican") {
		t.Fatalf("%+v %v", arts, errs)
	}
}

func TestWARCPeerFile(t *testing.T) {
	p := filepath.Join("..", "..", "..", "shared", "data", "formats", "warc", "warcio", "example-iana.org-chunked.warc")
	sharedtest.Need(t, p)
	f, err := Open(context.Background(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	arts, errs := readAll(t, f)
	if len(errs) > 0 || len(arts) == 0 || !strings.Contains(arts[0].Text, "IANA") {
		t.Fatalf("%d articles %v: %+v", len(arts), errs, arts)
	}
}

func TestTruncatedWARC(t *testing.T) {
	rec := "WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 500\r\n\r\n<html><body>kurz</body></html>"
	r := open(t, rec, "t.warc", Options{})
	_, errs := readAll(t, r)
	var err error
	if len(errs) > 0 {
		err = errs[len(errs)-1]
	}
	var pe *baserate.PosError
	if err == nil || !errors.As(err, &pe) || pe.File != "t.warc" || !strings.Contains(err.Error(), "offset") {
		t.Fatalf("want an error at an offset, got %v", err)
	}
}

// ReadFile returns every article of a file in order, and a bad record's
// error with its line.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.jsonl")
	os.WriteFile(good, []byte(`{"id":"a","text":"eins"}`+"\n"+`{"id":"b","text":"zwei"}`+"\n"), 0o644)
	arts, err := ReadFile(context.Background(), good, Options{})
	if err != nil || len(arts) != 2 || arts[0].ID != "a" || arts[1].Text != "zwei" {
		t.Fatalf("ReadFile: %+v, %v", arts, err)
	}
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(`{"id":"a","text":"eins"}`+"\n{oops\n"), 0o644)
	if _, err := ReadFile(context.Background(), bad, Options{}); err == nil || !strings.Contains(err.Error(), "bad.jsonl:2") {
		t.Errorf("bad record: %v, want bad.jsonl:2", err)
	}
	if _, err := ReadFile(context.Background(), filepath.Join(dir, "none.jsonl"), Options{}); err == nil {
		t.Error("a missing file gave no error")
	}
}
