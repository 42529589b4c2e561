package e2e

import "testing"

func TestDatasetsPage(t *testing.T) {
	tb := newTab(t)
	tb.load(t, "/datasets")
	tb.checkPage(t, "/datasets", 0)
	tb.screenshot(t, "datasets")
}
