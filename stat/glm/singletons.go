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
// effects. The negative binomial's theta depends on the rows' likelihood at
// every theta, so those fits keep them.

// singletons are the rows set aside.
type singletons struct {
	n      int
	ll     float64 // their Poisson log-likelihood at mu = y
	rows   []int   // their input rows (0-based)
	levels []int   // per fixed effect (input order), levels that only they have
}

// dropSingletons marks as not kept (in keep, nil meaning all kept, which
// it allocates) the rows alone in a level of some fixed effect, repeatedly
// until none is left, as removing one row can leave another alone. It
// returns keep unchanged and nil when there are none, or when every row
// would go.
func dropSingletons(w *work, keep []bool) ([]bool, *singletons) {
	k := len(w.fe)
	counts := make([][]int32, k)
	for j, f := range w.fe {
		counts[j] = make([]int32, len(f.Levels))
	}
	kept := func(i int) bool { return keep == nil || keep[i] }
	count := func() {
		for j, f := range w.fe {
			c := counts[j]
			clear(c)
			for i, code := range f.Codes {
				if kept(i) {
					c[code]++
				}
			}
		}
	}
	used := func() []int {
		out := make([]int, k)
		for j, c := range counts {
			for _, v := range c {
				if v > 0 {
					out[j]++
				}
			}
		}
		return out
	}
	count()
	before := used()
	found := false
	for _, c := range counts {
		for _, v := range c {
			if v == 1 {
				found = true
				break
			}
		}
	}
	if !found {
		return keep, nil
	}
	out := make([]bool, w.n)
	left := 0
	for i := range out {
		out[i] = kept(i)
		if out[i] {
			left++
		}
	}
	s := &singletons{levels: make([]int, k)}
	for {
		dropped := 0
		for i, kp := range out {
			if !kp {
				continue
			}
			for j, f := range w.fe {
				if counts[j][f.Codes[i]] == 1 {
					out[i] = false
					dropped++
					s.rows = append(s.rows, w.rows[i])
					y := w.y[i]
					s.ll += llPoisson(y, y)
					break
				}
			}
		}
		if dropped == 0 {
			break
		}
		s.n += dropped
		keep = out
		count()
	}
	if s.n == left {
		// Nothing would be left to fit: fit them all.
		return nil, nil
	}
	after := used()
	for j := range s.levels {
		s.levels[j] = before[j] - after[j]
	}
	return out, s
}

// inputRows returns the input rows (0-based) the fit used, singletons
// included.
func (m *model) inputRows() []int {
	w := m.w
	var rows []int
	if w.base == nil {
		rows = append(rows, w.rows...)
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
