// Package mediabench benchmarks the media coder on the Frankfurt police
// corpus against a baseline that applies one regular expression per
// lexicon term (RegexpPerTerm), and holds that baseline for the all-corpora
// run of ./corpus, which measures it on a sample of every corpus in the
// same run. How to run them: README.md.
//
//	go test ./bench/media -bench . -benchmem -run XXX -benchtime 1x -cpu 1
package mediabench
