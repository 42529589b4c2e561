package e2e

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A district's fact sheet: the numbers on the page equal the API's for
// that area, the charts render, and the page says the figures are crude.
func TestAreaFactsheetPage(t *testing.T) {
	tb := newTab(t)
	path := "/factsheet?year=2022&offence=892000&area=09162"
	tb.load(t, path)
	tb.checkPage(t, path, 2)
	if n := tb.checkNumbers(t, path); n < 15 {
		t.Errorf("%s: %d numbers checked against the API, want at least 15", path, n)
	}
	api, err := chromedp.Run(tb.ctx, chromedp.AttributeValue(`#counts`, "id"))
	if err != nil || !api.Exists {
		t.Fatalf("%s: no counts table", path)
	}
	// The numbers are checked against the area's API, not Germany's.
	apis, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('[data-api]')].map(e => e.dataset.api)`))
	if err != nil || len(apis) == 0 || !strings.Contains(apis[0], "area=09162") {
		t.Errorf("%s: data-api %q, %v", path, apis, err)
	}
	note, err := chromedp.Run(tb.ctx, chromedp.Text(`#area-note`))
	if err != nil || !strings.Contains(note, "crude") || !strings.Contains(note, "München") {
		t.Errorf("%s: area note %q, %v", path, note, err)
	}
	sel, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`document.querySelector('select[name=area]').value`))
	if err != nil || sel != "09162" {
		t.Errorf("%s: area selector shows %q, %v", path, sel, err)
	}
	tb.checkDownloads(t, path)
	tb.screenshot(t, "factsheet-area")
}

// Choosing a Land in the selector keeps the offence and year where the
// Land has them and otherwise shows its latest year and key, saying so.
func TestAreaSelector(t *testing.T) {
	tb := newTab(t)
	tb.load(t, "/factsheet?year=2023&offence=890000")
	if err := chromedp.Do(tb.ctx,
		// SetValue fires input and change, as a user's choice does.
		chromedp.SetValue(`select[name=area]`, "09"),
		chromedp.WaitVisible(`#adjusted`),
		chromedp.WaitReady(`body[data-charts]`),
	); err != nil {
		t.Fatalf("choosing Bayern: %v (console %q)", err, tb.consoleErrors())
	}
	loc, err := chromedp.Run(tb.ctx, chromedp.Location())
	if err != nil || !strings.Contains(loc, "area=09") {
		t.Errorf("location after choosing Bayern: %q, %v", loc, err)
	}
	tb.checkPage(t, loc, 2)
	tb.checkNumbers(t, loc)
	adj, _ := chromedp.Run(tb.ctx, chromedp.Text(`#adjusted`))
	if !strings.Contains(adj, "2020") || !strings.Contains(adj, "------") {
		t.Errorf("adjusted note %q", adj)
	}
}

// Germany 2022: no age breakdown, but the settlement comparison on the
// district tables, labelled as a different data basis, with its chart;
// its numbers equal the API's.
func TestSettlementComparison(t *testing.T) {
	tb := newTab(t)
	path := "/factsheet?year=2022&offence=890000"
	tb.load(t, path)
	tb.checkPage(t, path, 5)
	tb.checkNumbers(t, path)
	n, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int](`document.querySelectorAll('#settlement [data-key^="settlement."]').length`))
	if err != nil || n < 8 {
		t.Errorf("%s: %d settlement numbers, %v", path, n, err)
	}
	txt, err := chromedp.Run(tb.ctx, chromedp.Text(`#settlement`))
	if err != nil || !strings.Contains(txt, "different data basis") {
		t.Errorf("%s: settlement section not labelled: %.200q, %v", path, txt, err)
	}
	svg, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int](`document.querySelectorAll('#chart-factsheet-settlement[data-rendered=true] svg').length`))
	if err != nil || svg == 0 {
		t.Errorf("%s: settlement chart not rendered (%d, %v)", path, svg, err)
	}
	tb.screenshot(t, "factsheet-settlement")
}

// A claim about a Land is checked against the Land's figures.
func TestClaimAboutALand(t *testing.T) {
	tb := newTab(t)
	path := "/claim?" + url.Values{"text": {"In Bayern sind 40 Prozent der Tatverdächtigen Ausländer"}}.Encode()
	tb.load(t, path)
	tb.checkPage(t, path, 1)
	if n := tb.checkNumbers(t, path); n < 3 {
		t.Errorf("%s: %d numbers checked against the API", path, n)
	}
	api, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`document.querySelector('#verdict [data-api]').dataset.api`))
	if err != nil || !strings.Contains(api, "area=09") {
		t.Errorf("%s: figures from %q, %v", path, api, err)
	}
	role, err := chromedp.Run(tb.ctx, chromedp.Text(`.claim-parts [data-role=area]`))
	if err != nil || !strings.Contains(role, "Bayern") {
		t.Errorf("%s: area part %q, %v", path, role, err)
	}
}
