#!/usr/bin/python3
"""Times statsmodels on the 1,536-cell table (stat/glm/testdata/cells.csv):
Poisson GLM by IRLS with offset log(pop), the model of the golden tests,
once as formula + fit (what a user runs) and once the fit alone. Prints JSON
with the median of --repeat runs, in wall and CPU (process) seconds.

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
    """Median wall and CPU (process, all threads) seconds of one call."""
    fn()  # warm-up
    ts, cs = [], []
    for _ in range(a.repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        ts.append(time.perf_counter() - t)
        cs.append(time.process_time() - c)
    return float(np.median(ts)), float(np.median(cs))


res = fit_only()
all_wall, all_cpu = median_time(formula_and_fit)
fit_wall, fit_cpu = median_time(fit_only)
out = {"statsmodels": statsmodels.__version__, "rows": len(df), "params": len(res.params),
       "formula_and_fit_seconds": all_wall, "formula_and_fit_cpu_seconds": all_cpu,
       "fit_seconds": fit_wall, "fit_cpu_seconds": fit_cpu,
       "cit_coefficient": float(res.params["C(cit)[T.national]"])}
json.dump(out, sys.stdout)
print()
