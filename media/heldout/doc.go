// Package heldout is a hand-coded test set of crime texts that no rule of
// the media coder was tuned on: about 200 texts drawn at random (seeded)
// from every corpus in ../shared/data/news, coded by reading them, following
// ../shared/data/gold/CODEBOOK.md.
//
// Only references and codings are stored here (heldout.jsonl): the corpus
// file, the article's id as package source reads it, and a SHA-256 of the
// text. Load rebuilds the texts from ../shared, so that no text of an
// unlicensed or CC BY-NC-SA corpus is copied into the repository. See
// README.md for how the set was drawn and coded.
package heldout
