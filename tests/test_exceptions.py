"""Exception classes as FastAPI has them: HTTPException and WebSocketException are subclasses of
Starlette's, so handlers registered for Starlette's classes see Tachyon's exceptions; without Starlette
installed, Tachyon carries classes of the same shape."""
from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import tempfile
import textwrap
import unittest
from typing import Annotated

from pydantic import AfterValidator

from tachyon import FastAPI, HTTPException, WebSocketException
from tachyon.exceptions import StarletteHTTPException, StarletteWebSocketException
from tachyon.testclient import TestClient
from tachyon.responses import JSONResponse
from tests.client_case import AppTestCase

ROOT = pathlib.Path(__file__).resolve().parents[1]

app = FastAPI()


@app.exception_handler(StarletteHTTPException)
async def teapot_aware_handler(request, exc: StarletteHTTPException):
    return JSONResponse({"handled": type(exc).__name__, "detail": exc.detail}, status_code=exc.status_code,
                        headers=exc.headers)


@app.get("/missing")
def missing():
    raise HTTPException(status_code=404, detail={"id": 7}, headers={"X-Why": "gone"})


@app.get("/plain")
def plain():
    raise StarletteHTTPException(status_code=418)


class ExceptionClassesTest(unittest.TestCase):
    def test_http_exception_shape(self):
        exc = HTTPException(status_code=403)
        self.assertIsInstance(exc, StarletteHTTPException)
        self.assertEqual((exc.status_code, exc.detail, exc.headers), (403, "Forbidden", None))
        self.assertEqual(str(exc), "403: Forbidden")
        self.assertEqual(repr(exc), "HTTPException(status_code=403, detail='Forbidden')")

    def test_a_status_without_a_standard_phrase_gets_an_empty_detail(self):
        # Starlette 1.x: http.client.responses.get(code, ""); older Starlette raised ValueError here (a 500).
        self.assertEqual(HTTPException(status_code=499).detail, "")
        nonstandard = FastAPI()

        @nonstandard.get("/")
        def closed_by_client():
            raise HTTPException(status_code=499)

        r = TestClient(nonstandard).get("/")
        self.assertEqual((r.status_code, r.json()), (499, {"detail": ""}))

    def test_websocket_exception_shape(self):
        exc = WebSocketException(code=1008)
        self.assertIsInstance(exc, StarletteWebSocketException)
        self.assertEqual((exc.code, exc.reason), (1008, ""))
        self.assertEqual(str(exc), "1008: ")
        self.assertEqual(repr(WebSocketException(1011, "boom")), "WebSocketException(code=1011, reason='boom')")


class StarletteClassHandlerTest(AppTestCase):
    app = app

    def test_handler_for_the_base_class_sees_tachyon_exceptions(self):
        response = self.client.get("/missing")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"handled": "HTTPException", "detail": {"id": 7}})
        self.assertEqual(response.headers["x-why"], "gone")

    def test_base_class_raised_directly(self):
        response = self.client.get("/plain")
        self.assertEqual(response.status_code, 418)
        # Named as Starlette's class is, whether Starlette is installed or not.
        self.assertEqual(response.json(), {"handled": "HTTPException", "detail": "I'm a Teapot"})
        self.assertEqual(repr(StarletteHTTPException(418)), "HTTPException(status_code=418, detail=\"I'm a Teapot\")")

    def test_router_404_reaches_the_handler(self):
        # Starlette's router raises Starlette's class (not FastAPI's HTTPException) for a miss.
        response = self.client.get("/nowhere")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"handled": StarletteHTTPException.__name__, "detail": "Not Found"})

    def test_router_405_reaches_the_handler_with_allow(self):
        response = self.client.post("/missing")
        self.assertEqual((response.status_code, response.json()),
                         (405, {"handled": StarletteHTTPException.__name__, "detail": "Method Not Allowed"}))
        self.assertEqual(response.headers["allow"], "GET")

    def test_slash_redirect_stays_the_engines(self):
        response = self.client.get("/missing/", follow_redirects=False)
        self.assertEqual((response.status_code, response.headers["location"]), (307, "http://testserver/missing"))


status_app = FastAPI()


@status_app.exception_handler(405)
async def method_not_allowed(request, exc):
    route = request.scope.get("route")   # Starlette's partial match: the route whose path matched
    return JSONResponse({"allowed": exc.headers["Allow"], "method": request.method, "path": request.url.path,
                         "params": request.path_params, "route": route.path if route else None,
                         "endpoint": request.scope["endpoint"].__name__ if route else None}, status_code=405)


