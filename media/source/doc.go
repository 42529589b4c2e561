// Package source reads crime texts as a stream of [baserate.Article]:
// JSON Lines, JSON arrays, CSV with named columns (the police CSVs of
// ../shared/data/news as they are: ";"-separated, quoted with "'", with or
// without a header), HTML pages reduced to their article text
// (codeberg.org/readeck/go-readability), RSS and Atom feeds
// (github.com/mmcdole/gofeed), and WARC files (package format/warc),
// plain or gzip-compressed. Memory does not grow with the number of
// texts: each reader holds one record at a time.
//
// A bad record gives an error naming the file and the line or byte offset
// ("file.jsonl:3: ..."). Errors of one record are a [*RecordError]: the
// reader can go on after them (a caller with --keep-going skips and counts
// them). Any other error ends the stream.
package source
