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
//
// The files follow one text's way through the coder: coder.go compiles a
// language's lexicon and finds its terms; decide.go runs the decisions of
// one text (decider.code); accept.go decides which words name a person's
// origin; clause.go is the clause model, roles.go the cue scores and
// defaults, pronoun.go the persons taken up again, and mentions.go weighs
// the mentions of a text against each other; segment.go, describe.go and
// group.go handle bundled releases, descriptions and two-party phrases;
// family.go and aggregate.go the offence families and statistics pieces;
// crimemodel.go and rolemodel.go (fitted by rolefit.go) the learned
// models that revisit the rules' crime and role decisions.
package detect
