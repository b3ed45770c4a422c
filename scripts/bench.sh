#!/usr/bin/env bash
# Benchmarks the `crc` server on this machine, with SQLite and then PostgreSQL, and writes
# the figures to docs/benchmarks.md (and prints the tables).
#
# Usage: scripts/bench.sh
#
# What it does, per backend:
#   - a fresh database (SQLite file in a temp dir; PostgreSQL cluster initdb'd into a temp
#     dir, started on a free port on 127.0.0.1 with fsync=on, synchronous_commit=on);
#   - `crc demo load` and `crc user token admin --name bench` for a bearer token;
#   - start-to-ready: `crc serve` started 5 times, milliseconds from launch until GET /health
#     answers 200 (curl polled every 5 ms), median; plus the server's own ready_ms log field;
#   - idle memory: VmRSS of the server after start and a few requests;
#   - load with wrk on loopback (2 threads, 64 connections, 10 s, --latency): list, read,
#     create, update (all on contingent 1), update-spread (over the records create made);
#     each run against a freshly started server, and after each write run one more write
#     checks that the server still takes writes;
#   - then scripts/bench-events.sh: the event stream's latency from a commit to 1,000
#     subscribers (its own block of docs/benchmarks.md);
#   - then scripts/bench-crisis.sh: requests/s of the crisis board with 100 operations and
#     10,000 tasks (its own block);
#   - then scripts/bench-planner.sh: the deployment planner against the CP-SAT reference model
#     on generated scenarios S, M and L (its own block).
# Everything runs on 127.0.0.1 and is bounded in time; processes and temp dirs are removed
# on exit, on failure too. Environment knobs (for trying things out; the documented
# figures use the defaults): BENCH_DURATION (10s), BENCH_THREADS (2), BENCH_CONNECTIONS (64),
# BENCH_STARTS (5), BENCH_BACKENDS ("sqlite postgres"), BENCH_LOG_DIR (when set, the wrk
# outputs and the server and PostgreSQL logs are copied there before the temp dir goes).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

DURATION=${BENCH_DURATION:-10s}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
STARTS=${BENCH_STARTS:-5}
BACKENDS=${BENCH_BACKENDS:-sqlite postgres}
PG_BIN=/usr/lib/postgresql/15/bin
OUT_MD="$ROOT/docs/benchmarks.md"
LUA_DIR="$ROOT/scripts/bench"

# log, die, as_pg, apt_install, free_port, strip_ansi, pg_start, pg_stop (shared with
# scripts/bench-events.sh).
# shellcheck source=scripts/bench/lib.sh
source "$ROOT/scripts/bench/lib.sh"

