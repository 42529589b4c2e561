// Package px reads PC-Axis PX files, the format of Statistics Sweden's
// PX-Web used by the Nordic offices, Switzerland, Spain and many others,
// into a [baserate.Table], keeping codes, labels in every language, roles,
// units, hierarchies, notes and the meaning of every missing-value symbol.
//
// Dimensions are the STUB variables followed by the HEADING variables;
// category ids are the CODES where the file has them, else the VALUES of
// the default language; labels in the other LANGUAGES are kept in
// Labels. DATA streams into the table without the file being held in
// memory; only the declared cube is allocated, and a declaration beyond
// Options.MaxCells is refused before allocation.
//
// Missing-value symbols (".", "..", ... "......", ":" and any other
// quoted text) make the value NaN with the symbol as its status, and the
// DATASYMBOLn meanings are kept in the extension; "-" (DATASYMBOLNIL) is
// a true zero and reads as 0 with status "-". DATANOTECELL markers become
// the status of cells that have none. KEYS files are sparse: rows left
// out are zeros, as the PX rules say, and a caveat says how many.
//
// Text is decoded by CODEPAGE (or CHARSET), but a declaration the bytes
// contradict is reported as a caveat, never silently followed: a file that
// says iso-8859-15 but holds UTF-8 is read as UTF-8, and replacement
// characters already in the text are pointed out. Syntax errors name the
// file, the line and the keyword; they are fatal in the keywords that
// shape the cube and caveats in descriptive text.
package px
