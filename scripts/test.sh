#!/usr/bin/env bash
# Sets up (if needed) and runs every test: the engine's xunit tests, the Python tests through the
# real engine, and one smoke run of the benchmark harness (so it does not rot). Ends with one
# summary line "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1

echo "== engine tests (xunit)"
rm -f build/test-results/engine.trx   # a build that fails writes none: no counts from an earlier run
dotnet test engine/Tachyon.Engine.Tests/Tachyon.Engine.Tests.csproj -c Release --nologo \
  --logger "trx;LogFileName=engine.trx" --results-directory build/test-results 2>&1 | tee build/engine-tests.log | tail -n 5
dotnet_status=${PIPESTATUS[0]}
read -r cs_passed cs_failed < <(python3 scripts/trx_counts.py build/test-results/engine.trx)

bash scripts/ensure_chromium.sh

echo "== python tests (unittest, through the engine)"
PYTHONPATH="$PWD" python3 tests/run.py
py_status=$?
read -r py_passed py_failed < build/python-tests.counts

echo "== benchmark harness smoke run (Tachyon and the C# ceiling, /health)"
bench/run --smoke --systems tachyon,ceiling > build/bench-smoke.log 2>&1
bench_status=$?
tail -n 6 build/bench-smoke.log
if [ "$bench_status" -eq 0 ]; then bench_passed=1; bench_failed=0; else bench_passed=0; bench_failed=1; fi

passed=$((cs_passed + py_passed + bench_passed))
failed=$((cs_failed + py_failed + bench_failed))
echo "engine: ${cs_passed} passed, ${cs_failed} failed; python: ${py_passed} passed, ${py_failed} failed; bench smoke: ${bench_passed} passed, ${bench_failed} failed"
echo "tests: ${passed} passed, ${failed} failed"
if [ "$dotnet_status" -ne 0 ] || [ "$py_status" -ne 0 ] || [ "$bench_status" -ne 0 ]; then exit 1; fi
