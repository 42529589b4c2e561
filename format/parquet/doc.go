// Package parquet writes tables as long Parquet files that R (arrow),
// pandas and DuckDB read directly: one string column per dimension holding
// category ids, "value" as an optional double (null when missing) and,
// when any value has a status, "status" as an optional string. Several
// tables share one file with a leading "dataset" column.
//
// Columns are stored in name order (parquet-go groups sort their fields);
// readers select them by name. Pages are Snappy-compressed.
package parquet
