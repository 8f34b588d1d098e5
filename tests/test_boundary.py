"""Loading the engine: clear errors instead of ctypes tracebacks, .NET messages surfaced as Python errors."""
from __future__ import annotations

import os
import subprocess
import sys
import unittest
from pathlib import Path

from tachyon._boundary.engine import get_engine
from tachyon._boundary.native import EngineError

ROOT = Path(__file__).resolve().parents[1]


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60)


class EngineLoadingTest(unittest.TestCase):
    def test_missing_dotnet_is_a_clear_error(self) -> None:
        result = run_python(
            "from tachyon._boundary.hostfxr import EngineLoadError\n"
            "from tachyon._boundary.engine import get_engine\n"
            "try:\n    get_engine()\nexcept EngineLoadError as e:\n    print('ERROR', e)\n",
            DOTNET_ROOT="/nonexistent/dotnet",
        )
        self.assertIn("ERROR no libhostfxr.so under /nonexistent/dotnet/host/fxr", result.stdout, result.stderr)

    def test_engine_not_built_is_a_clear_error(self) -> None:
        result = run_python(
            "from tachyon import FastAPI\nfrom tachyon.testclient import TestClient\nTestClient(FastAPI())\n",
            TACHYON_ENGINE_DIR="/nonexistent/engine",
        )
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("the Tachyon engine is not built", result.stderr)
        self.assertIn("run scripts/setup.sh", result.stderr)

    def test_engine_exceptions_surface_with_their_dotnet_message(self) -> None:
        with self.assertRaises(EngineError) as caught:
            get_engine().create_server({"max_pending": 0})
        self.assertIn("ArgumentException: max_pending must be at least 1", str(caught.exception))

    def test_unknown_path_convertor_is_reported_at_declaration(self) -> None:
        """As Starlette's compile_path; the engine's router would refuse it too, at start."""
        from tachyon import FastAPI

        app = FastAPI()
        with self.assertRaisesRegex(AssertionError, "Unknown path convertor 'decimal'"):
            @app.get("/items/{item_id:decimal}")
            def read(item_id: int):
                return item_id

    def test_one_runtime_per_process(self) -> None:
        self.assertIs(get_engine(), get_engine())


class DispatchPlanTest(unittest.TestCase):
    def test_handler_without_parameters_gets_no_arguments(self) -> None:
        from tachyon import FastAPI
        from tachyon.testclient import TestClient

        app = FastAPI()
        seen = []

        @app.get("/none")
        def no_params():   # any argument would be a TypeError, so a 500
            seen.append("called")
            return {"ok": True}

        client = TestClient(app)
        self.addCleanup(client.close)
        self.assertEqual(client.get("/none?x=1").json(), {"ok": True})
        self.assertEqual(seen, ["called"])

    def test_signature_is_not_inspected_per_request(self) -> None:
        import inspect
        import typing

        from tachyon import FastAPI
        from tachyon.testclient import TestClient

        app = FastAPI()

        @app.get("/items/{item_id}")
        async def read(item_id: int, q: str | None = None):
            return {"item_id": item_id, "q": q}

        client = TestClient(app)
        self.addCleanup(client.close)
        original_signature, original_hints = inspect.signature, typing.get_type_hints

        def forbidden(*a, **k):
            raise AssertionError("inspected per request")

        inspect.signature, typing.get_type_hints = forbidden, forbidden
        try:
            self.assertEqual(client.get("/items/3?q=a").json(), {"item_id": 3, "q": "a"})
            self.assertEqual(client.get("/items/x").status_code, 422)  # the slow path too
        finally:
            inspect.signature, typing.get_type_hints = original_signature, original_hints


if __name__ == "__main__":
    unittest.main()
