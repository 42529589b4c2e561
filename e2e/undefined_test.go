package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A district's sheet whose ratio or share is undefined: Flensburg 2022,
// key 725000 (residence-law offences: no German suspects, so no ratio),
// and Landkreis Südliche Weinstraße 2022, key 435*00 (no suspects at all,
// so no share either). The ratio chart is drawn with its axis and says in
// its row that there is nothing to draw (before, Vega warned "Infinite
// extent" in the console and the chart collapsed to an empty box), and
// the share of suspects is a dash, not 0.0%, as the CSV download's empty
// cell and server.md say.
func TestUndefinedRatioAndShare(t *testing.T) {
	for _, c := range []struct {
		path         string
		shareDefined bool
	}{
		{"/factsheet?year=2022&offence=725000&area=01001", true},
		{"/factsheet?year=2022&offence=435*00&area=07140", false},
	} {
		tb := newTab(t)
		tb.load(t, c.path)
		tb.checkPage(t, c.path, 2)
		tb.checkNumbers(t, c.path)
		type ratios struct {
			Texts []string `json:"texts"`
			Ticks int      `json:"ticks"`
			Width float64  `json:"width"`
		}
		r, err := chromedp.Run(tb.ctx, chromedp.Evaluate[ratios](`(() => {
			const f = document.querySelector('#chart-factsheet-ratios');
			return {
				texts: [...f.querySelectorAll('.vis svg .mark-text text')].map(t => t.textContent),
				ticks: f.querySelectorAll('.vis svg .role-axis-label text').length,
				width: f.querySelector('.vis svg').getBoundingClientRect().width,
			};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(r.Texts, "|"), "undefined") {
			t.Errorf("%s: the ratio chart does not say the ratio is undefined: %q", c.path, r.Texts)
		}
		if r.Ticks < 3 || r.Width < 200 {
			t.Errorf("%s: the ratio chart has %d axis labels and is %.0fpx wide", c.path, r.Ticks, r.Width)
		}
		type card struct {
			Text string `json:"text"`
			Keys int    `json:"keys"`
		}
		s, err := chromedp.Run(tb.ctx, chromedp.Evaluate[card](`(() => {
			const c = [...document.querySelectorAll('.card')].find(c => c.querySelector('.label').textContent === 'Non-German share of suspects');
			return {text: c.querySelector('.big').textContent, keys: c.querySelectorAll('.big [data-key]').length};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if c.shareDefined != (s.Text != "–") || !c.shareDefined && s.Keys != 0 {
			t.Errorf("%s: the share of suspects shows %q (%d API fields); defined: %v", c.path, s.Text, s.Keys, c.shareDefined)
		}
	}
}
