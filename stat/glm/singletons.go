package glm

// Singletons: an observation alone in a level of a fixed effect is fitted
// exactly (its mean equals its count, the level's effect absorbing
// whatever the rest of the model says), contributes nothing to the
// estimating equations of the coefficients or of the other fixed effects,
// and its partialled-out regressors are zero. Setting such rows aside
// before the iterations therefore changes no estimate and no standard
// error; only the counts that the dummy-variable fit makes with them must
// be put back: the observations, the log-likelihood (their deviance and
// Pearson residuals are zero), one fixed-effect parameter per row, the
// levels and the clusters they alone have. Correia (2015, "Singletons,
// cluster-robust standard errors and fixed effects") describes the
// reduction; unlike reghdfe and fixest (fixef.rm = "singleton"), which
// drop the rows from the model, baserate reports the fit of all rows, so
// nothing in the result depends on it.
//
// It is used for Poisson and quasi-Poisson fits with one or two fixed
// effects whose rows are not collapsed by pattern (prepareFE finds them).
// The negative binomial's theta depends on the rows' likelihood at every
// theta, so those fits keep them.

// singletons are the rows set aside.
type singletons struct {
	n      int
	ll     float64 // their Poisson log-likelihood at mu = y
	rows   []int   // their input rows (0-based)
	levels []int   // per fixed effect (input order), levels that only they have
}

// inputRows returns the input rows (0-based) the fit used, singletons
// included.
func (m *model) inputRows() []int {
	w := m.w
	var rows []int
	if w.base == nil {
		for i := 0; i < w.n; i++ {
			rows = append(rows, w.rowOf(i))
		}
	} else {
		for i := 0; i < w.n; i++ {
			rows = append(rows, w.inputRows(i)...)
		}
	}
	if m.single != nil {
		rows = append(rows, m.single.rows...)
	}
	return rows
}

// distinct counts the distinct codes of f over the given input rows.
func distinct(f Factor, rows []int) int {
	seen := make([]bool, len(f.Levels))
	n := 0
	for _, r := range rows {
		if c := f.Codes[r]; !seen[c] {
			seen[c] = true
			n++
		}
	}
	return n
}

// distinctPairs counts the distinct combinations of two factors over the
// given input rows.
func distinctPairs(a, b Factor, rows []int) int {
	seen := make(map[[2]int32]struct{})
	for _, r := range rows {
		seen[[2]int32{a.Codes[r], b.Codes[r]}] = struct{}{}
	}
	return len(seen)
}
