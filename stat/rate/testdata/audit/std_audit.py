#!/usr/bin/python3
"""Audit of "baserate standardize" against ../shared/reference/ref_std.R.

Makes N random tables (2-4 groups named so that byte order matters, one or
two stratum columns, zero-count strata and groups, a stratum of a few
hundred people, pooled or given standards), runs ref_std.R and baserate
standardize with --per, --conf, --ref and --method varied, and compares
every field of the JSON interface (and every DSR interval) to 1e-9
relative. Prints each difference and the largest.

    go build -o /tmp/baserate ./cmd/baserate
    BASERATE=/tmp/baserate /usr/bin/python3 stat/rate/testdata/audit/std_audit.py 200

dobson_neg.csv in ../golden is the table of seed 114 (cases/114_r.csv).
Not part of the test suite: it needs R and epitools, and takes a minute.
"""
import json, subprocess, sys, os, random, math, csv, tempfile
import numpy as np
BR = os.environ.get("BASERATE", "baserate")
REF = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../../shared/reference/ref_std.R")
OUT = os.environ.get("OUT") or os.path.join(tempfile.mkdtemp(prefix="std_audit"), "cases")
os.makedirs(OUT, exist_ok=True)

NAMES = [["a", "b"], ["de", "nde", "eu"], ["b", "A", "a"], ["Zeta", "alpha", "Beta", "_x"],
         ["nichtdeutsch", "deutsch"], ["x2", "x10", "x1"], ["é", "e", "z"]]
METHODS = {"fay-feuer": "fay_feuer", "tiwari": "tiwari_tcz", "dobson": "dobson_byar_phe", "dobson-exact": "dobson_exact"}

