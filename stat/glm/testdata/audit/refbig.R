# R side of the large case of glm_audit.py: Rscript refbig.R FILE.csv FAMILY [CLUSTER[,CLUSTER]]
suppressPackageStartupMessages({ library(MASS); library(sandwich); library(jsonlite) })
invisible(Sys.setlocale("LC_COLLATE", "C"))
a <- commandArgs(TRUE)
d <- read.csv(a[1], stringsAsFactors = TRUE); d$district <- factor(d$district); d$year <- factor(d$year)
f <- suspects ~ group + age + x + log(income) + district + year + offset(log(pop))
ctrl <- glm.control(epsilon = 1e-12, maxit = 200)
m <- if (a[2] == "negbin") glm.nb(f, d, control = ctrl) else glm(f, if (a[2]=="poisson") poisson() else quasipoisson(), d, control = ctrl)
cl <- if (length(a) >= 3) strsplit(a[3], ",")[[1]] else character(0)
V <- if (length(cl)) vcovCL(m, cluster = as.formula(paste("~", paste(cl, collapse = "+"))), type = "HC1") else vcov(m)
keep <- !grepl("^(district|year)", names(coef(m)))
cat(toJSON(list(coef = as.list(coef(m)[keep]), se = as.list(sqrt(diag(V))[keep]), deviance = deviance(m), nobs = nobs(m),
  theta = if (a[2] == "negbin") m$theta else NA, loglik = if (a[2] == "quasipoisson") NA else as.numeric(logLik(m))), auto_unbox = TRUE, digits = NA, na = "null"))