# ---------------------------------------------------------------- clean-up (always)
WORK=$(mktemp -d /tmp/crc-bench.XXXXXX)
SERVER_PID=""
PG_DATA=""
WRK_PID=""
cleanup() {
    local rc=$?
    set +e
    if [[ -n "$WRK_PID" ]]; then
        kill -TERM "$WRK_PID" 2>/dev/null
        wait "$WRK_PID" 2>/dev/null
    fi
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$SERVER_PID" 2>/dev/null
        wait "$SERVER_PID" 2>/dev/null
    fi
    SERVER_PID=""
    pg_stop
    if [[ -n "${BENCH_LOG_DIR:-}" ]]; then
        mkdir -p "$BENCH_LOG_DIR"
        (cd "$WORK" && find . \( -name '*.txt' -o -name '*.log' \) -print0 | xargs -0r cp --parents -t "$BENCH_LOG_DIR")
    fi
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- tools
need_tools() {
    local missing=()
    command -v wrk >/dev/null || missing+=(wrk)
    command -v curl >/dev/null || missing+=(curl)
    command -v jq >/dev/null || missing+=(jq)
    if [[ " $BACKENDS " == *" postgres "* ]] && [[ ! -x "$PG_BIN/postgres" ]]; then
        missing+=(postgresql)
    fi
    if ((${#missing[@]})); then apt_install "${missing[@]}"; fi
    command -v wrk >/dev/null || die "wrk is not installed"
    if [[ " $BACKENDS " == *" postgres "* ]]; then
        [[ -x "$PG_BIN/postgres" ]] || die "PostgreSQL 15 is not at $PG_BIN"
    fi
}

now_ns() { date +%s%N; }

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "n/a"} else if (NR%2) {print a[(NR+1)/2]} else {print (a[NR/2]+a[NR/2+1])/2}}'; }

# ---------------------------------------------------------------- the server
SERVER_PORT=""
SERVER_LOG=""
READY_MS=""
# start_server LOGFILE: starts `crc serve`, sets SERVER_PID, SERVER_PORT and READY_MS, the
# milliseconds from launch until GET /health answered 200. (Not in a subshell: it sets globals.)
start_server() {
    local try
    for try in 1 2 3; do
        start_server_once "$1" && return 0
        grep -q 'Address already in use' "$1" || return 1
        log "bench: port $SERVER_PORT was taken after all (try $try); another port"
    done
    return 1
}

start_server_once() {
    SERVER_LOG=$1
    local t0 t1 deadline code
    SERVER_PORT=$(free_port)
    t0=$(now_ns)
    "$CRC" serve --bind "127.0.0.1:$SERVER_PORT" --database "$DB_URL" >"$SERVER_LOG.out" 2>"$SERVER_LOG" &
    SERVER_PID=$!
    deadline=$((t0 + 30000000000))
    while :; do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$SERVER_PORT/health" || true)
        if [[ "$code" == 200 ]]; then t1=$(now_ns); break; fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            wait "$SERVER_PID" 2>/dev/null || true
            SERVER_PID=""
            if ! grep -q 'Address already in use' "$SERVER_LOG"; then
                log "bench: the server exited before it was ready:"
                strip_ansi <"$SERVER_LOG" >&2
            fi
            return 1
        fi
        (($(now_ns) < deadline)) || { log "bench: the server was not ready after 30 s"; return 1; }
        sleep 0.005
    done
    READY_MS=$(((t1 - t0) / 1000000))
}

STOP_NOTE=""
# stop_server: SIGTERM, then SIGKILL after 10 s; STOP_NOTE says so when it came to that.
stop_server() {
    STOP_NOTE=""
    [[ -n "$SERVER_PID" ]] || return 0
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        STOP_NOTE="did not stop within 10 s of SIGTERM and was killed"
    fi
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

api() {
    # api METHOD PATH [curl args...]: a request with the token; prints the body.
    local method=$1 path=$2
    shift 2
    curl -s --max-time 10 -X "$method" -H "Authorization: Bearer $TOKEN" "$@" "http://127.0.0.1:$SERVER_PORT$path"
}

# ---------------------------------------------------------------- wrk
to_ms() {
    # wrk's durations: 812.00us, 1.23ms, 1.02s, 2.00m
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
        if (u == "us") n = n / 1000; else if (u == "s") n = n * 1000; else if (u == "m") n = n * 60000;
        printf "%.2f", n }'
}

# run_wrk BACKEND NAME METHOD PATH [LUA [WHAT]]: runs wrk and records the figures in
# R[backend.name.*]. WHAT describes the target in the progress line when the script picks paths.
declare -A R
run_wrk() {
    local backend=$1 name=$2 method=$3 path=$4 lua=${5:-} what=${6:-$4}
    local out="$WORK/wrk-$backend-$name.txt"
    local args=(-t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --latency --timeout 5s
        -H "Authorization: Bearer $TOKEN")
    [[ -n "$lua" ]] && args+=(-s "$lua")
    log "[$backend] $name: $method $what, running $DURATION ($THREADS threads, $CONNECTIONS connections) ..."
    # In the background and waited for, so that a signal to this script is handled at once.
    timeout 120 wrk "${args[@]}" "http://127.0.0.1:$SERVER_PORT$path" >"$out" 2>&1 &
    WRK_PID=$!
    if ! wait "$WRK_PID"; then
        WRK_PID=""
        cat "$out" >&2
        die "wrk failed for $backend $name"
    fi
    WRK_PID=""
    local rps p50 p99 reqs non2xx sock statuses first_error
    rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
    p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
    p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
    reqs=$(awk '/requests in/ {print $1}' "$out")
    non2xx=$(awk -F': ' '/Non-2xx or 3xx responses/ {print $2}' "$out")
    non2xx=${non2xx:-0}
    sock=$(awk '/Socket errors/ {gsub(/,/, ""); print "connect " $4 ", read " $6 ", write " $8 ", timeout " $10}' "$out")
    sock=${sock:-none}
    statuses=$(awk '$1 == "status" {printf "%s%s×%s", sep, $2, $3; sep=", "}' "$out")
    first_error=$(sed -n 's/^first_error //p' "$out" | head -1)
    R[$backend.$name.rps]=$rps
    R[$backend.$name.p50]=$p50
    R[$backend.$name.p99]=$p99
    R[$backend.$name.reqs]=$reqs
    R[$backend.$name.non2xx]=$non2xx
    R[$backend.$name.sock]=$sock
    R[$backend.$name.statuses]=${statuses:-}
    R[$backend.$name.first_error]=${first_error:-}
    log "[$backend] $name: $rps req/s, p50 $p50 ms, p99 $p99 ms, $reqs requests, non-2xx $non2xx, socket errors: $sock${statuses:+, statuses: $statuses}"
    [[ -z "$first_error" ]] || log "[$backend] $name: first error response: $first_error"
}

# ---------------------------------------------------------------- one load run
rss_mb() { awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$SERVER_PID/status"; }

# write_probe BACKEND NAME: one POST with a fresh name; prints what came back.
write_probe() {
    local out code
    out="$WORK/probe-$1-$2.json"
    code=$(curl -s -o "$out" -w '%{http_code}' --max-time 10 -X POST \
        -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d "{\"state\":\"KAZ\",\"component\":\"crrf\",\"name\":\"Bench probe $1 $2 $RANDOM\",\"home_station\":{\"name\":\"Almaty\",\"lat\":43.25,\"lon\":76.95},\"personnel\":1,\"equipment\":1,\"readiness\":\"high\"}" \
        "http://127.0.0.1:$SERVER_PORT/api/v1/contingents" || true)
    case $code in
        201) echo "201" ;;
        000) echo "no answer within 10 s" ;;
        *) echo "$code $(jq -r '.code // empty' "$out" 2>/dev/null)" ;;
    esac
}

