#!/bin/sh
# Benchmarks of the count-model engine (stat/glm). From the repository root:
#
#   sh bench/glm/run.sh                         # 1M and 10M rows, and the 1,536-cell table
#   SIZES=1000000 REPEAT=5 sh bench/glm/run.sh
#   SIZES= sh bench/glm/run.sh                  # the cell table only
#   BASELINE=f9147d1 sh bench/glm/run.sh        # also the engine of that commit, same data
#   SIZES=1000000 REPEAT=1 CELL_ROUNDS=1 OUT=/tmp/glm.md sh bench/glm/run.sh   # a quick check, not kept
#
# For each size it fits the synthetic two-fixed-effect Poisson model of
# bench/glm/data.go (500,000 and 3,200 levels), all in the same run:
#   - accelerated: the engine's default (conjugate gradients), on both cores
#     and on one (GOMAXPROCS=1), REPEAT times each;
#   - baseline: plain alternating projections (Options.Acceleration = "none"),
#     once;
#   - previous: with BASELINE set, the engine of that commit (built from
#     git archive with this glmrun), REPEAT times on both cores;
#   - reference: the default method with tolerances at 1e-13, to check that
#     the others' coefficients agree to 1e-8.
# Times are of the fit alone (data generated beforehand): wall seconds and
# the process's CPU seconds (user + system), the median and the range of
# the runs. CPU seconds hardly grow when other work shares the machine;
# wall seconds do. Peak memory is the maximum resident set size of the
# whole process (/usr/bin/time). fixest could not be installed here (Debian
# has no r-cran-fixest), so it is compared with the figures quoted in the
# issue for this machine: 1.14 s (1M) and 22.8 s (10M).
# Then it times statsmodels on the cell table (statsmodels_cells.py) and
# baserate on the same model (glmrun -cells), wall and CPU seconds per fit,
# in alternating rounds (CELL_ROUNDS, default 3).
# The results are appended to bench/glm/results.md (or to OUT) and printed.
set -e
cd "$(dirname "$0")/../.."
SIZES=${SIZES-"1000000 10000000"}
REPEAT=${REPEAT:-3}
OUT=${OUT:-bench/glm/results.md}
TMP=$(mktemp -d)
go build -o "$TMP/glmrun" ./bench/glm/glmrun
if [ -n "$BASELINE" ]; then
  mkdir "$TMP/base"
  git archive "$BASELINE" | tar -x -C "$TMP/base"
  cp bench/glm/glmrun/main.go "$TMP/base/bench/glm/glmrun/main.go"
  (cd "$TMP/base" && go build -o "$TMP/glmrun_base" ./bench/glm/glmrun)
fi

py() { python3 -c "$@"; }

{
echo
echo "## Run of $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "Machine: $(nproc) cores, $(go version | cut -d' ' -f3), commit $(git rev-parse --short HEAD)$(git diff --quiet -- stat/glm stat/formula frame bench/glm/glmrun bench/glm/run.sh bench/glm/data.go || echo ' (with uncommitted changes to the engine or the benchmark)'), load before the run: $(cut -d' ' -f1-3 /proc/loadavg)."
[ -n "$BASELINE" ] && echo "Previous engine: commit $BASELINE."
echo
echo "| rows | method | cores | wall s, median (range) | CPU s, median (range) | IRLS iterations | max rel. coefficient diff. vs reference | peak RSS | vs fixest (quoted), wall | vs plain AP, wall |"
echo "|---|---|---|---|---|---|---|---|---|---|"
} > "$TMP/table.md"

# run LABEL BIN PROCS ACCEL REPS N: fits REPS times, one JSON file per run.
run() {
  i=0
  while [ $i -lt "$5" ]; do
    GOMAXPROCS=$3 /usr/bin/time -f '%M' -o "$TMP/rss_$6_$1_$i" "$2" -n "$6" -accel "$4" > "$TMP/run_$6_$1_$i.json"
    i=$((i + 1))
  done
}

for n in $SIZES; do
  case $n in
    1000000) fixest=1.14 ;;
    10000000) fixest=22.8 ;;
    *) fixest= ;;
  esac
  "$TMP/glmrun" -n "$n" -tol 1e-13 -demean-tol 1e-13 > "$TMP/ref_$n.json"
  methods="cg2 cg1 none"
  run cg2 "$TMP/glmrun" 2 cg "$REPEAT" "$n"
  run cg1 "$TMP/glmrun" 1 cg "$REPEAT" "$n"
  run none "$TMP/glmrun" 2 none 1 "$n"
  if [ -n "$BASELINE" ]; then
    run prev "$TMP/glmrun_base" 2 cg "$REPEAT" "$n"
    methods="$methods prev"
  fi
  py "
