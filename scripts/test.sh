#!/usr/bin/env bash
# Install everything (venv, Python packages, Debian chromium + PostgreSQL when root) and run the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --system
if [ -z "${QUOTETRAIL_TEST_POSTGRES_URL:-}" ] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    # A cluster of this run's own, in a fresh directory on a port nobody listens on, removed at the end:
    # two runs on one machine (CI and a developer, or two checkouts) never share or clobber one.
    QUOTETRAIL_PG_DIR="$(mktemp -d /tmp/quotetrail-pg-XXXXXX)"
    QUOTETRAIL_PG_PORT="$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    export QUOTETRAIL_PG_DIR QUOTETRAIL_PG_PORT
    trap 'bash scripts/postgres.sh remove' EXIT
    QUOTETRAIL_TEST_POSTGRES_URL="$(bash scripts/postgres.sh start)"
    export QUOTETRAIL_TEST_POSTGRES_URL
fi
export QUOTETRAIL_CHROMIUM="${QUOTETRAIL_CHROMIUM:-$(command -v chromium || true)}"
# Linters first: a lint or type error fails the run before the long test suite starts.
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
