#!/bin/sh
# Regenerates the reference outputs in golden/ with the scripts in
# ../../../../shared/reference (statsmodels 0.13.5, R 4.2.2, MASS 7.3-58.2,
# sandwich 3.0-2, Debian bookworm) and the two scripts beside this file.
# cells.csv is `/usr/bin/python3 ../../../../shared/reference/gen_data.py .`
# (default seed 20240601). Run from this directory: sh generate.sh
set -e
REF=../../../../shared/reference
PANEL=../../../../shared/data/stats/de-laender-panel-2010-2020/laender_panel_2010_2020.csv
SEP=../../../../shared/data/models/ppmlhdfe-separation
/usr/bin/python3 $REF/ref_glm.py cells.csv \
    --formula "count ~ C(age) + C(sex) + C(cit) + C(region) + C(year)" --exposure pop --cluster region \
    > golden/cells_statsmodels.json
Rscript $REF/ref_glm.R cells.csv --formula "count ~ age + sex + cit + region + year" \
    --exposure pop --cluster region > golden/cells_R.json
Rscript $REF/ref_glm.R cells.csv --formula "count ~ age + sex + cit" \
    --exposure pop --fe region,year --cluster region > golden/cells_fe_R.json
Rscript ref_extra.R cells.csv --formula "count ~ age + sex + cit" \
    --exposure pop --fe region,year --cluster region,year > golden/cells_fe_extra_R.json
/usr/bin/python3 $REF/ref_glm.py $PANEL \
    --formula "non_german_abs ~ np.log(Foreigners) + ilo_unemployment_rate_pct + C(region) + C(year)" \
    --exposure population_total --cluster region > golden/laender_statsmodels.json
Rscript $REF/ref_glm.R $PANEL --formula "non_german_abs ~ log(Foreigners) + ilo_unemployment_rate_pct" \
    --exposure population_total --fe region,year --cluster region > golden/laender_fe_R.json
Rscript ref_separation.R $SEP > golden/separation_R.json
# Poisson data on which negative binomial's theta does not settle
# (TestThetaNotSettledIsNotConverged). R 4.2.2, MASS 7.3-58.2, on it:
#   glm.nb(y ~ group + age + sex + x + log(density) + group:sex + district + factor(year) + offset(log(pop)),
#          control = glm.control(maxit = 100))
# warns "alternation limit reached": theta 30963.06, SE 340466.7, th.warn set.
/usr/bin/python3 audit/gen.py nb_equidispersed.csv 3 p 0 0
