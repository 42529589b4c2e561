// Package genesis reads the flat CSV export ("Flatfile CSV") of the GENESIS
// databases of the German statistical offices (Destatis GENESIS-Online,
// Regionaldatenbank) into a [baserate.Table], with errors that name the
// file, line and column.
//
// A flat file has one row per value: the table code, the time
// (time_code, time), one block of four columns per classifying variable
// ({n}_variable_code, {n}_variable_label, {n}_variable_attribute_code,
// {n}_variable_attribute_label) and the value with its unit and the value
// variable. The older layout, which the Regionaldatenbank and GENESIS
// clients still give, has German headers (Statistik_Code, Zeit,
// {n}_Merkmal_Code, {n}_Merkmal_Label, {n}_Auspraegung_Code,
// {n}_Auspraegung_Label) and one column per value variable, named
// CODE__Label__Unit ("BEVSTD__Bevoelkerungsstand__Anzahl"); each becomes a
// category of the measure dimension with its unit. Files come in UTF-8 (with or without a byte-order mark) or in
// Latin-1; the delimiter is ";". Destatis's special symbols ("-" nothing,
// "." unknown or secret, "..." not yet available, "x" not applicable, "/"
// too uncertain) become missing values with a status flag; a value may
// carry a trailing "p" (provisional), "r" (revised) or "e" (estimated).
//
// ReadCube reads the other GENESIS export, the cube file ("Datenquader":
// K/D sections DQ, DQA, DQZ, DQI, QEI), into the same shape with codes as
// categories (a cube carries no labels) and quality flags as statuses.
package genesis
