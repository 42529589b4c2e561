#!/usr/bin/python3
"""Synthetic count data for glm_audit.py: gen.py OUT.csv SEED p|nb MISSING ZERO_DISTRICT(0|1)."""
import numpy as np, sys, csv
def gen(path, seed, n=600, nb=False, missing=0, zero_district=False, numeric_year=True):
    rng = np.random.default_rng(seed)
    groups = np.array(["national", "foreign", "eu"])
    ages = np.array(["14-17", "18-20", "21-29", "30+"])
    sexes = np.array(["m", "f"])
    districts = np.array([f"d{i:02d}" for i in range(12)])
    g = rng.choice(groups, n); a = rng.choice(ages, n); s = rng.choice(sexes, n)
    d = rng.choice(districts, n); yr = rng.integers(2015, 2020, n)
    x = rng.normal(0, 1, n).round(4); dens = np.exp(rng.normal(5, 1, n)).round(3)
    pop = rng.integers(200, 20000, n)
    fe_d = {k: rng.normal(0, 0.3) for k in districts}; fe_y = {k: rng.normal(0, 0.2) for k in range(2015, 2020)}
    eta = (np.log(pop) - 6 + 0.5 * (g == "foreign") + 0.2 * (g == "eu") + np.select([a == "18-20", a == "21-29", a == "30+"], [0.4, 0.3, -0.2], 0)
           + 0.3 * (s == "m") + 0.1 * x + 0.15 * np.log(dens) + 0.2 * ((g == "foreign") & (s == "m"))
           + np.array([fe_d[k] for k in d]) + np.array([fe_y[k] for k in yr]))
    mu = np.exp(eta)
    if nb:
        y = rng.negative_binomial(5, 5 / (5 + mu))
    else:
        y = rng.poisson(mu)
    if zero_district:
        y[d == "d03"] = 0
    rows = []
    for i in range(n):
        rows.append([y[i], g[i], a[i], s[i], x[i], dens[i], pop[i], d[i], yr[i]])
    miss = []
    if missing:
        for i in rng.choice(n, missing, replace=False):
            rows[i][4] = "" if i % 2 else "NA"; miss.append(i + 1)
    with open(path, "w") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["y", "group", "age", "sex", "x", "density", "pop", "district", "year"])
        w.writerows(rows)
    return sorted(miss)
if __name__ == "__main__":
    a = sys.argv
    print(gen(a[1], int(a[2]), nb=a[3] == "nb", missing=int(a[4]), zero_district=a[5] == "1"))
