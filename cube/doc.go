// Package cube selects, regroups, aggregates and aligns labelled tables of
// counts and populations, carrying value flags and caveats through every
// operation.
//
// The typical use is to bring a table of suspects (numerators) and a table
// of residents (denominators) onto the same dimensions and categories with
// [Align], after summing out what only one of them has with [Sum] and
// mapping finer categories onto coarser ones with [Regroup].
//
// Missing values (NaN) propagate: a sum that includes a missing value is
// missing, and its status says so. Caveats of the inputs are merged into
// every output.
package cube
