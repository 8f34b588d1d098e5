"""Cookies: the exact ``set-cookie`` header values Starlette writes (``http.cookies`` ordering:
Domain, expires, HttpOnly, Max-Age, Path, SameSite, Secure; ``Path=/`` and ``SameSite=lax`` by
default; ``delete_cookie`` sets an empty quoted value, ``expires`` now and ``Max-Age=0``), cookies
set on a Response parameter being dropped when the handler returns its own Response, and the
TestClient sending a cookie back until it is deleted."""
import re
import unittest
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from examples.compat import reqresp_cookies
from tests.client_case import AppTestCase

DELETED = re.compile(r'^session=""; expires=([A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT); '
                     r"Max-Age=0; Path=/; SameSite=lax$")


class CookiesTest(AppTestCase):
    app = reqresp_cookies.app

    def setUp(self) -> None:
        self.client.cookies.clear()

    def test_set_cookie_on_returned_response(self) -> None:
        r = self.client.post("/login")
        self.assertEqual(r.json(), {"message": "Welcome back"})
        self.assertEqual(r.headers.get_list("set-cookie"), ["session=s3cr3t; HttpOnly; Max-Age=3600; Path=/; SameSite=lax"])

    def test_set_cookie_on_response_parameter(self) -> None:
        r = self.client.post("/preferences")
        self.assertEqual(r.json(), {"saved": True})
        self.assertEqual(r.headers["content-type"], "application/json")
        self.assertEqual(r.headers.get_list("set-cookie"), [
            "theme=dark; Path=/; SameSite=lax",
            "lang=en; Domain=example.com; Path=/docs; SameSite=strict; Secure",
        ])

    def test_expires_and_samesite_options(self) -> None:
        r = self.client.post("/promo")
        self.assertEqual(r.headers.get_list("set-cookie"), [
            "promo=spring; expires=Tue, 01 Jan 2030 00:00:00 GMT; Path=/",
            "embed=1; Path=/; SameSite=none; Secure",
        ])

    def test_delete_cookie(self) -> None:
        r = self.client.post("/logout")
        self.assertEqual(r.headers["content-type"], "text/plain; charset=utf-8")
        self.assertEqual(r.text, "Bye")
        [header] = r.headers.get_list("set-cookie")
        match = DELETED.match(header)
        self.assertIsNotNone(match, header)
        expires = parsedate_to_datetime(match.group(1))
        self.assertLess(abs((expires - datetime.now(timezone.utc)).total_seconds()), 60)

    def test_parameter_cookies_are_dropped_when_a_response_is_returned(self) -> None:
        r = self.client.get("/ignored")
        self.assertEqual(r.json(), {"tracking": False})
        self.assertEqual(r.headers.get_list("set-cookie"), [])

    def test_cookie_round_trip(self) -> None:
        self.assertEqual(self.client.get("/whoami").json(), {"session": None})
        self.client.post("/login")
        self.assertEqual(self.client.get("/whoami").json(), {"session": "s3cr3t"})
        self.client.post("/logout")
        self.assertEqual(self.client.get("/whoami").json(), {"session": None})


if __name__ == "__main__":
    unittest.main()
