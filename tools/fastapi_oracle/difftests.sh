#!/usr/bin/env bash
# difftests.sh TEST_FILE.py: runs one pytest file (an app and its tests, written for FastAPI) under real FastAPI
# (setup.sh) and under Tachyon (this checkout, `fastapi` imports mapped to tachyon), and diffs each test's outcome.
# Exit 0 and "SAME: <file>" when every test has the same outcome. pytest is Debian's python3-pytest (installed by
# setup.sh), loaded from the system's dist-packages into this python3. Logs in tools/fastapi_oracle/.cache/out/.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
run() {  # label, PYTHONPATH
  PYTHONPATH="$2" PYTHONWARNINGS=ignore timeout 300 python3 -m pytest -p no:cacheprovider -q -rA --tb=short \
    --rootdir "$dir" "$file" > "$out/$name.$1.log" 2>&1
  grep -E '^(PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS) ' "$out/$name.$1.log" | sed 's/ - .*//' | sort > "$out/$name.$1.txt"
}
run fastapi "$site:$here/.cache/pytest:$dir"
run tachyon "$here/shim:$repo:$here/.cache/pytest:$dir"
if ! grep -q PASSED "$out/$name.fastapi.txt"; then echo "no test passed under FastAPI: see $out/$name.fastapi.log"; exit 2; fi
if diff -u --label fastapi --label tachyon "$out/$name.fastapi.txt" "$out/$name.tachyon.txt"; then
  echo "SAME: $name ($(grep -c PASSED "$out/$name.fastapi.txt") passed under FastAPI)"
else
  exit 1
fi
