#!/usr/bin/env bash
# Benchmarks the crisis board's queries with 100 operations and 10,000 tasks stored, on
# SQLite and PostgreSQL (crates/crc-server/benches/crisis_board.rs says what it does), and
# writes the figures into docs/benchmarks.md between the `crisis-bench` markers
# (scripts/bench.sh keeps that block when it rewrites the file).
#
# Usage: scripts/bench-crisis.sh [--seconds N] [--clients N] [--backends sqlite,postgres]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT_MD=docs/benchmarks.md
REPORT=$(mktemp /tmp/crc-crisis-bench.XXXXXX)
trap 'rm -f "$REPORT"' EXIT
# PostgreSQL comes from Debian's packages, as for the tests.
command -v /usr/lib/postgresql/15/bin/initdb >/dev/null || bash scripts/setup-test-deps.sh
cargo bench -p crc-server --bench crisis_board -- --out "$REPORT" "$@"
{
    echo '<!-- crisis-bench:begin -->'
    echo '## Crisis board'
    echo
    echo "Measured by \`scripts/bench-crisis.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') (commit $(git rev-parse --short HEAD))."
    echo 'A fresh database per backend with the bundled reference data; 100 crises seeded through the'
    echo "store's own workflow functions (request, extraordinary session, decision adopted by the six"
    echo 'delegations, operation), then 100 tasks under each decision: a fifth past their deadline, a fifth'
    echo 'done. The real server on 127.0.0.1:0 on its own runtime threads; for each query, concurrent HTTP'
    echo 'clients in a closed loop (the same machine, 2 cores), as a duty officer (every real-world record)'
    echo 'and as a liaison officer of Kazakhstan (releasability applied in the queries). The board is'
    echo 'one request that runs eight queries: counts per kind and status, open requests, sessions,'
    echo 'decisions, operations, overdue tasks, open tasks by deadline, the mode and the shift on duty.'
    echo
    cat "$REPORT"
    echo '<!-- crisis-bench:end -->'
} > "$REPORT.block"
python3 - "$OUT_MD" "$REPORT.block" <<'PY'
import re, sys
path, block = sys.argv[1], open(sys.argv[2]).read().rstrip('\n')
doc = open(path).read()
pat = re.compile(r'<!-- crisis-bench:begin -->.*?<!-- crisis-bench:end -->', re.S)
doc = pat.sub(lambda _: block, doc) if pat.search(doc) else doc.rstrip('\n') + '\n\n' + block + '\n'
open(path, 'w').write(doc)
PY
rm -f "$REPORT.block"
echo "wrote $OUT_MD" >&2