import glob, json, statistics
n, fixest, tmp = $n, '$fixest', '$TMP'
ref = json.load(open('%s/ref_%d.json' % (tmp, n)))['coefficients']
labels = {'cg2': ('accelerated (default)', 2), 'cg1': ('accelerated (default)', 1),
          'none': ('plain alternating projections', 2), 'prev': ('previous engine ($BASELINE)', 2)}
rows, med = [], {}
for m in '$methods'.split():
    runs = [json.load(open(f)) for f in sorted(glob.glob('%s/run_%d_%s_*.json' % (tmp, n, m)))]
    rss = max(int(open(f).read().split()[-1]) for f in glob.glob('%s/rss_%d_%s_*' % (tmp, n, m)))
    wall = [r['seconds'] for r in runs]
    cpu = [r['cpu_seconds'] for r in runs]
    med[m] = statistics.median(wall)
    diff = max(max(abs(r['coefficients'][k][0] - ref[k][0]) / abs(ref[k][0]) for k in ref) for r in runs)
    rows.append((m, wall, cpu, runs[0]['iterations'], diff, rss / 1024 / 1024))
def rng(v):
    return '%.3f' % v[0] if len(v) == 1 else '%.3f (%.3f-%.3f)' % (statistics.median(v), min(v), max(v))
for m, wall, cpu, it, diff, rss in rows:
    label, cores = labels[m]
    vf = '%.1fx faster' % (float(fixest) / statistics.median(wall)) if fixest else ''
    vp = 'baseline' if m == 'none' else '%.1fx faster' % (med['none'] / statistics.median(wall))
    print('| %s | %s | %d | %s | %s | %d | %.1e | %.2f GB | %s | %s |' % ('{:,}'.format(n), label, cores, rng(wall), rng(cpu), it, diff, rss, vf, vp))
" >> "$TMP/table.md"
done

# statsmodels and baserate on the 1,536-cell table, in CELL_ROUNDS
# alternating rounds (each the median of 20 fits or batches), so that both
# meet the same load.
CELL_ROUNDS=${CELL_ROUNDS:-3}
r=0
while [ $r -lt "$CELL_ROUNDS" ]; do
  /usr/bin/python3 bench/glm/statsmodels_cells.py stat/glm/testdata/cells.csv --repeat 20 > "$TMP/sm_$r.json"
  "$TMP/glmrun" -cells stat/glm/testdata/cells.csv -repeat 20 > "$TMP/go_$r.json"
  r=$((r + 1))
done
py "
import glob, json, statistics
sms = [json.load(open(f)) for f in sorted(glob.glob('$TMP/sm_*.json'))]
gos = [json.load(open(f)) for f in sorted(glob.glob('$TMP/go_*.json'))]
for sm, go in zip(sms, gos):
    assert abs(sm['cit_coefficient'] - go['cit_coefficient']) < 1e-8 * abs(sm['cit_coefficient'])
def rng(v, fmt):
    return (fmt + ' (' + fmt + '-' + fmt + ')') % (statistics.median(v), min(v), max(v))
print()
print('Poisson GLM on the 1,536-cell table (%d coefficients), seconds per fit; median (range) of %d alternating rounds:' % (gos[0]['params'], len(gos)))
print()
print('| | statsmodels %s, wall | baserate, wall | speed-up, wall | statsmodels, CPU | baserate, CPU | speed-up, CPU |' % sms[0]['statsmodels'])
print('|---|---|---|---|---|---|---|')
for key, label in (('formula_and_fit', 'formula + design + fit'), ('fit', 'fit alone')):
    sw = [s[key + '_seconds'] for s in sms]
    gw = [g[key + '_seconds'] for g in gos]
    sc = [s[key + '_cpu_seconds'] for s in sms]
    gc = [g[key + '_cpu_seconds'] for g in gos]
    rw = [a / b for a, b in zip(sw, gw)]
    rc = [a / b for a, b in zip(sc, gc)]
    print('| %s | %s | %s | %s | %s | %s | %s |' % (label, rng(sw, '%.4f'), rng(gw, '%.5f'), rng(rw, '%.0fx'), rng(sc, '%.4f'), rng(gc, '%.5f'), rng(rc, '%.0fx')))
" >> "$TMP/table.md"
echo >> "$TMP/table.md"
echo "Load after the run: $(cut -d' ' -f1-3 /proc/loadavg)." >> "$TMP/table.md"

cat "$TMP/table.md" >> "$OUT"
cat "$TMP/table.md"
rm -rf "$TMP"
