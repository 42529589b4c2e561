// Package lexicon loads the data files that hold what the media coder
// knows about each language: nationality words built from the shared
// gazetteers by morphology rules, status words, role cues, offence terms,
// appearance descriptions and phrases to set aside. Adding a language
// means adding a folder of data files (see README.md in this folder); the
// files are embedded in the binary.
package lexicon
