package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The models page: it renders with its chart, every number equals the
// API's, the reading states the 2022 violent-crime figures of
// examples/kreise, and the selectors hold the year and key shown.
func TestModelsPage(t *testing.T) {
	tb := newTab(t)
	path := "/models?year=2022&offence=892000"
	tb.load(t, path)
	tb.checkPage(t, path, 1)
	if n := tb.checkNumbers(t, path); n < 60 {
		t.Errorf("%s: %d numbers checked against the API, want at least 60", path, n)
	}
	var api struct {
		Specifications []struct {
			ID string `json:"id"`
		} `json:"specifications"`
		Full struct {
			Coefficients []struct {
				Term string `json:"term"`
			} `json:"coefficients"`
		} `json:"full"`
		Caveats []struct {
			Code string `json:"code"`
		} `json:"caveats"`
	}
	getJSON(t, "/api/v1/models?year=2022&offence=892000", &api)
	type counts struct {
		Specs    int      `json:"specs"`
		Terms    int      `json:"terms"`
		PerF     int      `json:"perf"`
		Caveats  []string `json:"caveats"`
		Reading  string   `json:"reading"`
		Year     string   `json:"year"`
		Offence  string   `json:"offence"`
		NavModel string   `json:"nav"`
	}
	got, err := chromedp.Run(tb.ctx, chromedp.Evaluate[counts](`({
		specs: document.querySelectorAll('#specifications tbody tr').length,
		terms: document.querySelectorAll('#full tbody tr').length,
		perf: document.querySelectorAll('#per-foreign tbody tr').length,
		caveats: [...document.querySelectorAll('footer .caveats [data-caveat]')].map(e => e.dataset.caveat),
		reading: document.querySelector('#reading').textContent,
		year: document.querySelector('select[name=year]').value,
		offence: document.querySelector('select[name=offence]').value,
		nav: document.querySelector('header nav a[aria-current=page]').getAttribute('href'),
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if got.Specs != len(api.Specifications) || got.Specs != 5 || got.Terms != len(api.Full.Coefficients) || got.PerF != 5 {
		t.Errorf("%s: %d specifications, %d terms, %d per foreign resident; API %d and %d", path, got.Specs, got.Terms, got.PerF, len(api.Specifications), len(api.Full.Coefficients))
	}
	if len(got.Caveats) != len(api.Caveats) || len(got.Caveats) == 0 || got.Caveats[0] != "models-ecological-inference" {
		t.Errorf("%s: caveats %v, API %v", path, got.Caveats, api.Caveats)
	}
	// examples/README.md: 3.5% more violent crime per point after
	// controls; -1.5% non-German suspects per foreign resident.
	reading := strings.Join(strings.Fields(got.Reading), " ")
	for _, want := range []string{"violent crime per resident is 3.9% higher before controls and 3.5% higher after", "change by -1.5%", "not evidence about individuals"} {
		if !strings.Contains(reading, want) {
			t.Errorf("%s: the reading lacks %q:\n%s", path, want, reading)
		}
	}
	if got.Year != "2022" || got.Offence != "892000" || got.NavModel != "/models" {
		t.Errorf("%s: selectors %s %s, nav %q", path, got.Year, got.Offence, got.NavModel)
	}
	tb.checkDownloads(t, path)
	tb.screenshot(t, "models")

	// 2020: Eisenach is added to the Wartburgkreis, and the page says so.
	path = "/models?year=2020&offence=892000"
	tb.load(t, path)
	tb.checkPage(t, path, 1)
	tb.checkNumbers(t, path)
	merged, err := chromedp.Run(tb.ctx, chromedp.Text(`#merged`))
	if err != nil || !strings.Contains(merged, "Eisenach") || !strings.Contains(merged, "Wartburgkreis") {
		t.Errorf("%s: merged note %q, %v", path, merged, err)
	}
}

// On a phone (375 CSS pixels) the models page does not scroll sideways
// and its chart's texts stay inside the chart.
func TestModelsPageNarrow(t *testing.T) {
	for _, path := range []string{"/models", "/models?year=2020&offence=725000"} {
		tb := newTab(t)
		if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile)); err != nil {
			t.Fatal(err)
		}
		tb.load(t, path)
		tb.checkPage(t, path, 1)
		w, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
		if err != nil {
			t.Fatal(err)
		}
		if w[0] > w[1] {
			wider, _ := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('body *')].filter(e => !e.closest('.table-scroll, svg') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))`))
			t.Errorf("%s at 375px: the page is %dpx wide, the screen %dpx (%s)", path, w[0], w[1], fmt.Sprint(wider))
		}
		if path == "/models" {
			tb.screenshot(t, "models-375")
		}
	}
}
