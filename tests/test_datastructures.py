"""Starlette's URL and QueryParams, as apps build links with them (pagination: request.url.include_query_params)."""
from __future__ import annotations

import asyncio
import io
import unittest

from tachyon import FastAPI, Request, UploadFile
from tachyon.datastructures import (URL, FormData, Headers, ImmutableMultiDict, MultiDict, MutableHeaders, QueryParams,
                                    State, URLPath)
from tachyon.testclient import TestClient


class URLTest(unittest.TestCase):
    url = URL("http://testserver/posts?tag=python&tag=web&q=hello+world&page=2&size=5")

    def test_query_helpers(self) -> None:
        self.assertEqual(str(self.url.include_query_params(page=3)),
                         "http://testserver/posts?tag=python&tag=web&q=hello+world&size=5&page=3")
        self.assertEqual(str(self.url.replace_query_params(page=3)), "http://testserver/posts?page=3")
        self.assertEqual(str(self.url.remove_query_params(["page", "size"])),
                         "http://testserver/posts?tag=python&tag=web&q=hello+world")
        self.assertEqual(str(URL("http://h/p?flag").include_query_params(x=1)), "http://h/p?flag=&x=1")

    def test_replace_parts(self) -> None:
        self.assertEqual(str(self.url.replace(scheme="https", hostname="api.example.com", port=8443, query="")),
                         "https://api.example.com:8443/posts")
        self.assertEqual(str(URL("http://user:pw@[::1]:80/x").replace(port=81)), "http://user:pw@[::1]:81/x")
        self.assertEqual((self.url.hostname, self.url.port, self.url.is_secure), ("testserver", None, False))

    def test_built_from_a_scope_or_from_parts(self) -> None:
        scope = {"scheme": "https", "server": ("example.org", 443), "root_path": "/r", "path": "/p",
                 "query_string": b"a=1", "headers": []}
        # Starlette 1.x: the scope's path alone (in ASGI it holds the root path already)
        self.assertEqual(str(URL(scope=scope)), "https://example.org/p?a=1")
        self.assertEqual(str(URL(scope={**scope, "server": ("example.org", 8443)})), "https://example.org:8443/p?a=1")
        self.assertEqual(str(URL(scope={**scope, "headers": [(b"host", b"proxy.test")]})), "https://proxy.test/p?a=1")
        self.assertEqual(str(URL(scope={"path": "/only", "headers": []})), "/only")
        self.assertEqual(str(URL(scheme="https", netloc="a.test", path="/c")), "https://a.test/c")
        with self.assertRaises(AssertionError):
            URL("http://a.test/", scope=scope)

    def test_a_scopes_host_header_counts_only_when_valid(self) -> None:
        """Starlette's defence against injected Host headers: an invalid one gives way to the server's address (an
        IPv6 one in brackets), and the path's '?' and '#' stay in the path."""
        def url_of(host: bytes | None = None, path: str = "/admin", server: tuple = ("example.com", 80)) -> URL:
            return URL(scope={"scheme": "http", "server": server, "path": path, "query_string": b"",
                              "headers": [] if host is None else [(b"host", host)]})

        for host in (b"foo/bar", b"user@foo", b"foo:65536", b"[:::]"):
            self.assertEqual(str(url_of(host)), "http://example.com/admin", host)
        self.assertEqual(str(url_of(b"[::1]:8080")), "http://[::1]:8080/admin")
        self.assertEqual(str(url_of(server=("::1", 8000))), "http://[::1]:8000/admin")
        self.assertEqual(url_of(path="/a?b#c").path, "/a%3Fb%23c")
        self.assertEqual(url_of(path="@google.com").hostname, "example.com")
        self.assertEqual(str(URL("http://x:8000/p").replace(hostname="::1")), "http://[::1]:8000/p")

    def test_an_invalid_host_header_of_a_request(self) -> None:
        app = FastAPI()

        @app.get("/")
        def where(request: Request):
            return {"port": request.url.port, "host": request.url.hostname}

        response = TestClient(app).get("/", headers={"host": "foo:65536"})   # the server's address instead (a 500 before)
        self.assertEqual((response.status_code, response.json()["host"]), (200, "127.0.0.1"))

    def test_keeps_the_string_until_a_part_is_read(self) -> None:
        # jsonable_encoder falls back to vars(): a returned request.url is {"_url": ...} in FastAPI (probe r42a).
        url = URL("http://testserver/u?x=1")
        self.assertEqual(vars(url), {"_url": "http://testserver/u?x=1"})
        self.assertEqual(url.path, "/u")
        self.assertEqual(list(vars(url)), ["_url", "_components"])

    def test_a_returned_request_url(self) -> None:
        app = FastAPI()

        @app.get("/u")
        async def echo_url(request: Request):
            return {"url": request.url}
        self.assertEqual(TestClient(app).get("/u?x=1").json(), {"url": {"_url": "http://testserver/u?x=1"}})

    def test_repr_hides_the_password(self) -> None:
        self.assertEqual(repr(URL("https://user:secret@h.test/p")), "URL('https://user:********@h.test/p')")