@status_app.api_route("/things/{thing_id}", methods=["GET", "PUT"])
def thing(thing_id: int):
    return {"thing_id": thing_id}


class StatusCodeHandlerTest(AppTestCase):
    app = status_app

    def test_router_405_reaches_a_405_handler(self):
        response = self.client.delete("/things/3")
        self.assertEqual((response.status_code, response.json()),
                         (405, {"allowed": "GET, PUT", "method": "DELETE", "path": "/things/3", "params": {"thing_id": "3"},
                                "route": "/things/{thing_id}", "endpoint": "thing"}))
        self.assertNotIn("allow", response.headers)   # this handler does not copy exc.headers

    def test_other_misses_keep_the_default_answers(self):
        response = self.client.get("/nowhere")
        self.assertEqual((response.status_code, response.json()), (404, {"detail": "Not Found"}))
        self.assertEqual(self.client.put("/things/3").json(), {"thing_id": 3})


debug_app = FastAPI(debug=True)


@debug_app.exception_handler(500)
def never_used_in_debug(request, exc):
    return JSONResponse({"handled": True}, status_code=500)


@debug_app.get("/boom")
def boom():
    raise ValueError("debug me")


class Traced(Exception):
    pass


traced_app = FastAPI()


@traced_app.exception_handler(Traced)
def traced_handler(request, exc):
    return JSONResponse({"trace": request.headers.get("x-trace"), "agent": request.headers.get("user-agent")}, status_code=409)


@traced_app.get("/fast/{n}")
def fast(n: int):   # bound entirely in C#: the handler's Request is built only for the error
    raise Traced()


class HandlerSeesTheRequestTest(AppTestCase):
    app = traced_app

    def test_headers_reach_an_exception_handler_of_a_fast_path_route(self):
        r = self.client.get("/fast/1", headers={"X-Trace": "abc"})
        self.assertEqual((r.status_code, r.json()), (409, {"trace": "abc", "agent": "testclient"}))


class DebugModeTest(unittest.TestCase):
    def test_debug_mode_answers_with_the_traceback(self):
        from tachyon.testclient import TestClient

        with TestClient(debug_app, raise_server_exceptions=False) as client:
            r = client.get("/boom")
            self.assertEqual((r.status_code, r.headers["content-type"]), (500, "text/plain; charset=utf-8"))
            self.assertTrue(r.text.startswith("Traceback (most recent call last):"), r.text[:80])
            self.assertIn("ValueError: debug me", r.text)
            page = client.get("/boom", headers={"accept": "text/html"})
            self.assertEqual(page.headers["content-type"], "text/html; charset=utf-8")
            self.assertIn("ValueError: debug me", page.text)
        with TestClient(debug_app) as client, self.assertRaisesRegex(ValueError, "debug me"):
            client.get("/boom")


# A stand-in for an installed Starlette (PyPI is not reachable here): just its exceptions module.
FAKE_STARLETTE = '''
class HTTPException(Exception):
    def __init__(self, status_code, detail=None, headers=None):
        self.status_code, self.detail, self.headers = status_code, detail or "phrase", headers

class WebSocketException(Exception):
    def __init__(self, code, reason=None):
        self.code, self.reason = code, reason or ""
'''

WITH_STARLETTE = '''
from starlette.exceptions import HTTPException as StarletteHTTPException, WebSocketException as SWE
from tachyon import FastAPI, HTTPException, WebSocketException
from tachyon.testclient import TestClient

assert issubclass(HTTPException, StarletteHTTPException) and issubclass(WebSocketException, SWE)
app = FastAPI()

@app.get("/starlette")
def raise_starlette():
    raise StarletteHTTPException(status_code=409, detail="conflict", headers={"X-A": "1"})

@app.get("/tachyon")
def raise_tachyon():
    try:
        raise HTTPException(status_code=401, detail="no")
    except StarletteHTTPException as exc:   # code written against Starlette catches Tachyon's exception
        raise HTTPException(status_code=400, detail="caught " + type(exc).__name__)

with TestClient(app) as client:
    first, second = client.get("/starlette"), client.get("/tachyon")
    print(first.status_code, first.json(), first.headers["x-a"], second.status_code, second.json())
'''


