#!/usr/bin/env bash
# Install everything (venv, Python packages, Debian chromium + PostgreSQL when root) and run the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --system
if [ -z "${QUOTETRAIL_TEST_POSTGRES_URL:-}" ] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    QUOTETRAIL_TEST_POSTGRES_URL="$(bash scripts/postgres.sh start)"
    export QUOTETRAIL_TEST_POSTGRES_URL
    trap 'bash scripts/postgres.sh stop' EXIT
fi
export QUOTETRAIL_CHROMIUM="${QUOTETRAIL_CHROMIUM:-$(command -v chromium || true)}"
# Linters first: a lint or type error fails the run before the long test suite starts.
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
