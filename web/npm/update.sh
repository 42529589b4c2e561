#!/usr/bin/env bash
# Re-vendors the chart libraries from the npm registry into ../static/vendor
# and rewrites its SHA256SUMS. The versions are pinned in package.json and
# package-lock.json (which records each tarball's integrity hash); npm ci
# refuses a tarball whose hash differs. Run from anywhere:
#   web/npm/update.sh          # copy the files and record their checksums
#   web/npm/update.sh --check  # only verify the vendored files against SHA256SUMS
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dest="$here/../static/vendor"
if [[ ${1:-} == --check ]]; then
  cd "$dest" && exec sha256sum --check --strict SHA256SUMS
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$here/package-lock.json" "$work/"
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
nm="$work/node_modules"
cp "$nm/vega/build/vega.min.js" "$dest/vega.min.js"
cp "$nm/vega-lite/build/vega-lite.min.js" "$dest/vega-lite.min.js"
cp "$nm/vega-embed/build/vega-embed.min.js" "$dest/vega-embed.min.js"
cp "$nm/vega-interpreter/build/vega-interpreter.js" "$dest/vega-interpreter.js"
# The Vega-Lite JSON schema, for the Go tests that validate our chart specs.
gzip -9 -n -c "$nm/vega-lite/build/vega-lite-schema.json" > "$here/../chart/testdata/vega-lite-schema.json.gz"
for p in vega vega-lite vega-embed vega-interpreter; do
  cp "$nm/$p/LICENSE" "$dest/LICENSE-$p"
  echo "$p $(node -p "require('$nm/$p/package.json').version")"
done > "$dest/VERSIONS"
cd "$dest" && sha256sum vega.min.js vega-lite.min.js vega-embed.min.js vega-interpreter.js LICENSE-* VERSIONS > SHA256SUMS
echo "vendored into $dest:"; cat SHA256SUMS
