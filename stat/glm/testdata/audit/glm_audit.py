#!/usr/bin/python3
"""Audit of "baserate glm" against R (glm, MASS::glm.nb, sandwich::vcovCL).

Makes synthetic tables with gen.py (three groups, age bands, sex, a normal
x, log-normal density, 12 districts, 5 years; Poisson or NB counts) and fits
each with baserate and with ref.R (R's dummy-variable fit for "| district +
year"): Poisson, quasi-Poisson and NB2; --offset and offset() in the
formula; fixed effects; model, one- and two-way CR1 errors; interactions,
relevel, factor(), I(), sqrt, a^b fixed effects, and group names whose
byte order matters. Compares estimates, standard errors, deviance,
log-likelihood, theta and nobs to 1e-7 relative and prints the largest
difference per fit.

    go build -o /tmp/baserate ./cmd/baserate
    cd stat/glm/testdata/audit && BASERATE=/tmp/baserate /usr/bin/python3 glm_audit.py

A larger case, 20,000 rows with 405 districts (5 singletons, one district
whose counts are all zero) and 10 years, NB counts:

    /usr/bin/python3 gen_big.py big.csv 11 20000 400   # then drop district k0007 for R:
    Rscript refbig.R big_kept.csv poisson district,year
    baserate glm --in big.csv --formula "suspects ~ group + age + x + log(income) | district + year" \
        --offset "log(pop)" --family poisson --cluster district,year --format json

Not part of the test suite (it needs R and takes a few minutes). R's
standard errors use the working weights of its last iteration's start, so
they lag ours (and statsmodels') by up to 1e-7 on overdispersed data
(docs/models.md).
"""
import csv, json, os, subprocess, sys, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen import gen
BR = os.environ.get("BASERATE", "baserate")
HERE = os.path.dirname(os.path.abspath(__file__))
worst = {}
def rel(a, b):
    if b == 0: return abs(a)
    return abs(a - b) / abs(b)
def run(name, path, br_formula, offset, r_formula, fam, cluster="", fe_terms=(), expect_dropped=None):
    rj = json.loads(subprocess.run(["Rscript", os.path.join(HERE, "ref.R"), path, r_formula, fam, cluster], capture_output=True, text=True, check=True).stdout)
    args = [BR, "glm", "--in", path, "--formula", br_formula, "--family", fam, "--format", "json"]
    if offset: args += ["--offset", offset]
    if cluster: args += ["--cluster", cluster]
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode:
        print("FAIL", name, p.stderr); return
    b = json.loads(p.stdout)
    bc = {c["term"]: c for c in b["coefficients"]}
    diffs = []
    for t, est in rj["coef"].items():
        if t.startswith("factor(") or t.startswith("interaction(") or t.startswith("district") or t.startswith("year_f"): continue
        if t == "(Intercept)" and fe_terms: continue
        bt = t
        if bt not in bc:
            diffs.append(("missing term", t)); continue
        if est is None or rj["se"][t] is None:
            if rj["se"].get(t) is None and bc[bt]["std_error"] is not None: diffs.append(("R se NA, ours", bc[bt]["std_error"]))
            continue
        diffs.append(("est " + t, rel(bc[bt]["estimate"], est)))
        diffs.append(("se " + t, rel(bc[bt]["std_error"], rj["se"][t])))
    extra = set(bc) - set(rj["coef"])
    if extra: diffs.append(("extra terms", sorted(extra)))
    if not fe_terms or fam != "quasipoisson":
        diffs.append(("deviance", rel(b["deviance"], rj["deviance"])))
    if rj["loglik"] is not None and b.get("loglik") is not None:
        diffs.append(("loglik", rel(b["loglik"], rj["loglik"])))
    if fam == "negbin" and rj["theta"] > 1e6:
        print(f"{name:40s} R theta {rj['theta']:.3g}: no overdispersion; ours theta={b['theta']} warn {[w['code'] for w in b['warnings']]}"); return
    if fam == "negbin":
        diffs.append(("theta", rel(b["theta"], rj["theta"])))
        if "theta_se" in b: diffs.append(("theta_se", rel(b["theta_se"], rj["se_theta"])))
    if b["nobs"] != rj["nobs"]: diffs.append(("nobs", b["nobs"], rj["nobs"]))
    m = max([d[1] for d in diffs if isinstance(d[1], float)] + [0])
    bad = [d for d in diffs if not isinstance(d[1], float) or d[1] > 1e-7]
    print(f"{name:40s} max rel {m:.2e} nobs {b['nobs']}/{rj['nobs']} sep {len(b['separated'])} drop {b['dropped']} iters {b['iterations']} warn {[w['code'] for w in b['warnings']]}")
    for d in bad: print("   BAD", d)
    return b, rj
def main():
    os.chdir(tempfile.mkdtemp(prefix="glm_audit"))
    FAMS = ["poisson", "quasipoisson", "negbin"]
    base = "y ~ group + age + sex + x + log(density) + group:sex"
    for seed in range(1, 4):
        for nb in (False, True):
            path = f"d{seed}{'nb' if nb else 'p'}.csv"; gen(path, seed, nb=nb)
            for fam in FAMS:
                run(f"{path} {fam} --offset", path, base, "log(pop)", base + " + offset(log(pop))", fam)
                run(f"{path} {fam} offset in formula", path, base + " + offset(log(pop))", "", base + " + offset(log(pop))", fam)
                run(f"{path} {fam} FE", path, base + " | district + year", "log(pop)", base + " + district + year_f + offset(log(pop))", fam, fe_terms=True)
                run(f"{path} {fam} FE cl1", path, base + " | district + year", "log(pop)", base + " + district + year_f + offset(log(pop))", fam, "district", fe_terms=True)
                run(f"{path} {fam} FE cl2", path, base + " | district + year", "log(pop)", base + " + district + year_f + offset(log(pop))", fam, "district,year", fe_terms=True)
                run(f"{path} {fam} nofe cl1", path, base, "log(pop)", base + " + offset(log(pop))", fam, "district")
    rows = list(csv.DictReader(open("d2nb.csv")))
    ren = {"national": "Zeta", "foreign": "alpha", "eu": "Beta"}
    for i, r in enumerate(rows):
        r["group"] = ren[r["group"]]; r["code"] = str([9, 10, 100][i % 3])
    with open("names.csv", "w") as f:
        w = csv.writer(f, lineterminator="\n"); w.writerow(rows[0].keys()); [w.writerow(r.values()) for r in rows]
    cases = [
     ("group*sex + x:log(density) + relevel(age, \"30+\")", "group*sex + x:log(density) + relevel(age, \"30+\")"),
     ("group + factor(code) + age", "group + factor(code) + age"),
     ("group + age + factor(year)", "group + age + factor(year)"),
     ("group + sex:x + I(x^2) + sqrt(density)", "group + sex:x + I(x^2) + sqrt(density)"),
    ]
    for fam in ["poisson", "negbin", "quasipoisson"]:
        for b, r in cases:
            run(f"names {fam} {b}", "names.csv", "y ~ " + b, "log(pop)", "y ~ " + r + " + offset(log(pop))", fam)
        run(f"names {fam} FE^", "names.csv", "y ~ group + x | district^sex + year", "log(pop)", "y ~ group + x + interaction(district, sex) + year_f + offset(log(pop))", fam, "district", fe_terms=True)

if __name__ == "__main__":
    main()
