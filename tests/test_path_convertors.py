"""Starlette's path convertors in route paths (FastAPI's test_starlette_urlconvertors.py): {p:int},
{p:float} and {p:uuid} match only segments of that form (another segment is a 404, or the next route),
{p:path} takes the rest of the path; parameters may share a segment with text ({name}.{ext}); url_path_for
fills them in; a convertor the app registers (register_url_convertor) is matched by the engine with its regex
and converts the value."""
from __future__ import annotations

import unittest
from typing import Annotated
from uuid import UUID

from tachyon import FastAPI, Path, Request
from tachyon.convertors import Convertor, register_url_convertor
from tests.client_case import AppTestCase


class HexConvertor(Convertor):
    regex = "[0-9a-f]+"

    def convert(self, value: str) -> int:
        return int(value, 16)

    def to_string(self, value: int) -> str:
        return format(value, "x")


register_url_convertor("hex", HexConvertor())
app = FastAPI()


@app.get("/colors/{code:hex}")
def color(request: Request, code: int):
    return {"code": code, "path_params": request.path_params}


@app.get("/builds/{name}.{build:hex}")
def build(name: str, build: int):
    return {"name": name, "build": build}


@app.get("/int/{param:int}")
def int_convertor(param: int = Path()):
    return {"int": param}


@app.get("/float/{param:float}")
def float_convertor(param: float = Path()):
    return {"float": param}


@app.get("/path/{param:path}")
def path_convertor(param: str = Path()):
    return {"path": param}


@app.get("/uuid/{param:uuid}")
def uuid_convertor(param: UUID = Path()):
    return {"uuid": str(param)}


@app.get("/files/{p:path}/download")
def download(p: str):
    return {"path": p}


@app.get("/alias/{item-id}")
def braces_around_a_non_identifier(item_id: Annotated[int, Path(alias="item-id")]):
    return item_id


@app.get("/either/{number:int}")
def either_number(number: int):
    return {"number": number}


@app.get("/either/{word}")
def either_word(word: str):
    return {"word": word}


@app.get("/tiles/{z}/{x}/{y:int}.png")
def tile(z: int, x: int, y: int):
    return [z, x, y]


@app.get("/files/{name}.{ext}")
def file(name: str, ext: str):
    return {"name": name, "ext": ext}


@app.get("/scores/{user_id:int}/{score:float}")
def scores(request: Request, user_id: int, score: Annotated[float, Path(ge=3)]):
    return {"path_params": repr(request.path_params), "scope": repr(request.scope["path_params"])}


@app.get("/docs/{doc:uuid}")
def document(doc: str):
    return doc


class PathConvertorsTest(AppTestCase):
    app = app

    def test_converted_values_as_starlette_hands_them_over(self) -> None:
        """The endpoint, ``request.path_params`` and an error's input see the converted value, as in FastAPI."""
        expected = repr({"user_id": 5, "score": 4.5})
        self.assertEqual(self.client.get("/scores/5/4.5").json(), {"path_params": expected, "scope": expected})
        error = self.client.get("/scores/5/2.0").json()["detail"][0]
        self.assertEqual((error["type"], error["input"]), ("greater_than_equal", 2.0))
        invalid = self.client.get("/docs/00000000-0000-0000-0000-000000000001")
        self.assertEqual((invalid.status_code, invalid.json()["detail"][0]["type"]), (422, "string_type"))

    def test_convertors(self) -> None:
        self.assertEqual(self.client.get("/int/5").json(), {"int": 5})
        self.assertEqual(self.client.get("/float/25.5").json(), {"float": 25.5})
        self.assertEqual(self.client.get("/path/some/example").json(), {"path": "some/example"})
        uuid = "a9b2c3d4-0e1f-4a5b-8c6d-7e8f9a0b1c2d"
        self.assertEqual(self.client.get(f"/uuid/{uuid}").json(), {"uuid": uuid})
        for other_form in (uuid.upper(), uuid.replace("-", "")):   # Starlette 1.x's uuid convertor takes these too
            self.assertEqual(self.client.get(f"/uuid/{other_form}").json(), {"uuid": uuid})
        self.assertEqual(self.client.get("/files/a/b/download").json(), {"path": "a/b"})   # segments after {p:path}

    def test_a_segment_of_another_form_does_not_match(self) -> None:
        self.assertEqual(self.client.get("/int/five").status_code, 404)
        self.assertEqual(self.client.get("/float/-1.5").status_code, 404)
        self.assertEqual(self.client.get("/either/42").json(), {"number": 42})
        self.assertEqual(self.client.get("/either/forty-two").json(), {"word": "forty-two"})

    def test_braces_around_anything_but_an_identifier_are_literal_text(self) -> None:
        # Starlette routes "/alias/{item-id}" as text; FastAPI still declares item-id a path parameter: missing.
        self.assertEqual(self.client.get("/alias/5").status_code, 404)
        r = self.client.get("/alias/%7Bitem-id%7D")
        self.assertEqual((r.status_code, r.json()["detail"][0]["loc"]), (422, ["path", "item-id"]))

    def test_parameters_with_text_in_a_segment(self) -> None:
        self.assertEqual(self.client.get("/tiles/3/1/2.png").json(), [3, 1, 2])
        self.assertEqual(self.client.get("/tiles/3/1/x.png").status_code, 404)
        self.assertEqual(self.client.get("/files/a.tar.gz").json(), {"name": "a.tar", "ext": "gz"})   # greedy, as Starlette
        self.assertEqual(app.url_path_for("file", name="notes", ext="txt"), "/files/notes.txt")

    def test_a_registered_convertor(self) -> None:
        self.assertEqual(self.client.get("/colors/ff").json(), {"code": 255, "path_params": {"code": 255}})
        self.assertEqual(self.client.get("/colors/fg").status_code, 404)
        self.assertEqual(self.client.get("/builds/app.1f").json(), {"name": "app", "build": 31})
        self.assertEqual(app.url_path_for("color", code=171), "/colors/ab")

    def test_url_path_for(self) -> None:
        self.assertEqual(app.url_path_for("int_convertor", param=5), "/int/5")
        self.assertEqual(app.url_path_for("path_convertor", param="some/example"), "/path/some/example")
        self.assertEqual(app.url_path_for("download", p="a/b"), "/files/a/b/download")
        # Starlette's convertors assert what a value may be
        for name, value, message in [("either_word", "a/b", "May not contain path separators"),
                                     ("int_convertor", -1, "Negative integers are not supported"),
                                     ("float_convertor", float("inf"), "Infinite values are not supported")]:
            with self.assertRaisesRegex(AssertionError, message):
                app.url_path_for(name, **{"word" if name == "either_word" else "param": value})

    def test_openapi_paths_drop_the_convertors(self) -> None:
        paths = self.client.get("/openapi.json").json()["paths"]
        self.assertIn("/int/{param}", paths)
        self.assertIn("/path/{param}", paths)


if __name__ == "__main__":
    unittest.main()
