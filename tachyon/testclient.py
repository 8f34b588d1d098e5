"""``TestClient``: drives an app through the real engine, over HTTP on a loopback port.

Tests exercise exactly what production runs: Kestrel, the C# router and binder, the Python lanes.
The API follows Starlette's TestClient (httpx-style): ``client.get(url, params=, headers=, cookies=)``,
``client.post(url, json=, data=, content=)``…, following redirects by default, and re-raising in the
test an exception the app did not handle (``raise_server_exceptions=True``) as Starlette does.
"""
from __future__ import annotations

import http.client
import http.cookies
import json as json_module
import mimetypes
import os
import uuid
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

from .applications import FastAPI

_REDIRECTS = {301, 302, 303, 307, 308}


class Headers(Mapping[str, str]):
    """Case-insensitive, multi-valued response headers; ``headers[name]`` joins repeats with ", " as httpx does."""

    def __init__(self, items: list[tuple[str, str]]) -> None:
        self._items = [(k.lower(), v) for k, v in items]

    def __getitem__(self, key: str) -> str:
        values = self.get_list(key)
        if not values:
            raise KeyError(key)
        return ", ".join(values)

    def get_list(self, key: str) -> list[str]:
        key = key.lower()
        return [v for k, v in self._items if k == key]

    getlist = get_list

    def multi_items(self) -> list[tuple[str, str]]:
        return list(self._items)

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(k for k, _ in self._items))

    def __len__(self) -> int:
        return len(dict.fromkeys(k for k, _ in self._items))

    def __repr__(self) -> str:
        return f"Headers({self._items!r})"


class Response:
    def __init__(self, status_code: int, reason: str, headers: Headers, content: bytes, url: str) -> None:
        self.status_code = status_code
        self.reason_phrase = reason
        self.headers = headers
        self.content = content
        self.url = url
        self.history: list[Response] = []

    @property
    def text(self) -> str:
        return self.content.decode(self._charset(), "replace")

    def _charset(self) -> str:
        content_type = self.headers.get("content-type", "")
        for part in content_type.split(";")[1:]:
            name, _, value = part.strip().partition("=")
            if name.lower() == "charset" and value:
                return value.strip('"')
        return "utf-8"

    def json(self) -> Any:
        return json_module.loads(self.content)

    @property
    def is_success(self) -> bool:
        return 200 <= self.status_code < 300

    def __repr__(self) -> str:
        return f"<Response [{self.status_code} {self.reason_phrase}]>"


def _text(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return ""
    return str(value)


def _query_pairs(params: Any) -> list[tuple[str, str]]:
    if params is None:
        return []
    if isinstance(params, str):
        return [(params, "")] if params and "=" not in params else [tuple(p.split("=", 1)) for p in params.split("&") if p]
    items = params.items() if isinstance(params, Mapping) else params
    pairs = []
    for key, value in items:
        for v in value if isinstance(value, (list, tuple)) else [value]:
            pairs.append((str(key), _text(v)))
    return pairs


def _merge_headers(*layers: Any) -> list[tuple[str, str]]:
    """Later layers replace earlier ones name by name; within one list of pairs a name may repeat."""
    merged: list[tuple[str, str]] = []
    for layer in layers:
        if not layer:
            continue
        pairs = [(str(k).lower(), str(v)) for k, v in (layer.items() if isinstance(layer, Mapping) else layer)]
        replaced = {name for name, _ in pairs}
        merged = [(k, v) for k, v in merged if k not in replaced] + pairs
    return merged


def encode_multipart(data: Any, files: Any) -> tuple[bytes, dict[str, str]]:
    """A multipart/form-data body of form fields and files, as httpx builds it."""
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in _query_pairs(data):
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() +
                     value.encode() + b"\r\n")
    for name, spec in files.items() if isinstance(files, Mapping) else files:
        filename, content, content_type = _file_parts(spec)
        if hasattr(content, "read"):
            content = content.read()
        if isinstance(content, str):
            content = content.encode()
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f"Content-Type: {content_type}\r\n\r\n".encode() + content + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, {"content-type": f"multipart/form-data; boundary={boundary}"}


def _file_parts(spec: Any) -> tuple[str, Any, str]:
    if isinstance(spec, tuple):
        filename, content = spec[0], spec[1]
        content_type = spec[2] if len(spec) > 2 and spec[2] else None
    else:
        content = spec
        filename = os.path.basename(getattr(spec, "name", "upload"))
        content_type = None
    return filename, content, content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"


