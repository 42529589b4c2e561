// Package rates holds benchmarks of the rates engine, each beside a
// baseline in the same run: standardizing a large table through
// rate.FromTable and rate.Compare against a naive baseline that looks up
// every cell by its category ids (BenchmarkNaiveLookup, the same Compare);
// one fact sheet from in-memory tables the size of the PKS workbooks
// against walking every cell of those tables, as the first table source
// did per sheet (BenchmarkFactsheet/baseline-scan-every-cell); and the
// direct standardization alone (BenchmarkDirectOnly, a part of the first,
// without a baseline of its own). -benchmem gives the memory per sheet
// that docs/rates.md quotes. Run:
//
//	go test -run XXX -bench . -benchmem ./bench/rates/
package rates