class WithStarletteInstalledTest(unittest.TestCase):
    def test_tachyon_exceptions_subclass_starlettes(self):
        with tempfile.TemporaryDirectory() as tmp:
            package = pathlib.Path(tmp, "starlette")
            package.mkdir()
            (package / "__init__.py").write_text("")
            (package / "exceptions.py").write_text(textwrap.dedent(FAKE_STARLETTE))
            env = {**os.environ, "PYTHONPATH": os.pathsep.join([tmp, str(ROOT)])}
            done = subprocess.run([sys.executable, "-c", WITH_STARLETTE], capture_output=True, text=True,
                                  env=env, timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.strip(),
                         "409 {'detail': 'conflict'} 1 400 {'detail': 'caught HTTPException'}")


server_error_app = FastAPI()


@server_error_app.exception_handler(Exception)
async def server_error_page(request, exc: Exception):
    return JSONResponse({"error": type(exc).__name__}, status_code=500)


@server_error_app.get("/crash")
def crash():
    raise KeyError("lost")


class ServerErrorHandlerTest(unittest.TestCase):
    """Starlette's ServerErrorMiddleware sends the 500 handler's response and then re-raises the error,
    so the TestClient raises it unless raise_server_exceptions=False."""

    def test_handler_response_is_sent(self):
        from tachyon.testclient import TestClient

        with TestClient(server_error_app, raise_server_exceptions=False) as client:
            response = client.get("/crash")
        self.assertEqual((response.status_code, response.json()), (500, {"error": "KeyError"}))

    def test_error_is_still_raised_in_the_test(self):
        from tachyon.testclient import TestClient

        with TestClient(server_error_app) as client, self.assertRaises(KeyError):
            client.get("/crash")

    def test_of_handlers_for_500_and_exception_the_one_added_last_answers(self):
        from tachyon.testclient import TestClient

        for order in ((500, Exception), (Exception, 500)):
            app = FastAPI()
            for key in order:
                app.add_exception_handler(key, lambda request, exc, key=key: JSONResponse({"by": str(key)}, status_code=500))

            @app.get("/crash")
            def crashing():
                raise KeyError("lost")

            with TestClient(app, raise_server_exceptions=False) as client:
                self.assertEqual(client.get("/crash").json(), {"by": str(order[-1])}, order)


class ExceptionHandlersDictTest(unittest.TestCase):
    def test_the_apps_handlers_first_then_the_defaults_it_did_not_replace(self) -> None:
        from tachyon.exception_handlers import http_exception_handler, request_validation_exception_handler
        from tachyon.exception_handlers import websocket_request_validation_exception_handler
        from tachyon.exceptions import RequestValidationError, WebSocketRequestValidationError

        class Teapot(Exception):
            pass

        def mine(request, exc):
            return None

        app = FastAPI(exception_handlers={Teapot: mine, RequestValidationError: mine})
        websocket_default = (WebSocketRequestValidationError, websocket_request_validation_exception_handler)
        self.assertEqual(list(app.exception_handlers.items()), [
            (Teapot, mine), (RequestValidationError, mine), (StarletteHTTPException, http_exception_handler),
            websocket_default])
        self.assertEqual(list(FastAPI().exception_handlers.items()), [
            (StarletteHTTPException, http_exception_handler),
            (RequestValidationError, request_validation_exception_handler), websocket_default])



def positive(n: int) -> int:
    if n <= 0:
        raise ValueError("must be positive")
    return n


class FailingHandlerTest(unittest.TestCase):
    """A handler that raises hands its exception to the server-error handler, as Starlette's ServerErrorMiddleware
    takes what ExceptionMiddleware's handlers raise; a failing server-error handler leaves the plain 500."""

    def make_app(self, server_error_handler=None) -> FastAPI:
        from tachyon.exceptions import RequestValidationError
        from tachyon.responses import JSONResponse

        app = FastAPI()

        @app.exception_handler(RequestValidationError)
        async def unencodable(request, exc):
            return JSONResponse({"detail": exc.errors()})   # ctx holds a ValueError: json.dumps raises TypeError

        @app.exception_handler(HTTPException)
        def broken(request, exc):
            raise KeyError("broken handler")

        if server_error_handler is not None:
            app.exception_handler(Exception)(server_error_handler)

        @app.post("/items")
        def create(n: Annotated[int, AfterValidator(positive)]):
            return n

        @app.get("/missing")
        def missing():
            raise HTTPException(404)

        return app

    def test_the_server_error_handler_answers(self) -> None:
        from tachyon.responses import JSONResponse

        async def internal(request, exc):
            return JSONResponse({"kind": type(exc).__name__}, status_code=500)

        client = TestClient(self.make_app(internal), raise_server_exceptions=False)
        for method, path, kind in (("post", "/items?n=-1", "TypeError"), ("get", "/missing", "KeyError")):
            response = getattr(client, method)(path)
            self.assertEqual((response.status_code, response.json()), (500, {"kind": kind}))
        with self.assertRaises(KeyError):   # and reported, as Starlette re-raises it
            TestClient(self.make_app(internal)).get("/missing")

    def test_without_one_or_when_it_fails_the_plain_500(self) -> None:
        def failing(request, exc):
            raise RuntimeError("server error handler failed too")

        for handler in (None, failing):
            response = TestClient(self.make_app(handler), raise_server_exceptions=False).get("/missing")
            self.assertEqual((response.status_code, response.text), (500, "Internal Server Error"))

