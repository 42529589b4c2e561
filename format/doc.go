// Package format opens the files statistical offices publish —
// JSON-stat, PC-Axis PX, Eurostat TSV, SDMX-CSV, GENESIS flat CSV, XLSX
// and tidy CSV — as [baserate.Table] values, telling the format from the
// file's name and first bytes (looking inside gzip), and gives any table as
// a long table of rows ([Long]) for writers and commands.
//
// Each format has its own package (format/px, format/jsonstat, ...) that
// can be used alone; this package holds the registry that picks one. The
// registry is the only package-level state: one entry per format, with a
// sniffer and a reader, so adding a format is one line.
//
// WARC files are recognised but hold web records, not tables; package
// format/warc reads them.
package format