# collect_spread_ids BACKEND: the ids of the non-demo KAZ contingents (made by the create run).
collect_spread_ids() {
    BENCH_SPREAD_IDS=$(for off in 0 500; do
        api GET "/api/v1/contingents?state=KAZ&demo=false&sort=id&limit=500&offset=$off" | jq -r '.items[]?.id' || true
    done | grep -E '^[0-9]+$' | paste -sd, - || true)
    BENCH_THREADS=$THREADS
    export BENCH_SPREAD_IDS BENCH_THREADS
    local n
    n=$(tr ',' '\n' <<<"$BENCH_SPREAD_IDS" | grep -c . || true)
    R[$1.spread_ids]=$n
    ((n >= 4 * CONNECTIONS))
}

# load_run BACKEND NAME METHOD PATH [LUA]: a fresh server, one wrk run, the checks after it.
load_run() {
    local backend=$1 name=$2 method=$3 path=$4 lua=${5:-} what=$4
    local slog="$WORK/$backend/serve-$name.log"
    start_server "$slog" || die "the server did not start"
    if [[ $name == update-spread ]]; then
        if ! collect_spread_ids "$backend"; then
            log "[$backend] $name: skipped, only ${R[$backend.spread_ids]} contingents to spread over (need $((4 * CONNECTIONS)))"
            stop_server
            return 0
        fi
        what="/api/v1/contingents/{one of ${R[$backend.spread_ids]} ids in turn}"
    fi
    run_wrk "$backend" "$name" "$method" "$path" "$lua" "$what"
    sleep 0.5
    R[$backend.$name.rss]=$(rss_mb)
    R[$backend.$name.probe]="-"
    if [[ $method != GET ]]; then
        R[$backend.$name.probe]=$(write_probe "$backend" "$name")
        log "[$backend] $name: one more write after the run: ${R[$backend.$name.probe]}"
    fi
    stop_server
    R[$backend.$name.stop]=$STOP_NOTE
    [[ -z "$STOP_NOTE" ]] || log "[$backend] $name: the server $STOP_NOTE"
    # Warnings and errors the server logged in this run, counted by message.
    R[$backend.$name.logprob]=$(strip_ansi <"$slog" | grep -cE ' (WARN|ERROR) ' || true)
    strip_ansi <"$slog" | grep -E ' (WARN|ERROR) ' | sed -E 's/^[^ ]+ +//; s/latency=[0-9]+ ms/latency=N ms/' \
        | sort | uniq -c | sort -rn | head -5 >"$WORK/problems-$backend-$name.txt" || true
    if [[ -s "$WORK/problems-$backend-$name.txt" ]]; then
        log "[$backend] $name: the server logged ${R[$backend.$name.logprob]} WARN/ERROR lines:"
        cat "$WORK/problems-$backend-$name.txt" >&2
    fi
}

