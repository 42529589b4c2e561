// Package xlsx reads a table from an Excel workbook (XLSX) as offices and
// police forces publish them: a title line or two, one or more header rows,
// label columns on the left, number columns on the right, footnotes below.
// The caller may choose the sheet, the cell range and the number of header
// rows; what is not given is detected.
//
// The result is a long [baserate.Table]: one dimension per label column
// (categories in the order first seen; an empty label repeats the one
// above, as merged or sparse label columns mean) and a last dimension
// "measure" whose categories are the number columns' headers (several
// header rows are joined with " / ", merged header cells spread across
// their range). Text in a number column ("-", ".", "x", "…") is a missing
// value with that text as its status. Leading lines with a single cell
// become the table's label; rows after the data with no number are notes.
//
// Workbooks are opened with excelize, with bounds on the unzipped size so
// that a small file cannot expand without limit.
package xlsx
