package e2e

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// incidentExample is an incident page answered by GET, as the page's
// example links are.
var incidentExample = "/incident?" + url.Values{
	"text": {"Am Dienstagabend schlug ein 31-jähriger marokkanischer Staatsangehöriger am Hauptbahnhof einem 45-jährigen Mann mit einer Flasche auf den Kopf. Die Bundespolizei ermittelt wegen gefährlicher Körperverletzung."},
	"date": {"2023-06-14"},
}.Encode()

// On a phone (375 CSS pixels) no page scrolls sideways: wide tables
// scroll inside their own box, selects with long offence names keep to
// the form, and the charts' texts (axis titles, labels) stay inside the
// chart. Before, every page but the claim form was 430-1010px wide.
func TestNarrowScreen(t *testing.T) {
	for _, path := range []string{
		"/",
		"/factsheet?year=2023&offence=890000",
		"/factsheet?year=2022&offence=890000",
		"/factsheet?year=2022&offence=892000&area=09162",
		"/media",
		"/claim",
		"/claim?" + url.Values{"text": {"migrants commit 40% of rapes"}}.Encode(),
		"/incident",
		incidentExample,
		"/datasets",
	} {
		tb := newTab(t)
		if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile)); err != nil {
			t.Fatal(err)
		}
		tb.load(t, path)
		tb.checkPage(t, path, 0)
		type width struct {
			Page  int      `json:"page"`
			View  int      `json:"view"`
			Wider []string `json:"wider"`
		}
		w, err := chromedp.Run(tb.ctx, chromedp.Evaluate[width](`(() => {
			const de = document.documentElement;
			// The outermost elements that reach past the viewport, outside
			// any box that scrolls them.
			const wider = [...document.querySelectorAll('body *')].filter(e => !e.closest('.table-scroll, svg') && e.getBoundingClientRect().right > de.clientWidth + 1)
				.filter((e, _, all) => !all.includes(e.parentElement)).slice(0, 5)
				.map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right) + 'px');
			return {page: de.scrollWidth, view: de.clientWidth, wider};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if w.Page > w.View {
			t.Errorf("%s at 375px: the page is %dpx wide, the screen %dpx (too wide: %q)", path, w.Page, w.View, w.Wider)
		}
		if strings.HasPrefix(path, "/factsheet?year=2023") {
			tb.screenshot(t, "factsheet-375")
		}
	}
}

// With JavaScript off the forms still work (each has a visible submit
// button) and each chart says that it needs JavaScript and where its data
// are, instead of being an empty box.
func TestWithoutJavaScript(t *testing.T) {
	tb := newTab(t)
	if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/", "/factsheet?year=2023&offence=890000", "/media", "/claim", "/incident", incidentExample} {
		if err := chromedp.Do(tb.ctx, chromedp.Navigate(baseURL+path), chromedp.WaitReady(`footer`)); err != nil {
			t.Fatal(err)
		}
		type state struct {
			Buttons int      `json:"buttons"`
			Forms   int      `json:"forms"`
			Charts  int      `json:"charts"`
			Notes   []string `json:"notes"`
		}
		s, err := chromedp.Run(tb.ctx, chromedp.Evaluate[state](`({
			forms: document.querySelectorAll('main form').length,
			buttons: [...document.querySelectorAll('main form button[type=submit]')].filter(b => b.offsetParent !== null).length,
			charts: document.querySelectorAll('figure[data-chart]').length,
			notes: [...document.querySelectorAll('figure[data-chart]')].map(f => [...f.querySelectorAll('p.note')].filter(p => p.offsetParent !== null).map(p => p.textContent).join(' ')),
		})`))
		if err != nil {
			t.Fatal(err)
		}
		if s.Buttons != s.Forms {
			t.Errorf("%s without JavaScript: %d forms, %d visible submit buttons", path, s.Forms, s.Buttons)
		}
		for i, n := range s.Notes {
			if !strings.Contains(n, "JavaScript") || !strings.Contains(n, "downloads") {
				t.Errorf("%s without JavaScript: chart %d of %d says nothing about JavaScript: %q", path, i+1, s.Charts, n)
			}
		}
	}
	// The fact sheet's form submits without the script.
	if err := chromedp.Do(tb.ctx, chromedp.Navigate(baseURL+"/factsheet?year=2023&offence=890000"), chromedp.WaitReady(`footer`),
		chromedp.SetValue(`select[name=year]`, "2019"), chromedp.Click(`form.query button`), chromedp.WaitReady(`footer`)); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		loc, _ := chromedp.Run(tb.ctx, chromedp.Location())
		if strings.Contains(loc, "year=2019") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("submitting the fact sheet's form without JavaScript: still at %s", loc)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// The charts tell their series apart by shape as well as by colour
// (WCAG 1.4.1): every legend with two or more entries of a chart of
// points or lines has as many different symbols. (The bars of a
// decomposition are named on the axis; their colour repeats the name.)
func TestChartSeriesNotByColourAlone(t *testing.T) {
	for _, path := range []string{"/factsheet?year=2023&offence=890000", "/media"} {
		tb := newTab(t)
		tb.load(t, path)
		tb.checkPage(t, path, 2)
		type legend struct {
			ID      string `json:"id"`
			Entries int    `json:"entries"`
			Shapes  int    `json:"shapes"`
		}
		ls, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]legend](`[...document.querySelectorAll('figure[data-chart]')].filter(f => f.querySelector('.vis svg .mark-symbol.role-mark, .vis svg .mark-line.role-mark')).map(f => {
			const syms = [...f.querySelectorAll('.role-legend-symbol path')];
			return {id: f.id, entries: syms.length, shapes: new Set(syms.map(p => p.getAttribute('d'))).size};
		}).filter(l => l.entries > 1)`))
		if err != nil {
			t.Fatal(err)
		}
		if len(ls) == 0 {
			t.Errorf("%s: no chart with a legend", path)
		}
		for _, l := range ls {
			if l.Shapes < l.Entries {
				t.Errorf("%s: %s: %d legend entries with %d shapes: the series differ by colour only", path, l.ID, l.Entries, l.Shapes)
			}
		}
	}
}

// German text on the English pages is marked as German (WCAG 3.1.2), so
// that a screen reader reads it with German pronunciation: the example
// claims and incidents, a German claim, a coded German text.
func TestLanguageOfParts(t *testing.T) {
	tb := newTab(t)
	type langs struct {
		Examples []string `json:"examples"`
		Claim    string   `json:"claim"`
		Coded    string   `json:"coded"`
	}
	js := `({
		examples: [...document.querySelectorAll('.examples a')].map(a => a.lang),
		claim: (document.querySelector('.claim-text') || {}).lang || '',
		coded: (document.querySelector('#coded-text') || {}).lang || '',
	})`
	path := "/claim?" + url.Values{"text": {"Ausländer sind dreimal so kriminell wie Deutsche"}}.Encode()
	tb.load(t, path)
	l, err := chromedp.Run(tb.ctx, chromedp.Evaluate[langs](js))
	if err != nil {
		t.Fatal(err)
	}
	if l.Claim != "de" {
		t.Errorf("%s: the claim is marked lang=%q, want de", path, l.Claim)
	}
	checkExamples := func(path string, ex []string) {
		t.Helper()
		de := 0
		for _, x := range ex {
			if x == "" {
				t.Errorf("%s: an example has no lang (%q)", path, ex)
				return
			}
			if x == "de" {
				de++
			}
		}
		if len(ex) == 0 || de == 0 {
			t.Errorf("%s: examples' languages %q, want some German", path, ex)
		}
	}
	checkExamples(path, l.Examples)
	tb.load(t, "/incident")
	l, err = chromedp.Run(tb.ctx, chromedp.Evaluate[langs](js))
	if err != nil {
		t.Fatal(err)
	}
	checkExamples("/incident", l.Examples)
	tb.load(t, incidentExample)
	l, err = chromedp.Run(tb.ctx, chromedp.Evaluate[langs](js))
	if err != nil {
		t.Fatal(err)
	}
	if l.Coded != "de" {
		t.Errorf("%s: the coded text is marked lang=%q, want de", incidentExample, l.Coded)
	}
}
