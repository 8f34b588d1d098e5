"""The Python test runner: stdlib unittest (pytest is only packaged for Debian's own Python here).

Discovers tests/test_*.py and examples/**/test_*.py, runs them, and writes "passed failed" counts to
build/python-tests.counts for scripts/test.sh. Exit status 1 if anything failed.
"""
from __future__ import annotations

import pathlib
import sys
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[1]


def main() -> int:
    sys.path.insert(0, str(ROOT))
    loader = unittest.TestLoader()
    suite = unittest.TestSuite()
    suite.addTests(loader.discover(str(ROOT / "tests"), pattern="test_*.py", top_level_dir=str(ROOT)))
    if (ROOT / "examples").is_dir():
        suite.addTests(loader.discover(str(ROOT / "examples"), pattern="test_*.py", top_level_dir=str(ROOT)))
    if len(sys.argv) > 1:  # run only tests whose id contains one of the arguments
        suite = unittest.TestSuite(t for t in _flatten(suite) if any(a in t.id() for a in sys.argv[1:]))
    result = unittest.TextTestRunner(verbosity=1, stream=sys.stdout).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(result.skipped)
    (ROOT / "build").mkdir(exist_ok=True)
    (ROOT / "build" / "python-tests.counts").write_text(f"{passed} {failed}\n")
    print(f"python: {passed} passed, {failed} failed, {len(result.skipped)} skipped")
    return 0 if failed == 0 and result.testsRun > 0 else 1


def _flatten(suite):
    for t in suite:
        if isinstance(t, unittest.TestSuite):
            yield from _flatten(t)
        else:
            yield t


if __name__ == "__main__":
    sys.exit(main())
