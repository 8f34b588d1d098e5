#!/usr/bin/env bash
# Sets up (if needed) and runs every test: the engine's xunit tests, then the Python tests through the
# real engine. Ends with one summary line "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1

echo "== engine tests (xunit)"
dotnet test engine/Tachyon.Engine.Tests/Tachyon.Engine.Tests.csproj -c Release --nologo \
  --logger "trx;LogFileName=engine.trx" --results-directory build/test-results 2>&1 | tee build/engine-tests.log | tail -n 5
dotnet_status=${PIPESTATUS[0]}
read -r cs_passed cs_failed < <(python3 scripts/trx_counts.py build/test-results/engine.trx)

echo "== python tests (unittest, through the engine)"
PYTHONPATH="$PWD" python3 tests/run.py
py_status=$?
read -r py_passed py_failed < build/python-tests.counts

passed=$((cs_passed + py_passed))
failed=$((cs_failed + py_failed))
echo "engine: ${cs_passed} passed, ${cs_failed} failed; python: ${py_passed} passed, ${py_failed} failed"
echo "tests: ${passed} passed, ${failed} failed"
if [ "$dotnet_status" -ne 0 ] || [ "$py_status" -ne 0 ]; then exit 1; fi
