package e2e

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// chartTexts is what a rendered chart writes: the labels of each of its
// axes, its value labels, and the values of its data rows.
type chartTexts struct {
	ID     string     `json:"id"`
	Axes   [][]string `json:"axes"`
	Labels []string   `json:"labels"`
	Values []float64  `json:"values"`
}

// numberText is the text of a number as the charts' d3 formats write it.
var numberText = regexp.MustCompile(`^[−-]?[\d,]*(\.(\d+))?%?$`)

// parseShown returns the number a chart's text shows and the half-width
// of the interval it rounds (0.05 for "0.1"), in the value's units.
func parseShown(s string) (v, half float64, ok bool) {
	m := numberText.FindStringSubmatch(s)
	if m == nil || s == "" {
		return 0, 0, false
	}
	t := strings.NewReplacer("−", "-", ",", "", "%", "").Replace(s)
	v, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return 0, 0, false
	}
	half = 0.5 * math.Pow10(-len(m[2]))
	if strings.HasSuffix(s, "%") {
		v, half = v/100, half/100
	}
	return v, half, true
}

// The charts of a rare offence show the digits their numbers need, on a
// desktop and on a phone: every numeric axis has labels that differ (the
// fact sheet's rates of 050000 read "0.0, 0.0, 0.0"; the decomposition
// of 000000, 2024, read "0, 1, 1, 2, 2" at 1,280 px), and every value
// label is one of the chart's values, rounded, and reads 0 only for a
// value of 0 (the German rate of 050000, 0.0014, read "0.0"; a part of
// 0.39 read "0"). The usual fact sheet keeps its labels.
func TestChartLabelsShowTheirDigits(t *testing.T) {
	pages := []struct {
		path   string
		charts []string
	}{
		{"/factsheet?year=2017&offence=050000", []string{"factsheet-rates", "factsheet-ratios", "trend-rates", "trend-shares"}},
		{"/factsheet?year=2024&offence=000000", []string{"factsheet-rates", "factsheet-ratios", "factsheet-decomposition", "trend-rates"}},
		{"/factsheet?year=2023&offence=890000", []string{"factsheet-rates", "factsheet-ratios", "factsheet-decomposition", "trend-rates", "trend-shares"}},
	}
	for _, width := range []int{1280, 375} {
		for _, p := range pages {
			tb := newTab(t)
			if width != 1280 {
				if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(int64(width), 812, chromedp.EmulateMobile)); err != nil {
					t.Fatal(err)
				}
			}
			tb.load(t, p.path)
			if width == 1280 {
				tb.checkPage(t, p.path, len(p.charts))
			}
			charts, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]chartTexts](`[...document.querySelectorAll('figure[data-chart][data-rendered=true]')].map(f => ({
				id: f.dataset.chart,
				axes: [...f.querySelectorAll('.vis svg .role-axis')].map(a => [...a.querySelectorAll('.role-axis-label text')].map(t => t.textContent)),
				labels: [...f.querySelectorAll('.vis svg .role-mark.mark-text text')].map(t => t.textContent),
				values: JSON.parse(f.querySelector('script.spec').textContent).data.values.map(r => r.value).filter(v => typeof v === 'number'),
			}))`))
			if err != nil {
				t.Fatal(err)
			}
			where := func(c chartTexts) string { return p.path + " at " + strconv.Itoa(width) + "px, " + c.ID }
			seen := map[string]bool{}
			for _, c := range charts {
				seen[c.ID] = true
				for _, ax := range c.Axes {
					if len(ax) == 0 {
						continue
					}
					numeric := true
					for _, l := range ax {
						_, _, ok := parseShown(l)
						numeric = numeric && ok
					}
					if !numeric {
						continue
					}
					if len(ax) < 2 {
						t.Errorf("%s: one axis label %q", where(c), ax)
					}
					for i := 1; i < len(ax); i++ {
						if ax[i] == ax[i-1] {
							t.Errorf("%s: axis labels %q repeat %q", where(c), ax, ax[i])
							break
						}
					}
				}
				// Each label shows a value of its own: two labels "0.0"
				// for the rates 0 and 0.0014 are one too many.
				unused := slices.Clone(c.Values)
				for _, l := range c.Labels {
					n, half, ok := parseShown(l)
					if !ok {
						continue // "same rate", "2016: new counting rule"
					}
					i := slices.IndexFunc(unused, func(v float64) bool { return math.Abs(v-n) <= half*(1+1e-9) && (n != 0 || v == 0) })
					if i < 0 {
						t.Errorf("%s: value label %q shows none of the values %v", where(c), l, c.Values)
						continue
					}
					unused = slices.Delete(unused, i, i+1)
				}
			}
			// At 375px only the charts' numbers are checked here; what
			// else a phone must show is TestNarrowScreen's.
			for _, id := range p.charts {
				if !seen[id] {
					t.Errorf("%s at %dpx: no chart %s", p.path, width, id)
				}
			}
			if p.path == "/factsheet?year=2023&offence=890000" {
				for _, c := range charts {
					if c.ID == "factsheet-rates" && strings.Join(c.Labels, " ") != "1,853.7 5,739.4" {
						t.Errorf("%s: the usual rates are labelled %q, want 1,853.7 and 5,739.4", where(c), c.Labels)
					}
				}
			}
		}
	}
}
