#!/usr/bin/env bash
# diff.sh APP.py: runs APP.py's REQUESTS through the TestClient of real FastAPI (setup.sh) and of Tachyon (this
# checkout, `fastapi` imports mapped to tachyon), and diffs status, headers, bodies and app.openapi().
# Exit 0 and "SAME: <app>" when identical. Outputs in tools/fastapi_oracle/.cache/out/.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
PYTHONPATH="$site:$dir" PYTHONWARNINGS=ignore timeout 120 python3 "$here/record.py" "$file" > "$out/$name.fastapi.json" 2> "$out/$name.fastapi.err"
PYTHONPATH="$here/shim:$repo:$dir" PYTHONWARNINGS=ignore timeout 120 python3 "$here/record.py" "$file" > "$out/$name.tachyon.json" 2> "$out/$name.tachyon.err"
if diff -u --label fastapi --label tachyon "$out/$name.fastapi.json" "$out/$name.tachyon.json"; then echo "SAME: $name"; else exit 1; fi
