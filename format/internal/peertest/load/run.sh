#!/usr/bin/env bash
# Writes baserate's exports (convert, the API's downloads, chart data, the
# media index) into a temporary folder and loads them in pandas (check.py)
# and R (check.R) as docs/formats.md says. Needs ../shared beside the
# repository, python3 with pandas, and Rscript with jsonlite. Not part of
# "go test": see README.md.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
out=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$out"' EXIT
pid=
go build -o "$out/baserate" ./cmd/baserate
b=$out/baserate
px=../shared/data/formats/px

# A PX file with codes with leading zeros and all six missing-value
# symbols, and a CP1252 PX file with Finnish labels.
cp "$px/statisticssweden-PxWeb/Example/NPM/BE0101F1datasymbols.px" "$out/px-symbols.px"
cp "$px/mikaelhg-px2csv-go/010_kats_tau_101.px" "$out/px-finnish.px"
for n in px-symbols px-finnish; do
  "$b" convert "$out/$n.px" --to csv --out "$out/$n.csv"
  "$b" convert "$out/$n.px" --to jsonstat --out "$out/$n.json"
  "$b" convert "$out/$n.px" --to parquet --out "$out/$n.parquet"
  "$b" inspect --format json "$out/$n.px" > "$out/$n.inspect.json"
done

# The API: a bundled dataset with status flags and missing values, two
# fact sheets (one of a district with a leading zero), the chart data.
"$b" serve --addr 127.0.0.1:0 > "$out/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q http "$out/serve.log" && break; sleep 0.1; done
base=$(grep -o 'http://[0-9.:]*' "$out/serve.log" | head -1)
get() { curl -sf "$base$1" -o "$out/$2"; }
get "/api/v1/datasets/pks-suspects/data?format=csv" pks-suspects.csv
get "/api/v1/datasets/pks-suspects/data?format=json" pks-suspects.json
get "/api/v1/datasets/pks-suspects/data?format=parquet" pks-suspects.parquet
"$b" inspect --format json "$out/pks-suspects.json" > "$out/pks-suspects.inspect.json"
for a in 01001 DE; do
  y=2022
  for f in csv json parquet; do get "/api/v1/factsheet?year=$y&offence=890000&area=$a&format=$f" "factsheet-$a.$f"; done
done
for c in "overview-shares?year=2024" "factsheet-ratios?offence=890000&year=2024" "trend-rates?offence=890000&year=2024" "media-origin-share?"; do
  n=chart-${c%%\?*}
  get "/charts/$c&format=csv" "$n.csv"
  get "/charts/$c&format=json" "$n.json"
done

# The media index of one year of a police press corpus.
"$b" media code --in ../shared/data/news/ffm-polizei/ffm_news_2016.csv --keep-going > "$out/coded.jsonl" 2>/dev/null
"$b" media index --in "$out/coded.jsonl" --home DE --year 2016 --groups period,family --format csv > "$out/media-index.csv" 2>/dev/null
"$b" media index --in "$out/coded.jsonl" --home DE --year 2016 --groups period,family --format json > "$out/media-index.json"

echo "== pandas"
"${PYTHON:-python3}" format/internal/peertest/load/check.py "$out"
echo "== R"
Rscript format/internal/peertest/load/check.R "$out"
