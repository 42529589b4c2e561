#!/usr/bin/env Rscript
# Further reference numbers that ref_glm.R (../../../../shared/reference) does not
# report: HC1, two-way clustered CR1, and negative-binomial sandwich errors,
# for the same dummy-variable fits. Prints one JSON document.
#
# Usage: Rscript ref_extra.R FILE.csv --formula "count ~ age + sex + cit" \
#            --exposure pop --fe region,year --cluster region,year
suppressPackageStartupMessages({ library(MASS); library(sandwich); library(jsonlite) })
invisible(Sys.setlocale("LC_COLLATE", "C"))
args <- commandArgs(trailingOnly = TRUE)
opt <- function(name, default = NA) { i <- match(name, args); if (is.na(i)) default else args[i + 1] }
infile <- args[1]
fstr <- opt("--formula"); expo <- opt("--exposure"); fe <- opt("--fe"); cl <- strsplit(opt("--cluster"), ",")[[1]]
d <- read.csv(infile, stringsAsFactors = FALSE)
fe_cols <- if (is.na(fe)) character(0) else strsplit(fe, ",")[[1]]
for (v in names(d)) if (is.character(d[[v]]) || v %in% fe_cols) d[[v]] <- factor(as.character(d[[v]]))
d$.logexp <- log(d[[expo]])
f <- as.formula(fstr)
if (length(fe_cols)) f <- update(f, as.formula(paste(". ~ . +", paste(fe_cols, collapse = " + "))))
f <- update(f, . ~ . + offset(.logexp))
named <- function(x) as.list(setNames(as.numeric(x), names(x)))
se_of <- function(V) sqrt(diag(V))
ctrl <- glm.control(epsilon = 1e-12, maxit = 200)
p <- glm(f, family = poisson(), data = d, control = ctrl)
nb <- glm.nb(f, data = d, control = ctrl)
cf <- as.formula(paste("~", paste(cl, collapse = " + ")))
out <- list(tool = "R", r_version = R.version.string, sandwich = as.character(packageVersion("sandwich")),
  input = infile, formula = deparse(f), cluster = cl,
  poisson = list(params = named(coef(p)),
    bse_hc1 = named(se_of(vcovHC(p, type = "HC1"))),
    bse_cluster1 = named(se_of(vcovCL(p, cluster = d[[cl[1]]], type = "HC1"))),
    bse_cluster2 = named(se_of(vcovCL(p, cluster = cf, type = "HC1"))),
    n_clusters = sapply(cl, function(v) length(unique(d[[v]])))),
  negbin = list(params = named(coef(nb)), theta = nb$theta,
    bse_hc0 = named(se_of(vcovHC(nb, type = "HC0"))),
    bse_cluster1 = named(se_of(vcovCL(nb, cluster = d[[cl[1]]], type = "HC1")))))
cat(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "\n")
