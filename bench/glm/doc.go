// Package glmbench holds the benchmarks of package stat/glm: synthetic
// Poisson data with two high-dimensional fixed effects (the setting of
// fixest's benchmarks), and the 1,536-cell table of the reference scripts.
// The Go benchmarks are in bench_test.go; run.sh runs the full comparison
// (accelerated against plain alternating projections in the same run,
// statsmodels on the cell table, peak memory of the 10M-row fit) and
// writes results.md.
package glmbench
