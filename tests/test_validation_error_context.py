"""Validation errors name their endpoint as FastAPI's do (FastAPI's test_validation_error_context.py):
``endpoint_ctx`` with the function, its source file and line and "METHOD /path" (a mounted app's path
includes the mount), shown by ``str(exc)``; the constructors take ``endpoint_ctx=``."""
from __future__ import annotations

import inspect
import unittest

from pydantic import BaseModel

from tachyon import FastAPI, Request
from tachyon.exceptions import RequestValidationError, ResponseValidationError
from tachyon.testclient import TestClient


class Item(BaseModel):
    id: int
    name: str


app = FastAPI()
sub = FastAPI()
app.mount("/sub", sub)
captured: list[Exception] = []


@app.exception_handler(RequestValidationError)
@sub.exception_handler(RequestValidationError)
async def keep(request: Request, exc: RequestValidationError):
    captured.append(exc)
    raise exc


@app.get("/users/{user_id}")
def get_user(user_id: int):
    return {"user_id": user_id}


@sub.get("/items/", response_model=Item)
def get_sub_item():
    return {"name": "Widget"}


class ValidationErrorContextTest(unittest.TestCase):
    def test_request_error_names_the_endpoint(self) -> None:
        captured.clear()
        with self.assertRaises(RequestValidationError):
            TestClient(app).get("/users/invalid")
        exc = captured[0]
        line = inspect.getsourcelines(get_user)[1]
        self.assertEqual(exc.endpoint_ctx, {"file": __file__, "line": line, "function": "get_user",
                                            "path": "GET /users/{user_id}"})
        self.assertTrue(str(exc).startswith("1 validation error:\n  {'type': 'int_parsing'"))
        self.assertTrue(str(exc).endswith(f'\n\n  File "{__file__}", line {line}, in get_user\n    GET /users/{{user_id}}'))

    def test_response_error_of_a_mounted_app(self) -> None:
        with self.assertRaises(ResponseValidationError) as caught:
            TestClient(app).get("/sub/items/")
        self.assertEqual((caught.exception.endpoint_function, caught.exception.endpoint_path),
                         ("get_sub_item", "GET /sub/items/"))

    def test_constructed_with_a_path_only(self) -> None:
        errors = [{"type": "missing", "loc": ("body", "name"), "msg": "Field required"}]
        self.assertEqual(str(RequestValidationError(errors, endpoint_ctx={"path": "GET /api/test"})),
                         "1 validation error:\n  {'type': 'missing', 'loc': ('body', 'name'), 'msg': 'Field required'}\n"
                         "\n  Endpoint: GET /api/test")   # a blank line before the endpoint, as FastAPI 0.162
        self.assertEqual(str(RequestValidationError(errors)),
                         "1 validation error:\n  {'type': 'missing', 'loc': ('body', 'name'), 'msg': 'Field required'}")
        self.assertEqual(str(RequestValidationError(errors * 2)).splitlines()[0], "2 validation errors:")


if __name__ == "__main__":
    unittest.main()
