"""Overridden handlers that re-use FastAPI's defaults, as FastAPI documents them
(tests/test_tutorial/test_handling_errors/test_tutorial006 in FastAPI's repository): the responses are
the defaults' (status, ``{"detail": ...}``, headers), and the overrides run for the exceptions they are
registered for. A handler registered for FastAPI's ``HTTPException`` does not see the router's own
404/405, which Starlette raises as its own HTTPException class (the tutorial registers Starlette's
class to catch those)."""
from examples.compat import errors_override_defaults
from tests.client_case import AppTestCase


class OverrideDefaultsTest(AppTestCase):
    app = errors_override_defaults.app

    def setUp(self):
        errors_override_defaults.seen.clear()

    def test_success_calls_no_handler(self):
        response = self.client.get("/items/2")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"item_id": 2})
        self.assertEqual(errors_override_defaults.seen, [])

    def test_http_exception_goes_through_the_override(self):
        response = self.client.get("/items/3")
        self.assertEqual(response.status_code, 418)
        self.assertEqual(response.json(), {"detail": "Nope! I don't like 3."})
        self.assertEqual(response.headers["x-reason"], "three")
        self.assertEqual(errors_override_defaults.seen, ["http 418 /items/3"])

    def test_validation_error_goes_through_the_override(self):
        response = self.client.get("/items/foo")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "int_parsing", "loc": ["path", "item_id"],
             "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "foo"},
        ]})
        self.assertEqual(errors_override_defaults.seen, ["validation 1 /items/foo"])

    def test_router_404_is_not_a_fastapi_http_exception(self):
        response = self.client.get("/missing")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"detail": "Not Found"})
        self.assertEqual(errors_override_defaults.seen, [])

    def test_router_405_is_not_a_fastapi_http_exception(self):
        response = self.client.post("/items/2")
        self.assertEqual(response.status_code, 405)
        self.assertEqual(response.json(), {"detail": "Method Not Allowed"})
        self.assertEqual(errors_override_defaults.seen, [])
