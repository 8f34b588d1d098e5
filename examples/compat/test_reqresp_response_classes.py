"""Response classes: exact bodies, content types, lengths, redirects and custom headers.

Expected values follow FastAPI 0.115+ / Starlette: JSONResponse renders compact UTF-8 JSON
(``ensure_ascii=False``); ORJSONResponse renders with orjson and ``OPT_NON_STR_KEYS`` after
``jsonable_encoder`` (FastAPI's newest releases deprecate the class, it still renders the same);
``text/*`` media types get ``; charset=utf-8``; a Response without a media type has no
content-type; RedirectResponse defaults to 307, has an empty body with ``content-length: 0`` and
percent-quotes its location."""
import unittest

from examples.compat import reqresp_response_classes
from tests.client_case import AppTestCase


class ResponseClassesTest(AppTestCase):
    app = reqresp_response_classes.app

    def test_json_response_returned_directly(self) -> None:
        r = self.client.get("/json")
        body = '{"message":"héllo","items":[1,2.5,null]}'.encode()
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.content, body)
        self.assertEqual(r.headers["content-type"], "application/json")
        self.assertEqual(r.headers["content-length"], str(len(body)))
        self.assertEqual(r.headers["x-source"], "json")

    def test_orjson_response_class(self) -> None:
        r = self.client.get("/orjson")
        self.assertEqual(r.headers["content-type"], "application/json")
        self.assertEqual(r.content, '{"name":"ünïcode","price":1.0,"when":"2024-05-17T09:30:00"}'.encode())

    def test_orjson_response_non_string_keys(self) -> None:
        r = self.client.get("/orjson/direct")
        self.assertEqual(r.headers["content-type"], "application/json")
        self.assertEqual(r.content, b'{"1":"one","two":[2]}')

    def test_html_response_class(self) -> None:
        r = self.client.get("/html")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.headers["content-type"], "text/html; charset=utf-8")
        self.assertEqual(r.text, "<html><body><h1>Hello</h1></body></html>")

    def test_html_response_with_status(self) -> None:
        r = self.client.get("/html/direct")
        self.assertEqual(r.status_code, 404)
        self.assertEqual(r.headers["content-type"], "text/html; charset=utf-8")
        self.assertEqual(r.text, "<p>Not here</p>")

    def test_plain_text_response_class(self) -> None:
        r = self.client.get("/text")
        self.assertEqual(r.headers["content-type"], "text/plain; charset=utf-8")
        self.assertEqual(r.content, b"Hello, world")
        self.assertEqual(r.headers["content-length"], "12")

    def test_redirect_response_class_defaults_to_307(self) -> None:
        r = self.client.get("/go", follow_redirects=False)
        self.assertEqual(r.status_code, 307)
        self.assertEqual(r.headers.get("location"), "https://example.com/docs")
        self.assertEqual(r.headers["content-length"], "0")
        self.assertNotIn("content-type", r.headers)
        self.assertEqual(r.content, b"")

    def test_redirect_with_route_status_code(self) -> None:
        r = self.client.get("/moved", follow_redirects=False)
        self.assertEqual(r.status_code, 301)
        self.assertEqual(r.headers.get("location"), "/text")
        followed = self.client.get("/moved")
        self.assertEqual(followed.status_code, 200)
        self.assertEqual(followed.text, "Hello, world")
        self.assertEqual(str(followed.url), "http://testserver/text")
        self.assertEqual([h.status_code for h in followed.history], [301])

    def test_see_other_after_post(self) -> None:
        r = self.client.post("/submit", follow_redirects=False)
        self.assertEqual(r.status_code, 303)
        self.assertEqual(r.headers["location"], "/json")
        followed = self.client.post("/submit")
        self.assertEqual(followed.json(), {"message": "héllo", "items": [1, 2.5, None]})
        self.assertEqual(str(followed.url), "http://testserver/json")

    def test_redirect_location_is_quoted(self) -> None:
        r = self.client.get("/search", follow_redirects=False)
        self.assertEqual(r.headers["location"], "/text?q=a%20b&lang=%C3%BC")

    def test_response_with_media_type_and_headers(self) -> None:
        r = self.client.get("/feed.xml")
        self.assertEqual(r.headers["content-type"], "application/xml")
        self.assertEqual(r.headers["cache-control"], "no-store")
        self.assertEqual(r.text, '<?xml version="1.0"?><feed><title>News</title></feed>')

    def test_text_media_type_gets_a_charset(self) -> None:
        r = self.client.get("/report.csv")
        self.assertEqual(r.headers["content-type"], "text/csv; charset=utf-8")
        self.assertEqual(r.text, "id,name\n1,Ann\n")

    def test_bytes_content(self) -> None:
        r = self.client.get("/pixel")
        self.assertEqual(r.headers["content-type"], "image/png")
        self.assertEqual(r.content, b"\x89PNG\r\n\x1a\n")

    def test_response_without_media_type(self) -> None:
        r = self.client.get("/raw")
        self.assertEqual(r.status_code, 200)
        self.assertNotIn("content-type", r.headers)
        self.assertEqual(r.headers["content-length"], "13")
        self.assertEqual(r.content, b"no media type")


if __name__ == "__main__":
    unittest.main()
