// Package sdmx reads SDMX-CSV files (versions 1.0, 2.0 and 2.1, and the
// ECB's csvdata, whose first column is the series KEY) into
// [baserate.Table] values, one per structure the file names, without the
// data structure definition (DSD).
//
// Without a DSD the reader tells the columns apart by the SDMX naming
// conventions: DATAFLOW (1.0) or STRUCTURE, STRUCTURE_ID, STRUCTURE_NAME,
// ACTION, SERIES_KEY, OBS_KEY and "LAST UPDATE" are message columns;
// OBS_VALUE (and OBS_VALUE1.., MEAS_*, MEAS1..) are measures; ATTR_* columns,
// columns with a [..] suffix, and the cross-domain attribute concepts
// (OBS_STATUS, OBS_FLAG, CONF_STATUS, UNIT_MULT, DECIMALS, ...) are
// attributes (as are ATT*, and At_* in the VTL naming where Me_* are
// measures); every other column is a dimension, TIME_PERIOD with the time
// role. A column of unknown kind after the measures (where SDMX-CSV writes
// attributes) becomes an attribute when the observations are told apart
// without it. Several measures add a last dimension "measure".
//
// OBS_STATUS, OBS_FLAG or CONF_STATUS becomes the value's status (except
// the SDMX code "A", normal). Attributes that are the same on every row are
// kept in the extension. Labels given as "ID: Name" (the labels=both
// option; "FREQ:Frequency" in headers too) are split into id and label;
// with STRUCTURE_NAME, each column is
// followed by its label column. Deletion rows (ACTION D) are cells with no
// value and status "D"; an empty dimension in them is the wildcard "*".
// A decimal comma is accepted when the delimiter is ';'. A missing-value
// symbol in a measure (":", "..", "x", ...) is no value, with the symbol
// as status.
package sdmx