class TestClient:
    __test__ = False  # not a test class, for pytest's collector

    def __init__(self, app: FastAPI, base_url: str = "http://testserver", raise_server_exceptions: bool = True,
                 follow_redirects: bool = True, headers: Mapping[str, str] | None = None,
                 cookies: Mapping[str, str] | None = None) -> None:
        self.app = app
        self.base_url = base_url.rstrip("/")
        self.raise_server_exceptions = raise_server_exceptions
        self.follow_redirects = follow_redirects
        self.headers = dict(headers or {})
        self.cookies = dict(cookies or {})
        self._connection: http.client.HTTPConnection | None = None
        self._port = app.start("127.0.0.1", 0).port
        app.capture_unhandled_exceptions()

    def __enter__(self) -> TestClient:
        self.app.startup()  # as Starlette's TestClient: the lifespan runs inside ``with``
        return self

    def __exit__(self, *exc_info: Any) -> None:
        try:
            self.app.shutdown()
        finally:
            self.close()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def request(self, method: str, url: str, *, params: Any = None, json: Any = None, data: Any = None,
                files: Any = None, content: bytes | str | None = None, headers: Any = None,
                cookies: Mapping[str, str] | None = None, follow_redirects: bool | None = None) -> Response:
        """``headers`` is a mapping or a list of (name, value) pairs (a name may repeat); ``files`` is
        httpx's: {field: file, (filename, file) or (filename, file, content_type)}, or a list of pairs."""
        body, body_headers = self._encode_body(json, data, files, content)
        target = self._target(url, params)
        headers = _merge_headers(self.headers, body_headers, headers)
        response = self._send(method.upper(), target, body, headers, {**self.cookies, **(cookies or {})})
        follow = self.follow_redirects if follow_redirects is None else follow_redirects
        history: list[Response] = []
        while follow and response.status_code in _REDIRECTS and "location" in response.headers and len(history) < 20:
            history.append(response)
            if response.status_code == 303 or (response.status_code in (301, 302) and method.upper() == "POST"):
                method, body = "GET", None
            target = self._target(urljoin(response.url, response.headers["location"]), None)
            response = self._send(method.upper(), target, body, headers, {**self.cookies, **(cookies or {})})
        response.history = history
        return response

    def get(self, url: str, **kwargs: Any) -> Response: return self.request("GET", url, **kwargs)
    def post(self, url: str, **kwargs: Any) -> Response: return self.request("POST", url, **kwargs)
    def put(self, url: str, **kwargs: Any) -> Response: return self.request("PUT", url, **kwargs)
    def patch(self, url: str, **kwargs: Any) -> Response: return self.request("PATCH", url, **kwargs)
    def delete(self, url: str, **kwargs: Any) -> Response: return self.request("DELETE", url, **kwargs)
    def options(self, url: str, **kwargs: Any) -> Response: return self.request("OPTIONS", url, **kwargs)
    def head(self, url: str, **kwargs: Any) -> Response: return self.request("HEAD", url, **kwargs)

    # -- internals ------------------------------------------------------------------------------

    @staticmethod
    def _encode_body(json: Any, data: Any, files: Any, content: bytes | str | None) -> tuple[bytes | None, dict[str, str]]:
        if files is not None:
            return encode_multipart(data or {}, files)
        if json is not None:
            return json_module.dumps(json).encode("utf-8"), {"content-type": "application/json"}
        if isinstance(data, Mapping):
            return urlencode(_query_pairs(data)).encode(), {"content-type": "application/x-www-form-urlencoded"}
        raw = data if data is not None else content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        return raw, {}

    def _target(self, url: str, params: Any) -> str:
        parts = urlsplit(url if "://" in url else self.base_url + ("" if url.startswith("/") else "/") + url)
        query = parts.query
        extra = urlencode(_query_pairs(params))
        if extra:
            query = f"{query}&{extra}" if query else extra
        return (parts.path or "/") + (f"?{query}" if query else "")

    def _send(self, method: str, target: str, body: bytes | None, headers: list[tuple[str, str]],
              cookies: dict[str, str]) -> Response:
        host = urlsplit(self.base_url).netloc
        defaults = {"host": host, "accept": "*/*", "accept-encoding": "gzip, deflate", "connection": "keep-alive",
                    "user-agent": "testclient"}
        out = _merge_headers(defaults, headers)
        if cookies:
            out.append(("cookie", "; ".join(f"{k}={v}" for k, v in cookies.items())))
        if body is not None or method in ("POST", "PUT", "PATCH"):
            out.append(("content-length", str(len(body or b""))))
        for attempt in range(2):
            connection = self._connection or http.client.HTTPConnection("127.0.0.1", self._port, timeout=60)
            self._connection = connection
            try:
                connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
                for name, value in out:
                    connection.putheader(name, value)
                connection.endheaders(body)
                raw = connection.getresponse()
                content = raw.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                connection.close()
                self._connection = None
                if attempt:
                    raise
        exc = self.app.take_captured_exception()
        if exc is not None and self.raise_server_exceptions:
            raise exc
        headers = Headers(raw.getheaders())
        self._keep_cookies(headers.get_list("set-cookie"))
        return Response(raw.status, raw.reason, headers, content, f"{self.base_url}{target}")

    def _keep_cookies(self, set_cookies: list[str]) -> None:
        """Like a browser (httpx's cookie jar): remember cookies the app sets, forget deleted ones."""
        for header in set_cookies:
            jar = http.cookies.SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
