#!/usr/bin/env bash
# rawtests.sh TEST_FILE.py: runs one pytest file under real FastAPI and under Tachyon as difftests.sh does, but
# compares what the tests' clients received, byte for byte: each response's status, headers (as a set; date and
# server left out) and raw body, in the order the tests made the requests. Prints the responses that differ and
# exits 1 if any (0 and "SAME: <file> (N responses)" otherwise). This finds differences no test asserts: key
# order in JSON, number formatting, header values. Expect noise from whatever changes between runs (multipart
# boundaries, cookie expiry times, generated ids) and from the Allow order of routes with several methods.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
for side in fastapi tachyon; do
  [ "$side" = fastapi ] && path="$site:$here/.cache/pytest:$here:$dir" || path="$here/shim:$repo:$here/.cache/pytest:$here:$dir"
  RAWLOG="$out/$name.$side.raw.jsonl" PYTHONPATH="$path" PYTHONWARNINGS=ignore PYTHONHASHSEED=0 timeout 300 \
    python3 -m pytest -p rawlog -p no:cacheprovider -q --rootdir "$dir" "$file" > "$out/$name.$side.raw.log" 2>&1
done
python3 - "$out/$name.fastapi.raw.jsonl" "$out/$name.tachyon.raw.jsonl" "$name" <<'PY'
import json, sys
fastapi, tachyon = ([json.loads(line) for line in open(path)] for path in sys.argv[1:3])
if len(fastapi) != len(tachyon):
    sys.exit(f"{sys.argv[3]}: {len(fastapi)} responses under FastAPI, {len(tachyon)} under Tachyon")
def view(r):
    return r["status"], sorted(map(tuple, r["headers"])), r["body"]
differ = 0
for f, t in zip(fastapi, tachyon):
    if view(f) != view(t):
        differ += 1
        print(f"{f['test']}: {f['method']} {f['url']}")
        for label, r in (("fastapi", f), ("tachyon", t)):
            status, headers, body = view(r)
            print(f"  {label}: {status} {headers}\n    {body[:300]!r}")
if differ:
    sys.exit(1)
print(f"SAME: {sys.argv[3]} ({len(fastapi)} responses)")
PY
