package e2e

import (
	"io"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// shown is one number on a page: the API field it shows, its full value,
// its format and its text.
type shown struct {
	Key    string `json:"key"`
	Value  string `json:"value"`
	Format string `json:"format"`
	Text   string `json:"text"`
}

type apiBlock struct {
	API  string  `json:"api"`
	Vals []shown `json:"vals"`
}

// lookup follows a dotted path ("standardized.0.indirect_ratio") into a
// decoded JSON value.
func lookup(v any, path string) (float64, bool) {
	for _, p := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[p]
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(x) {
				return 0, false
			}
			v = x[i]
		default:
			return 0, false
		}
	}
	f, ok := v.(float64)
	return f, ok
}

// checkNumbers compares every number a page shows with the API the page
// names for it (data-api on an ancestor, data-key on the number): the
// full value must be the API's, and the text must be that value rounded
// as its format says. It returns how many numbers it checked.
func (tb *tab) checkNumbers(t *testing.T, path string) int {
	t.Helper()
	blocks, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]apiBlock](`[...document.querySelectorAll('[data-api]')].map(c => ({
		api: c.dataset.api,
		vals: [...c.querySelectorAll('[data-key]')].map(e => ({key: e.dataset.key, value: e.dataset.value, format: e.dataset.format, text: e.textContent}))
	}))`))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, b := range blocks {
		var doc any
		getJSON(t, b.API, &doc)
		for _, s := range b.Vals {
			n++
			want, ok := lookup(doc, s.Key)
			if !ok {
				t.Errorf("%s: shows %q (%s) but %s has no number at %q", path, s.Text, s.Value, b.API, s.Key)
				continue
			}
			got, err := strconv.ParseFloat(s.Value, 64)
			if err != nil || got != want {
				t.Errorf("%s: %s = %s on the page, %v in %s", path, s.Key, s.Value, want, b.API)
				continue
			}
			checkText(t, path, s, want)
		}
	}
	return n
}

// checkText checks that the text of a number is its value as formatted.
func checkText(t *testing.T, path string, s shown, v float64) {
	t.Helper()
	txt := strings.NewReplacer(",", "", "%", "", "×", "").Replace(strings.TrimSpace(s.Text))
	shownV, err := strconv.ParseFloat(txt, 64)
	if err != nil {
		t.Errorf("%s: %s shows %q, not a number", path, s.Key, s.Text)
		return
	}
	dec := map[string]int{"int": 0, "num0": 0, "num1": 1, "num2": 2, "pct0": 0, "pct1": 1, "ratio": 2}[s.Format]
	if strings.HasPrefix(s.Format, "pct") {
		v *= 100
	}
	if math.Abs(shownV-v) > 0.5*math.Pow(10, -float64(dec))+1e-9 {
		t.Errorf("%s: %s shows %q for %v", path, s.Key, s.Text, v)
	}
}

// checkDownloads fetches every chart's data and spec downloads.
func (tb *tab) checkDownloads(t *testing.T, path string) {
	t.Helper()
	links, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('figure[data-chart] .downloads a')].map(a => a.getAttribute('href'))`))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range links {
		resp, err := http.Get(baseURL + l)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || len(b) < 20 {
			t.Errorf("%s: download %s: %s, %d bytes", path, l, resp.Status, len(b))
		}
	}
}

func TestOverviewPage(t *testing.T) {
	tb := newTab(t)
	tb.load(t, "/")
	tb.checkPage(t, "/", 1)
	if n := tb.checkNumbers(t, "/"); n < 20 {
		t.Errorf("overview: %d numbers checked against the API, want at least 20", n)
	}
	tb.checkDownloads(t, "/")
	tb.screenshot(t, "overview")
}

// The must-show fact sheet: 2023, key 890000.
func TestFactsheetPage(t *testing.T) {
	tb := newTab(t)
	path := "/factsheet?year=2023&offence=890000"
	tb.load(t, path)
	tb.checkPage(t, path, 5)
	if n := tb.checkNumbers(t, path); n < 25 {
		t.Errorf("fact sheet: %d numbers checked against the API, want at least 25", n)
	}
	// The headline figures of the issue, as the page shows them.
	for sel, want := range map[string]string{
		`#counts [data-key="non_german.suspects"]`: "694,981",
		`#counts [data-key="german.suspects"]`:     "1,322,571",
		`.cards [data-key="rate_ratio.ratio"]`:     "3.10×",
	} {
		got, err := chromedp.Run(tb.ctx, chromedp.Text(sel))
		if err != nil || got != want {
			t.Errorf("%s: %s = %q, %v; want %q", path, sel, got, err, want)
		}
	}
	tb.checkDownloads(t, path)
	tb.screenshot(t, "factsheet")
}

