// Package web holds the dashboard's HTML templates and static assets,
// embedded in the binary: the vendored chart libraries (vega, vega-lite,
// vega-embed, vega-interpreter; see web/npm and static/vendor/SHA256SUMS),
// the page script that renders charts without eval, and the stylesheet.
//
// It promises pages that work under a strict Content-Security-Policy
// ([CSP]): no inline script but the import map, no eval, no outside host.
// Templates only format numbers they are given; the chart specs come from
// package web/chart.
package web
