package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"math"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/web/chart"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// importMap is the one inline script of every page: the import map that
// resolves the bare module names used by the vendored vega-interpreter (an
// ES module that imports "vega-util"). It is read from layout.html, so the
// hash the Content-Security-Policy allows always matches the page.
var importMap = func() string {
	b, err := templateFS.ReadFile("templates/layout.html")
	if err != nil {
		panic(err)
	}
	_, rest, ok := strings.Cut(string(b), `<script type="importmap">`)
	m, _, ok2 := strings.Cut(rest, "</script>")
	if !ok || !ok2 {
		panic("web: layout.html has no import map")
	}
	return m
}()

// CSP returns the Content-Security-Policy sent with every response: scripts
// and styles only from the server itself (plus the one inline import map,
// by hash), no eval, no plugins, no framing, forms only to the server.
func CSP() string {
	sum := sha256.Sum256([]byte(importMap))
	h := base64.StdEncoding.EncodeToString(sum[:])
	return strings.Join([]string{
		"default-src 'none'",
		"script-src 'self' 'sha256-" + h + "'",
		"style-src 'self'",
		"img-src 'self' data:",
		"connect-src 'self'",
		"font-src 'self'",
		"form-action 'self'",
		"base-uri 'none'",
		"frame-ancestors 'none'",
	}, "; ")
}

// Pages holds the parsed page templates.
type Pages struct {
	pages map[string]*template.Template
}

// PageNames lists the templates that are pages (each is layout.html plus
// its own file).
var PageNames = []string{"overview", "factsheet", "media", "claim", "incident", "datasets", "models", "error"}

// Load parses the embedded templates.
func Load() (*Pages, error) {
	p := &Pages{pages: map[string]*template.Template{}}
	for _, name := range PageNames {
		t, err := template.New("layout.html").Funcs(Funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		p.pages[name] = t
	}
	return p, nil
}

// Render executes page name with data into w. It renders into a buffer
// first, so a template error never sends half a page.
func (p *Pages) Render(w io.Writer, name string, data *Page) error {
	t := p.pages[name]
	if t == nil {
		return fmt.Errorf("web: no page %q", name)
	}
	data.Page = name
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return fmt.Errorf("web: rendering %s: %w", name, err)
	}
	_, err := buf.WriteTo(w)
	return err
}

// Page is what every page template receives.
type Page struct {
	// Page is the template name, for the navigation.
	Page  string
	Title string
	// Lead is one sentence under the title.
	Lead string
	// Sources name the data the page shows, with links.
	Sources []Source
	// Caveats apply to the numbers on the page.
	Caveats []baserate.Caveat
	// Charts are drawn in order where the template places them.
	Charts map[string]*ChartView
	// Data is the page's own view model.
	Data any
	// Error is set on the error page.
	Error *ErrorView
}

// Source is a data source named on a page.
type Source struct {
	Name    string
	URL     string
	Licence string
}

// ErrorView is the body of the error page.
type ErrorView struct {
	Status int
	Title  string
	Detail string
}

// ChartView is a chart placed on a page: the spec inline for rendering,
// and download links for its data and spec.
type ChartView struct {
	ID     string
	Title  string
	Source string
	// Spec is the complete Vega-Lite spec as JSON.
	Spec template.JS
	// Base is the chart's download URL without the format parameter.
	Base string
	// Note is shown under the chart.
	Note string
}

// NewChartView marshals c for a page. query carries the parameters that
// rebuild the chart at /charts/{id}.
func NewChartView(c *chart.Chart, query string) (*ChartView, error) {
	spec, err := c.SpecJSON()
	if err != nil {
		return nil, err
	}
	base := "/charts/" + c.ID + "?"
	if query != "" {
		base += query + "&"
	}
	return &ChartView{ID: c.ID, Title: c.Title, Source: c.Source, Spec: template.JS(spec), Base: base}, nil
}

// Funcs are the template helpers: number formatting only.
var Funcs = template.FuncMap{
	"int":   FormatInt,
	"float": func(n int) float64 { return float64(n) },
	"num":   FormatNum,
	"pct":   FormatPct,
	"year":  func(y int) string { return strconv.Itoa(y) },
	"raw":   rawNum,
	"v":     Value,
	"en":    OffenceName,
	"lower": strings.ToLower,
	"join":  strings.Join,
}

