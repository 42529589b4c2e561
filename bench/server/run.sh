#!/usr/bin/env bash
# Load test of "baserate serve" on loopback with wrk (Debian package wrk).
#
#   bench/server/run.sh            # 30 s per run, 2 wrk threads, 64 connections, 2 rounds
#   DUR=10s CONN=16 ROUNDS=1 bench/server/run.sh
#
# It builds the binary, starts the server on a free port, and runs wrk
# against, in this order:
#   1. /healthz                         the baseline: the same server doing no work
#   2. /api/v1/factsheet?year=2023&offence=890000   one cached fact sheet
#   3. /api/v1/factsheet over 40 offence keys x 10 years (mixed.lua): cold, then cached
# For each it reports requests/s, p50/p99 latency and errors (socket errors
# and non-2xx answers), the server's RSS after the run, and "other CPU":
# the CPU seconds other processes took from the 2 cores during the run
# (all busy time less the server's and wrk's; a range, because the kernel
# charges part of the loopback network work, its soft interrupts, to the
# server and wrk and part to nobody: the low end counts none of the soft
# interrupt time as other work, the high end all of it); the runs are
# repeated ROUNDS times, so a second round shows whether memory stays flat
# once the caches are full. wrk runs on the same 2 cores as the server, so
# the numbers are a lower bound for the server alone.
#
# The in-process benchmarks of the handler (no network; /healthz and
# computing the sheet as baselines in the same run) are in bench_test.go:
#   go test ./bench/server -run XXX -bench . -benchmem
#
# Where the time goes under load: run the server in-process with the CPU
# profiler and point wrk at it (port 0 takes a free port: on the shared
# machine a fixed one may be taken by someone else's server; profserve
# prints the address it serves on),
#   go build -o bench/out/profserve ./bench/server/profserve
#   bench/out/profserve -addr 127.0.0.1:0 -cpuprofile bench/out/cpu.out -wait 3s -d 20s > bench/out/profserve.out &
#   sleep 2   # it loads the bundle first
#   url=$(sed -n 's#profserve: serving \(http://[^/]*\)/#\1#p' bench/out/profserve.out)
#   wrk -t2 -c64 -d22s "$url/api/v1/factsheet?year=2023&offence=890000"
#   kill %1; go tool pprof -top bench/out/cpu.out
set -euo pipefail
cd "$(dirname "$0")/../.."
DUR=${DUR:-30s}
CONN=${CONN:-64}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-2}
out=bench/out/server
mkdir -p "$out"
command -v wrk >/dev/null || { echo "bench: wrk is not installed (apt-get install wrk)" >&2; exit 1; }

go build -o "$out/baserate" ./cmd/baserate
"$out/baserate" serve --addr 127.0.0.1:0 >"$out/serve.out" 2>"$out/serve.err" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  url=$(sed -n 's#.*serving \(http://[^/]*\)/ .*#\1#p' "$out/serve.out")
  [[ -n $url ]] && break
  sleep 0.1
done
[[ -n ${url:-} ]] || { echo "bench: server did not start" >&2; cat "$out/serve.err" >&2; exit 1; }

rss() { awk '/VmRSS/ {print $2}' /proc/$pid/status; }
curl -sf "$url/api/v1/factsheet?year=2023&offence=890000" >/dev/null
rss0=$(rss)

# CPU seconds: all cores busy (from /proc/stat) and the server's own.
hz=$(getconf CLK_TCK)
# Soft interrupts (loopback TCP for the requests) are counted apart: the
# kernel does them for wrk and the server, but charges them to neither.
busy() { awk -v hz="$hz" '$1=="cpu" {print ($2+$3+$4+$7+$9)/hz}' /proc/stat; }
softirq() { awk -v hz="$hz" '$1=="cpu" {print $8/hz}' /proc/stat; }
srvcpu() { awk -v hz="$hz" '{print ($14+$15)/hz}' /proc/$pid/stat; }

run() { # name, path, extra wrk args...
  local name=$1 path=$2; shift 2
  local b0 s0 q0 b1 s1 q1 other TIMEFORMAT="%U %S"
  b0=$(busy); s0=$(srvcpu); q0=$(softirq)
  { time wrk -t"$THREADS" -c"$CONN" -d"$DUR" --latency "$@" "$url$path" >"$out/$name.txt" ; } 2>"$out/$name.time"
  b1=$(busy); s1=$(srvcpu); q1=$(softirq)
  # CPU seconds that neither the server nor wrk used: other work on the
  # machine competing for the 2 cores during this run.
  other=$(awk -v b0="$b0" -v b1="$b1" -v s0="$s0" -v s1="$s1" -v q0="$q0" -v q1="$q1" '{o=(b1-b0)-(s1-s0)-($1+$2); lo=o<0?0:o; printf "%.0f-%.0f s", lo, o+q1-q0}' "$out/$name.time")
  local rps p50 p99 sock non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$out/$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$out/$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$out/$name.txt")
  sock=$(awk '/Socket errors/ {gsub(",",""); print $4+$6+$8+$10}' "$out/$name.txt")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$out/$name.txt")
  printf "%-26s %10s req/s   p50 %8s   p99 %8s   socket errors %s   non-2xx %s   RSS after %s kB   other CPU %s\n" "$name" "$rps" "$p50" "$p99" "${sock:-0}" "${non2xx:-0}" "$(rss)" "$other"
}

echo "baserate serve on $url; wrk -t$THREADS -c$CONN -d$DUR; $(nproc) cores; $(go version | awk '{print $3}')"
# The machine is shared: the load average before the runs says how quiet
# it was (during them, wrk and the server add about 2).
echo "load average before the runs: $(cut -d" " -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
  echo "round $round (server RSS $(rss) kB)"
  run "baseline-healthz-r$round" /healthz
  run "factsheet-2023-890000-r$round" "/api/v1/factsheet?year=2023&offence=890000"
  run "factsheet-mixed-r$round" /api/v1/factsheet -s bench/server/mixed.lua
done
rss1=$(rss)
echo "load average during the runs: $(cut -d" " -f1-3 /proc/loadavg)"
echo "server RSS: ${rss0} kB before the runs (after one fact sheet), ${rss1} kB after"