# ---------------------------------------------------------------- one backend
bench_backend() {
    local backend=$1
    local dir="$WORK/$backend"
    mkdir -p "$dir"
    case $backend in
        sqlite)
            DB_URL="sqlite://$dir/crc.db"
            R[$backend.durability]="SQLite WAL journal, synchronous=FULL"
            ;;
        postgres)
            pg_start
            DB_URL="postgres://crc@127.0.0.1:$PG_PORT/crc"
            R[$backend.durability]="$PG_VERSION; $PG_SETTINGS"
            ;;
        *) die "unknown backend $backend" ;;
    esac
    log "[$backend] loading the demo data ($DB_URL)"
    timeout 300 "$CRC" demo load --database "$DB_URL" >"$dir/demo.log" 2>&1 \
        || { strip_ansi <"$dir/demo.log" >&2; die "demo load failed"; }
    TOKEN=$(timeout 60 "$CRC" user token admin --name bench --database "$DB_URL" 2>"$dir/token.log" | tail -1)
    [[ -n "$TOKEN" ]] || { strip_ansi <"$dir/token.log" >&2; die "no token"; }

    # Start-to-ready, STARTS times.
    local i ms ready readies=() ready_logs=()
    for i in $(seq "$STARTS"); do
        start_server "$dir/serve-start-$i.log" || die "the server did not start"
        ms=$READY_MS
        stop_server
        ready=$(strip_ansi <"$dir/serve-start-$i.log" | sed -n 's/.*ready_ms=\([0-9]*\).*/\1/p' | head -1)
        readies+=("$ms")
        ready_logs+=("${ready:-?}")
        log "[$backend] start $i/$STARTS: ready after $ms ms (server's ready_ms=${ready:-not logged})"
    done
    R[$backend.ready_runs]="${readies[*]}"
    R[$backend.ready_median]=$(printf '%s\n' "${readies[@]}" | median)
    R[$backend.ready_ms_runs]="${ready_logs[*]}"
    R[$backend.ready_ms_median]=$(printf '%s\n' "${ready_logs[@]}" | grep -E '^[0-9]+$' | median)

    # Idle memory: a fresh server, a few requests, then VmRSS.
    start_server "$dir/serve-idle.log" || die "the server did not start"
    local body state
    body=$(api GET /api/v1/contingents/1)
    state=$(jq -r '.state // empty' <<<"$body")
    [[ -n "$state" ]] || die "GET /api/v1/contingents/1 did not answer a contingent: $body"
    api GET "/api/v1/contingents?limit=20" -o /dev/null
    api GET /api/v1/reference/components -o /dev/null || true
    sleep 1
    R[$backend.rss_idle]=$(rss_mb)
    log "[$backend] idle memory: VmRSS ${R[$backend.rss_idle]} MB"
    stop_server
    # The update body: contingent 1 as read, with its name changed, in the shape of a PUT.
    R[$backend.update_state]=$state
    BENCH_UPDATE_BODY=$(jq -c '{state, component, name: "Bench update target", home_station,
        personnel, equipment, readiness, notes, releasability}' <<<"$body")
    BENCH_UPDATE_ID=1
    export BENCH_UPDATE_BODY BENCH_UPDATE_ID

    # Each load run gets a server of its own, so that what one run does to the server cannot
    # spoil the next figure; after each write run, one more write checks that writes still work.
    load_run "$backend" list GET "/api/v1/contingents?limit=20"
    load_run "$backend" read GET /api/v1/contingents/1
    load_run "$backend" create POST /api/v1/contingents "$LUA_DIR/create.lua"
    load_run "$backend" update PUT /api/v1/contingents/1 "$LUA_DIR/update.lua"
    # The same update, spread over the contingents the create run made (each request a
    # different record, so no two requests in flight race for one record's version).
    load_run "$backend" update-spread PUT /api/v1/contingents "$LUA_DIR/update_spread.lua"

    if [[ $backend == postgres ]]; then
        R[$backend.pg_problems]=$(grep -cE '(ERROR|WARNING|FATAL|PANIC):' "$PG_DATA/postgres.log" || true)
        grep -E '(ERROR|WARNING|FATAL|PANIC):' "$PG_DATA/postgres.log" | head -10 >"$WORK/pg-problems.txt" || true
        if [[ -s "$WORK/pg-problems.txt" ]]; then
            log "[postgres] PostgreSQL logged ${R[$backend.pg_problems]} ERROR/WARNING/FATAL/PANIC lines; the first:"
            cat "$WORK/pg-problems.txt" >&2
        fi
        pg_stop
    fi
    return 0
}

