"""starlette.* imports without Starlette installed: FastAPI apps import some names from Starlette directly;
they resolve to Tachyon's implementation of them (tachyon/_starlette/finder.py)."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import unittest
import warnings
from pathlib import Path

from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse

import tachyon
from tachyon import FastAPI, HTTPException, Request
from tachyon._starlette.finder import real_starlette_installed
from tachyon.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]


@unittest.skipIf(real_starlette_installed(), "Starlette is installed: its own modules are imported")
class StarletteAliasesTest(unittest.TestCase):
    def test_modules_are_tachyons_own(self) -> None:
        import starlette.authentication
        import starlette.datastructures
        import starlette.exceptions
        import starlette.requests
        import starlette.responses
        import starlette.status

        self.assertIs(starlette.requests, tachyon.requests)
        # and keep their own spec, which their relative imports resolve against
        self.assertEqual((tachyon.requests.__spec__.name, tachyon.requests.__package__), ("tachyon.requests", "tachyon"))
        self.assertIs(starlette.responses.JSONResponse, tachyon.responses.JSONResponse)
        self.assertIs(starlette.datastructures.URL, tachyon.datastructures.URL)
        self.assertEqual(starlette.status.HTTP_404_NOT_FOUND, 404)
        self.assertIs(starlette.authentication.requires, tachyon._starlette.authentication.requires)
        self.assertTrue(issubclass(HTTPException, starlette.exceptions.HTTPException))   # FastAPI's subclasses Starlette's

    def test_the_package_has_the_version_tachyon_follows(self) -> None:
        from starlette import __version__

        self.assertEqual(__version__, "1.9.0")

    def test_a_handler_for_starlettes_http_exception_answers_the_routers_404(self) -> None:
        app = FastAPI()

        @app.exception_handler(StarletteHTTPException)
        async def handler(request: Request, exc: StarletteHTTPException):
            return JSONResponse({"error": exc.detail, "path": request.url.path}, status_code=exc.status_code)

        @app.get("/items/{item_id}")
        def item(item_id: int, request: Request):
            if item_id == 0:
                raise HTTPException(status_code=404, detail="Item not found")
            return {"item_id": item_id, "path": request.url.path}

        with TestClient(app) as client:
            self.assertEqual(client.get("/items/3").json(), {"item_id": 3, "path": "/items/3"})
            self.assertEqual(client.get("/items/0").json(), {"error": "Item not found", "path": "/items/0"})
            missing = client.get("/nowhere")
        self.assertEqual((missing.status_code, missing.json()), (404, {"error": "Not Found", "path": "/nowhere"}))

    def test_the_private_default_lifespan_libraries_import(self) -> None:
        """fastapi-jsonrpc wraps an app's lifespan with the router's default one (a private name)."""
        import asyncio

        from starlette.routing import _DefaultLifespan

        from tachyon import APIRouter
        calls: list[str] = []
        router = APIRouter(on_startup=[lambda: calls.append("up")], on_shutdown=[lambda: calls.append("down")])

        async def run() -> None:
            async with _DefaultLifespan(router)(object()):
                calls.append("serving")
        asyncio.run(run())
        self.assertEqual(calls, ["up", "serving", "down"])

    def test_the_request_modules_disconnect_error(self) -> None:
        from starlette.requests import ClientDisconnect

        self.assertTrue(issubclass(ClientDisconnect, Exception))

    def test_class_based_endpoints(self) -> None:
        """starlette.endpoints.HTTPEndpoint added with add_route: a method per HTTP method, a sync one in the thread
        pool, and the app's 405 (its handlers answer) for the others."""
        from starlette.endpoints import HTTPEndpoint
        from starlette.responses import PlainTextResponse

        class Homepage(HTTPEndpoint):
            async def get(self, request):
                return PlainTextResponse(f"Hello, {request.query_params.get('name', 'world')}!")

            def post(self, request):
                return PlainTextResponse("posted")

        app = FastAPI()
        app.add_route("/", Homepage)
        with TestClient(app) as client:
            self.assertEqual((client.get("/?name=ann").text, client.post("/").text), ("Hello, ann!", "posted"))
            self.assertEqual(client.head("/").status_code, 200)
            response = client.put("/")
            self.assertEqual((response.status_code, response.json(), response.headers["allow"]),
                             (405, {"detail": "Method Not Allowed"}, "GET, HEAD, POST"))

    def test_requests_early_hints_and_push_send_nothing_without_the_servers_extension(self) -> None:
        app = FastAPI()

        @app.get("/")
        async def page(request: Request):
            await request.send_early_hints("</style.css>; rel=preload; as=style")
            await request.send_push_promise("/style.css")
            return {"ok": True}

        self.assertEqual(TestClient(app).get("/").json(), {"ok": True})

    def test_modules_tachyon_lacks_stay_missing(self) -> None:
        with self.assertRaises(ModuleNotFoundError):
            import starlette.staticfiles  # noqa: F401

    def test_the_private_utils_extensions_import(self) -> None:
        import functools

        from starlette._utils import get_route_path, is_async_callable

        async def handler() -> None:
            return None

        class Handler:
            async def __call__(self) -> None:
                return None

        self.assertEqual([is_async_callable(f) for f in (handler, functools.partial(handler), Handler(), len)],
                         [True, True, True, False])
        self.assertEqual([get_route_path({"path": p, "root_path": "/api"}) for p in ("/api/x", "/api", "/apix")],
                         ["/x", "", "/apix"])

    def test_starlette_is_fastapis_base(self) -> None:
        from starlette.applications import Starlette

        self.assertIsInstance(FastAPI(), Starlette)
        with self.assertRaisesRegex(TypeError, r"create FastAPI\(...\) instead of Starlette"):
            Starlette()

    def test_config_reads_the_environment_then_the_env_file(self) -> None:
        from starlette.config import Config, Environ, EnvironError
        from starlette.datastructures import CommaSeparatedStrings, Secret

        with tempfile.TemporaryDirectory() as tmp:
            env_file = Path(tmp) / ".env"
            env_file.write_text("# settings\nDEBUG=false\nSECRET_KEY = 'k3y'\nHOSTS=a.com, b.org\n")
            config = Config(env_file, environ={"DEBUG": "1"}, encoding="utf-8")
            self.assertIs(config("DEBUG", cast=bool), True)   # the environment wins over the file
            secret = config("SECRET_KEY", cast=Secret)
            self.assertEqual((repr(secret), str(secret)), ("Secret('**********')", "k3y"))
            hosts = config("HOSTS", cast=CommaSeparatedStrings)
            self.assertEqual((list(hosts), repr(hosts)), (["a.com", "b.org"], "CommaSeparatedStrings(['a.com', 'b.org'])"))
        quoted = Config(environ={"NAMES": "one, 'two three'"})("NAMES", cast=CommaSeparatedStrings)
        self.assertEqual((list(quoted), str(quoted)), (["one", "two three"], "'one', 'two three'"))
        self.assertEqual(config("PORT", cast=int, default="8000"), 8000)
        self.assertIsNone(config("OPTIONAL", default=None))
        with self.assertRaisesRegex(KeyError, "Config 'PORT' is missing, and has no default."):
            config("PORT")
        with self.assertRaisesRegex(ValueError, "Config 'DEBUG' has value 'maybe'. Not a valid bool."):
            Config(environ={"DEBUG": "maybe"})("DEBUG", cast=bool)
        with self.assertRaisesRegex(ValueError, "Config 'N' has value 'x'. Not a valid int."):
            Config(environ={"N": "x"})("N", cast=int)
        self.assertEqual(Config(environ={"APP_NAME": "t"}, env_prefix="APP_")("NAME"), "t")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            Config("/nonexistent/.env")
        self.assertEqual([str(w.message) for w in caught], ["Config file '/nonexistent/.env' not found."])

        environ = Environ({"A": "1"})
        environ["B"] = "2"
        self.assertEqual(environ["A"], "1")
        with self.assertRaisesRegex(EnvironError, r"Attempting to set environ\['A'\], but the value has already been read."):
            environ["A"] = "3"

    def test_starlette_imports_work_before_tachyon_is_imported(self) -> None:
        """The checkout's .pth (scripts/install_command.py) installs the aliases at interpreter start."""
        code = "from starlette.requests import Request; import sys; print(Request.__module__, 'tachyon' in sys.modules)"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd="/")
        self.assertEqual(out.stdout.strip(), "tachyon.requests True", out.stderr)

    def test_aliases_can_be_turned_off(self) -> None:
        env = {**os.environ, "TACHYON_NO_STARLETTE_ALIASES": "1", "PYTHONPATH": str(ROOT)}
        out = subprocess.run([sys.executable, "-c", "import tachyon, starlette"], capture_output=True, text=True,
                             timeout=60, env=env)
        self.assertIn("No module named 'starlette'", out.stderr)


if __name__ == "__main__":
    unittest.main()