class HandlerPassesTest(unittest.TestCase):
    """Starlette looks handlers up around the route and again in its ExceptionMiddleware: an exception a handler
    raises for a route's error gets the app's handlers once more before the server-error handler; an
    HTTPException with status 500 goes to the HTTPException handler, not to a handler registered for 500."""

    def make_app(self) -> tuple[FastAPI, list[str]]:
        from tachyon.responses import JSONResponse

        calls: list[str] = []
        app = FastAPI()

        class DomainError(Exception):
            pass

        class Conflict(Exception):
            pass

        class Loop(Exception):
            pass

        @app.exception_handler(DomainError)
        def domain(request, exc):
            calls.append("domain")
            raise HTTPException(400, "bad domain")

        @app.exception_handler(Conflict)
        async def conflict(request, exc):
            calls.append("conflict")
            raise Loop()

        @app.exception_handler(Loop)
        def loop(request, exc):
            calls.append("loop")
            raise exc

        @app.exception_handler(500)
        def server_error(request, exc):
            calls.append(f"500:{type(exc).__name__}")
            return JSONResponse({"error": "internal"}, status_code=500)

        @app.get("/domain")
        def raise_domain():
            raise DomainError()

        @app.get("/conflict")
        async def raise_conflict():
            raise Conflict()

        @app.get("/loop")
        def raise_loop():
            raise Loop()

        @app.get("/explicit-500")
        def explicit():
            raise HTTPException(500, "explicit 500")

        return app, calls

    def test_a_handler_may_raise_an_exception_another_handler_answers(self) -> None:
        app, calls = self.make_app()
        response = TestClient(app).get("/domain")
        self.assertEqual((response.status_code, response.json(), calls), (400, {"detail": "bad domain"}, ["domain"]))

    def test_the_second_pass_is_the_last_before_the_server_error_handler(self) -> None:
        app, calls = self.make_app()
        client = TestClient(app, raise_server_exceptions=False)
        response = client.get("/conflict")   # conflict raises Loop, whose handler re-raises it: 500
        self.assertEqual((response.status_code, response.json(), calls), (500, {"error": "internal"},
                                                                          ["conflict", "loop", "500:Loop"]))
        calls.clear()
        client.get("/loop")   # a handler that re-raises its own exception runs twice
        self.assertEqual(calls, ["loop", "loop", "500:Loop"])

    def test_an_http_exception_500_is_an_http_exception(self) -> None:
        app, calls = self.make_app()
        response = TestClient(app).get("/explicit-500")
        self.assertEqual((response.status_code, response.json(), calls), (500, {"detail": "explicit 500"}, []))


class WebSocketValidationErrorTest(unittest.TestCase):
    """WebSockets are not served yet, but apps and shared error modules import FastAPI's names for them."""

    def test_the_default_handler_closes_with_policy_violation(self) -> None:
        import asyncio

        from tachyon.exception_handlers import websocket_request_validation_exception_handler
        from tachyon.exceptions import ValidationException, WebSocketRequestValidationError

        closed = []

        class Socket:
            async def close(self, code: int, reason: str | None = None) -> None:
                closed.append((code, reason))

        errors = [{"type": "missing", "loc": ("query", "q"), "msg": "Field required", "input": None}]
        exc = WebSocketRequestValidationError(errors)
        self.assertIsInstance(exc, ValidationException)
        asyncio.run(websocket_request_validation_exception_handler(Socket(), exc))
        self.assertEqual(closed, [(1008, [{"type": "missing", "loc": ["query", "q"], "msg": "Field required",
                                            "input": None}])])

if __name__ == "__main__":
    unittest.main()
