# shellcheck shell=bash
# Shell functions shared by scripts/bench.sh and scripts/bench-events.sh: logging, tools,
# a free port on 127.0.0.1, and a throw-away PostgreSQL cluster. Sourced, not run. The caller
# sets WORK (a temporary directory) and PG_BIN, and calls pg_stop when it exits.

log() { printf '%s\n' "$*" >&2; }
die() { log "bench: $*"; exit 1; }

as_pg() {
    # postgres refuses to run as root: run its programs as the postgres user then.
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

apt_install() {
    # Installs Debian packages; refreshes the package lists only if the first try fails.
    local sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    log "bench: installing $*"
    if ! DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y "$@" >&2; then
        "${sudo[@]}" apt-get update >&2
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y "$@" >&2
    fi
}

free_port() {
    # A port below the kernel's ephemeral range (so no client socket of wrk's, in TIME_WAIT or
    # not, holds it) that no socket uses now.
    local p low=32768 range
    range=$(cat /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true)
    [[ -n "$range" ]] && low=${range%%[[:space:]]*}
    ((low > 12000)) || low=61000
    for _ in $(seq 200); do
        if ((low == 61000)); then p=$((61000 + RANDOM % 4000)); else p=$((10000 + RANDOM % (low - 10000))); fi
        if command -v ss >/dev/null; then
            [[ -z "$(ss -Htan "( sport = :$p )" 2>/dev/null)" ]] || continue
        fi
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return 0
        fi
    done
    die "no free port found"
}

strip_ansi() { sed 's/\x1b\[[0-9;]*m//g'; }

# ---------------------------------------------------------------- PostgreSQL
PG_PORT=""
pg_start() {
    PG_DATA="$WORK/pg"
    mkdir -p "$PG_DATA"
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$WORK" "$PG_DATA"; fi
    chmod 700 "$PG_DATA"
    log "[postgres] initdb into $PG_DATA"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA/data" -U crc --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 \
        || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
    local try
    for try in 1 2 3; do
        PG_PORT=$(free_port)
        # Default durability, spelled out: every acknowledged commit is flushed to disk.
        if as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA/data" -l "$PG_DATA/postgres.log" -w -t 60 start \
            -o "-h 127.0.0.1 -p $PG_PORT -k $PG_DATA -c fsync=on -c synchronous_commit=on -c full_page_writes=on" \
            >"$WORK/pg_ctl.log" 2>&1; then
            break
        fi
        log "[postgres] start on port $PG_PORT failed (try $try):"
        tail -5 "$PG_DATA/postgres.log" >&2 || true
        PG_PORT=""
    done
    [[ -n "$PG_PORT" ]] || die "PostgreSQL did not start"
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U crc crc
    PG_SETTINGS=$("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U crc -d crc -Atc \
        "select string_agg(name || '=' || setting, ', ' order by name) from pg_settings where name in ('fsync','synchronous_commit','full_page_writes','wal_sync_method','max_connections','shared_buffers')")
    PG_VERSION=$("$PG_BIN/postgres" --version)
    log "[postgres] $PG_VERSION on 127.0.0.1:$PG_PORT ($PG_SETTINGS)"
}

pg_stop() {
    if [[ -n "$PG_DATA" && -f "$PG_DATA/data/postmaster.pid" ]]; then
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA/data" -m fast -t 30 stop >/dev/null 2>&1 || {
            local pid
            pid=$(head -1 "$PG_DATA/data/postmaster.pid" 2>/dev/null || true)
            [[ -n "$pid" ]] && kill -KILL "$pid" 2>/dev/null
        }
    fi
    PG_DATA=""
}
