# Reference for rate.RateRatio and rate.ShareOf: R's poisson.test (exact
# conditional rate-ratio interval) and binom.test (Clopper-Pearson).
# Run: Rscript ratio.R > ratio.json
suppressPackageStartupMessages(library(jsonlite))
cases <- list(c(694981, 12108988, 1322571, 71347057), c(25, 4000, 880, 520000),
              c(0, 300, 5, 1000), c(3, 250, 0, 1200), c(7, 1000, 7, 1000), c(79088, 190605, 0, 0))
out <- lapply(cases, function(k) {
  conf <- 0.95
  rr <- if (k[3] > 0) poisson.test(c(k[1], k[3]), c(k[2], k[4]), conf.level = conf) else NULL
  sh <- binom.test(k[1], k[1] + k[3] + (k[4] == 0) * 0 + if (k[4] == 0) k[2] - k[1] else 0, conf.level = conf)
  list(x1 = k[1], n1 = k[2], x0 = k[3], n0 = k[4],
       rr = if (is.null(rr)) NULL else unname(rr$estimate), rr_ci = if (is.null(rr)) NULL else as.numeric(rr$conf.int),
       share_part = k[1], share_whole = if (k[4] == 0) k[2] else k[1] + k[3],
       share = unname(sh$estimate), share_ci = as.numeric(sh$conf.int))
})
cat(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE, null = "null"), "\n")
