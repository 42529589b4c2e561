package glm

// SetLargeLimits makes the separation check take its large-data paths
// (conjugate gradients for further fixed effects, normal equations for the
// regressors) from the given sizes on, and the certificate its first try
// on a subset of the rows (of about four rows), and returns a function
// that restores the defaults.
func SetLargeLimits(dense, qr int) func() {
	oldD, oldQ, oldS := reluDenseLimit, qrLimit, subsetRows
	reluDenseLimit, qrLimit, subsetRows = dense, qr, 4
	return func() { reluDenseLimit, qrLimit, subsetRows = oldD, oldQ, oldS }
}
