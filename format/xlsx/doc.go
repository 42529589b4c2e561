// Package xlsx reads one table from an Excel workbook (XLSX) as statistical
// and police offices publish them, into a [baserate.Table] whose
// dimensions, values and statuses say what the sheet says, or fails with
// an error that names the file, the sheet or cell, and the option to give.
//
// The caller may choose the sheet, the cell range and the number of
// header rows; what is not given is detected. The first visible sheet
// with a table of numbers is read (empty and hidden sheets, and notes or
// contents sheets whose only numbers count rows, are passed over).
// Leading lines with one cell are the table's label; the header is the
// rows right above the first row of numbers (a header row of years is a
// header, not data); rows after the data without numbers are notes.
//
// Label columns are dimensions (an empty label repeats the one above; a
// code column and the name column beside it are one dimension; columns
// that describe rows already told apart are attributes; sheets of records
// get a dimension "row"; heading rows over blocks that repeat the labels
// are a dimension "section"). The number columns make a last dimension
// "measure" whose categories are their headers joined with " / ", or one
// dimension per header row when those rows cross in full (year over sex
// over measure).
//
// Values are numbers, numbers stored as text (thousands commas, German
// notation when the sheet shows it), flagged numbers ("123 p", "45 [u]",
// "(4.7)"), or missing with the office's symbol as status ("-", ".", "x",
// "...", ":", "[c]"); a flag column after a number column gives its
// values' status. Dates become ISO dates, booleans TRUE and FALSE, and
// formulas without cached values are computed. Filled labels,
// attributes, record rows, renamed codes, repeated labels, German
// notation and cells with digits that could not be read are reported as
// caveats.
//
// Workbooks are opened with excelize, with bounds on the unzipped size so
// that a small file cannot expand without limit.
package xlsx
