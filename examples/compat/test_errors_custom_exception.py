"""Custom exception handlers, as FastAPI (Starlette) runs them (tests/test_tutorial/test_handling_errors/
test_tutorial003 and test_tutorial007 in FastAPI's repository; Starlette's ExceptionMiddleware looks a
handler up along the exception's MRO, and status-code handlers first for HTTPException): the handler's
response is sent, whatever its class, status and headers."""
from examples.compat import errors_custom_exception
from tests.client_case import AppTestCase


class CustomExceptionTest(AppTestCase):
    app = errors_custom_exception.app

    def test_no_exception(self):
        response = self.client.get("/unicorns/shinny")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"unicorn_name": "shinny"})

    def test_custom_exception_handler(self):
        response = self.client.get("/unicorns/yolo")
        self.assertEqual(response.status_code, 418)
        self.assertEqual(response.json(), {"message": "Oops! yolo did something. There goes a rainbow...",
                                           "kind": "UnicornException"})

    def test_subclass_uses_the_parent_handler(self):
        response = self.client.get("/unicorns/midas")
        self.assertEqual(response.status_code, 418)
        self.assertEqual(response.json(), {"message": "Oops! midas did something. There goes a rainbow...",
                                           "kind": "GoldenUnicornException"})

    def test_sync_handler_with_plain_text_and_headers(self):
        response = self.client.get("/status")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.text, "Down for maintenance")
        self.assertEqual(response.headers["content-type"], "text/plain; charset=utf-8")
        self.assertEqual(response.headers["retry-after"], "120")

    def test_status_code_handler_for_raised_exception(self):
        response = self.client.get("/things/42")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"message": "Nothing at /things/42", "detail": "Thing 42 not found"})

    def test_status_code_handler_for_unknown_path(self):
        response = self.client.get("/nowhere")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"message": "Nothing at /nowhere", "detail": "Not Found"})