class StarletteOneApiTest(unittest.TestCase):
    """What Starlette 1.x added or tightened: State as a mapping, keyword pairs for every multi-dict, URLPath's
    protocol check, an UploadFile made without a size keeping none."""

    def test_state_is_a_mapping_of_its_attributes(self) -> None:
        class AppState(State):
            """An app's own State class, named in the errors."""

        state = AppState()
        state["db"] = "pool"
        state.cache = "lru"
        self.assertEqual((state.db, state["cache"], len(state), list(state)), ("pool", "lru", 2, ["db", "cache"]))
        del state["db"]
        with self.assertRaisesRegex(AttributeError, "'AppState' object has no attribute 'db'"):
            state.db

    def test_multi_dicts_take_keyword_pairs(self) -> None:
        self.assertEqual(FormData([("a", "1")], b="2").multi_items(), [("a", "1"), ("b", "2")])
        self.assertEqual(ImmutableMultiDict(a="1")["a"], "1")
        self.assertEqual(MultiDict([("a", "1")], a="2").getlist("a"), ["1", "2"])
        self.assertEqual(str(QueryParams("x=1", y="2")), "x=1&y=2")
        with self.assertRaises(AssertionError):
            URLPath("/x", protocol="ftp")

    def test_an_upload_made_without_a_size_keeps_none(self) -> None:
        async def written(size: int | None) -> int | None:
            upload = UploadFile(io.BytesIO(b"data"), size=size, filename="f")
            await upload.write(b" and more")
            return upload.size

        self.assertEqual((asyncio.run(written(None)), asyncio.run(written(4))), (None, 13))


class MultiDictTest(unittest.TestCase):
    def test_edits_as_starlettes(self) -> None:
        d = MultiDict([("a", "1"), ("b", "2"), ("a", "3")])
        self.assertEqual((d["a"], d.getlist("a")), ("3", ["1", "3"]))
        d.append("b", "4")
        self.assertEqual((d["b"], d.multi_items()), ("4", [("a", "1"), ("b", "2"), ("a", "3"), ("b", "4")]))
        d["a"] = "5"   # replaces every value of the key
        self.assertEqual(d.multi_items(), [("b", "2"), ("b", "4"), ("a", "5")])
        d.update({"b": "6"}, c="7")
        self.assertEqual(d.multi_items(), [("a", "5"), ("b", "6"), ("c", "7")])
        self.assertEqual(d.poplist("b"), ["6"])
        self.assertEqual(d.setdefault("d", "8"), "8")
        self.assertEqual(d.setdefault("d", "9"), "8")
        del d["a"]
        self.assertEqual(d.popitem(), ("d", "8"))
        self.assertEqual(d.multi_items(), [("c", "7")])
        d.setlist("c", [])
        self.assertEqual((len(d), d.multi_items()), (0, []))
        self.assertEqual(MultiDict(x="1").multi_items(), [("x", "1")])


class QueryParamsTest(unittest.TestCase):
    def test_from_a_query_string(self) -> None:
        params = QueryParams("a=1&a=2&b=x%20y&c=+&flag")
        self.assertEqual(params.multi_items(), [("a", "1"), ("a", "2"), ("b", "x y"), ("c", " "), ("flag", "")])
        self.assertEqual((params["a"], params.getlist("a")), ("2", ["1", "2"]))
        self.assertEqual(str(params), "a=1&a=2&b=x+y&c=+&flag=")
        self.assertEqual(repr(params), "QueryParams('a=1&a=2&b=x+y&c=+&flag=')")   # as Starlette's: the query string

    def test_from_pairs_and_keywords(self) -> None:
        self.assertEqual(QueryParams([("a", "1")], b="2").multi_items(), [("a", "1"), ("b", "2")])



