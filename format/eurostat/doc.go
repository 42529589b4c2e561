// Package eurostat reads Eurostat's tab-separated bulk files (TSV) into a
// [baserate.Table]: the modern header "freq,unit,geo\TIME_PERIOD" and the
// older "unit,geo\time", with ":" for missing values and flags after the
// number ("12.3 p", ": c", "1 bep").
//
// The dimensions are the comma-separated codes of the first column, in
// header order, then time, whose categories keep the column order of the
// file (Eurostat writes some datasets newest first). Row categories are in
// the order first seen; combinations that no row names are missing. A
// value's flags become its status; a bare ":" has status ":" and a ":"
// with a flag has the flag ("c" confidential). Time gets the time role and
// a dimension named geo the geo role.
//
// The reader works on bytes, one line at a time, without encoding/csv, and
// holds only the values it has read; a cube larger than MaxCells is refused.
package eurostat
