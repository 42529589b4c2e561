package glm

// SetLargeLimits makes the separation check take its large-data paths
// (conjugate gradients for further fixed effects, normal equations for the
// regressors) from the given sizes on, and returns a function that
// restores the defaults.
func SetLargeLimits(dense, qr int) func() {
	oldD, oldQ := reluDenseLimit, qrLimit
	reluDenseLimit, qrLimit = dense, qr
	return func() { reluDenseLimit, qrLimit = oldD, oldQ }
}
