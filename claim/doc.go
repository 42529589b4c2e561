// Package claim reads a plain-language claim about migration and crime, in
// English or German, into its parts: the group it is about, the offence,
// the year and the number, with what kind of number it is (a share of
// suspects, a ratio of rates, a rate, a count). It names the words it did
// not understand and the parts the claim lacks, and it attaches framing
// notes (suspects are not convicts; "migrants" are not citizenship).
//
// It reads the forms claims take when pasted from social media, talk shows
// and headlines: fractions ("ein Drittel", "3 out of 10"), numbers as words,
// ranges of numbers and years ("seit 2015", "2015 bis 2019"), directions
// without a number ("überproportional"), German compounds, typos within an
// edit or two of a lexicon word. A claim about one nationality or another
// country is recognized and said to be uncheckable; a claim that cannot be
// true as stated (a share above 100%, two numbers for one thing) carries
// its Problems. testdata/claims.tsv and testdata/heldout.tsv hold the claims
// it is measured on.
//
// The phrases it knows are data files in lexicon/, with their sources;
// adding a phrase or a language is a change to data, not to Go. The package
// parses and compares; it computes no statistic: the figures a claim is
// checked against come from the rates engine (see [Check]).
package claim
