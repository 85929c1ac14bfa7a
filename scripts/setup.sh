#!/usr/bin/env bash
# Create .venv and install quotetrail with its test extras; install Debian's chromium and
# PostgreSQL when running as root on a machine that lacks them (the tests drive both).
set -euo pipefail
cd "$(dirname "$0")/.."
want_system="${1:-}"
if [ "$want_system" = "--system" ] && [ "$(id -u)" = 0 ]; then
    missing=()
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
    if [ ${#missing[@]} -gt 0 ]; then
        echo "setup: installing ${missing[*]} from Debian" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
fi
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
