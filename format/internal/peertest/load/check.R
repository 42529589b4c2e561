# Load baserate's exports in R the way docs/formats.md ("Loading the
# exports in pandas and R") says, and check them against baserate's own
# JSON. Usage: Rscript check.R DIR, with DIR made by run.sh. Needs
# jsonlite. Prints one line per export and quits with status 1 when a
# check fails.
dir <- commandArgs(trailingOnly = TRUE)[1]
fails <- 0
check <- function(ok, what) {
  if (!isTRUE(ok)) {
    fails <<- fails + 1
    cat("FAIL", what, "\n")
  }
}
path <- function(f) file.path(dir, f)

# The documented calls.
read_long <- function(p) {
  # docs:begin
  df <- read.csv(p, colClasses = "character", na.strings = character(0),
                 check.names = FALSE, encoding = "UTF-8")
  df$value <- as.numeric(df$value)
  # docs:end
  df
}
read_jsonstat <- function(p) {
  # docs:begin
  d <- jsonlite::fromJSON(p)
  cats <- lapply(d$dimension[d$id], function(x) x$category$index)
  df <- expand.grid(rev(cats), stringsAsFactors = FALSE)[d$id]
  df$value <- as.numeric(d$value)
  df$status <- ""
  if (length(d$status)) df$status[as.integer(names(d$status)) + 1] <- unlist(d$status)
  # docs:end
  df
}

same <- function(a, b) all((is.na(a) & is.na(b)) | (!is.na(a) & !is.na(b) & a == b))

tables <- list(
  "px-symbols" = c(region = "0114", sex = "1"),
  "px-finnish" = c("K\u00e4ytt\u00f6\u00f6nottovuosi" = "Vuodet yhteens\u00e4"),
  "pks-suspects" = c(key = "010000")
)
for (name in names(tables)) {
  csv <- read_long(path(paste0(name, ".csv")))
  js <- read_jsonstat(path(paste0(name, ".json")))
  ins <- jsonlite::fromJSON(path(paste0(name, ".inspect.json")))$datasets
  dims <- ins$dimensions[[1]]$id
  check(identical(names(csv)[seq_along(dims)], dims), paste(name, ": columns", paste(names(csv), collapse = ",")))
  check(is.double(csv$value), paste(name, ": value is", class(csv$value)))
  check(nrow(csv) == ins$cells && nrow(js) == ins$cells, paste(name, ": rows", nrow(csv), nrow(js), ins$cells))
  check(sum(is.na(csv$value)) == ins$missing && sum(is.na(js$value)) == ins$missing, paste(name, ": missing"))
  status <- if (is.null(csv$status)) rep("", nrow(csv)) else csv$status
  want <- unlist(ins$status)
  got <- table(status[status != ""])
  check(identical(sort(names(got)), sort(names(want))) && all(as.integer(got[names(want)]) == want), paste(name, ": status counts"))
  for (d in dims) check(identical(csv[[d]], js[[d]]), paste(name, ": column", d, "differs between CSV and JSON-stat"))
  check(same(csv$value, js$value), paste(name, ": values differ between CSV and JSON-stat"))
  check(identical(status, js$status), paste(name, ": statuses differ between CSV and JSON-stat"))
  codes <- tables[[name]]
  for (c in names(codes)) check(codes[[c]] %in% csv[[c]], paste(name, ": code", codes[[c]], "of", c, "lost"))
  cat("ok  ", name, ":", nrow(csv), "cells,", ins$missing, "missing\n")
}

# Every number in a parsed JSON document (unlist would turn them into text).
numbers <- function(x) {
  if (is.list(x)) return(unlist(lapply(x, numbers)))
  if (is.numeric(x)) return(as.numeric(x))
  numeric(0)
}

for (a in c("01001", "DE")) {
  name <- paste0("factsheet-", a)
  csv <- read_long(path(paste0(name, ".csv")))
  nums <- numbers(jsonlite::fromJSON(path(paste0(name, ".json")), simplifyVector = FALSE))
  check(all(csv$area == a), paste(name, ": area", unique(csv$area)))
  v <- csv$value
  check(all(is.na(v) == (csv$status == ".")), paste(name, ": empty values without status ."))
  check(all(v[!is.na(v)] %in% nums), paste(name, ": values not in the JSON"))
  cat("ok  ", name, ":", nrow(csv), "measures\n")
}

for (f in list.files(dir, pattern = "^chart-.*[.]csv$")) {
  name <- sub("[.]csv$", "", f)
  j <- jsonlite::fromJSON(path(paste0(name, ".json")))
  rows <- j$rows
  df <- read.csv(path(f), colClasses = "character", na.strings = character(0), check.names = FALSE, encoding = "UTF-8")
  check(nrow(df) == nrow(rows), paste(name, ": rows"))
  for (c in names(df)) {
    if (is.numeric(rows[[c]])) {
      check(same(as.numeric(df[[c]]), rows[[c]]), paste(name, ":", c))
    } else {
      r <- rows[[c]]
      r[is.na(r)] <- ""
      check(identical(df[[c]], as.character(r)), paste(name, ":", c))
    }
  }
  cat("ok  ", name, ":", nrow(df), "rows\n")
}

mi <- read.csv(path("media-index.csv"), colClasses = "character", na.strings = character(0), check.names = FALSE, encoding = "UTF-8")
j <- jsonlite::fromJSON(path("media-index.json"))
check(nrow(mi) == 1 + nrow(j$groups), "media-index: rows")
check(all(as.numeric(mi$texts) == c(j$texts, j$groups$texts)), "media-index: texts")
or <- c(if (is.null(j$odds_ratio)) NA else j$odds_ratio, j$groups$odds_ratio)
check(same(is.na(as.numeric(mi$odds_ratio)), is.na(or)), "media-index: odds ratio missing where the JSON has null")
cat("ok   media-index:", nrow(mi), "rows\n")

if (fails > 0) quit(status = 1)
