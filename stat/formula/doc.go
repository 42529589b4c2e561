// Package formula parses R-style model formulas, and turns a parsed formula
// and a data source into a design (response, model matrix, offset, fixed
// effects) with columns coded and named exactly as R's model.matrix codes
// and names them.
//
// Parsing is separate from fitting: [Parse] only reads the text and reports
// errors with the column they are at; [Formula.Design] evaluates it on data.
//
// The language, by example:
//
//	suspects ~ group + age + log(density) + group:age + offset(log(pop)) | district + year
//
// Left of "~" is the response, an arithmetic expression (usually a column
// name). On the right, "+" adds terms, ":" forms interactions, "a*b" is
// a + b + a:b, "a/b" is a + a:b, "(a + b)^2" is every interaction up to order
// 2, "- term" removes a term, and "- 1" or "+ 0" removes the intercept.
//
// A variable is a column, or a call: log, log2, log10, log1p, exp, expm1,
// sqrt, abs, and I(...) with + - * / ^ arithmetic inside; factor(x) treats a
// numeric column as categorical, and relevel(x, "level") chooses the
// reference category. offset(expr) adds expr to the linear predictor with
// coefficient 1.
//
// Right of "|" are fixed effects to be absorbed, separated by "+"; "a^b" is
// the fixed effect of each observed combination of a and b (as in fixest).
//
// Factors use treatment coding: the reference category is the first level in
// sorted order (bytewise, as R under LC_COLLATE=C; numerically for numeric
// columns) unless relevel names it. Whether a factor in a term is coded by
// contrasts or by a full set of dummies follows R's rule (Statistical Models
// in S, p. 38), including a model without intercept. Columns are named as R
// names them: "groupnational", "age21-29", "log(x)", "groupnational:age21-29",
// "relevel(group, \"national\")foreign", "(Intercept)". Terms are ordered as R
// orders them: by degree, then in order of appearance.
//
// When fixed effects are absorbed, factors are coded as if the intercept
// were present (R's dummy-variable fit of the same model), and the intercept
// column is left out, as fixest does.
package formula
