"""Inline steps of ``async def`` handlers are opt-in (TACHYON_INLINE_ASYNC=1): by default the engine never steps
them on request threads. inline_steps_cases.py holds the inline behaviour; it runs here in a process with the
opt-in set, since the choice is made once, when the engine's loop starts."""
from __future__ import annotations

import os
import subprocess
import sys
import unittest
from pathlib import Path

from tachyon import FastAPI
from tachyon._boundary.engine import get_engine
from tachyon.testclient import TestClient

ROOT = Path(__file__).resolve().parent.parent


class InlineStepsOptInTest(unittest.TestCase):
    def test_off_by_default(self) -> None:
        if os.environ.get("TACHYON_INLINE_ASYNC") == "1":
            self.skipTest("this process opted in")
        app = FastAPI()

        @app.get("/")
        async def root():
            return {"ok": True}

        with TestClient(app) as client:
            before = get_engine().stats()["inline_steps"]
            self.assertTrue(all(client.get("/").json() == {"ok": True} for _ in range(20)))
            self.assertEqual(get_engine().stats()["inline_steps"], before)

    def test_the_inline_cases_pass_with_the_opt_in(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TACHYON_INLINE_ASYNC": "1"}
        done = subprocess.run([sys.executable, "-m", "unittest", "tests.inline_steps_cases"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300)
        self.assertEqual(done.returncode, 0, done.stderr[-3000:])
        self.assertRegex(done.stderr, r"Ran [1-9]\d* tests")


if __name__ == "__main__":
    unittest.main()
