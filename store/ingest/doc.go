// Package ingest loads files into the store in one transaction: tables
// through the format readers, coded media corpora from the JSON Lines that
// "baserate media code" writes. Either every file given is stored, or,
// when one is bad or the process dies, none is, and the store is as it was.
package ingest
