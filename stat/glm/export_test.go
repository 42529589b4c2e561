package glm

// SetReluDenseLimit changes the size below which the separation check
// turns further fixed effects into dummy columns, and returns a function
// that restores it.
func SetReluDenseLimit(n int) func() {
	old := reluDenseLimit
	reluDenseLimit = n
	return func() { reluDenseLimit = old }
}
