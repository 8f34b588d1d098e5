"""Jinja2Templates beyond the tutorial: the older TemplateResponse(name, {"request": ...}) call with
Starlette's deprecation warning, a ready-made environment, the constructor's checks, autoescaping by file name
and the caller's context dict filled in place, as Starlette's."""
from __future__ import annotations

import tempfile
import unittest
import warnings
from pathlib import Path

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


template_dir = Path(tempfile.mkdtemp(prefix="tachyon-templates-"))
for template_name in ("page.html", "mail.txt", "mail.j2"):
    (template_dir / template_name).write_text("Hi {{ name }}")
from_directory = Jinja2Templates(directory=template_dir, context_processors=[lambda request: {"path": request.url.path}])
shared_context = {"name": "Tom & Jerry"}


@app.get("/escaped/{template_name}")
def escaped(request: Request, template_name: str):
    return from_directory.TemplateResponse(request, template_name, {"name": "Tom & Jerry"})


@app.get("/shared/{n}")
def shared(request: Request, n: int):
    return from_directory.TemplateResponse(request, "mail.txt", shared_context)


class TemplatingTest(AppTestCase):
    app = app

    def test_old_call_style_warns_and_renders(self) -> None:
        r = self.client.get("/old/ann")
        self.assertEqual(r.text, "Hello ann!")
        self.assertEqual(seen_warnings, ["DeprecationWarning"])

    def test_request_url_for(self) -> None:
        self.assertEqual(self.client.get("/url/a").text, "Hello http://testserver/url/z!")

    def test_only_html_and_xml_templates_are_escaped(self) -> None:
        self.assertEqual(self.client.get("/escaped/page.html").text, "Hi Tom &amp; Jerry")
        self.assertEqual(self.client.get("/escaped/mail.txt").text, "Hi Tom & Jerry")
        self.assertEqual(self.client.get("/escaped/mail.j2").text, "Hi Tom & Jerry")

    def test_the_callers_context_is_filled_in_place(self) -> None:
        self.client.get("/shared/1")
        response = self.client.get("/shared/2")
        self.assertEqual(response.context["path"], "/shared/2")
        # the processors' values are updated, the request is set once: the first request stays, as in Starlette
        self.assertEqual((shared_context["path"], shared_context["request"].url.path), ("/shared/2", "/shared/1"))

    def test_directory_or_env(self) -> None:
        with self.assertRaises(AssertionError):
            Jinja2Templates()
        with self.assertRaises(AssertionError):
            Jinja2Templates("templates", env=jinja2.Environment())


if __name__ == "__main__":
    unittest.main()
