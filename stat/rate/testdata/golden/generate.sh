#!/bin/sh
# Regenerates the reference outputs in this directory with R and epitools
# (R 4.2.2, epitools 0.5-10.1, jsonlite 1.8.4 from Debian bookworm).
# The Go tests read the JSON files and do not need R.
#   synthetic.csv: /usr/bin/python3 ../../../../../shared/reference/gen_data.py DIR (seed 20240601), file std.csv
#   dobson_neg.csv: the table of seed 114 of ../audit/std_audit.py (an audit of standardize against this script):
#     groups A, a, b (byte order), zero-count strata, strata of 103-350 people, a non-pooled
#     standard, and a Dobson lower limit below 0 for group a at 99%
#   zero.csv, small.csv: written by hand (see the commit); zero-count strata, strata of 250-450 people
set -e
cd "$(dirname "$0")"
REF=${REF:-../../../../../shared/reference/ref_std.R}
Rscript "$REF" synthetic.csv > synthetic.default.json
Rscript "$REF" synthetic.csv --ref national > synthetic.national.json
Rscript "$REF" zero.csv --mult 1000 --conf 0.9 --ref de > zero.de.json
Rscript "$REF" zero.csv --ref nde > zero.nde.json
Rscript "$REF" small.csv --mult 10000 > small.default.json
Rscript "$REF" small.csv --conf 0.99 --ref b > small.b.json
Rscript ratio.R > ratio.json
Rscript "$REF" de2023.csv > de2023.default.json   # de2023.csv: ../de2023_890000_age.csv with the pooled population as stdpop
Rscript "$REF" de2023_esp.csv > de2023_esp.default.json   # de2023_esp.csv: de2023.csv with ESP 2013 laid onto the PKS bands as stdpop (0-6 = 0, 1-4 and 1/5 of 5-9 = 6100, ...; docs/rates.md)
Rscript "$REF" dobson_neg.csv --conf 0.99 > dobson_neg.99.json