def gen(seed):
    rng = np.random.default_rng(seed)
    groups = NAMES[seed % len(NAMES)]
    ages = ["0-17", "18-29", "30-49", "50-64", "65+"][: rng.integers(2, 6)]
    two = seed % 2 == 0
    sexes = ["f", "m"] if two else [None]
    rows = []
    stdpop = {}
    for a in ages:
        for s in sexes:
            stdpop[(a, s)] = int(rng.integers(1000, 100000))
    for g in groups:
        for a in ages:
            for s in sexes:
                scale = rng.choice([300, 5000, 200000])
                pop = int(rng.integers(max(1, scale // 3), scale))
                rate = rng.uniform(0.0005, 0.03)
                cnt = int(rng.poisson(pop * rate))
                if rng.random() < 0.15:
                    cnt = 0
                rows.append(dict(group=g, age=a, sex=s, count=cnt, pop=pop, stdpop=stdpop[(a, s)]))
    # ensure a few-hundred stratum exists
    rows[0]["pop"] = int(rng.integers(200, 500)); rows[0]["count"] = int(rng.integers(0, 5))
    if seed % 7 == 3:  # a whole group without events (the last in sorted order)
        for r in rows:
            if r["group"] == sorted(groups)[-1]: r["count"] = 0
    return rows, two, groups

def write(path, rows, two, cols):
    with open(path, "w") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([r[c] for c in cols])

def rel(a, b):
    if a is None or b is None:
        return 0.0
    if b == 0:
        return abs(a)
    return abs(a - b) / abs(b)

def main(n):
    worst = (0, None)
    ncmp = 0
    for seed in range(n):
        rows, two, groups = gen(seed)
        rng = random.Random(seed)
        use_std = seed % 3 == 0
        per = rng.choice([100000, 1000, 1])
        conf = rng.choice([0.95, 0.9, 0.99])
        sg = sorted(groups)
        ref = rng.choice([None, sg[-1], sg[1]])
        method = list(METHODS)[seed % 4]
        scols = ["age", "sex"] if two else ["age"]
        if not use_std:
            # pooled standard
            tot = {}
            for r in rows:
                tot[(r["age"], r["sex"])] = tot.get((r["age"], r["sex"]), 0) + r["pop"]
            for r in rows:
                r["stdpop"] = tot[(r["age"], r["sex"])]
        rpath = f"{OUT}/{seed}_r.csv"
        write(rpath, rows, two, ["group"] + scols + ["count", "pop", "stdpop"])
        # baserate file: other names, shuffled columns and rows
        brows = [dict(cit=r["group"], alter=r["age"], geschlecht=r["sex"], tv=r["count"], bev=r["pop"], std=r["stdpop"]) for r in rows]
        rng.shuffle(brows)
        bcols = ["tv", "cit"] + (["geschlecht"] if two else []) + ["alter", "bev"] + (["std"] if use_std else [])
        bpath = f"{OUT}/{seed}_b.csv"
        write(bpath, brows, two, bcols)
        rargs = ["Rscript", REF, rpath, "--mult", str(per), "--conf", str(conf)]
        if ref: rargs += ["--ref", ref]
        R = json.loads(subprocess.run(rargs, capture_output=True, text=True, check=True).stdout)
        bargs = [BR, "standardize", "--in", bpath, "--group", "cit", "--strata", ",".join(["alter", "geschlecht"] if two else ["alter"]),
                 "--count", "tv", "--pop", "bev", "--format", "json"]
        if use_std: bargs += ["--standard", "std"]
        if per != 100000 or seed % 5 == 0: bargs += ["--per", str(per)]
        if conf != 0.95 or seed % 5 == 0: bargs += ["--conf", str(conf)]
        if ref: bargs += ["--ref", ref]
        if method != "fay-feuer" or seed % 5 == 0: bargs += ["--method", method]
        p = subprocess.run(bargs, capture_output=True, text=True)
        if p.returncode != 0:
            print("FAIL", seed, p.stderr); continue
        B = json.loads(p.stdout)
        refg = ref or sg[0]
        if [g["group"] for g in B["groups"]] != [g["group"] for g in R["groups"]]:
            print("ORDER", seed, [g["group"] for g in B["groups"]], [g["group"] for g in R["groups"]])
        rg = {g["group"]: g for g in R["groups"]}
        for g in B["groups"]:
            r = rg[g["group"]]
            pairs = [("count", g["count"], r["count"]), ("pop", g["pop"], r["pop"]),
                     ("crude_rate", g["crude_rate"], r["crude"]["rate"]),
                     ("crude_ci0", g["crude_ci"][0], r["crude"]["exact"][0]), ("crude_ci1", g["crude_ci"][1], r["crude"]["exact"][1]),
                     ("dsr", g["dsr"], r["dsr"]["rate"]),
                     ("dsr_ci0", g["dsr_ci"][0], r["dsr"][METHODS[method]][0] if r["dsr"][METHODS[method]] else None),
                     ("dsr_ci1", g["dsr_ci"][1], r["dsr"][METHODS[method]][1] if r["dsr"][METHODS[method]] else None),
                     ("smr", g["smr"], r["indirect"]["smr"]),
                     ("smr_ci0", g["smr_ci"][0], r["indirect"]["smr_exact"][0]), ("smr_ci1", g["smr_ci"][1], r["indirect"]["smr_exact"][1]),
                     ("standard_total", B["standard_total"], R["standard_pop_total"])]
            for m, rk in METHODS.items():
                iv = r["dsr"][rk]
                if iv:
                    pairs += [(f"dsr_intervals.{m}.0", g["dsr_intervals"][m][0], iv[0]), (f"dsr_intervals.{m}.1", g["dsr_intervals"][m][1], iv[1])]
            # epitools self check
            ea = r["dsr"]["epitools_ageadjust_direct"]
            if g["group"] != refg:
                v = r["vs_reference"]
                pairs += [("crude_ratio", g["crude_ratio"], v["crude_ratio"]), ("dsr_ratio", g["dsr_ratio"], v["dsr_ratio"]),
                          ("dsr_ratio_ci0", g["dsr_ratio_ci"][0], v["dsr_ratio_lognormal"][0]),
                          ("dsr_ratio_ci1", g["dsr_ratio_ci"][1], v["dsr_ratio_lognormal"][1]),
                          ("rate_effect", g["rate_effect"], v["kitagawa"]["rate_effect"]),
                          ("composition_effect", g["composition_effect"], v["kitagawa"]["composition_effect"]),
                          ("crude_gap", g["crude_gap"], v["kitagawa"]["crude_gap"])]
            else:
                pairs += [("crude_ratio", g["crude_ratio"], 1.0), ("dsr_ratio", g["dsr_ratio"], 1.0),
                          ("rate_effect", g["rate_effect"], 0.0), ("composition_effect", g["composition_effect"], 0.0)]
            for name, a, b in pairs:
                ncmp += 1
                d = rel(a, b)
                if d > worst[0]: worst = (d, (seed, g["group"], name, a, b))
                if d > 1e-9:
                    print("DIFF", seed, g["group"], name, a, b, d, " ".join(bargs[1:]))
    print("compared", ncmp, "values in", n, "tables; worst", worst)

main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
