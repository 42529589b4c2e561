// Package factsheet answers, from the bundled official data (package
// bundle), how German and non-German suspects of an offence compare in a
// year: counts, populations, rates per 100,000 with exact intervals, the
// rate ratio, shares of suspects and of the population, and how much of the
// crude ratio is left after age (and, for 2024, sex) standardization, with
// the caveats that concern the numbers. It never prints; every result is a
// JSON-tagged struct for the CLI and the HTTP server.
//
// Where the bundle has no population by age for a year (2020–2022), the
// sheet says so in NoAgeBreakdown instead of standardizing with an
// invented age structure.
package factsheet