// english prints numbers as English text does, with thousands
// separators (golang.org/x/text; a Printer copies itself per call, so one
// serves every request).
var english = message.NewPrinter(language.English)

// FormatInt formats a count with thousands separators: 1,322,571.
func FormatInt(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return english.Sprintf("%d", int64(math.Round(v)))
}

// FormatNum formats v with d decimals and thousands separators.
func FormatNum(v float64, d int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return english.Sprintf("%.*f", d, v)
}

// FormatPct formats a proportion as a percentage with d decimals: 0.411 →
// "41.1%".
func FormatPct(v float64, d int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return FormatNum(100*v, d) + "%"
}

// Value renders a number for a page inside a span that carries its
// full-precision value and the path of the API field it shows (data-key),
// so the browser tests can check every number against the API. format is
// int, num0, num1, num2, pct1, pct0 or ratio. A value that is not a
// finite number is a dash without data-key.
func Value(key string, v float64, format string) template.HTML {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		// No number to show (an undefined ratio): a dash, and no API
		// field, whose value the dash is not.
		return template.HTML(`<span class="v">–</span>`)
	}
	var text string
	switch format {
	case "int":
		text = FormatInt(v)
	case "num0":
		text = FormatNum(v, 0)
	case "num1":
		text = FormatNum(v, 1)
	case "num2":
		text = FormatNum(v, 2)
	case "pct0":
		text = FormatPct(v, 0)
	case "pct1":
		text = FormatPct(v, 1)
	case "ratio":
		text = FormatNum(v, 2) + "×"
	default:
		text = FormatNum(v, 2)
	}
	if key == "" {
		// A number derived on the page from others (such as a German share
		// as one minus the non-German one) names no API field.
		return template.HTML(`<span class="v">` + template.HTMLEscapeString(text) + `</span>`)
	}
	return template.HTML(`<span class="v" data-key="` + template.HTMLEscapeString(key) + `" data-format="` + template.HTMLEscapeString(format) +
		`" data-value="` + rawNum(v) + `">` + template.HTMLEscapeString(text) + `</span>`)
}

// rawNum prints the full-precision value for data-value attributes, which
// the browser tests compare with the API.
func rawNum(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// Static serves the embedded static files under /static/, with strong
// ETags from their SHA-256 so browsers revalidate cheaply. notFound
// answers a path that names no file, so that it looks like the server's
// other errors; nil means http.NotFound's plain text.
func Static(notFound http.Handler) http.Handler {
	if notFound == nil {
		notFound = http.NotFoundHandler()
	}
	type file struct {
		data []byte
		etag string
	}
	files := map[string]file{}
	fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		files["/"+p] = file{b, `"` + hex.EncodeToString(sum[:12]) + `"`}
		return nil
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := files[path.Clean(r.URL.Path)]
		if !ok || strings.HasSuffix(r.URL.Path, "/") {
			notFound.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		h.Set("ETag", f.etag)
		h.Set("Cache-Control", "public, max-age=3600")
		switch path.Ext(r.URL.Path) {
		case ".js":
			h.Set("Content-Type", "text/javascript; charset=utf-8")
		case ".css":
			h.Set("Content-Type", "text/css; charset=utf-8")
		case ".svg":
			h.Set("Content-Type", "image/svg+xml")
		default:
			h.Set("Content-Type", "text/plain; charset=utf-8")
		}
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.data))
	})
}

// StaticFS exposes the embedded static tree (for tests and checksums).
func StaticFS() fs.FS { return staticFS }

//go:embed offences_en.tsv
var offencesEN string

var offenceNames = func() map[string]string {
	m := map[string]string{}
	for _, l := range strings.Split(offencesEN, "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		k, v, ok := strings.Cut(l, "\t")
		if ok {
			m[k] = v
		}
	}
	return m
}()

// OffenceName returns the English name of a PKS offence key, or "" when
// the dashboard has none (then the German name stands alone).
func OffenceName(key string) string { return offenceNames[key] }

//go:embed incident_examples.tsv
var incidentExamples string

// IncidentExample is an example text for the incident page.
type IncidentExample struct {
	Lang, Date, Title, Text string
}

// IncidentExamples returns the example texts of incident_examples.tsv.
func IncidentExamples() []IncidentExample {
	var out []IncidentExample
	for _, l := range strings.Split(incidentExamples, "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) == 4 {
			out = append(out, IncidentExample{f[0], f[1], f[2], f[3]})
		}
	}
	return out
}
