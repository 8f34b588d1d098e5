"""Server errors, as FastAPI (Starlette's ServerErrorMiddleware and TestClient) handle them
(tests/test_tutorial/test_handling_errors and tests/test_validate_response.py in FastAPI's
repository): with ``raise_server_exceptions=False`` the client gets ``500`` with the text
``Internal Server Error``; with the default client the exception is raised in the test. A return value
that does not match the response model raises ``ResponseValidationError`` whose errors are located
at ("response", ...)."""
from tachyon import ResponseValidationError
from tachyon.testclient import TestClient

from examples.compat import errors_server_error
from tests.client_case import AppTestCase


class ServerErrorTest(AppTestCase):
    app = errors_server_error.app

    @classmethod
    def setUpClass(cls):
        cls.client = TestClient(cls.app, raise_server_exceptions=False)

    def assert_internal_server_error(self, response):
        self.assertEqual(response.status_code, 500)
        self.assertEqual(response.text, "Internal Server Error")
        self.assertEqual(response.headers["content-type"], "text/plain; charset=utf-8")

    def raising_client(self) -> TestClient:
        client = TestClient(self.app)
        self.addCleanup(client.close)
        return client

    def test_unhandled_exception(self):
        self.assert_internal_server_error(self.client.get("/boom"))

    def test_unhandled_exception_is_raised_in_the_test(self):
        with self.assertRaises(ValueError) as raised:
            self.raising_client().get("/boom")
        self.assertEqual(str(raised.exception), "something broke")

    def test_failing_exception_handler(self):
        self.assert_internal_server_error(self.client.get("/flaky"))

    def test_failing_exception_handler_is_raised_in_the_test(self):
        with self.assertRaises(RuntimeError) as raised:
            self.raising_client().get("/flaky")
        self.assertEqual(str(raised.exception), "the handler failed too")

    def test_valid_response_is_filtered_by_the_model(self):
        response = self.client.get("/items/good")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"name": "Foo", "price": 3.5})

    def test_invalid_response_is_a_server_error(self):
        self.assert_internal_server_error(self.client.get("/items/missing-price"))
        self.assert_internal_server_error(self.client.get("/items/bad-price"))

    def test_response_validation_error_details(self):
        with self.assertRaises(ResponseValidationError) as raised:
            self.raising_client().get("/items/missing-price")
        self.assertEqual(list(raised.exception.errors()), [
            {"type": "missing", "loc": ("response", "price"), "msg": "Field required", "input": {"name": "Foo"}},
        ])
        self.assertEqual(raised.exception.body, {"name": "Foo"})

    def test_return_annotation_is_the_response_model(self):
        with self.assertRaises(ResponseValidationError) as raised:
            self.raising_client().get("/items/bad-price")
        self.assertEqual(list(raised.exception.errors()), [
            {"type": "float_parsing", "loc": ("response", "price"),
             "msg": "Input should be a valid number, unable to parse string as a number", "input": "expensive"},
        ])
