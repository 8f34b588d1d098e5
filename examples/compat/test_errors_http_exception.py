"""``HTTPException``, as FastAPI documents it (tests/test_tutorial/test_handling_errors/test_tutorial001
and 002 in FastAPI's repository): the response is ``{"detail": detail}`` with the exception's status
and headers, any JSON-able detail is kept as is, a missing detail is the HTTP status phrase, a status
that allows no body (304) gets an empty response without a content type, and Starlette's router
answers unknown paths with 404 and known paths with another method with 405 and an ``Allow`` header."""
from examples.compat import errors_http_exception
from tests.client_case import AppTestCase


class HTTPExceptionTest(AppTestCase):
    app = errors_http_exception.app

    def test_found(self):
        response = self.client.get("/items/foo")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"item": "The Foo Wrestlers"})

    def test_string_detail(self):
        response = self.client.get("/items/bar")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"detail": "Item not found"})
        self.assertEqual(response.headers["content-type"], "application/json")

    def test_headers(self):
        response = self.client.get("/items-header/bar")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"detail": "Item not found"})
        self.assertEqual(response.headers["x-error"], "There goes my error")

    def test_dict_detail(self):
        response = self.client.post("/orders/A-1")
        self.assertEqual(response.status_code, 409)
        self.assertEqual(response.json(), {"detail": {"code": "out_of_stock", "sku": "A-1", "available": 0}})

    def test_list_detail(self):
        response = self.client.post("/batch")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json(), {"detail": [{"index": 0, "problem": "duplicate"},
                                                      {"index": 2, "problem": "too large"}]})

    def test_default_detail_is_the_status_phrase(self):
        response = self.client.get("/teapot")
        self.assertEqual(response.status_code, 418)
        self.assertEqual(response.json(), {"detail": "I'm a Teapot"})

    def test_status_without_body(self):
        response = self.client.get("/cached")
        self.assertEqual(response.status_code, 304)
        self.assertEqual(response.content, b"")
        self.assertNotIn("content-type", response.headers)

    def test_authentication_header(self):
        response = self.client.get("/me")
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json(), {"detail": "Not authenticated"})
        self.assertEqual(response.headers["www-authenticate"], "Bearer")

    def test_unknown_path(self):
        response = self.client.get("/nowhere")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"detail": "Not Found"})

    def test_wrong_method(self):
        response = self.client.delete("/items/foo")
        self.assertEqual(response.status_code, 405)
        self.assertEqual(response.json(), {"detail": "Method Not Allowed"})
        self.assertEqual(response.headers["allow"], "GET")
