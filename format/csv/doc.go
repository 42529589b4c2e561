// Package csv reads tidy CSV files with declared columns into a
// [baserate.Table], and refuses bad input with the file and line of the
// first problem ("file.csv:4: field \"pop\": \"x\" is not a number").
//
// Tidy means one row per cell: some columns name the categories of the
// table's dimensions, others hold numbers (measures). The caller declares
// which is which in a [Spec]; the table gets one dimension per declared
// dimension column, with categories in the order first seen, and a last
// dimension "measure" (or "measure_2" when a dimension column is named
// "measure") with one category per measure column; [Spec.Status] names the
// columns of status flags that "baserate convert" writes. Ragged rows,
// non-numbers, negative numbers where they are refused, missing cells that
// are not allowed, and two rows for the same cell are errors.
//
// The delimiter (comma, semicolon or tab) is taken from the header line
// unless declared; a UTF-8 byte-order mark is skipped.
//
// Numbers are decimal: an optional sign, digits, a decimal point, an
// exponent (hexadecimal, digit separators, "Inf" and "NaN" are refused).
// In semicolon- and tab-separated files, as spreadsheets in German and
// other decimal-comma locales export them, a column whose values show a
// decimal comma ("12,5") or dots between thousands ("12.108.988") is read
// that way; one whose values show decimal points ("0.125") is read with
// points; a column that shows both, or whose only dotted values are a dot
// followed by three digits ("694.981": 694,981 or 694.981?), is refused
// with the line, since the two readings differ by a factor of 1,000.
package csv
