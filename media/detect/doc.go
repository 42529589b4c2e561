// Package detect codes crime texts following the codebook in
// ../shared/data/gold/CODEBOOK.md: whether a text reports an offence, which
// offence families, whether it names the origin of a suspect and which
// origins, the origins of victims and witnesses kept apart, and
// appearance-only descriptions. Every decision carries its evidence: the
// span of the text, the lexicon term, and for origins the role cue that
// decided between suspect and victim.
//
// All terms of a language are found in one pass of an Aho–Corasick
// automaton over normalized text (package textnorm); the lexicons are data
// files (package lexicon). A Coder is safe for concurrent use.
package detect
