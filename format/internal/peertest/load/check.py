#!/usr/bin/env python3
"""Load baserate's exports in pandas the way docs/formats.md ("Loading the
exports in pandas and R") says, and check them against baserate's own
JSON. Usage: check.py DIR, with DIR made by run.sh. Prints one line per
export and exits 1 when a check fails."""

import itertools
import json
import math
import os
import re
import sys

import pandas as pd

D = sys.argv[1]
fails = []


def check(ok, what):
    if not ok:
        fails.append(what)
        print("FAIL", what)


def read_long(path):
    # The documented call: every column as text, only an empty "value"
    # missing, and "value" converted by astype(float), which reads every
    # number exactly (pandas' own float parser, and pd.to_numeric, can be
    # one unit in the last place off for 17 significant digits).
    # docs:begin
    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values={"value": [""]})
    df["value"] = df["value"].astype(float)
    # docs:end
    return df


def read_jsonstat(path):
    # The documented reshape: cells in row-major order, the last dimension
    # varying fastest; null is NaN; status is sparse, keyed by cell index.
    # docs:begin
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    cats = [d["dimension"][i]["category"]["index"] for i in d["id"]]
    df = pd.DataFrame(list(itertools.product(*cats)), columns=d["id"])
    df["value"] = pd.Series(d["value"], dtype="float64")
    status = d.get("status", {})
    df["status"] = [status.get(str(i), "") for i in range(len(df))]
    # docs:end
    return d, df


ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$")


def validate_jsonstat(name, d):
    """The JSON-stat 2.0 schema's rules for a dataset (no schema file is
    in ../shared, so its rules are written out here)."""
    check(d.get("version") == "2.0" and d.get("class") == "dataset", f"{name}: version/class")
    check(len(d["id"]) == len(d["size"]), f"{name}: id and size differ in length")
    check(set(d["dimension"]) == set(d["id"]), f"{name}: dimension keys are not id")
    for i, n in zip(d["id"], d["size"]):
        cat = d["dimension"][i]["category"]
        check(len(cat["index"]) == n, f"{name}: {i}: {len(cat['index'])} categories for size {n}")
        check(set(cat.get("label", {})) <= set(cat["index"]), f"{name}: {i}: label for an unknown category")
    cells = math.prod(d["size"])
    check(len(d["value"]) == cells, f"{name}: {len(d['value'])} values for {cells} cells")
    check(all(v is None or isinstance(v, (int, float)) for v in d["value"]), f"{name}: a value is neither a number nor null")
    st = d.get("status", {})
    check(isinstance(st, dict) and all(0 <= int(k) < cells and isinstance(v, str) for k, v in st.items()), f"{name}: status")
    for r, ids in d.get("role", {}).items():
        check(r in ("time", "geo", "metric") and set(ids) <= set(d["id"]), f"{name}: role {r}")
    if "updated" in d:
        check(bool(ISO.match(d["updated"])), f"{name}: updated {d['updated']!r} is not ISO 8601")


