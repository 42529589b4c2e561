// Package e2e holds the browser tests: they build the baserate binary,
// start "baserate serve" on a loopback port, and drive Debian's headless
// Chromium through every dashboard page with chromedp. They check that
// each chart renders as SVG under the strict Content-Security-Policy, that
// the numbers on the pages equal the JSON API's, and save a screenshot of
// each page. In CI (CI set) a missing browser fails the tests.
package e2e
