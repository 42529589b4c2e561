// Package warc reads WARC files (ISO 28500, versions 0.17, 1.0 and 1.1),
// plain or compressed one gzip member per record, as a stream of records
// with their byte offsets, and reports damage at the offset where it is
// found instead of skipping it.
//
// A [Reader] yields [Record] values in file order. Each record carries its
// offset and length in the file (for .warc.gz, of its gzip member, which
// is what CDX indexes and warcio print), its header fields in file order
// with case-insensitive lookup, and its content block as a stream that is
// valid until the next call to Next. [Summarize] counts records by type.
//
// The reader is lenient where archives in the wild vary and harmless to
// accept (lower-case "warc/1.0" lines and field names, LF instead of CRLF,
// extra blank lines between records, a missing Content-Length on an empty
// record) and records each such deviation in [Record.Issues]. It stops
// with an error naming the file and offset where the framing cannot be
// trusted: data that is not a record, a truncated block, a gzip member
// that holds more than one record (a file compressed whole instead of
// record by record), or a header beyond the size limit.
//
// The parser is our own rather than github.com/nlnwa/gowarc: on the peer
// test files that library silently skips records whose version line is
// lower case and drops every record after the first of a file compressed
// as one gzip member, both of which this package must report.
package warc
