// Package rates holds benchmarks of the rates engine: standardizing a large
// table through rate.FromTable and rate.Compare, against a naive baseline
// that looks up every cell by its category ids. Run:
//
//	go test -run XXX -bench . -benchmem ./bench/rates/
package rates
