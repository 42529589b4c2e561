package web

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io/fs"
	"math"
	"strings"
	"testing"
)

// The embedded vendor files are byte for byte those whose checksums
// web/npm/update.sh recorded.
func TestVendoredChecksums(t *testing.T) {
	sums, err := fs.ReadFile(StaticFS(), "static/vendor/SHA256SUMS")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	sc := bufio.NewScanner(bytes.NewReader(sums))
	for sc.Scan() {
		want, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Fatalf("bad SHA256SUMS line %q", sc.Text())
		}
		b, err := fs.ReadFile(StaticFS(), "static/vendor/"+name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		sum := sha256.Sum256(b)
		if got := hex.EncodeToString(sum[:]); got != want {
			t.Errorf("%s: sha256 %s, SHA256SUMS says %s", name, got, want)
		}
		n++
	}
	for _, f := range []string{"vega.min.js", "vega-lite.min.js", "vega-embed.min.js", "vega-interpreter.js"} {
		if !bytes.Contains(sums, []byte("  "+f+"\n")) {
			t.Errorf("%s has no checksum", f)
		}
	}
	if n < 4 {
		t.Errorf("%d checksums", n)
	}
}

// The CSP allows the import map by the hash of the bytes every page
// carries, and nothing else inline.
func TestCSPMatchesImportMap(t *testing.T) {
	p, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := p.Render(&buf, "error", &Page{Title: "t", Error: &ErrorView{Status: 404, Title: "x", Detail: "y"}}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	_, rest, _ := strings.Cut(page, `<script type="importmap">`)
	im, _, _ := strings.Cut(rest, "</script>")
	sum := sha256.Sum256([]byte(im))
	if !strings.Contains(CSP(), "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'") {
		t.Errorf("CSP %q does not allow the page's import map %q", CSP(), im)
	}
	for _, bad := range []string{"unsafe-eval", "unsafe-inline", "http:", "https:"} {
		if strings.Contains(CSP(), bad) {
			t.Errorf("CSP contains %q", bad)
		}
	}
	if strings.Count(page, "<script") != 5 || strings.Contains(page, "style=") || strings.Contains(page, "<style") {
		t.Errorf("page has unexpected inline scripts or styles:\n%s", page)
	}
}

func TestFormat(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{FormatInt(1322571), "1,322,571"},
		{FormatInt(-1234.4), "-1,234"},
		{FormatNum(5739.381358706442, 1), "5,739.4"},
		{FormatNum(0.5, 2), "0.50"},
		{FormatPct(0.34446745, 1), "34.4%"},
		{string(Value("a.b", 3.096151124925361, "ratio")), `<span class="v" data-key="a.b" data-format="ratio" data-value="3.096151124925361">3.10×</span>`},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestExamplesAndNames(t *testing.T) {
	if len(IncidentExamples()) < 2 {
		t.Error("incident examples missing")
	}
	if OffenceName("890000") == "" || OffenceName("111000") == "" {
		t.Error("offence names missing")
	}
}

func TestFormatEdges(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{FormatInt(0), "0"}, {FormatInt(999), "999"}, {FormatInt(1000), "1,000"},
		{FormatInt(83456043), "83,456,043"}, {FormatInt(math.NaN()), "–"},
		{FormatNum(-1234.56, 1), "-1,234.6"}, {FormatNum(1e6, 0), "1,000,000"},
		{FormatNum(3.0964, 2), "3.10"}, {FormatPct(0.4109, 1), "41.1%"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// A value that is not a number (an undefined ratio) is a dash without the
// API field it would name, and without a unit ("–×").
func TestValueNotANumber(t *testing.T) {
	for _, v := range []float64{math.NaN(), math.Inf(1)} {
		got := string(Value("rate_ratio.ratio", v, "ratio"))
		if got != `<span class="v">–</span>` {
			t.Errorf("Value(%v) = %s", v, got)
		}
	}
	if got := string(Value("rate_ratio.ratio", 3.0964, "ratio")); !strings.Contains(got, `data-key="rate_ratio.ratio"`) || !strings.Contains(got, ">3.10×<") {
		t.Errorf("Value(3.0964) = %s", got)
	}
}
