// Package jsonstat reads JSON-stat documents (2.0 datasets and
// collections, and the 1.x dataset and bundle forms) into
// [baserate.Table] values, and writes tables as JSON-stat 2.0.
//
// Values and statuses may be arrays or sparse objects keyed by cell index;
// a category index may be an array or an object of positions, or be left
// out for one category; sizes may be given as strings. Roles, units,
// hierarchies (child), notes and extensions are kept. A collection yields
// its embedded datasets and lists its other items as links.
//
// Problems are reported with a JSON path and the code the json-stat.org
// validator uses for them (VALUE_LEN_MISMATCH, INDEX_POSITIONS_INVALID,
// CHILD_CYCLE, ...): errors stop Read, warnings (METRIC_UNIT_MISSING,
// BUNDLE_DEPRECATED) travel in Document.Issues. [Check] returns them all.
//
// JSON-stat has no field for multilingual labels or for caveats; Write puts
// them under extension.baserate and Read restores them, so writing a table
// and reading it back gives the same values, statuses and labels.
package jsonstat