def same(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == b


def tables(expect):
    for name, codes in expect.items():
        csv = read_long(os.path.join(D, name + ".csv"))
        d, js = read_jsonstat(os.path.join(D, name + ".json"))
        with open(os.path.join(D, name + ".inspect.json"), encoding="utf-8") as f:
            ins = json.load(f)["datasets"][0]
        validate_jsonstat(name, d)
        dims = [x["id"] for x in ins["dimensions"]]
        check(list(csv.columns[: len(dims)]) == dims, f"{name}: CSV columns {list(csv.columns)}, dimensions {dims}")
        check(csv["value"].dtype == "float64", f"{name}: value is {csv['value'].dtype}")
        check(len(csv) == ins["cells"] == len(js), f"{name}: {len(csv)} CSV rows, {len(js)} JSON-stat cells, inspect {ins['cells']}")
        check(int(csv["value"].isna().sum()) == ins["missing"] == int(js["value"].isna().sum()), f"{name}: missing")
        status = csv["status"] if "status" in csv else pd.Series([""] * len(csv))
        counts = status[status != ""].value_counts().to_dict()
        check(counts == ins.get("status", {}), f"{name}: status counts {counts}, inspect {ins.get('status', {})}")
        for c in dims:
            check(csv[c].tolist() == js[c].tolist(), f"{name}: column {c} differs between CSV and JSON-stat")
        check(all(same(a, b) for a, b in zip(csv["value"], js["value"])), f"{name}: values differ between CSV and JSON-stat")
        check(status.tolist() == js["status"].tolist(), f"{name}: statuses differ between CSV and JSON-stat")
        for c, v in codes.items():
            check(v in set(csv[c]), f"{name}: code {v!r} of {c} lost in the CSV")
        text = open(os.path.join(D, name + ".csv"), encoding="utf-8").read()
        check(not text.startswith("\ufeff"), f"{name}: CSV starts with a BOM")
        check("Ã" not in text and "Ã" not in json.dumps(d, ensure_ascii=False), f"{name}: mojibake")
        print(f"ok   {name}: {len(csv)} cells, {ins['missing']} missing, status {counts}")


def numbers(x):
    if isinstance(x, dict):
        for v in x.values():
            yield from numbers(v)
    elif isinstance(x, list):
        for v in x:
            yield from numbers(v)
    elif isinstance(x, (int, float)) and not isinstance(x, bool):
        yield float(x)


def factsheet():
    # The CSV's values are the JSON's numbers; a value the JSON gives as
    # an undefined ratio is empty with status "." (docs/server.md).
    for name in ("factsheet-01001", "factsheet-DE"):
        csv = read_long(os.path.join(D, name + ".csv"))
        with open(os.path.join(D, name + ".json"), encoding="utf-8") as f:
            nums = set(numbers(json.load(f)))
        check(list(csv.columns) == ["year", "area", "offence", "measure", "value", "status"], f"{name}: columns {list(csv.columns)}")
        area = name.split("-", 1)[1]
        check(set(csv["area"]) == {area} and set(csv["offence"]) == {"890000"}, f"{name}: area/offence {set(csv['area'])} {set(csv['offence'])}")
        for m, v, s in zip(csv["measure"], csv["value"], csv["status"]):
            if math.isnan(v):
                check(s == ".", f"{name}: {m} empty with status {s!r}")
            else:
                check(v in nums, f"{name}: {m} = {v!r} is not a number of the JSON")
        print(f"ok   {name}: {len(csv)} measures")


def read_numeric(path, cols):
    # docs:begin
    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values={c: [""] for c in cols})
    df[cols] = df[cols].astype(float)
    # docs:end
    return df


def charts():
    for f in sorted(os.listdir(D)):
        if not f.startswith("chart-") or not f.endswith(".csv"):
            continue
        name = f[:-4]
        with open(os.path.join(D, name + ".json"), encoding="utf-8") as g:
            j = json.load(g)
        rows = j["rows"]
        num = [c for c in rows[0] if any(isinstance(r.get(c), (int, float)) and not isinstance(r.get(c), bool) for r in rows)]
        df = read_numeric(os.path.join(D, f), num)
        check(len(df) == len(rows), f"{name}: {len(df)} CSV rows, {len(rows)} JSON rows")
        for i, r in enumerate(rows):
            for c in df.columns:
                v = r.get(c)
                got = df[c].iloc[i]
                if c in num:
                    check(same(got, float("nan") if v is None else float(v)), f"{name}: row {i} {c}: {got} != {v}")
                else:
                    check(got == ("" if v is None else str(v)), f"{name}: row {i} {c}: {got!r} != {v!r}")
        print(f"ok   {name}: {len(df)} rows, numeric {num}")


def media_index():
    with open(os.path.join(D, "media-index.csv"), encoding="utf-8") as f:
        num = f.readline().strip().split(",")[3:]
    df = read_numeric(os.path.join(D, "media-index.csv"), num)
    with open(os.path.join(D, "media-index.json"), encoding="utf-8") as f:
        j = json.load(f)
    cells = [j] + j["groups"]
    check(len(df) == len(cells), f"media-index: {len(df)} rows, {len(cells)} cells")
    for i, c in enumerate(cells):
        for m in num:
            base, _, end = m.rpartition("_")
            if end in ("lo", "hi") and base + "_ci" in c:
                v = c[base + "_ci"][0 if end == "lo" else 1]
            else:
                v = c[m]
            got = df[m].iloc[i]
            if v is None:
                check(math.isnan(got), f"media-index: row {i} {m}: {got}, JSON null")
            else:
                # The CSV writes each number exactly (docs/formats.md).
                check(got == v, f"media-index: row {i} {m}: {got} != {v}")
    print(f"ok   media-index: {len(df)} rows")


tables({
    "px-symbols": {"region": "0114", "sex": "1"},
    "px-finnish": {"Käyttöönottovuosi": "Vuodet yhteensä"},
    "pks-suspects": {"key": "010000"},
})
factsheet()
charts()
media_index()
sys.exit(1 if fails else 0)
