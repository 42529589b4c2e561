# R side of glm_audit.py: Rscript ref.R FILE.csv FORMULA poisson|quasipoisson|negbin [CLUSTER[,CLUSTER]]
# prints coefficients, model or CR1 (sandwich::vcovCL, HC1) errors, deviance, loglik, nobs, na.action rows, theta.
suppressPackageStartupMessages({ library(MASS); library(sandwich); library(jsonlite) })
invisible(Sys.setlocale("LC_COLLATE", "C"))
a <- commandArgs(TRUE)
d <- read.csv(a[1], stringsAsFactors = TRUE, na.strings = c("", "NA"))
fam <- a[3]; cl <- if (length(a) >= 4 && a[4] != "") strsplit(a[4], ",")[[1]] else character(0)
d$year_f <- factor(d$year); d$district <- factor(d$district)
f <- as.formula(a[2])
ctrl <- glm.control(epsilon = 1e-13, maxit = 300)
m <- switch(fam, poisson = glm(f, poisson(), d, control = ctrl), quasipoisson = glm(f, quasipoisson(), d, control = ctrl),
            negbin = glm.nb(f, d, control = ctrl))
V <- if (length(cl)) vcovCL(m, cluster = as.formula(paste("~", paste(cl, collapse = "+"))), type = "HC1") else vcov(m)
out <- list(coef = as.list(coef(m)), se = as.list(sqrt(diag(V))), deviance = deviance(m),
            loglik = if (fam == "quasipoisson") NA else as.numeric(logLik(m)), nobs = nobs(m),
            dropped = as.integer(m$na.action), theta = if (fam == "negbin") m$theta else NA,
            se_theta = if (fam == "negbin") m$SE.theta else NA)
cat(toJSON(out, auto_unbox = TRUE, digits = NA, na = "null"))