// A year without an age breakdown says so instead of standardizing.
func TestFactsheetWithoutAgeBreakdown(t *testing.T) {
	tb := newTab(t)
	path := "/factsheet?year=2021&offence=892000"
	tb.load(t, path)
	tb.checkPage(t, path, 3)
	tb.checkNumbers(t, path)
	txt, err := chromedp.Run(tb.ctx, chromedp.Text(`#no-age-breakdown`))
	if err != nil || !strings.Contains(strings.ToLower(txt), "age") {
		t.Errorf("%s: no statement about the missing age breakdown: %q, %v", path, txt, err)
	}
}

func TestClaimPage(t *testing.T) {
	tb := newTab(t)
	for _, c := range []struct {
		claim, verdict, shot string
	}{
		{"migrants commit 40% of rapes", "", "claim"},
		{"Ausländer sind dreimal so kriminell wie Deutsche", "matches", "claim-de"},
	} {
		path := "/claim?" + url.Values{"text": {c.claim}}.Encode()
		tb.load(t, path)
		tb.checkPage(t, path, 1)
		if n := tb.checkNumbers(t, path); n < 3 {
			t.Errorf("%s: %d numbers checked against the API", path, n)
		}
		v, err := chromedp.Run(tb.ctx, chromedp.AttributeValue(`#verdict [data-verdict]`, "data-verdict"))
		if err != nil || !v.Exists || (c.verdict != "" && v.Value != c.verdict) {
			t.Errorf("%s: verdict %+v, %v; want %q", path, v, err, c.verdict)
		}
		framing, err := chromedp.Run(tb.ctx, chromedp.Text(`#framing`))
		if err != nil || len(framing) < 100 {
			t.Errorf("%s: framing section %q, %v", path, framing, err)
		}
		tb.screenshot(t, c.shot)
	}
}

// A claim with words the parser does not know names them.
func TestClaimPageNamesWhatItDidNotUnderstand(t *testing.T) {
	tb := newTab(t)
	path := "/claim?" + url.Values{"text": {"migrants commit 40% of frobnications"}}.Encode()
	tb.load(t, path)
	tb.checkPage(t, path, 0)
	got, err := chromedp.Run(tb.ctx, chromedp.Text(`#unparsed`))
	if err != nil || !strings.Contains(got, "frobnications") {
		t.Errorf("unparsed part not named: %q, %v", got, err)
	}
	marked, err := chromedp.Run(tb.ctx, chromedp.Text(`mark.unparsed`))
	if err != nil || marked != "frobnications" {
		t.Errorf("unparsed part not marked in the claim: %q, %v", marked, err)
	}
}

// A claim naming one nationality: the parser understands the word but
// the figures cannot check it, and the page says so instead of calling
// the word not understood. A word it does not know beside it is still
// marked as not understood.
func TestClaimPageNationalityIsUnderstoodButNotCheckable(t *testing.T) {
	tb := newTab(t)
	for _, c := range []struct {
		claim, word, unparsed string
	}{
		{"Syrer begehen die meisten Messerangriffe", "Syrer", ""},
		{"Syrians commit most frobnications", "Syrians", "frobnications"},
	} {
		path := "/claim?" + url.Values{"text": {c.claim}}.Encode()
		tb.load(t, path)
		tb.checkPage(t, path, 0)
		v, err := chromedp.Run(tb.ctx, chromedp.AttributeValue(`#verdict [data-verdict]`, "data-verdict"))
		if err != nil || v.Value != "uncheckable" {
			t.Errorf("%s: verdict %+v, %v; want uncheckable", path, v, err)
		}
		type marks struct {
			Unparsed    []string `json:"unparsed"`
			Uncheckable []string `json:"uncheckable"`
			Titles      []string `json:"titles"`
			Note        string   `json:"note"`
			NotUnd      string   `json:"notUnderstood"`
		}
		m, err := chromedp.Run(tb.ctx, chromedp.Evaluate[marks](`({
			unparsed: [...document.querySelectorAll('.claim-text mark.unparsed')].map(e => e.textContent),
			uncheckable: [...document.querySelectorAll('.claim-text mark.uncheckable')].map(e => e.textContent),
			titles: [...document.querySelectorAll('.claim-text mark.uncheckable')].map(e => e.title),
			note: (document.querySelector('#uncheckable') || {}).textContent || "",
			notUnderstood: (document.querySelector('#unparsed') || {}).textContent || "",
		})`))
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Uncheckable) != 1 || m.Uncheckable[0] != c.word {
			t.Errorf("%s: marked as not checkable %q, want [%q]", path, m.Uncheckable, c.word)
		} else if !strings.Contains(m.Titles[0], "German and non-German suspects only") {
			t.Errorf("%s: tooltip %q does not say what the data count", path, m.Titles[0])
		}
		if !strings.Contains(m.Note, c.word) || !strings.Contains(m.Note, "German and non-German suspects only") {
			t.Errorf("%s: no note on the nationality: %q", path, m.Note)
		}
		if strings.Contains(m.NotUnd, c.word) {
			t.Errorf("%s: %q still listed as not understood: %q", path, c.word, m.NotUnd)
		}
		want := []string{}
		if c.unparsed != "" {
			want = []string{c.unparsed}
			if !strings.Contains(m.NotUnd, c.unparsed) {
				t.Errorf("%s: %q not listed as not understood: %q", path, c.unparsed, m.NotUnd)
			}
		}
		if len(m.Unparsed) != len(want) || len(want) == 1 && m.Unparsed[0] != want[0] {
			t.Errorf("%s: marked as not understood %q, want %q", path, m.Unparsed, want)
		}
		if c.unparsed == "" {
			tb.screenshot(t, "claim-nationality")
		}
	}
}