# ---------------------------------------------------------------- report
ge() { awk -v a="$1" -v b="$2" 'BEGIN {exit !(a + 0 >= b + 0)}'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN {exit !(a + 0 < b + 0)}'; }
verdict() { if "$@"; then echo "met"; else echo "**not met**"; fi; }
# load_verdict OKFN BACKEND NAME: a run with error responses is no valid figure.
load_verdict() {
    if [[ ${R[$2.$3.non2xx]} != 0 ]]; then
        echo "**not met: no valid figure** (${R[$2.$3.non2xx]} non-2xx)"
    else
        verdict "$1" "$2" "$3"
    fi
}

read_ok() { ge "${R[$1.$2.rps]}" 20000 && lt "${R[$1.$2.p99]}" 5 && [[ ${R[$1.$2.non2xx]} == 0 ]]; }
write_ok() { ge "${R[$1.$2.rps]}" 2000 && [[ ${R[$1.$2.non2xx]} == 0 ]]; }

fmt_int() { printf "%'d" "$1" 2>/dev/null || printf '%s' "$1"; }

backend_table() {
    local b=$1 n target v
    echo "| measure | requests/s | p50 (ms) | p99 (ms) | requests | non-2xx | socket errors | server WARN/ERROR lines | one write right after | VmRSS after (MB) | target | verdict |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- | ---: | --- | --- |"
    for n in list read create update update-spread; do
        [[ -n "${R[$b.$n.rps]:-}" ]] || continue
        case $n in
            list | read)
                target="≥ 20,000 req/s, p99 < 5 ms"
                v=$(load_verdict read_ok "$b" "$n")
                ;;
            *)
                target="≥ 2,000 req/s (durable)"
                v=$(load_verdict write_ok "$b" "$n")
                ;;
        esac
        echo "| $n | $(fmt_int "${R[$b.$n.rps]}") | ${R[$b.$n.p50]} | ${R[$b.$n.p99]} | $(fmt_int "${R[$b.$n.reqs]}") | ${R[$b.$n.non2xx]} | ${R[$b.$n.sock]} | ${R[$b.$n.logprob]} | ${R[$b.$n.probe]} | ${R[$b.$n.rss]} | $target | $v |"
    done
    echo "| start to ready (median of $STARTS, GET /health) | ${R[$b.ready_median]} ms | | | | | | | | | < 300 ms | $(verdict lt "${R[$b.ready_median]}" 300) |"
    echo "| server's own \`ready_ms\` (median) | ${R[$b.ready_ms_median]} ms | | | | | | | | | | |"
    echo "| idle memory (VmRSS) | ${R[$b.rss_idle]} MB | | | | | | | | | < 50 MB | $(verdict lt "${R[$b.rss_idle]}" 50) |"
}

