#!/usr/bin/env bash
# Benchmarks the deployment planner against the CP-SAT reference model
# (scripts/bench/cpsat_plan.py) on generated scenarios of sizes S, M and L, 10 seeds each
# (crates/crc-planner/benches/planner.rs says what it measures), and writes the figures into
# docs/benchmarks.md between the `planner-bench` markers (scripts/bench.sh keeps that block
# when it rewrites the file, and runs this script at its end).
#
# Usage: scripts/bench-planner.sh [--sizes s,m,l] [--seeds 10 | --seeds 1,2,3] [--limit 60]
#                                 [--plan-limit 120]
#                                 [--workers N]
# The documented figures use the defaults; a quick try: --sizes s --seeds 2 --limit 10.
# It makes target/planner-venv when missing (pinned OR-Tools), builds the benchmark in the
# release profile, and takes about (sizes × seeds × (limit + a few seconds)).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT_MD=docs/benchmarks.md
REPORT=$(mktemp /tmp/crc-planner-bench.XXXXXX)
trap 'rm -f "$REPORT" "$REPORT.block"' EXIT
bash scripts/bench/planner-venv.sh >&2
cargo bench -p crc-planner --bench planner -- --out "$REPORT" "$@"
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
{
    echo '<!-- planner-bench:begin -->'
    echo '## Deployment planner'
    echo
    echo "Measured by \`scripts/bench-planner.sh${*:+ $*}\` on $(date -u '+%Y-%m-%d %H:%M UTC') (commit $(git rev-parse --short HEAD)),"
    echo "$(nproc) cores (${cpu:-unknown CPU}), $(free -h | awk '/^Mem:/ {print $2}') of memory; the planner and CP-SAT ran one after the other, each with every core."
    echo
    echo 'For each size and seed, the generated scenario (`crc_planner::generate::generate(size, seed,'
    echo '&Knobs::default())`) is planned by `crc_planner::plan` with the default options, timed, with the'
    echo "peak of the heap it allocates counted by the benchmark's global allocator; its plan is checked by"
    echo '`crc_planner::validate`. The same scenario goes to the CP-SAT reference model'
    echo '(`scripts/bench/cpsat_plan.py`, OR-Tools pinned in `scripts/bench/requirements.txt`) with the time'
    echo 'limit below, whose plan is validated too. The gap is the closure against the best lower bound'
    echo "either side proved. CP-SAT's wall time includes starting Python and building its model. On S, M"
    echo 'and L the reference model is its reduced form (aircraft shuttling on one airfield pair in campaigns,'
    echo 'trains per unit, three road routes per unit), so its closure is a good feasible plan, not an optimum,'
    echo 'and its reported bound is its own critical-path bound; only on the tiny scenarios of the exactness'
    echo 'test (`crates/crc-planner/tests/bounds_vs_cpsat.rs`) is it the full, exact model.'
    echo
    cat "$REPORT"
    echo '<!-- planner-bench:end -->'
} >"$REPORT.block"
python3 - "$OUT_MD" "$REPORT.block" <<'PY'
import re, sys
path, block = sys.argv[1], open(sys.argv[2]).read().rstrip('\n')
doc = open(path).read()
pat = re.compile(r'<!-- planner-bench:begin -->.*?<!-- planner-bench:end -->', re.S)
doc = pat.sub(lambda _: block, doc) if pat.search(doc) else doc.rstrip('\n') + '\n\n' + block + '\n'
open(path, 'w').write(doc)
PY
echo "wrote $OUT_MD" >&2
