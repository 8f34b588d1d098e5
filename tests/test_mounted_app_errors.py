"""An error leaving a mounted app passes through the apps it is mounted in, as in Starlette: the sub-app's
ServerErrorMiddleware answers and re-raises, then each enclosing app's handlers see it, their responses going
nowhere (a handler for its class turns it into "Caught handled exception, but response already started.", the
500/Exception handler still runs unless that app is in debug mode). Expected values are FastAPI 0.143's."""
from __future__ import annotations

import unittest

from tachyon import BackgroundTasks, FastAPI
from tachyon.responses import JSONResponse
from tachyon.testclient import TestClient

SEEN: list[tuple] = []


class Custom(Exception):
    pass


def make(top_debug: bool = False, sub_debug: bool = False, sub_catch_all: bool = True) -> FastAPI:
    top, sub = FastAPI(debug=top_debug), FastAPI(debug=sub_debug)

    @top.exception_handler(Exception)
    async def top_catch_all(request, exc):
        SEEN.append(("top", type(exc).__name__, request.url.path, request.scope["root_path"]))
        return JSONResponse({"top": 1}, status_code=500)

    @top.exception_handler(Custom)
    async def top_custom(request, exc):
        SEEN.append(("top-custom",))
        return JSONResponse({"custom": 1}, status_code=418)

    if sub_catch_all:
        @sub.exception_handler(Exception)
        def sub_catch_all_handler(request, exc):
            SEEN.append(("sub", type(exc).__name__))
            return JSONResponse({"sub": 1}, status_code=503)

    @sub.get("/key")
    def key_error():
        raise KeyError("x")

    @sub.get("/custom")
    async def custom():
        raise Custom()

    @sub.get("/background")
    def background(tasks: BackgroundTasks):
        def fail():
            raise ValueError("background")
        tasks.add_task(fail)
        return {"ok": True}

    top.mount("/v1", sub)
    return top


def get(app: FastAPI, path: str) -> tuple:
    SEEN.clear()
    response = TestClient(app, raise_server_exceptions=False).get(path)
    return response.status_code, response.text[:9], list(SEEN)


class EnclosingAppHandlers(unittest.TestCase):
    def test_both_catch_alls_see_an_unhandled_error(self):
        self.assertEqual(get(make(), "/v1/key"),
                         (503, '{"sub":1}', [("sub", "KeyError"), ("top", "KeyError", "/v1/key", "/v1")]))

    def test_a_parent_handler_for_the_class_makes_it_response_already_started(self):
        self.assertEqual(get(make(), "/v1/custom"),
                         (503, '{"sub":1}', [("sub", "Custom"), ("top", "RuntimeError", "/v1/custom", "/v1")]))

    def test_without_a_sub_app_handler_the_parent_sees_it_after_the_plain_500(self):
        self.assertEqual(get(make(sub_catch_all=False), "/v1/key"),
                         (500, "Internal ", [("top", "KeyError", "/v1/key", "/v1")]))

    def test_a_failing_background_task_reaches_the_parent(self):
        self.assertEqual(get(make(), "/v1/background"),
                         (200, '{"ok":tru', [("sub", "ValueError"), ("top", "ValueError", "/v1/background", "/v1")]))

    def test_a_parent_in_debug_mode_skips_its_handler(self):
        self.assertEqual(get(make(top_debug=True), "/v1/key"), (503, '{"sub":1}', [("sub", "KeyError")]))
        self.assertEqual(get(make(top_debug=True), "/v1/background"), (200, '{"ok":tru', [("sub", "ValueError")]))

    def test_a_sub_app_in_debug_mode_answers_with_the_traceback(self):
        self.assertEqual(get(make(sub_debug=True), "/v1/key"),
                         (500, "Traceback", [("top", "KeyError", "/v1/key", "/v1")]))

    def test_nested_mounts_pass_it_through_every_app(self):
        outer, middle, inner = FastAPI(), FastAPI(), FastAPI()
        for name, app in (("outer", outer), ("middle", middle)):
            app.add_exception_handler(Exception, lambda request, exc, name=name: SEEN.append(
                (name, type(exc).__name__, request.scope["root_path"])) or JSONResponse({}, status_code=500))

        @inner.get("/boom")
        async def boom():
            raise LookupError("boom")

        middle.mount("/inner", inner)
        outer.mount("/mid", middle)
        self.assertEqual(get(outer, "/mid/inner/boom"), (500, "Internal ", [
            ("middle", "LookupError", "/mid/inner"), ("outer", "LookupError", "/mid/inner")]))


class RaisedByTheTestClient(unittest.TestCase):
    def raised(self, path: str) -> tuple:
        SEEN.clear()
        with self.assertRaises(Exception) as raised:
            TestClient(make()).get(path)
        return type(raised.exception).__name__, str(raised.exception), len(SEEN)

    def test_what_left_the_outermost_app(self):
        self.assertEqual(self.raised("/v1/key"), ("KeyError", "'x'", 2))
        self.assertEqual(self.raised("/v1/custom"),
                         ("RuntimeError", "Caught handled exception, but response already started.", 2))
        self.assertEqual(self.raised("/v1/background"), ("ValueError", "background", 2))


if __name__ == "__main__":
    unittest.main()