backend_notes() {
    local b=$1 n
    echo "- Start-to-ready runs (ms): ${R[$b.ready_runs]}; the server's \`ready_ms\` in the same runs: ${R[$b.ready_ms_runs]}."
    echo "- update: every request overwrites contingent 1 (state ${R[$b.update_state]}) with \`If-Match: *\`."
    if [[ -n "${R[$b.update-spread.rps]:-}" ]]; then
        echo "- update-spread: each request to the next of ${R[$b.spread_ids]} contingents made by the create run (KAZ), so no two requests in flight touch one record."
    else
        echo "- update-spread: not run (only ${R[$b.spread_ids]:-0} contingents to spread over)."
    fi
    for n in list read create update update-spread; do
        [[ -n "${R[$b.$n.rps]:-}" ]] || continue
        if [[ -n "${R[$b.$n.statuses]}" ]]; then echo "- $n: status codes counted by the wrk script: ${R[$b.$n.statuses]}."; fi
        if [[ -n "${R[$b.$n.first_error]}" ]]; then echo "- $n: first error response (cut at 300 characters): \`${R[$b.$n.first_error]:0:300}\`"; fi
        if [[ -n "${R[$b.$n.stop]}" ]]; then echo "- $n: after the run the server ${R[$b.$n.stop]}."; fi
        if [[ -s "$WORK/problems-$b-$n.txt" ]]; then
            echo "- $n: what the server logged at WARN/ERROR, by count:"
            echo
            echo '  ```text'
            sed 's/^/  /' "$WORK/problems-$b-$n.txt"
            echo '  ```'
            echo
        fi
    done
    if [[ $b == postgres ]]; then
        echo "- ERROR/WARNING/FATAL/PANIC lines in PostgreSQL's own log during the whole run: ${R[$b.pg_problems]:-?}."
        if [[ -s "$WORK/pg-problems.txt" ]]; then
            echo "  The first of them:"
            echo
            echo '  ```text'
            sed 's/^/  /' "$WORK/pg-problems.txt" | head -5
            echo '  ```'
            if grep -q 'relation "_sqlx_migrations" does not exist' "$WORK/pg-problems.txt"; then
                echo
                echo "  (\`relation \"_sqlx_migrations\" does not exist\` comes from the server's schema-version check on the"
                echo "  new, empty database, before the first migration; the check expects and ignores it.)"
            fi
        fi
    fi
    return 0
}

