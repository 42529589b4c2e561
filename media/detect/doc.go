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
// files (package lexicon). Roles are decided by a clause model (clause.go):
// the mention's clause, its noun phrase's grammatical part from cheap
// morphology (case of the determiner, prepositions, place before or after
// the verb) and the argument roles of the clause's verbs and role nouns
// (frames.tsv); where it has no answer, role cues scored by distance
// decide, and the evidence says which did. A Coder is safe for concurrent
// use.
package detect
