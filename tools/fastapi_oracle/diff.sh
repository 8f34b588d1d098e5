#!/usr/bin/env bash
# diff.sh APP.py: runs APP.py's REQUESTS through the TestClient of real FastAPI (setup.sh) and of Tachyon (this
# checkout, `fastapi` imports mapped to tachyon), and diffs status, headers, bodies and app.openapi().
# Exit 0 and "SAME: <app>" when identical. Outputs in tools/fastapi_oracle/.cache/out/.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
site="$here/.cache/root/usr/lib/python3/dist-packages"
app="$(readlink -f "$1")"; dir="$(dirname "$app")"; name="$(basename "$app" .py)"
out="$here/.cache/out"; mkdir -p "$out"
cd "$dir"
PYTHONPATH="$site:$dir" PYTHONWARNINGS=ignore timeout 120 python3 "$here/record.py" "$app" > "$out/$name.fastapi.json" 2> "$out/$name.fastapi.err"
PYTHONPATH="$here/shim:$repo:$dir" PYTHONWARNINGS=ignore timeout 120 python3 "$here/record.py" "$app" > "$out/$name.tachyon.json" 2> "$out/$name.tachyon.err"
if diff -u --label fastapi --label tachyon "$out/$name.fastapi.json" "$out/$name.tachyon.json"; then echo "SAME: $name"; else exit 1; fi