write_report() {
    local console_block
    console_block=$(sed -n '/<!-- console-bench:begin -->/,/<!-- console-bench:end -->/p' "$OUT_MD" 2>/dev/null || true)
    local events_block
    events_block=$(sed -n '/<!-- events-bench:begin -->/,/<!-- events-bench:end -->/p' "$OUT_MD" 2>/dev/null || true)
    local crisis_block
    crisis_block=$(sed -n '/<!-- crisis-bench:begin -->/,/<!-- crisis-bench:end -->/p' "$OUT_MD" 2>/dev/null || true)
    local planner_block
    planner_block=$(sed -n '/<!-- planner-bench:begin -->/,/<!-- planner-bench:end -->/p' "$OUT_MD" 2>/dev/null || true)
    local cpu mem kernel commit dirty b title
    cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
    mem=$(free -h | awk '/^Mem:/ {print $2}')
    kernel=$(uname -sr)
    commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
    dirty=""
    # This script's own files and its report do not count as changes to what was measured.
    [[ -z "$(git -C "$ROOT" status --porcelain --untracked-files=no -- . ':!docs/benchmarks.md' ':!scripts/bench.sh' ':!scripts/bench-events.sh' ':!scripts/bench-crisis.sh' ':!scripts/bench' 2>/dev/null)" ]] \
        || dirty=" (with uncommitted changes in the work tree)"
    {
        echo "# Benchmarks"
        echo
        echo "Generated by \`scripts/bench.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); re-run it to refresh this file."
        echo "Figures are from one run on the machine below; they are what was measured there, nothing else."
        echo
        echo "## What is measured"
        echo
        echo "For each storage backend, a fresh database with the demonstration data (\`crc demo load\`) and an"
        echo "API token for \`admin\` (\`crc user token admin --name bench\`), then:"
        echo
        echo "- **Start to ready**: \`crc serve --bind 127.0.0.1:PORT --database URL\` (no \`--demo\`) started $STARTS times;"
        echo "  milliseconds from launching the process until \`GET /health\` answers 200 (polled with curl every 5 ms,"
        echo "  so the figure includes process start, migrations check, reference data check and curl's own latency)."
        echo "  The median is reported, and beside it the \`ready_ms\` the server logs itself."
        echo "- **Idle memory**: VmRSS from \`/proc/PID/status\` after start and a few requests."
        echo "- **Load**: [wrk](https://github.com/wg/wrk) on loopback, $THREADS threads, $CONNECTIONS connections, $DURATION per run, \`--latency\`,"
        echo "  header \`Authorization: Bearer <token>\`:"
        echo "  - **list**: \`GET /api/v1/contingents?limit=20\` (the 32 demo contingents);"
        echo "  - **read**: \`GET /api/v1/contingents/1\`;"
        echo "  - **create**: \`POST /api/v1/contingents\`, a new contingent with a unique name per request (\`scripts/bench/create.lua\`), expecting 201;"
        echo "  - **update**: \`PUT /api/v1/contingents/1\` with \`If-Match: *\`, the same body every time (\`scripts/bench/update.lua\`), expecting 200."
        echo "  - **update-spread**: the same \`PUT ... If-Match: *\`, but each request to the next of the contingents the create run made"
        echo "    (\`scripts/bench/update_spread.lua\`), so that no two requests in flight update the same record; expecting 200."
        echo "  Every create and update is a committed, durable transaction (see durability below), and each is audited."
        echo
        echo "The runs go in this order against one database per backend; each gets a freshly started server, so"
        echo "that what one run does to the server cannot spoil the next figure. After each write run, one more"
        echo "\`POST /api/v1/contingents\` (curl, 10 s limit) checks that the server still takes writes (column"
        echo "\"one write right after\"), and the server's log of the run is searched for WARN and ERROR lines."
        echo
        echo "\"non-2xx\" is wrk's count of responses with status ≥ 400; a run with any is not a valid figure."
        echo "wrk and the server share the same machine, so the load generator takes part of its CPU."
        echo
        echo "## Command"
        echo
        echo '```sh'
        echo "scripts/bench.sh"
        echo '```'
        echo
        echo "It installs \`wrk\` (and \`jq\`, \`curl\`, \`postgresql\`) from Debian's packages when missing, builds"
        echo "\`cargo build --release --bin $BIN\`, and cleans up its processes and temporary directories on exit."
        echo
        echo "## Machine"
        echo
        echo "| | |"
        echo "| --- | --- |"
        echo "| CPUs (nproc) | $(nproc) |"
        echo "| CPU model | $cpu |"
        echo "| memory (free -h, total) | $mem |"
        echo "| kernel | $kernel |"
        echo "| wrk | $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}') |"
        echo "| commit | $commit$dirty |"
        echo
        echo "## Durability"
        echo
        echo "- **SQLite**: WAL journal with \`synchronous=FULL\`, i.e. every acknowledged commit is fsynced."
        echo "- **PostgreSQL**: \`fsync=on\`, \`synchronous_commit=on\` (the defaults). As measured: ${R[postgres.durability]:-not run}."
        echo
        echo "## Targets"
        echo
        echo "From the issue: reads ≥ 20,000 req/s with p99 < 5 ms; durable writes ≥ 2,000/s; start to ready < 300 ms;"
        echo "idle memory < 50 MB."
        for b in $BACKENDS; do
            case $b in sqlite) title=SQLite ;; postgres) title=PostgreSQL ;; *) title=$b ;; esac
            echo
            echo "## $title"
            echo
            backend_table "$b"
            echo
            backend_notes "$b"
        done
        echo
        echo "## Summary"
        echo
        summary
        # The console's figures (scripts/bench-console.sh) live in their own block: keep it.
        if [[ -n "$console_block" ]]; then
            echo
            printf '%s\n' "$console_block"
        fi
        # So do the event stream's (scripts/bench-events.sh, run after this report).
        if [[ -n "$events_block" ]]; then
            echo
            printf '%s\n' "$events_block"
        fi
        # And the crisis board's (scripts/bench-crisis.sh, run after this report).
        if [[ -n "$crisis_block" ]]; then
            echo
            printf '%s\n' "$crisis_block"
        fi
        # And the deployment planner's (scripts/bench-planner.sh, run after this report).
        if [[ -n "$planner_block" ]]; then
            echo
            printf '%s\n' "$planner_block"
        fi
    } >"$OUT_MD.tmp"
    mv "$OUT_MD.tmp" "$OUT_MD"
}

