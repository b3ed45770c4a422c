#!/usr/bin/env bash
# Benchmarks situation monitoring (crates/crc-server/benches/monitoring.rs says what it
# does): reports filed through the API per second, durably, and the map's and search's
# latency over 1,000,000 stored reports, on a fresh SQLite file and then on a fresh
# PostgreSQL cluster (fsync=on, synchronous_commit=on, on a free port of 127.0.0.1). Writes
# the figures into docs/benchmarks.md between the `monitoring-bench` markers.
#
# Usage: scripts/bench-monitoring.sh [--ingest N] [--stored N] [--clients N] [--seconds N]
# Environment: BENCH_BACKENDS ("sqlite postgres").
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BACKENDS=${BENCH_BACKENDS:-sqlite postgres}
PG_BIN=/usr/lib/postgresql/15/bin
OUT_MD=docs/benchmarks.md
# shellcheck source=scripts/bench/lib.sh
source "$ROOT/scripts/bench/lib.sh"

WORK=$(mktemp -d /tmp/crc-bench-monitoring.XXXXXX)
PG_DATA=""
cleanup() {
    local rc=$?
    set +e
    pg_stop
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

command -v "$PG_BIN/initdb" >/dev/null || bash scripts/setup-test-deps.sh
log "bench: building the benchmark (release)"
cargo bench -p crc-server --bench monitoring --no-run >&2

ROWS="$WORK/rows.md"
: >"$ROWS"
for b in $BACKENDS; do
    case "$b" in
        sqlite) URL="sqlite://$WORK/sqlite/crc.db" ;;
        postgres)
            pg_start
            URL="postgres://crc@127.0.0.1:$PG_PORT/crc"
            ;;
        *) die "unknown backend $b" ;;
    esac
    timeout 3600 cargo bench -p crc-server --bench monitoring -- --database "$URL" --label "$b" \
        --out "$WORK/$b.md" "$@"
    cat "$WORK/$b.md" >>"$ROWS"
    [[ "$b" == postgres ]] && pg_stop
done

{
    echo '<!-- monitoring-bench:begin -->'
    echo '## Situation monitoring'
    echo
    echo "Measured by \`scripts/bench-monitoring.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') (commit $(git rev-parse --short HEAD)), 2 cores."
    echo 'Per backend, a fresh database: SQLite in WAL mode with `synchronous=FULL`; PostgreSQL 15 with'
    echo '`fsync=on` and `synchronous_commit=on`. Every acknowledged batch is on disk with an audit entry'
    echo 'per report. The real server on 127.0.0.1:0; the clients on the same machine. Ingest: 100,000'
    echo 'reports through `POST /api/v1/monitoring/reports`, then the store filled to 1,000,000 reports'
    echo 'observed over a year around 25 towns of the member states. Queries: each request a fresh'
    echo 'random viewport and window, by 1 client (the latency one officer sees) and by 4 concurrent'
    echo 'clients (sharing the 2 cores with the server) for 10 s per row; the liaison officer'"'"'s rows'
    echo 'apply releasability in SQL. Targets: at least 5,000 reports/s ingested in batches; p99 under'
    echo '50 ms for a viewport and time window.'
    echo
    echo '| backend | what | as | clients | count | rate | p50 ms | p99 ms | answers |'
    echo '|---|---|---|---:|---:|---:|---:|---:|---|'
    cat "$ROWS"
    echo '<!-- monitoring-bench:end -->'
} >"$WORK/block.md"
python3 - "$OUT_MD" "$WORK/block.md" <<'PY'
import re, sys
path, block = sys.argv[1], open(sys.argv[2]).read().rstrip('\n')
doc = open(path).read()
pat = re.compile(r'<!-- monitoring-bench:begin -->.*?<!-- monitoring-bench:end -->', re.S)
doc = pat.sub(lambda _: block, doc) if pat.search(doc) else doc.rstrip('\n') + '\n\n' + block + '\n'
open(path, 'w').write(doc)
PY
log "bench: wrote $OUT_MD"
