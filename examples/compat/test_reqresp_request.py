"""The Request object as FastAPI (Starlette) gives it to a handler under the TestClient.

Expected values follow FastAPI 0.115+ / Starlette: ``path_params`` hold the raw path strings (the
handler's ``item_id: int`` is converted, the Request's copy is not), ``dict(query_params)`` keeps
the last value of a repeated key, ``request.state`` is shared by the dependencies and the handler
of one request, and the TestClient's client address is ``("testclient", 50000)``."""
import unittest

from examples.compat import reqresp_request
from tests.client_case import AppTestCase

MULTIPART_BODY = (
    b"--boundary42\r\n"
    b'Content-Disposition: form-data; name="name"\r\n\r\n'
    b"Ann\r\n"
    b"--boundary42\r\n"
    b'Content-Disposition: form-data; name="color"\r\n\r\n'
    b"red\r\n"
    b"--boundary42\r\n"
    b'Content-Disposition: form-data; name="color"\r\n\r\n'
    b"blue\r\n"
    b"--boundary42--\r\n"
)


class RequestObjectTest(AppTestCase):
    app = reqresp_request.app

    def test_url_headers_params_cookies_state_and_app(self) -> None:
        r = self.client.get("/inspect/5?tag=a&tag=b&q=x", headers={"X-Trace": "abc123", "Cookie": "session=s1; theme=dark"})
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.json(), {
            "item_id": 5,
            "method": "GET",
            "url": "http://testserver/inspect/5?tag=a&tag=b&q=x",
            "path": "/inspect/5",
            "query": "tag=a&tag=b&q=x",
            "base_url": "http://testserver/",
            "path_params": {"item_id": "5"},
            "query_params": {"tag": "b", "q": "x"},
            "tags": ["a", "b"],
            "x_trace": "abc123",
            "x_trace_title_case": "abc123",
            "host": "testserver",
            "cookies": {"session": "s1", "theme": "dark"},
            "tagged_by": "dependency",
            "app_title": "Request inspector",
        })

    def test_url_without_query(self) -> None:
        data = self.client.get("/inspect/7", headers={"X-Trace": "t"}).json()
        self.assertEqual((data["url"], data["query"], data["query_params"], data["tags"], data["cookies"]),
                         ("http://testserver/inspect/7", "", {}, [], {}))

    def test_method(self) -> None:
        for method in ("GET", "PUT", "DELETE"):
            self.assertEqual(self.client.request(method, "/method").json(), {"method": method})

    def test_client_address_under_the_test_client(self) -> None:
        data = self.client.get("/client").json()
        self.assertEqual(data, {"host": "testclient", "port": 50000})

    def test_raw_body(self) -> None:
        r = self.client.post("/echo/body", content="héllo wörld".encode(), headers={"Content-Type": "text/plain"})
        self.assertEqual(r.json(), {"length": 13, "text": "héllo wörld", "content_type": "text/plain"})
        r = self.client.post("/echo/body")
        self.assertEqual(r.json(), {"length": 0, "text": "", "content_type": None})

    def test_json_body(self) -> None:
        payload = {"a": [1, 2.5, {"b": None}], "ok": True}
        self.assertEqual(self.client.post("/echo/json", json=payload).json(), {"received": payload})

    def test_urlencoded_form(self) -> None:
        r = self.client.post("/echo/form", data={"name": "Ann", "color": ["red", "blue"]})
        self.assertEqual(r.json(), {"fields": {"name": "Ann", "color": "blue"}, "colors": ["red", "blue"]})

    def test_multipart_form(self) -> None:
        r = self.client.post("/echo/form", content=MULTIPART_BODY,
                             headers={"Content-Type": "multipart/form-data; boundary=boundary42"})
        self.assertEqual(r.json(), {"fields": {"name": "Ann", "color": "blue"}, "colors": ["red", "blue"]})


if __name__ == "__main__":
    unittest.main()
