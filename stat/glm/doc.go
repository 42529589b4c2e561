// Package glm fits count models — Poisson, quasi-Poisson and negative
// binomial (NB2, theta by maximum likelihood) with log link and offsets —
// absorbing high-dimensional fixed effects without dummy-encoding them,
// and returns the estimates with model-based, heteroskedasticity-robust or
// cluster-robust standard errors and with the warnings that qualify them.
//
// Estimation is IRLS with step-halving. Fixed effects are partialled out
// of the working response and the regressors at every iteration by
// weighted projections: the largest fixed effect is eliminated exactly by
// group means over rows sorted by it, and the others solve their Schur
// complement system by preconditioned conjugate gradients (the
// conjugate-gradient acceleration of alternating projections), warm-started
// from the previous iteration and with a tolerance that tightens as IRLS
// converges. After the first iteration the projections are of the working
// residual rather than the working response (the same Newton step, from
// the linear predictor's known coefficients), held to the absolute
// accuracy the response's would need. Memory grows with the rows times the
// regressors, never with the number of fixed-effect levels times the rows.
//
// Before fitting, observations whose maximum-likelihood fitted mean is 0
// are dropped and listed: the rows of fixed-effect groups whose outcome is
// all zero, and the observations separated by the regressors and fixed
// effects jointly, found by the iterative rectifier of Correia, Guimarães
// and Zylkin (as ppmlhdfe does). The rectifier is skipped when a cheap
// certificate shows that the rows with a positive count alone identify the
// model, so that nothing can be separated. Collinear regressors (among
// themselves or with the fixed effects) are dropped with a warning, as R
// reports NA.
//
// Standard errors follow R and statsmodels: model-based (times the Pearson
// dispersion for quasi-Poisson); HC0 and HC1; and cluster-robust CR1 with
// the factor G/(G-1)·(n-1)/(n-k), one-way or two-way (V1 + V2 - V12), where
// k counts the fixed-effect parameters as the dummy-variable fit does
// (statsmodels, sandwich::vcovCL). The negative binomial reports theta and
// its standard error as MASS::glm.nb does (theta treated as known for the
// coefficients' errors).
//
// For Poisson and quasi-Poisson, rows that share every covariate, fixed
// effect and cluster are collapsed (counts and exposures summed) when that
// removes at least a fifth of the rows and the requested errors are
// model-based or clustered: the likelihood's sufficient statistics are
// unchanged, so the coefficients and errors are identical; deviance and
// likelihood are still computed on the full rows. The result says so.
package glm
