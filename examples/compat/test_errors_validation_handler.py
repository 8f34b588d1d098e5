"""A custom ``RequestValidationError`` handler, as FastAPI documents it
(tests/test_tutorial/test_handling_errors/test_tutorial004 and 005 in FastAPI's repository):
``exc.errors()`` holds pydantic's errors with tuple locations, ``exc.body`` is the decoded JSON body
(or the raw text when it is not valid JSON, with FastAPI's ``json_invalid`` error at the failing
character), and ``None`` when the route reads no body or none was sent."""
from examples.compat import errors_validation_handler
from tests.client_case import AppTestCase


class ValidationHandlerTest(AppTestCase):
    app = errors_validation_handler.app

    def test_valid_body(self):
        response = self.client.post("/items/", json={"title": "towel", "size": 5})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"title": "towel", "size": 5})

    def test_invalid_body_is_echoed(self):
        response = self.client.post("/items/", json={"title": "towel", "size": "XL"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {
            "detail": [{"type": "int_parsing", "loc": ["body", "size"],
                        "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "XL"}],
            "body": {"title": "towel", "size": "XL"},
            "where": ["('body', 'size')"],
            "path": "/items/",
        })

    def test_invalid_json(self):
        response = self.client.post("/items/", content=b'{"title": "towel",', headers={"Content-Type": "application/json"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {
            "detail": [{"type": "json_invalid", "loc": ["body", 18], "msg": "JSON decode error", "input": {},
                        "ctx": {"error": "Expecting property name enclosed in double quotes"}}],
            "body": '{"title": "towel",',
            "where": ["('body', 18)"],
            "path": "/items/",
        })

    def test_missing_body(self):
        response = self.client.post("/items/")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {
            "detail": [{"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}],
            "body": None,
            "where": ["('body',)"],
            "path": "/items/",
        })

    def test_path_and_query_errors(self):
        response = self.client.get("/items/abc?q=toolong")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {
            "detail": [
                {"type": "int_parsing", "loc": ["path", "item_id"],
                 "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "abc"},
                {"type": "string_too_long", "loc": ["query", "q"], "msg": "String should have at most 5 characters",
                 "input": "toolong", "ctx": {"max_length": 5}},
            ],
            "body": None,
            "where": ["('path', 'item_id')", "('query', 'q')"],
            "path": "/items/abc",
        })
