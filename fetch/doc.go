// Package fetch downloads statistical tables from the offices' APIs —
// Eurostat's dissemination API (JSON-stat, TSV, SDMX-CSV), Destatis
// GENESIS and the Regionaldatenbank (flat CSV), and PxWeb API v1 and v2
// (JSON-stat 2.0, PX, CSV) — to local files that package format reads.
//
// A [Client] writes to FILE.part and renames it when complete, so FILE is
// never half-written; after an interruption the next Download asks for the
// rest with an HTTP Range request (If-Range guarding against a changed
// file) and appends it. Progress is a single line rewritten on a writer
// such as standard error. The clients build requests only: tests answer
// them from recorded responses on a local test server.
package fetch