// The incident page: submit the form with a text, get the coding with
// evidence marked and the base rate.
func TestIncidentPage(t *testing.T) {
	tb := newTab(t)
	tb.load(t, "/incident")
	tb.checkPage(t, "/incident", 0)
	text := "Am Dienstagabend schlug ein 31-jähriger marokkanischer Staatsangehöriger am Hauptbahnhof einem 45-jährigen Mann mit einer Flasche auf den Kopf und verletzte ihn schwer. Die Bundespolizei ermittelt wegen gefährlicher Körperverletzung."
	if err := chromedp.Do(tb.ctx,
		chromedp.SetValue(`#incident-text`, text),
		chromedp.SetValue(`input[name=date]`, "2023-06-14"),
		chromedp.Submit(`#incident-text`),
		chromedp.WaitReady(`#base-rate`),
		chromedp.WaitReady(`body[data-charts]`),
	); err != nil {
		t.Fatalf("submitting the incident: %v (console %q)", err, tb.consoleErrors())
	}
	tb.checkPage(t, "/incident (posted)", 2)
	if n := tb.checkNumbers(t, "/incident"); n < 4 {
		t.Errorf("incident: %d numbers checked against the API", n)
	}
	reminder, err := chromedp.Run(tb.ctx, chromedp.Text(`#reminder`))
	if err != nil || !strings.Contains(reminder, "single incident") {
		t.Errorf("no reminder that one incident is no evidence: %q, %v", reminder, err)
	}
	marks, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int](`document.querySelectorAll('#coded-text mark').length`))
	if err != nil || marks == 0 {
		t.Errorf("no evidence marked in the coded text (%d, %v)", marks, err)
	}
	// The base rate of the coded family (violent: key 892000) in the
	// text's year: suspects, the non-German share, the crude and the
	// age-standardized ratio, each number the API's.
	keys, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#base-rate [data-key]')].map(e => e.dataset.key)`))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"non_german.suspects", "german.suspects", "share_of_suspects.share", "rate_ratio.ratio", "standardized.0.indirect_ratio"} {
		if !slices.Contains(keys, k) {
			t.Errorf("incident base rate lacks %s (shows %v)", k, keys)
		}
	}
	api, _ := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`document.querySelector('#base-rate [data-api]').dataset.api`))
	if !strings.Contains(api, "offence=892000") || !strings.Contains(api, "year=2023") {
		t.Errorf("incident base rate from %q, want 2023, key 892000", api)
	}
	// Coverage: the family's rows where the bundled media index has them
	// (column family), else all crime items, and the page says which.
	var idx struct {
		Rows []struct {
			Family string `json:"family"`
		} `json:"rows"`
	}
	getJSON(t, "/api/v1/media/index", &idx)
	byFamily := slices.ContainsFunc(idx.Rows, func(r struct {
		Family string `json:"family"`
	}) bool {
		return r.Family == "violent"
	})
	note, err := chromedp.Run(tb.ctx, chromedp.Text(`#naming-note`))
	want := "no breakdown by offence family"
	if byFamily {
		want = "coded as violent"
	}
	if err != nil || !strings.Contains(note, want) {
		t.Errorf("coverage note %q, %v; want it to say %q", note, err, want)
	}
	rows, _ := chromedp.Run(tb.ctx, chromedp.Evaluate[int](`document.querySelectorAll('#naming tbody tr').length`))
	if rows == 0 {
		t.Errorf("no coverage rows")
	}
	tb.screenshot(t, "incident")
}

func TestMediaPage(t *testing.T) {
	tb := newTab(t)
	tb.load(t, "/media")
	tb.checkPage(t, "/media", 2)
	if n := tb.checkNumbers(t, "/media"); n < 40 {
		t.Errorf("media: %d numbers checked against the API, want at least 40", n)
	}
	fam, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int](`document.querySelectorAll('#by-family [data-key]').length`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("media: %d numbers by offence family", fam)
	tb.checkDownloads(t, "/media")
	tb.screenshot(t, "media")
}

// A claim about Germans is checked against the German share.
func TestClaimAboutGermans(t *testing.T) {
	tb := newTab(t)
	path := "/claim?" + url.Values{"text": {"Germans are 66% of suspects in 2023"}}.Encode()
	tb.load(t, path)
	tb.checkPage(t, path, 1)
	tb.checkNumbers(t, path)
	v, err := chromedp.Run(tb.ctx, chromedp.AttributeValue(`#verdict [data-verdict]`, "data-verdict"))
	if err != nil || v.Value != "matches" {
		t.Errorf("%s: verdict %+v, %v", path, v, err)
	}
}
