// Package frame reads a delimited text table into typed columns, numeric or
// factor, and reports malformed input with the file and line it is on.
//
// A [Frame] is the row-oriented data a model is fitted to, as opposed to the
// dense labelled cube of [baserate.Table]: one record per observation, each
// column either numeric (float64, NaN where missing) or a factor (int32 codes
// into a list of levels, -1 where missing). [ReadCSV] infers the kind of each
// column: a column is numeric when every non-missing field parses as a
// number, otherwise it is a factor. [FromTable] turns a cube into a frame
// with one factor column per dimension.
//
// Frame satisfies the data source interface of package stat/formula: it
// hands out numeric columns, and factors with their levels sorted (bytewise
// for text, numerically for numbers), so that the first level is the
// reference category as in R under LC_COLLATE=C.
package frame
