"""A process forked after the engine loaded has none of the engine's threads, the CLR's included, so it must
never call into it: the child exits cleanly (before: SIGSEGV in the exit hook that stops servers), runs
asyncio with Python's own task registration, and gets a clear error if it tries to serve."""
from __future__ import annotations

import subprocess
import sys
import textwrap
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = textwrap.dedent("""
    import asyncio, os, sys
    from tachyon import FastAPI
    from tachyon.testclient import TestClient
    from tachyon._boundary.engine import get_engine
    from tachyon._boundary.native import EngineError

    app = FastAPI()

    @app.get("/")
    async def root():
        return {"ok": True}

    client = TestClient(app)
    assert client.get("/").json() == {"ok": True}
    pid = os.fork()
    if pid == 0:
        async def gather_tasks():
            async def leaf(i):
                return i
            listed = asyncio.current_task() in asyncio.all_tasks()
            return listed, sum(await asyncio.gather(*(leaf(i) for i in range(100))))
        print("child tasks", asyncio.run(gather_tasks()), flush=True)
        print("child add", "add" in vars(asyncio.tasks._all_tasks), flush=True)
        try:
            get_engine()
        except EngineError as error:
            print("child engine", "forked" in str(error), flush=True)
        sys.exit(0)   # a normal exit: exit hooks and interpreter finalization run
    _, status = os.waitpid(pid, 0)
    print("child status", os.waitstatus_to_exitcode(status), flush=True)
    print("parent", client.get("/").json(), flush=True)
""")


class ForkTest(unittest.TestCase):
    def test_forked_child_leaves_the_engine_alone(self) -> None:
        done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.splitlines(), [
            "child tasks (True, 4950)",
            "child add False",
            "child engine True",
            "child status 0",
            "parent {'ok': True}",
        ])


if __name__ == "__main__":
    unittest.main()
