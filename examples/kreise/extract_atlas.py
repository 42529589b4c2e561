#!/usr/bin/python3
"""Extract the Kreis indicators this example uses from the Deutschlandatlas
workbook (BMWSB/BBSR, "Stand 12.12.2024", licence dl-de/by-2-0) into
atlas_kreise.csv. Run from this directory:

    /usr/bin/python3 extract_atlas.py ../../../shared/data/stats/de-bka-pks-kreise/Deutschlandatlas-Daten.xlsx

Columns: ags5 (Kreis key as an integer, 1001 = Flensburg), name, fl_suv
(settlement and transport area, % of the Kreis area, sheet KRS1222),
hh_veink (disposable household income per inhabitant, EUR, sheet KRS1221),
alq (unemployment rate, %, KRS1222), bev_ausl (foreigners, % of the
population, KRS1222; for comparison with the population register counts).
"""
import csv, sys
import openpyxl

wb = openpyxl.load_workbook(sys.argv[1], read_only=True)


def sheet(name):
    rows = wb[name].iter_rows(values_only=True)
    head = next(rows)
    return {int(r[0]) // 1000: dict(zip(head, r)) for r in rows if r[0] is not None}


k22, k21 = sheet("Deutschlandatlas_KRS1222"), sheet("Deutschlandatlas_KRS1221")
with open("atlas_kreise.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["ags5", "name", "fl_suv", "hh_veink", "alq", "bev_ausl"])
    for ags in sorted(k22):
        a, b = k22[ags], k21.get(ags, {})
        w.writerow([ags, a["Kreisname"], a["fl_suv"], b.get("hh_veink"), a["alq"], a["bev_ausl"]])
print(f"wrote {len(k22)} Kreise")
