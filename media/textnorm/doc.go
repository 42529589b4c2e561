// Package textnorm turns a text into the normalized form the media lexicons
// are matched on, and keeps the way back: every normalized byte knows the
// byte offset in the original text it came from, so a match on normalized
// text is reported as a span of the original.
//
// Normalized text is lower case with diacritics folded (ä→a, ß→ss, å→a,
// è→e), and every run of characters that are neither letters nor digits
// becomes a single space; it starts and ends with a space. So a term
// written " syrer " matches the word "Syrer" and nothing inside
// "Syrerinnen", without a regular expression.
package textnorm
