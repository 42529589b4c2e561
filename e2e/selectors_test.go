package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// waitLocation waits until the tab's address contains want.
func (tb *tab) waitLocation(t *testing.T, want string) string {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		loc, _ := chromedp.Run(tb.ctx, chromedp.Location())
		if strings.Contains(loc, want) {
			return loc
		}
		if time.Now().After(deadline) {
			t.Fatalf("the address is %s, want one with %q (console %q)", loc, want, tb.consoleErrors())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Choosing in the offence selector a key the sheet's year lacks (890000
// on a sheet of 1995; 111600, 2017 only, on a sheet of 2023) shows the
// key's nearest year and says so, instead of a 404 page.
func TestOffenceSelectorKeepsToTheKeysYears(t *testing.T) {
	for _, c := range []struct {
		from, key, want string
	}{
		{"/factsheet?year=1995&offence=------", "890000", "2002"},
		{"/factsheet?year=2023&offence=890000", "111600", "2017"},
	} {
		tb := newTab(t)
		tb.load(t, c.from)
		if err := chromedp.Do(tb.ctx,
			chromedp.SetValue(`select[name=offence]`, c.key),
			chromedp.WaitVisible(`#adjusted`),
			chromedp.WaitReady(`body[data-charts]`),
		); err != nil {
			loc, _ := chromedp.Run(tb.ctx, chromedp.Location())
			t.Fatalf("%s, choosing %s: %v (at %s, console %q)", c.from, c.key, err, loc, tb.consoleErrors())
		}
		loc, _ := chromedp.Run(tb.ctx, chromedp.Location())
		tb.checkPage(t, loc, 2)
		year, _ := chromedp.Run(tb.ctx, chromedp.Value(`select[name=year]`))
		adj, _ := chromedp.Run(tb.ctx, chromedp.Text(`#adjusted`))
		if year != c.want || !strings.Contains(adj, "showing "+c.want) || !strings.Contains(adj, "Key "+c.key) {
			t.Errorf("%s, choosing %s: year %q, note %q; want %s and a note saying so", c.from, c.key, year, adj, c.want)
		}
	}
}

// The trend of a rare offence (050000: below 0.002 suspects per 100,000)
// has an axis whose labels differ, not "0, 0, 0"; the usual trend keeps
// whole numbers.
func TestTrendAxisOfSmallRates(t *testing.T) {
	for _, c := range []struct {
		path     string
		decimals bool
	}{
		{"/factsheet?year=2017&offence=050000", true},
		{"/factsheet?year=2023&offence=890000", false},
	} {
		tb := newTab(t)
		tb.load(t, c.path)
		tb.checkPage(t, c.path, 2)
		labels, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](`(() => {
			const ax = [...document.querySelectorAll('#chart-trend-rates .role-axis')].find(a => (a.getAttribute('aria-label') || '').startsWith('Y-axis'));
			return ax ? [...ax.querySelectorAll('.role-axis-label text')].map(t => t.textContent) : [];
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if len(labels) < 3 {
			t.Fatalf("%s: trend y-axis labels %q", c.path, labels)
		}
		seen := map[string]bool{}
		for _, l := range labels {
			if seen[l] || strings.Contains(l, ".") != c.decimals {
				t.Errorf("%s: the trend's y-axis labels are %q; want them all different, with decimals: %v", c.path, labels, c.decimals)
				break
			}
			seen[l] = true
		}
	}
}

// A keyboard user moving through a selector with the arrow keys stays on
// the page (Chromium fires "change" at each arrow key on a closed select;
// submitting then left the page at the first key, WCAG 3.2.2); Enter or
// the Show button shows the choice, and a choice made with the mouse
// (TestAreaSelector) still shows at once.
func TestSelectorKeyboard(t *testing.T) {
	tb := newTab(t)
	path := "/factsheet?year=2023&offence=890000"
	tb.load(t, path)
	// The years run newest first: two steps down from 2023 is 2021.
	if err := chromedp.Do(tb.ctx,
		chromedp.Focus(`select[name=year]`),
		chromedp.KeyEvent(kb.ArrowDown),
		chromedp.KeyEvent(kb.ArrowDown),
	); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1500 * time.Millisecond)
	loc, _ := chromedp.Run(tb.ctx, chromedp.Location())
	year, _ := chromedp.Run(tb.ctx, chromedp.Value(`select[name=year]`))
	if !strings.Contains(loc, "year=2023") || year != "2021" {
		t.Fatalf("after two arrow keys in the year selector: at %s with %q selected; want to stay at 2023 with 2021 selected", loc, year)
	}
	visible, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](`(() => { const b = document.querySelector('form.query button[type=submit]'); return !!b && b.offsetParent !== null; })()`))
	if err != nil || !visible {
		t.Errorf("with JavaScript, the fact sheet's form has no visible Show button (%v)", err)
	}
	if err := chromedp.Do(tb.ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	loc = tb.waitLocation(t, "year=2021")
	if err := chromedp.Do(tb.ctx, chromedp.WaitReady(`body[data-charts]`)); err != nil {
		t.Fatal(err)
	}
	tb.checkPage(t, loc, 2)
	// Type-ahead and arrows in the offence selector, then the Show button.
	if err := chromedp.Do(tb.ctx,
		chromedp.Focus(`select[name=offence]`),
		chromedp.KeyEvent(kb.ArrowDown),
	); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1 * time.Second)
	key, _ := chromedp.Run(tb.ctx, chromedp.Value(`select[name=offence]`))
	if loc2, _ := chromedp.Run(tb.ctx, chromedp.Location()); loc2 != loc || key == "890000" {
		t.Fatalf("after an arrow key in the offence selector: at %s with %q selected; want to stay at %s with another key", loc2, key, loc)
	}
	if err := chromedp.Do(tb.ctx, chromedp.Click(`form.query button[type=submit]`)); err != nil {
		t.Fatal(err)
	}
	tb.waitLocation(t, "offence="+key)
}
