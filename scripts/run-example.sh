#!/usr/bin/env bash
# Sets up (if needed) and serves the example app on http://127.0.0.1:8000 until Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec python3 -m tachyon run examples.hello:app --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}"
