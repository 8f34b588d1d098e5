"""Where an undeclared or loosely declared parameter comes from, by FastAPI 0.143's rules: a union with a sequence
member takes every value of its key, a union with UploadFile (or a sequence of them, a bare ``list`` too) is a file,
and Request/Response/BackgroundTasks/SecurityScopes behind another library's ``Annotated`` marker are injected."""
from __future__ import annotations

import unittest
from typing import Annotated, List, Optional, Union

from pydantic import BaseModel

from tachyon import BackgroundTasks, FastAPI, Form, Header, Query, Request, Response, UploadFile
from tachyon.testclient import TestClient

app = FastAPI()


@app.get("/ids")
def ids(q: Annotated[Union[List[int], int], Query()] = 1):
    return {"q": q}


@app.get("/header")
def header(x_t: Union[List[str], str, None] = Header(None)):
    return {"x": x_t}


@app.post("/form")
def form(v: Union[List[str], str] = Form()):
    return {"v": v}


class Filters(BaseModel):
    a: Union[List[int], int] = 0


@app.get("/model")
def model(m: Annotated[Filters, Query()]):
    return m


@app.post("/upload-or-text")
def upload_or_text(f: Union[UploadFile, str]):
    return {"f": getattr(f, "filename", f)}   # (under FastAPI the file is a Starlette UploadFile)


@app.post("/bare-list")
def bare_list(data: Optional[list] = None):
    return {"data": data}


@app.get("/marked")
def marked(request: Annotated[Request, "the request"], response: Annotated[Response, "headers go here"],
           tasks: Annotated[BackgroundTasks, "a queue"]):
    response.headers["x-extra"] = "1"
    return {"path": request.url.path, "tasks": type(tasks).__name__}


class ParameterKindsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.client = TestClient(app)

    def test_a_union_with_a_sequence_takes_every_value(self) -> None:
        self.assertEqual(self.client.get("/ids?q=1&q=2").json(), {"q": [1, 2]})
        self.assertEqual(self.client.get("/ids?q=1").json(), {"q": [1]})
        self.assertEqual(self.client.get("/ids").json(), {"q": 1})
        self.assertEqual(self.client.get("/header", headers=[("x-t", "1"), ("x-t", "2")]).json(), {"x": ["1", "2"]})
        self.assertEqual(self.client.post("/form", data={"v": ["a", "b"]}).json(), {"v": ["a", "b"]})
        self.assertEqual(self.client.get("/model?a=3&a=4").json(), {"a": [3, 4]})

    def test_a_union_with_uploadfile_is_a_file(self) -> None:
        self.assertEqual(self.client.post("/upload-or-text", files={"f": ("a.txt", b"x")}).json(), {"f": "a.txt"})
        self.assertEqual(self.client.post("/upload-or-text", data={"f": "text"}).json(), {"f": "text"})
        r = self.client.post("/upload-or-text?f=q")
        self.assertEqual((r.status_code, r.json()["detail"][0]["loc"]), (422, ["body", "f"]))

    def test_a_bare_list_is_a_file_parameter(self) -> None:
        # As FastAPI: a sequence with no item type passes its upload check, so JSON is not read.
        self.assertEqual(self.client.post("/bare-list", json=[1, 2]).json(), {"data": None})
        body = self.client.get("/openapi.json").json()["paths"]["/bare-list"]["post"]["requestBody"]
        self.assertEqual(list(body["content"]), ["multipart/form-data"])

    def test_special_classes_behind_other_markers_are_injected(self) -> None:
        r = self.client.get("/marked")
        self.assertEqual((r.status_code, r.json(), r.headers["x-extra"]),
                         (200, {"path": "/marked", "tasks": "BackgroundTasks"}, "1"))


if __name__ == "__main__":
    unittest.main()
