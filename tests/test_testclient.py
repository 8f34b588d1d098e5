"""The TestClient's httpx-shaped API that tests lean on: Basic auth, the cookie jar, response.request,
response.url parts, response.cookies and raise_for_status."""
from __future__ import annotations

import asyncio
import datetime
import io
import threading
import time
import unittest
from typing import Annotated

from tachyon import Cookie, Depends, FastAPI, Request, Response
from tachyon.security import HTTPBasic, HTTPBasicCredentials
from tachyon.responses import RedirectResponse
import httpx

from tachyon.exceptions import StarletteDeprecationWarning
from tachyon.testclient import TestClient

app = FastAPI()
security = HTTPBasic()


@app.get("/me")
def me(credentials: Annotated[HTTPBasicCredentials, Depends(security)]):
    return {"username": credentials.username, "password": credentials.password}


@app.get("/cookies")
def cookies(session: Annotated[str | None, Cookie()] = None, theme: Annotated[str | None, Cookie()] = None):
    return {"session": session, "theme": theme}


@app.post("/login")
def login(response: Response):
    response.set_cookie("session", "abc")
    return {"ok": True}


@app.post("/logout")
def logout(response: Response):
    response.delete_cookie("session")
    return {"ok": True}


@app.post("/scoped-login")
def scoped_login(response: Response):
    response.set_cookie("admin", "a1", path="/admin")
    response.set_cookie("token", "s1", secure=True)
    return {}


@app.get("/admin/cookies")
def admin_cookies(request: Request):
    return dict(request.cookies)


@app.get("/all-cookies")
def all_cookies(request: Request):
    return dict(request.cookies)


@app.get("/loop")
def loop():
    return RedirectResponse("/loop")


@app.get("/latin-1")
def latin_1():
    return Response("café".encode("latin-1"), media_type="text/plain; charset=latin-1")


@app.get("/paged")
def paged(response: Response):
    response.headers["link"] = '<http://testserver/paged?page=2>; rel="next", <http://testserver/paged?page=9>; rel="last"'
    return []


@app.get("/peer")
def peer(request: Request):
    client = request.client
    assert request.scope["client"] == (tuple(client) if client else None)   # the same address either way, as Starlette's
    return [client.host, client.port] if client else None


@app.get("/items/{item_id}")
def item(item_id: int):
    return {"item_id": item_id}


@app.post("/form")
async def form(request: Request):
    async with request.form() as data:
        return [[key, value if isinstance(value, str) else
                 {"filename": value.filename, "type": value.content_type, "x": value.headers.get("x-part"),
                  "data": (await value.read()).decode()}] for key, value in data.multi_items()]


@app.post("/upload")
async def upload(request: Request):
    chunks = [chunk async for chunk in request.stream()]
    return {"content_length": request.headers.get("content-length"),
            "transfer_encoding": request.headers.get("transfer-encoding"),
            "chunks": [chunk.decode() for chunk in chunks]}


@app.get("/users/{name}")
def user(name: str, request: Request):
    return {"name": name, "q": request.query_params.get("q"), "url": str(request.url)}


@app.get("/headers")
def headers(request: Request):
    return sorted(map(list, request.headers.items()))


@app.get("/encoded/{encoding}")
def encoded(encoding: str):
    import gzip
    import zlib

    body = b'{"packed": true}'
    packed = {"gzip": gzip.compress(body), "deflate": zlib.compress(body),
              "raw-deflate": zlib.compress(body)[2:-4], "identity": body}[encoding]
    return Response(packed, media_type="application/json",
                    headers={"content-encoding": "deflate" if encoding == "raw-deflate" else encoding})


@app.get("/fragment-redirect")
def fragment_redirect(to: str):
    return RedirectResponse(to)


