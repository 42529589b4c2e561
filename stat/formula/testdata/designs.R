# Reference model matrices from R for the formula package's golden test.
# Run from this directory:  Rscript designs.R > designs_R.json
# (go test ./stat/formula -update does this).
suppressPackageStartupMessages(library(jsonlite))
invisible(Sys.setlocale("LC_COLLATE", "C"))
d <- read.csv("designs.csv", check.names = FALSE, stringsAsFactors = FALSE)
for (v in names(d)) if (is.character(d[[v]])) d[[v]] <- factor(d[[v]])
forms <- readLines("designs.txt")
out <- lapply(forms, function(f) {
  mm <- model.matrix(as.formula(f), d)
  list(formula = f, names = colnames(mm), terms = attr(terms(as.formula(f)), "term.labels"),
       columns = lapply(seq_len(ncol(mm)), function(j) unname(mm[, j])))
})
cat(toJSON(out, digits = NA, auto_unbox = FALSE, pretty = FALSE), "\n")