class HeadersTest(unittest.TestCase):
    """Built as Starlette's Headers: a mapping, raw byte pairs or a scope (fastapi-security raises an
    HTTPException whose headers are Headers(raw=...), one WWW-Authenticate per scheme)."""

    def test_the_three_ways_to_build_them(self) -> None:
        raw = [(b"www-authenticate", b"Basic"), (b"www-authenticate", b"Bearer"), (b"x-a", b"1")]
        for headers in (Headers(raw=raw), Headers(scope={"type": "http", "headers": raw})):
            self.assertEqual(headers.getlist("WWW-Authenticate"), ["Basic", "Bearer"])
            self.assertEqual(headers["X-A"], "1")
            self.assertEqual(headers.items(), [("www-authenticate", "Basic"), ("www-authenticate", "Bearer"), ("x-a", "1")])
            self.assertEqual(headers.raw, raw)
            self.assertEqual(repr(headers), f"Headers(raw={raw!r})")
        mapping = Headers({"X-A": "1"})
        self.assertEqual((mapping["x-a"], mapping.raw, repr(mapping)), ("1", [(b"x-a", b"1")], "Headers({'x-a': '1'})"))
        self.assertEqual(Headers().items(), [])
        with self.assertRaises(AssertionError):
            Headers({"a": "1"}, raw=raw)

    def test_an_http_exception_with_raw_headers(self) -> None:
        from tachyon import FastAPI, HTTPException
        from tachyon.testclient import TestClient

        app = FastAPI()

        @app.get("/")
        def guarded():
            raise HTTPException(401, "Could not validate credentials",
                                headers=Headers(raw=[(b"www-authenticate", b"Basic"), (b"www-authenticate", b"Bearer")]))

        response = TestClient(app).get("/")
        self.assertEqual((response.status_code, response.json()), (401, {"detail": "Could not validate credentials"}))
        self.assertEqual(response.headers.get_list("www-authenticate"), ["Basic", "Bearer"])


class MutableHeadersTest(unittest.TestCase):
    """Starlette's MutableHeaders, as ``response.headers``: it edits the raw list in place."""

    def test_edits_in_place_in_starlettes_order(self) -> None:
        raw = [(b"a", b"1"), (b"set-cookie", b"x=1"), (b"a", b"2"), (b"set-cookie", b"y=2")]
        headers = MutableHeaders(raw=raw)
        self.assertIsInstance(headers, Headers)
        self.assertEqual((headers.keys(), len(headers), headers["a"]), (["a", "set-cookie", "a", "set-cookie"], 4, "1"))
        headers["A"] = "x"                   # the first pair takes the value in its place, the others go
        del headers["absent"]                # no error, as Starlette
        headers |= {"b": "3"}
        headers.add_vary_header("Accept")
        headers.add_vary_header("Origin")
        self.assertEqual(headers.setdefault("b", "other"), "3")
        self.assertIs(headers.raw, raw)
        self.assertEqual(raw, [(b"a", b"x"), (b"set-cookie", b"x=1"), (b"set-cookie", b"y=2"), (b"b", b"3"),
                               (b"vary", b"Accept, Origin")])
        combined = headers | {"c": "4"}
        self.assertEqual((combined["c"], "c" in headers, headers.mutablecopy().raw == raw), ("4", False, True))

    def test_built_from_a_mapping_a_scope_or_nothing(self) -> None:
        self.assertEqual(MutableHeaders({"X-A": "1"}).raw, [(b"x-a", b"1")])
        scope = {"headers": [(b"x", b"1")]}
        MutableHeaders(scope=scope)["y"] = "2"
        self.assertEqual(scope["headers"], [(b"x", b"1"), (b"y", b"2")])
        self.assertEqual(MutableHeaders().raw, [])

    def test_a_responses_headers_are_one_object(self) -> None:
        from tachyon.responses import JSONResponse, RedirectResponse

        response = JSONResponse({"ok": 1})
        self.assertIs(response.headers, response.headers)
        response.headers["x-a"] = "1"
        self.assertIn((b"x-a", b"1"), response.raw_headers)
        redirect = RedirectResponse("/there", headers={"Location": "/ignored"})
        self.assertEqual(redirect.headers.getlist("location"), ["/there"])   # replaced, not added
        with self.assertRaises(TypeError):
            JSONResponse()   # Starlette's content is required


if __name__ == "__main__":
    unittest.main()
