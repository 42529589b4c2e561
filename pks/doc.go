// Package pks reads the tables of the German Police Crime Statistics
// (Polizeiliche Kriminalstatistik, PKS) of the Bundeskriminalamt from the
// published .xlsx workbooks into [baserate.Table] values, with errors that
// name the file, sheet and cell.
//
//   - [ReadTimeSeries] reads the time-series tables of suspects by offence
//     key, year and age: T40 (German suspects, ZR-TV-04) and T50
//     (non-German suspects, ZR-TV-07), 1987 onward.
//   - [ReadLaender] reads the basic table by Land, LA-F-01-T01: cases,
//     attempts, scene of crime by municipality size, clearance and suspects
//     (total, male, female, non-German) per offence key and Land.
//
// The readers keep the BKA's own remarks (series breaks, territory) as table
// notes; the caveats that follow from them are attached by the callers that
// know which numbers a result uses (see package bundle).
package pks
