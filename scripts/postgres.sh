#!/usr/bin/env bash
# Start (or stop) a throw-away PostgreSQL cluster on 127.0.0.1 for the tests, from Debian's packages.
# Usage: scripts/postgres.sh start   -> prints the SQLAlchemy URL on stdout
#        scripts/postgres.sh stop
#        scripts/postgres.sh remove  -> stop, and delete the cluster's directory
# QUOTETRAIL_PG_DIR and QUOTETRAIL_PG_PORT choose the directory and port (scripts/test.sh gives each run its own).
set -euo pipefail
action="${1:-start}"
data="${QUOTETRAIL_PG_DIR:-/tmp/quotetrail-pg}"
port="${QUOTETRAIL_PG_PORT:-54329}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$bin" ] || { echo "postgres.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
as_postgres=()
if [ "$(id -u)" = 0 ]; then as_postgres=(runuser -u postgres --); fi
case "$action" in
start)
    if [ ! -f "$data/PG_VERSION" ]; then
        mkdir -p "$data"
        [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
        "${as_postgres[@]}" "$bin/initdb" -D "$data" -A trust -U postgres -E UTF8 >/dev/null
    fi
    if ! "${as_postgres[@]}" "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        "${as_postgres[@]}" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
            -o "-p $port -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
    fi
    "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname='quotetrail_test'" | grep -q 1 ||
        "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres quotetrail_test
    echo "postgresql+psycopg://postgres@127.0.0.1:$port/quotetrail_test"
    ;;
stop)
    "${as_postgres[@]}" "$bin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
    ;;
remove)
    "${as_postgres[@]}" "$bin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
    # Only a directory that is a cluster (or empty) is removed: a mistyped QUOTETRAIL_PG_DIR is left alone.
    if [ -f "$data/PG_VERSION" ] || { [ -d "$data" ] && [ -z "$(ls -A "$data" 2>/dev/null)" ]; }; then rm -rf "$data"; fi
    ;;
*)
    echo "postgres.sh: unknown action '$action' (start, stop or remove)" >&2
    exit 2
    ;;
esac
