#!/usr/bin/env Rscript
# For each ppmlhdfe separation dataset, fit R's glm (Poisson, id* columns as
# factor dummies) on the rows not marked separated: the estimates a correct
# routine must reach once it drops exactly the marked rows. Prints JSON.
# Standard errors are computed at the final estimates, (X'WX)^-1 with
# W = fitted means, rather than with vcov(), which uses the weights from
# the start of glm's last iteration (off by up to 1e-5 here).
# Usage: Rscript ref_separation.R DIR
suppressPackageStartupMessages(library(jsonlite))
invisible(Sys.setlocale("LC_COLLATE", "C"))
dir <- commandArgs(trailingOnly = TRUE)[1]
out <- list()
for (file in sort(list.files(dir, pattern = "^[0-9]+\\.csv$"))) {
  d <- read.csv(file.path(dir, file))
  xs <- grep("^x", names(d), value = TRUE); ids <- grep("^id", names(d), value = TRUE)
  for (v in ids) d[[v]] <- factor(d[[v]])
  rhs <- c(xs, ids); if (!length(rhs)) rhs <- "1"
  f <- as.formula(paste("y ~", paste(rhs, collapse = " + ")))
  keep <- d[d$separated == 0, ]
  m <- suppressWarnings(glm(f, family = poisson(), data = keep, control = glm.control(epsilon = 1e-12, maxit = 200)))
  cf <- coef(m); ok <- !is.na(cf)
  X <- model.matrix(m)[, ok, drop = FALSE]
  V <- solve(crossprod(X, fitted(m) * X))
  se_all <- setNames(rep(NA_real_, length(cf)), names(cf)); se_all[ok] <- sqrt(diag(V))
  sel <- names(cf) %in% c("(Intercept)", xs)
  out[[file]] <- list(formula = deparse(f), nobs = nrow(keep), converged = m$converged,
                      deviance = deviance(m), params = as.list(cf[sel]), bse = as.list(se_all[sel]),
                      aliased = names(cf)[!ok], separated = which(d$separated == 1))
}
cat(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE, na = "null"), "\n")
