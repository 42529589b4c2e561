// Package csvrec reads the records of a delimited file one way for every
// baserate reader: each record with the line it starts on, blank lines
// skipped, the context checked as it goes, and the errors of encoding/csv
// turned into input errors that name the file, the line and the column.
package csvrec
