// Package layouts builds small XLSX workbooks that reproduce the layouts
// statistical and police offices publish, and the edge cases of the XLSX
// format that other readers (readxl, openpyxl) test, for the xlsx reader's
// tests. No office's workbook could be fetched (the code search stores
// text only), so each builder imitates one publication from its documented
// or observed layout, and says which.
package layouts
