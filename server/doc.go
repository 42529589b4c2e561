// Package server answers baserate's JSON API under /api/v1/ and the
// dashboard pages, over the embedded store and the statistics engines. It
// presents numbers; it computes none.
//
// It uses the standard library's http.ServeMux with method patterns. Every
// error is answered as application/problem+json (RFC 9457) for the API, or
// as an error page for the dashboard, with the status code chosen in one
// place from the error's kind (baserate.KindOf). Responses carry a strict
// Content-Security-Policy; request bodies and request time are bounded;
// the server is read-only unless an admin token is configured.
package server
