// Package eval measures codings against hand-coded gold lines shaped like
// ../shared/data/gold/dev.jsonl: per field precision, recall, F1 and
// Cohen's kappa, micro-F1 on (text, origin code) pairs, the rate at which
// victims are miscounted as suspects, and the list of errors with the
// coder's evidence, overall and per language.
package eval
