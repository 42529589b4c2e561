#!/usr/bin/python3
"""Times statsmodels on the 1,536-cell table (stat/glm/testdata/cells.csv):
Poisson GLM by IRLS with offset log(pop), the model of the golden tests,
once as formula + fit (what a user runs) and once the fit alone. Prints JSON
with the median of --repeat runs, in seconds.

Usage: /usr/bin/python3 statsmodels_cells.py CELLS.csv [--repeat 20]
"""
import argparse, json, sys, time
import numpy as np
import pandas as pd
import statsmodels
import statsmodels.api as sm
import statsmodels.formula.api as smf

ap = argparse.ArgumentParser()
ap.add_argument("csv")
ap.add_argument("--repeat", type=int, default=20)
a = ap.parse_args()
df = pd.read_csv(a.csv)
off = np.log(df["pop"].astype(float).to_numpy())
formula = "count ~ C(age) + C(sex) + C(cit) + C(region) + C(year)"


def formula_and_fit():
    return smf.glm(formula, data=df, family=sm.families.Poisson(), offset=off).fit(method="IRLS", tol=1e-10)


mod = smf.glm(formula, data=df, family=sm.families.Poisson(), offset=off)


def fit_only():
    return mod.fit(method="IRLS", tol=1e-10)


def median_time(fn):
    fn()  # warm-up
    ts = []
    for _ in range(a.repeat):
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    return float(np.median(ts))


res = fit_only()
out = {"statsmodels": statsmodels.__version__, "rows": len(df), "params": len(res.params),
       "formula_and_fit_seconds": median_time(formula_and_fit), "fit_seconds": median_time(fit_only),
       "cit_coefficient": float(res.params["C(cit)[T.national]"])}
json.dump(out, sys.stdout)
print()
