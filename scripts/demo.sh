#!/usr/bin/env bash
# Install, ingest the bundled samples into the embedded SQLite database and serve the app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QUOTETRAIL_DATABASE_URL="${QUOTETRAIL_DATABASE_URL:-sqlite:///quotetrail.db}"
.venv/bin/quotetrail db upgrade
.venv/bin/quotetrail ingest samples/
exec .venv/bin/quotetrail serve "$@"
