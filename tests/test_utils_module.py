"""FastAPI's small helpers that apps and extensions import: fastapi.utils (deep_dict_update,
get_value_or_default, generate_unique_id, get_path_param_names, generate_operation_id_for_path,
create_model_field), fastapi.openapi.docs.swagger_ui_default_parameters, fastapi._compat.lenient_issubclass
and ModelField's validate/serialize, as route.response_field offers them; fastapi.routing's serialize_response and
run_endpoint_function, and starlette.routing's get_name."""
from __future__ import annotations

import asyncio
import unittest

from typing import List, Optional

from pydantic import BaseModel

from tachyon import FastAPI
from tachyon._compat import lenient_issubclass
from tachyon.datastructures import Default
from tachyon.dependencies.models import Dependant
from tachyon.exceptions import ResponseValidationError
from tachyon.openapi.docs import get_swagger_ui_html, swagger_ui_default_parameters
from tachyon.routing import APIRoute, get_name, run_endpoint_function, serialize_response
from tachyon.testclient import TestClient
from tachyon.utils import (create_model_field, deep_dict_update, generate_operation_id_for_path, generate_unique_id,
                           get_path_param_names, get_value_or_default)


class Item(BaseModel):
    name: str
    note: Optional[str] = None


class UtilsModuleTest(unittest.TestCase):
    def test_deep_dict_update_merges_dicts_concatenates_lists_and_replaces_the_rest(self) -> None:
        main = {"info": {"title": "A", "x": {"keep": 1}}, "tags": ["a"], "version": "1", "list_to_value": [1]}
        deep_dict_update(main, {"info": {"x": {"add": 2}}, "tags": ["b"], "version": "2", "list_to_value": 3, "new": {}})
        self.assertEqual(main, {"info": {"title": "A", "x": {"keep": 1, "add": 2}}, "tags": ["a", "b"], "version": "2",
                                "list_to_value": 3, "new": {}})

    def test_get_value_or_default_takes_the_first_value_set(self) -> None:
        first, second = Default(1), Default(2)
        self.assertEqual(get_value_or_default(first, second, 3, 4), 3)
        self.assertIs(get_value_or_default(first, second), first)

    def test_generate_unique_id(self) -> None:
        app = FastAPI()

        @app.get("/items/{item_id}")
        def read_item(item_id: int):
            return item_id

        self.assertEqual(generate_unique_id(app.routes[-1]), "read_item_items__item_id__get")

    def test_path_param_names_and_the_deprecated_operation_id(self) -> None:
        self.assertEqual(get_path_param_names("/a/{x}/{y:path}"), {"x", "y:path"})
        with self.assertWarns(DeprecationWarning):
            self.assertEqual(generate_operation_id_for_path(name="hello_world", path="/items/{id}", method="GET"),
                             "hello_world_items__id__get")

    def test_model_fields_validate_and_serialize_as_fastapis(self) -> None:
        field = create_model_field("ids", List[int])
        self.assertEqual(field.validate(["1", 2], loc=("body",)), ([1, 2], None))
        value, errors = field.validate("x", loc=("body", "ids"))
        self.assertIsNone(value)
        self.assertEqual([(e["type"], e["loc"]) for e in errors], [("list_type", ("body", "ids"))])
        self.assertEqual((field.serialize([1]), field.serialize_json([1])), ([1], b"[1]"))

    def test_a_routes_response_field(self) -> None:
        app = FastAPI()

        @app.get("/item")
        def item() -> Item:
            return Item(name="a")

        @app.get("/plain")
        def plain():
            return 1

        field = app.routes[-2].response_field
        self.assertEqual((field.name, field.mode, field.type_), ("Response_item_item_get", "serialization", Item))
        self.assertEqual(field.serialize_json(Item(name="b"), exclude_none=True), b'{"name":"b"}')
        self.assertIsNone(app.routes[-1].response_field)
        # FastAPI's clone of it: with pydantic 2, the field itself
        from tachyon.utils import create_cloned_field
        self.assertIs(create_cloned_field(field), field)

    def test_serialize_response_validates_and_serializes_as_fastapis(self) -> None:
        field = create_model_field(name="Response_item", type_=Item, mode="serialization")
        serialize = lambda **options: asyncio.run(serialize_response(field=field, **options))   # noqa: E731
        self.assertEqual(serialize(response_content={"name": "a", "note": None}, exclude_none=True), {"name": "a"})
        self.assertEqual(serialize(response_content=Item(name="b"), dump_json=True), b'{"name":"b","note":null}')
        self.assertEqual(serialize(response_content={"name": "c"}, is_coroutine=False), {"name": "c", "note": None})
        with self.assertRaises(ResponseValidationError) as caught:
            serialize(response_content={"note": "x"})
        self.assertEqual([(e["type"], e["loc"]) for e in caught.exception.errors()], [("missing", ("response", "name"))])
        self.assertEqual(asyncio.run(serialize_response(response_content={"when": {3}})), {"when": [3]})   # jsonable_encoder

    def test_run_endpoint_function_and_get_name(self) -> None:
        def double(x: int) -> int:
            return x * 2

        async def triple(x: int) -> int:
            return x * 3

        class Endpoint:
            def __call__(self) -> None:
                return None

        run = lambda call, is_coroutine: asyncio.run(   # noqa: E731
            run_endpoint_function(dependant=Dependant(call=call), values={"x": 2}, is_coroutine=is_coroutine))
        self.assertEqual((run(double, False), run(triple, True)), (4, 6))
        self.assertEqual((get_name(double), get_name(Endpoint())), ("double", "Endpoint"))
        self.assertEqual(APIRoute("/", double, name="").name, "")   # as Starlette: only None takes the default

    def test_lenient_issubclass(self) -> None:
        self.assertTrue(lenient_issubclass(bool, int))
        self.assertTrue(lenient_issubclass(BaseModel, (int, BaseModel)))
        for not_a_class in (3, "int", None, list[int], List[int], Optional[int], int | str):
            self.assertFalse(lenient_issubclass(not_a_class, int), not_a_class)
        with self.assertRaises(TypeError):
            lenient_issubclass(int, 3)   # a bad second argument is still an error
        from tachyon.dependencies import utils   # FastAPI's module imports it, and libraries take it from there

        self.assertIs(utils.lenient_issubclass, lenient_issubclass)

    def test_pydantic_version_flags(self) -> None:
        """What libraries and FastAPI's own tests import from fastapi._compat to branch on pydantic's version."""
        import pydantic

        from tachyon import _compat

        major, minor = (int(part) for part in pydantic.VERSION.split(".")[:2])
        self.assertEqual(_compat.PYDANTIC_VERSION, pydantic.VERSION)
        self.assertEqual(_compat.PYDANTIC_VERSION_MINOR_TUPLE, (major, minor))
        self.assertIs(_compat.PYDANTIC_V2, True)

    def test_internal_names_libraries_import(self) -> None:
        """fastapi._compat._normalize_errors (libraries raising RequestValidationError from their own
        validation) and run_in_threadpool as fastapi.dependencies.utils imports it."""
        from tachyon import concurrency
        from tachyon._compat import _normalize_errors
        from tachyon.dependencies import utils

        first, second = {"loc": ("query", "a")}, {"loc": ("query", "b")}
        self.assertEqual(_normalize_errors([first, [second]]), [first, second])
        self.assertIs(utils.run_in_threadpool, concurrency.run_in_threadpool)

    def test_swagger_ui_default_parameters_are_fastapis(self) -> None:
        self.assertEqual(swagger_ui_default_parameters, {"dom_id": "#swagger-ui", "layout": "BaseLayout",
                                                          "deepLinking": True, "showExtensions": True,
                                                          "showCommonExtensions": True})
        page = get_swagger_ui_html(openapi_url="/openapi.json", title="T",
                                   swagger_ui_parameters={**swagger_ui_default_parameters, "deepLinking": False}).body
        self.assertIn(b'"deepLinking": false', page)
        self.assertIn(b'"dom_id": "#swagger-ui"', page)
        with TestClient(FastAPI(swagger_ui_parameters={"syntaxHighlight": False})) as client:
            docs = client.get("/docs").text
        self.assertIn('"syntaxHighlight": false', docs)
        self.assertIn('"showCommonExtensions": true', docs)


if __name__ == "__main__":
    unittest.main()