class TestClientApiTest(unittest.TestCase):
    def setUp(self) -> None:
        self.client = TestClient(app)

    def tearDown(self) -> None:
        self.client.close()

    def test_basic_auth(self) -> None:
        r = self.client.get("/me", auth=("john", "secret"))
        self.assertEqual(r.json(), {"username": "john", "password": "secret"})
        self.assertEqual(r.request.headers["authorization"], "Basic am9objpzZWNyZXQ=")
        self.assertEqual(self.client.get("/me").status_code, 401)

    def test_cookie_jar_set_by_the_app_and_by_the_test(self) -> None:
        r = self.client.post("/login")
        self.assertEqual(r.cookies["session"], "abc")
        self.assertEqual(self.client.cookies.get("session"), "abc")
        self.client.cookies.set("theme", "dark")
        self.assertEqual(self.client.get("/cookies").json(), {"session": "abc", "theme": "dark"})
        self.assertEqual(self.client.get("/cookies", cookies={"theme": "light"}).json(), {"session": "abc", "theme": "light"})
        self.client.post("/logout")
        self.assertEqual(dict(self.client.cookies), {"theme": "dark"})
        self.client.cookies.delete("theme")
        self.assertEqual(self.client.get("/cookies").json(), {"session": None, "theme": None})
        self.client.cookies = {"session": "zzz"}
        self.assertEqual(self.client.get("/cookies").json()["session"], "zzz")

    def test_every_cookie_header_line_is_read_as_starlette_1_reads_them(self) -> None:
        headers = [("cookie", "session=abc; theme=dark"), ("cookie", "theme=light")]
        self.assertEqual(self.client.get("/cookies", headers=headers).json(), {"session": "abc", "theme": "light"})
        self.assertEqual(self.client.get("/all-cookies", headers=headers).json(), {"session": "abc", "theme": "light"})

    def test_cookies_go_where_httpx_sends_them(self) -> None:
        """A cookie for a path only to paths under it; a Secure one only over https; an explicit Cookie header as is."""
        with TestClient(app) as client:
            client.post("/scoped-login")
            self.assertEqual(client.get("/all-cookies").json(), {})
            self.assertEqual(client.get("/admin/cookies").json(), {"admin": "a1"})
            self.assertEqual(client.get("/all-cookies", headers={"cookie": "mine=1"}).json(), {"mine": "1"})
            self.assertEqual(client.cookies.get("admin", path="/admin"), "a1")
        with TestClient(app, base_url="https://testserver") as client:
            client.post("/scoped-login")
            self.assertEqual(client.get("/all-cookies").json(), {"token": "s1"})

    def test_redirects_past_twenty_raise_too_many_redirects(self) -> None:
        with self.assertRaises(httpx.TooManyRedirects) as raised:
            self.client.get("/loop")
        self.assertEqual((str(raised.exception), raised.exception.request.url.path), ("Exceeded maximum allowed redirects.", "/loop"))
        self.assertEqual(self.client.get("/loop", follow_redirects=False).status_code, 307)

    def test_responses_have_no_date_header_as_starlettes(self) -> None:
        response = self.client.get("/paged")
        self.assertNotIn("date", response.headers)
        self.assertEqual(sorted(response.headers), ["content-length", "content-type", "link"])

    def test_links_of_the_link_header(self) -> None:
        self.assertEqual(self.client.get("/paged").links, {
            "next": {"url": "http://testserver/paged?page=2", "rel": "next"},
            "last": {"url": "http://testserver/paged?page=9", "rel": "last"},
        })
        self.assertEqual(self.client.get("/all-cookies").links, {})

    def test_request_and_url(self) -> None:
        r = self.client.get("/items/3", params={"q": "x"})
        self.assertEqual(r.url, "http://testserver/items/3?q=x")
        self.assertEqual((r.url.path, r.url.query, dict(r.url.params), r.url.host), ("/items/3", b"q=x", {"q": "x"}, "testserver"))
        self.assertEqual((r.request.method, r.request.url.path), ("GET", "/items/3"))
        self.assertEqual(self.client.post("/login", content=b"abc").request.content, b"abc")

    def test_json_body_is_httpx_compact_utf8(self) -> None:
        sent = self.client.post("/login", json={"a": [1, 2], "b": "é"}).request.content
        self.assertEqual(sent, '{"a":[1,2],"b":"é"}'.encode())
        with self.assertRaises(ValueError):
            self.client.post("/login", json={"x": float("nan")})

    def test_http_version_and_elapsed(self) -> None:
        r = self.client.get("/items/3")
        self.assertEqual(r.http_version, "HTTP/1.1")
        self.assertGreater(r.elapsed, datetime.timedelta(0))
        self.assertLess(r.elapsed, datetime.timedelta(seconds=10))

    def test_raise_for_status(self) -> None:
        ok = self.client.get("/items/1")
        self.assertIs(ok.raise_for_status(), ok)
        bad = self.client.get("/items/x")
        self.assertTrue(bad.is_client_error and bad.is_error and not bad.is_success)
        with self.assertRaises(httpx.HTTPStatusError) as caught:
            bad.raise_for_status()
        self.assertIs(caught.exception.response, bad)
        self.assertIn("422", str(caught.exception))
        self.assertEqual(bad.charset_encoding, None)   # application/json has no charset parameter
        self.assertEqual(self.client.get("/latin-1").charset_encoding, "latin-1")

    def test_header_bytes_read_as_latin_1_as_starlette(self) -> None:
        # ASGI hands over bytes, Starlette decodes them as latin-1: UTF-8 text shows as such, and no byte is refused.
        # Starlette's TestClient sends the values as httpx decodes them (ASCII, else UTF-8, else Latin-1 for all)
        # encoded as UTF-8: Latin-1 bytes arrive re-encoded, and then UTF-8 ones twice.
        seen = dict(self.client.get("/headers", headers=[("x-utf8", "café".encode())]).json())
        self.assertEqual(seen["x-utf8"], "cafÃ©")
        seen = dict(self.client.get("/headers", headers=[("x-utf8", "café".encode()), ("x-latin", b"caf\xe9")]).json())
        self.assertEqual((seen["x-utf8"], seen["x-latin"]), ("caf\xc3\x83\xc2\xa9", "cafÃ©"))

    def test_a_content_length_the_test_gives_is_the_one_sent(self) -> None:
        r = self.client.post("/form", content=b"a=1", headers={"Content-Length": "3",
                                                               "content-type": "application/x-www-form-urlencoded"})
        self.assertEqual((r.status_code, r.json()), (200, [["a", "1"]]))
        self.assertEqual(r.request.headers.get_list("content-length"), ["3"])

    def test_a_response_of_many_header_lines(self) -> None:
        many = FastAPI()

        @many.get("/")
        def cookies(response: Response):
            for i in range(150):
                response.set_cookie(f"pref{i}", str(i))

        with TestClient(many) as client:
            response = client.get("/")
        self.assertEqual(len(response.headers.get_list("set-cookie")), 150)

    def test_raise_for_status_raises_for_a_redirect_not_followed_as_httpx(self) -> None:
        redirect = self.client.get("/loop", follow_redirects=False)
        self.assertTrue(redirect.has_redirect_location and redirect.is_redirect)
        with self.assertRaises(httpx.HTTPStatusError) as caught:
            redirect.raise_for_status()
        self.assertEqual(str(caught.exception).splitlines()[:2], [
            "Redirect response '307 Temporary Redirect' for url 'http://testserver/loop'",
            "Redirect location: '/loop'",
        ])

    def test_request_client_is_starlettes_test_address_only_for_the_test_client(self) -> None:
        self.assertEqual(self.client.get("/peer").json(), ["testclient", 50000])
        with TestClient(app, client=("10.1.2.3", 4242), backend="asyncio", backend_options={}) as other:
            self.assertEqual(other.get("/peer").json(), ["10.1.2.3", 4242])   # Starlette's client= argument
            self.assertEqual(self.client.get("/peer").json(), ["testclient", 50000])
        with TestClient(app, client=None) as anonymous:
            self.assertIsNone(anonymous.get("/peer").json())
        from tests.concurrency import body_json, get_many

        [raw] = get_many(self.client._transport._port, ["/peer"])   # a plain HTTP connection: the real peer
        host, port = body_json(raw)
        self.assertEqual(host, "127.0.0.1")
        self.assertNotEqual(port, 50000)

    def test_client_headers_are_httpxs_defaults_and_what_is_sent(self) -> None:
        defaults = {"accept": "*/*", "accept-encoding": "gzip, deflate", "connection": "keep-alive", "user-agent": "testclient"}
        self.assertEqual(dict(self.client.headers), defaults)
        self.assertEqual(self.client.headers["User-Agent"], "testclient")
        r = self.client.get("/headers")
        self.assertEqual(r.request.headers.multi_items(), [("host", "testserver"), *defaults.items()])
        self.assertEqual(r.json(), sorted([["host", "testserver"], *map(list, defaults.items())]))
        own = TestClient(app, headers={"user-agent": "mine", "X-Token": "t"})
        self.addCleanup(own.close)
        self.assertEqual(dict(own.headers), {**defaults, "user-agent": "mine", "x-token": "t"})
        own.headers = {"x-other": "o"}   # as httpx: its defaults (its own user-agent), then these
        self.assertEqual(dict(own.headers), {**defaults, "user-agent": f"python-httpx/{httpx.__version__}", "x-other": "o"})

    def test_editing_client_headers_edits_what_is_sent(self) -> None:
        del self.client.headers["Accept"]
        self.client.headers["X-Token"] = "t"
        self.client.headers["user-agent"] = "other"
        self.assertEqual(self.client.get("/headers", headers={"x-token": "request wins"}).json(), [
            ["accept-encoding", "gzip, deflate"], ["connection", "keep-alive"], ["host", "testserver"],
            ["user-agent", "other"], ["x-token", "request wins"]])
        self.client.headers.clear()
        self.assertEqual(self.client.get("/headers").json(), [["host", "testserver"]])

    def test_redirect_history(self) -> None:
        r = self.client.get("/items/3/")
        self.assertEqual((r.status_code, [h.status_code for h in r.history]), (200, [307]))
        self.assertTrue(r.history[0].is_redirect)
        self.assertEqual(r.url, "http://testserver/items/3")

    def test_each_request_sent_is_logged_as_httpx_logs_it(self) -> None:
        with self.assertLogs("httpx", "INFO") as logs:
            self.client.get("/items/3/", params={"q": "a b"})
        self.assertEqual(logs.output, [
            'INFO:httpx:HTTP Request: GET http://testserver/items/3/?q=a+b "HTTP/1.1 307 Temporary Redirect"',
            'INFO:httpx:HTTP Request: GET http://testserver/items/3?q=a+b "HTTP/1.1 200 OK"'])

    def test_urls_are_percent_encoded_as_httpx_sends_them(self) -> None:
        self.assertEqual(self.client.get("/users/John Doe?q=café|x").json(), {
            # request.url has the decoded path and the query as sent, as Starlette's
            "name": "John Doe", "q": "café|x", "url": "http://testserver/users/John Doe?q=caf%C3%A9|x"})
        self.assertEqual(self.client.get("/users/jos%C3%A9").json()["name"], "josé")   # not encoded twice

    def test_absolute_urls_give_host_and_scheme(self) -> None:
        self.assertEqual(self.client.get("https://example.com/users/bob").json()["url"], "https://example.com/users/bob")
        self.assertEqual(self.client.get("http://example.com/users/bob").json()["url"], "http://example.com/users/bob")
        self.assertNotIn("x-forwarded-proto", dict(self.client.get("https://example.com/headers").json()))

    def test_forwarded_headers_a_test_sends_are_plain_headers(self) -> None:
        # Starlette's TestClient has no proxy in front: the headers reach the app, the client and scheme stay.
        forwarded = {"x-forwarded-for": "203.0.113.7", "x-forwarded-proto": "https"}
        self.assertEqual(self.client.get("/peer", headers=forwarded).json(), ["testclient", 50000])
        self.assertEqual(self.client.get("/users/bob", headers=forwarded).json()["url"], "http://testserver/users/bob")
        self.assertLessEqual(forwarded.items(), dict(self.client.get("/headers", headers=forwarded).json()).items())

    def test_the_client_recovers_from_a_request_that_could_not_be_sent(self) -> None:
        with self.assertRaises(ValueError):
            self.client.get("/users/bob", headers={"x-bad": "line\nbreak"})
        self.assertEqual(self.client.get("/users/bob").status_code, 200)

    def test_files_as_httpx_encodes_them(self) -> None:
        written = io.BytesIO()
        written.write(b"PNG")   # left at its end, as after image.save(buffer): httpx sends it whole
        files = [("img", ("a.png", written)), ("title", (None, "hello")),
                 ("f", ("a.txt", b"x", "text/plain", {"x-part": "1"}))]
        self.assertEqual(self.client.post("/form", files=files).json(), [
            ["img", {"filename": "a.png", "type": "image/png", "x": None, "data": "PNG"}],
            ["title", "hello"],
            ["f", {"filename": "a.txt", "type": "text/plain", "x": "1", "data": "x"}],
        ])

    def test_params_replace_the_url_query_and_take_raw_values_as_httpx(self) -> None:
        # httpx 0.28: params given, even empty, replace the URL's query string; not given, leave it.
        self.assertEqual(self.client.get("/users/a?page=1&sort=asc", params={"page": 2}).json()["url"],
                         "http://testserver/users/a?page=2")
        self.assertEqual(self.client.get("/users/a?page=1", params={}).json()["url"], "http://testserver/users/a")
        self.assertEqual(self.client.get("/users/a?page=1").json()["url"], "http://testserver/users/a?page=1")
        # httpx merges "//host/path" with the client's base URL: its path, on the test server
        self.assertEqual(self.client.get("//example.org/users/a").json()["url"], "http://testserver/users/a")
        # a URL in the query string does not make the request's URL absolute
        self.assertEqual(self.client.get("/users/a?next=https://example.com/x").json()["url"],
                         "http://testserver/users/a?next=https://example.com/x")
        self.assertEqual(self.client.get("/users/a", params="q=x%20y").json()["q"], "x y")
        self.assertEqual(self.client.post("/form", content=iter([b"a=", b"1"]),
                                          headers={b"content-type": b"application/x-www-form-urlencoded"}).json(),
                         [["a", "1"]])

    def test_a_generator_body_is_sent_chunked_as_httpx_streams_it(self) -> None:
        def body():
            yield b"hello "
            yield b"world"

        r = self.client.post("/upload", content=body())
        self.assertEqual(r.json(), {"content_length": None, "transfer_encoding": "chunked", "chunks": ["hello world", ""]})
        self.assertEqual((r.request.headers.get("content-length"), r.request.headers["transfer-encoding"]),
                         (None, "chunked"))
        self.assertEqual(r.request.content, b"hello world")

    def test_bytes_and_file_bodies_carry_their_length(self) -> None:
        for content in (b"abc", "abc", io.BytesIO(b"abc")):
            self.assertEqual(self.client.post("/upload", content=content).json(),
                             {"content_length": "3", "transfer_encoding": None, "chunks": ["abc", ""]})
        self.assertEqual(self.client.post("/upload").json()["chunks"], [""])   # an empty body: only the end

    def test_bodies_decoded_from_their_content_encoding_as_httpx(self) -> None:
        for encoding in ("gzip", "deflate", "raw-deflate", "identity"):
            response = self.client.get(f"/encoded/{encoding}")
            self.assertEqual(response.json(), {"packed": True}, encoding)
            self.assertIn("content-encoding", response.headers)   # the header itself stays

    def test_a_slow_endpoint_outlasts_httpxs_default_timeout(self) -> None:
        # httpx.Client's default read timeout is 5 s; Starlette's transport (and so this one) ignores it.
        slow = FastAPI()
        slow.get("/slow")(lambda: time.sleep(5.5) or "done")
        self.assertEqual(TestClient(slow).get("/slow").json(), "done")

    def test_response_header_names_are_lowercase_as_in_asgi_messages(self) -> None:
        raw = self.client.get("/items/3").headers.raw
        self.assertIn((b"content-type", b"application/json"), raw)
        self.assertEqual([name for name, _ in raw], [name.lower() for name, _ in raw])

    def test_fragments_are_never_sent(self) -> None:
        response = self.client.get("/users/ann#top")
        self.assertEqual((response.url, response.url.fragment), ("http://testserver/users/ann", ""))
        self.assertEqual(response.json()["url"], "http://testserver/users/ann")
        self.assertEqual(self.client.get("/fragment-redirect?to=/users/b%23own").url, "http://testserver/users/b#own")

    def test_a_timeout_warns_as_starlettes_and_allow_redirects_is_gone(self) -> None:
        with self.assertWarnsRegex(StarletteDeprecationWarning, "'timeout' argument with the TestClient"):
            self.assertEqual(self.client.get("/items/3", timeout=5).status_code, 200)
        with self.assertRaisesRegex(TypeError, "allow_redirects"):   # Starlette 1.x: follow_redirects only
            self.client.get("/items/3/", allow_redirects=False)


class PortalTest(unittest.TestCase):
    """Starlette's TestClient.portal: code run on the app's event loop from the test's thread."""

    def test_calls_run_on_the_apps_loop_and_return_or_raise(self) -> None:
        loops: list[object] = []
        portal_app = FastAPI()

        @portal_app.get("/loop")
        async def which_loop():
            loops.append(asyncio.get_running_loop())
            return {}

        async def double(n: int) -> int:
            loops.append(asyncio.get_running_loop())
            await asyncio.sleep(0)
            return 2 * n

        async def fail() -> None:
            raise KeyError("nope")

        with TestClient(portal_app) as client:
            client.get("/loop")
            self.assertEqual(client.portal.call(double, 21), 42)
            self.assertNotEqual(client.portal.call(threading.current_thread), threading.current_thread())   # the loop's
            with self.assertRaises(KeyError):
                client.portal.call(fail)
            future = client.portal.start_task_soon(double, 5, name="doubling")
            self.assertEqual(future.result(timeout=5), 10)
        self.assertIs(loops[0], loops[1])


if __name__ == "__main__":
    unittest.main()
