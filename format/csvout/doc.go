// Package csvout writes tables as long CSV: one column per dimension
// holding category ids, then "value" and, when any value has a status,
// "status". Several tables go into one file with a leading "dataset"
// column and the union of their dimension columns.
package csvout
