// Package baserate holds the vocabulary shared by every engine of baserate:
// labelled tables of counts and populations ([Table], [Dimension],
// [Category]), the status flags their values carry ([Status]), the caveats
// and warnings that travel with results as data ([Caveat], [Warning]), and
// the error kinds that the CLI and the HTTP API map to exit codes and status
// codes ([Error], [Kind]).
//
// Data flow in one direction: a reader (package format/...) turns a file
// into a [Table]; the stat packages turn tables into results that carry
// their warnings and caveats; the store keeps tables and results; the CLI,
// API and web only present results.
package baserate
