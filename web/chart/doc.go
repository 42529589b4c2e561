// Package chart builds the dashboard's charts as Vega-Lite specifications
// in Go, each with the table of numbers it draws, so that every chart can
// be downloaded as data (CSV, JSON) and as a complete spec.
//
// The package only arranges numbers it is given; it computes no statistic.
// The specs are rendered in the browser by the vendored vega, vega-lite and
// vega-embed with vega-interpreter, so they need no eval (see package web).
package chart
