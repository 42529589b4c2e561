#!/usr/bin/env Rscript
# Reference fit of the example's first two models with R (MASS::glm.nb,
# glm quasipoisson, sandwich::vcovCL CR1), state as dummies.
# Usage: go run ./examples/kreise -out /tmp/kreise_2022.csv   (from the repository root)
#        Rscript examples/kreise/testdata/ref.R /tmp/kreise_2022.csv > examples/kreise/testdata/ref_R.json
suppressPackageStartupMessages({ library(MASS); library(sandwich); library(jsonlite) })
d <- read.csv(commandArgs(trailingOnly = TRUE)[1]); d$state <- factor(d$state)
f <- cases ~ foreign_share + log(settlement) + log(income) + young_share + old_share + state + offset(log(pop))
terms <- c("foreign_share", "log(settlement)", "log(income)", "young_share", "old_share")
nb <- glm.nb(f, data = d, control = glm.control(epsilon = 1e-12, maxit = 200))
q <- glm(f, family = quasipoisson(), data = d, control = glm.control(epsilon = 1e-12, maxit = 200))
se <- function(m) sqrt(diag(vcovCL(m, cluster = d$state, type = "HC1")))[terms]
out <- list(negbin = list(params = as.list(coef(nb)[terms]), bse_cluster = as.list(se(nb)), theta = nb$theta),
            quasipoisson = list(params = as.list(coef(q)[terms]), bse_cluster = as.list(se(q))))
cat(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "\n")
