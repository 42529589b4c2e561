// Package fetch downloads statistical tables from the offices' APIs —
// Eurostat's dissemination API (JSON-stat, TSV, SDMX-CSV), Destatis
// GENESIS and the Regionaldatenbank (flat CSV), and PxWeb API v1 and v2
// (JSON-stat 2.0, PX, CSV) — to local files that package format reads.
//
// A [Client] writes to FILE.part and renames it when complete, so FILE is
// never half-written; after an interruption the next Download asks for the
// rest with an HTTP Range request (If-Range guarding against a changed
// file) and appends it. A part is resumed only by the same request (method,
// URL and body) and only when the server gave an ETag or Last-Modified to
// guard it; otherwise the download starts again. An API's error answered
// with status 200 (GENESIS) is caught before the rename, so it never
// replaces an earlier download. Progress is a single line rewritten on a
// writer such as standard error.
//
// A server that sends nothing for [Client.Stall] is given up; 429 and 503
// answers are tried again after the Retry-After wait (within
// [Client.MaxWait]); a redirect that would turn a POST into a GET, or carry
// credentials to another host, is refused. The clients build requests
// only: tests answer them from recorded responses on a local test server.
package fetch
