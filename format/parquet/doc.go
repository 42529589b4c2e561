// Package parquet writes tables as long Parquet files with the columns of
// package csvout's CSV, in the same order, so that R (arrow), pandas and
// DuckDB read the same table from either: one column per dimension in the
// table's order, "value" as an optional double (null when missing) and,
// when any value has a status (or Options.Status asks for it), "status"
// as an optional string. Several tables share one file with a leading
// "dataset" column and the union of their dimensions, each optional.
//
// Dimension columns hold category ids as strings, except a time
// dimension (role time, or named year, time or Jahr) whose every id is a
// plain integer ("2023"; not "2023Q1" or "0001"), which is an int64
// column, as a CSV reader would type it. Codes such as "010000" stay
// strings. Pages are Snappy-compressed.
package parquet