summary() {
    local b n met=() misses=()
    for b in $BACKENDS; do
        for n in list read; do
            if read_ok "$b" "$n"; then met+=("$b $n: ${R[$b.$n.rps]} req/s, p99 ${R[$b.$n.p99]} ms")
            else misses+=("$b $n: ${R[$b.$n.rps]} req/s, p99 ${R[$b.$n.p99]} ms, non-2xx ${R[$b.$n.non2xx]} (target ≥ 20,000 req/s, p99 < 5 ms)"); fi
        done
        for n in create update update-spread; do
            [[ -n "${R[$b.$n.rps]:-}" ]] || continue
            if write_ok "$b" "$n"; then met+=("$b $n: ${R[$b.$n.rps]} req/s")
            else misses+=("$b $n: ${R[$b.$n.rps]} req/s, non-2xx ${R[$b.$n.non2xx]} (target ≥ 2,000/s)"); fi
        done
        if lt "${R[$b.ready_median]}" 300; then met+=("$b start to ready: ${R[$b.ready_median]} ms (target < 300 ms)")
        else misses+=("$b start to ready: ${R[$b.ready_median]} ms (target < 300 ms)"); fi
        if lt "${R[$b.rss_idle]}" 50; then met+=("$b idle memory: ${R[$b.rss_idle]} MB (target < 50 MB)")
        else misses+=("$b idle memory: ${R[$b.rss_idle]} MB (target < 50 MB)"); fi
    done
    if ((${#misses[@]} == 0)); then
        echo "All targets were met on this machine in this run."
    else
        echo "Targets **not met** in this run:"
        echo
        printf -- '- %s\n' "${misses[@]}" | sed -E 's/(non-2xx [1-9][0-9]*)/\1, so no valid figure/'
    fi
    if ((${#met[@]})); then
        echo
        echo "Targets met in this run:"
        echo
        printf -- '- %s\n' "${met[@]}"
    fi
}

# ---------------------------------------------------------------- main
need_tools

# The binary is `crc`; take the name cargo knows for package crc-cli's binary.
BIN=$(cargo metadata --no-deps --format-version 1 \
    | jq -r '[.packages[] | select(.name == "crc-cli") | .targets[] | select(.kind | index("bin")) | .name] | if index("crc") then "crc" else .[0] end')
[[ -n "$BIN" && "$BIN" != null ]] || die "no binary in package crc-cli"
log "bench: cargo build --release --bin $BIN"
cargo build --release --bin "$BIN"
CRC="$ROOT/target/release/$BIN"
[[ -x "$CRC" ]] || die "$CRC was not built"

for backend in $BACKENDS; do
    bench_backend "$backend"
done

write_report
log ""
log "bench: wrote ${OUT_MD#"$ROOT"/}"
# The event stream's latency at 1,000 subscribers, into its own block of the same file.
log "bench: the event stream (scripts/bench-events.sh)"
BENCH_BACKENDS="$BACKENDS" bash "$ROOT/scripts/bench-events.sh" >&2
log "bench: the crisis board (scripts/bench-crisis.sh)"
bash "$ROOT/scripts/bench-crisis.sh" --backends "$(echo $BACKENDS | tr ' ' ',')" >&2
log "bench: the deployment planner (scripts/bench-planner.sh)"
bash "$ROOT/scripts/bench-planner.sh" >&2
# The tables on stdout.
sed -n '/^## Targets$/,$p' "$OUT_MD"
