// Package factsheet answers how German and non-German suspects of an
// offence compare in a year: counts, populations, rates per 100,000 with
// exact intervals, the rate ratio, shares of suspects and of the
// population, and how much of the crude ratio is left after age (and,
// where the data have it, sex) standardization, with the caveats that
// concern the numbers. It never prints; every result is a JSON-tagged
// struct for the CLI and the HTTP server.
//
// The numbers come from a [Source]. The default, [Bundled], is the
// official data embedded in package bundle; [NewTableSource] answers from
// tables read from files in any format the format registry knows (PKS
// workbooks, GENESIS flat CSV, JSON-stat, PX, tidy CSV ...), with the
// roles of their dimensions found by name or declared in a [Mapping].
// Suspects and population by age are summed into the age bands both have
// (package stat/rate reads the labels), so PKS bands meet single years of
// age or an office's own bands.
//
// Where a source has no population by age for a year (the bundle for
// 2020–2022), the sheet says so in NoAgeBreakdown instead of standardizing
// with an invented age structure.
package factsheet
