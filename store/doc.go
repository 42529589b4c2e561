// Package store keeps baserate's tables and coded media corpora in one
// embedded SQLite database, and changes it only in whole transactions: an
// ingest that fails, or a process killed in the middle of one, leaves the
// store as it was.
//
// The database is SQLite through modernc.org/sqlite, a translation of the C
// library to Go. It needs no cgo and no server, builds and cross-compiles
// with the plain Go toolchain, and gives SQLite's atomic commit (rollback on
// a torn write, recovery of the write-ahead log on the next open). The data
// is small (hundreds of thousands of cells) and the statistics are computed
// in Go by the stat packages, so an analytical engine such as DuckDB would
// add a cgo build and a large binary without doing work we need.
//
// A table is stored as its metadata (dimensions, categories, caveats, as
// JSON) plus one row per cell; a coded corpus as one row per coded text.
package store
