"""Jinja2Templates beyond the tutorial: the older TemplateResponse(name, {"request": ...}) call with
Starlette's deprecation warning, a ready-made environment, and the constructor's checks."""
from __future__ import annotations

import unittest
import warnings

import jinja2

from tachyon import FastAPI, Request
from tachyon.templating import Jinja2Templates
from tests.client_case import AppTestCase

templates = Jinja2Templates(env=jinja2.Environment(loader=jinja2.DictLoader({"hello.txt": "Hello {{ name }}!"})))
app = FastAPI()
seen_warnings: list[str] = []


@app.get("/old/{name}")
def old_style(request: Request, name: str):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = templates.TemplateResponse("hello.txt", {"request": request, "name": name})
    seen_warnings.extend(str(w.category.__name__) for w in caught)
    return response


@app.get("/url/{name}")
def with_url(request: Request, name: str):
    return templates.TemplateResponse(request, "hello.txt", {"name": request.url_for("with_url", name="z")})


class TemplatingTest(AppTestCase):
    app = app

    def test_old_call_style_warns_and_renders(self) -> None:
        r = self.client.get("/old/ann")
        self.assertEqual(r.text, "Hello ann!")
        self.assertEqual(seen_warnings, ["DeprecationWarning"])

    def test_request_url_for(self) -> None:
        self.assertEqual(self.client.get("/url/a").text, "Hello http://testserver/url/z!")

    def test_directory_or_env(self) -> None:
        with self.assertRaises(AssertionError):
            Jinja2Templates()
        with self.assertRaises(AssertionError):
            Jinja2Templates("templates", env=jinja2.Environment())


if __name__ == "__main__":
    unittest.main()
