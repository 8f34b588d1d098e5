"""The TestClient's request and response objects, shaped like httpx's (what tests read from them)."""
from __future__ import annotations

import json as json_module
import re
from collections.abc import Iterator, Mapping
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from .content_encoding import decode_content
from .cookies import Cookies


class Headers(Mapping[str, str]):
    """Case-insensitive, multi-valued headers; ``headers[name]`` joins repeats with ", " as httpx does."""

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


class URL(str):
    """A URL that compares equal to its text, with httpx.URL's parts."""

    @property
    def scheme(self) -> str:
        return urlsplit(self).scheme

    @property
    def host(self) -> str:
        return urlsplit(self).hostname or ""

    @property
    def port(self) -> int | None:
        return urlsplit(self).port

    @property
    def path(self) -> str:
        return urlsplit(self).path or "/"

    @property
    def query(self) -> bytes:
        return urlsplit(self).query.encode("ascii")

    @property
    def fragment(self) -> str:
        return urlsplit(self).fragment

    @property
    def params(self) -> dict[str, str]:
        return dict(parse_qsl(urlsplit(self).query, keep_blank_values=True))


class Request:
    """The request a response answers (``response.request``)."""

    def __init__(self, method: str, url: str, headers: list[tuple[str, str]], content: bytes | None) -> None:
        self.method = method
        self.url = URL(url)
        self.headers = Headers(headers)
        self.content = content or b""

    def __repr__(self) -> str:
        return f"<Request({self.method!r}, {str(self.url)!r})>"


class HTTPStatusError(Exception):
    """Raised by ``Response.raise_for_status()`` for a 4xx or 5xx response, as httpx's error of that name."""

    def __init__(self, message: str, *, request: Request, response: Response) -> None:
        super().__init__(message)
        self.request = request
        self.response = response


class TooManyRedirects(Exception):
    """Raised when following redirects goes past the limit (20), as httpx's error of that name."""

    def __init__(self, message: str, *, request: Request) -> None:
        super().__init__(message)
        self.request = request


class Response:
    def __init__(self, status_code: int, reason: str, headers: Headers, content: bytes, request: Request) -> None:
        self.status_code = status_code
        self.reason_phrase = reason
        self.headers = headers
        self.content = decode_content(content, headers.get("content-encoding"))
        self.request = request
        self.url = request.url
        self.history: list[Response] = []
        self.http_version = "HTTP/1.1"
        self.elapsed = timedelta(0)   # from sending the request to reading the whole response
        self.cookies = Cookies()
        self.cookies.extract_cookies(request.url, headers.get_list("set-cookie"))

    @property
    def text(self) -> str:
        return self.content.decode(self.encoding, "replace")

    @property
    def charset_encoding(self) -> str | None:
        """The Content-Type's charset parameter, None without one."""
        content_type = self.headers.get("content-type", "")
        for part in content_type.split(";")[1:]:
            name, _, value = part.strip().partition("=")
            if name.lower() == "charset" and value:
                return value.strip('"')
        return None

    @property
    def encoding(self) -> str:
        return self.charset_encoding or "utf-8"

    def json(self, **kwargs: Any) -> Any:
        return json_module.loads(self.content, **kwargs)

    def read(self) -> bytes:
        return self.content

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        size = chunk_size or len(self.content) or 1
        for i in range(0, len(self.content), size):
            yield self.content[i:i + size]

    def iter_lines(self) -> Iterator[str]:
        yield from self.text.splitlines()

    @property
    def links(self) -> dict[str | None, dict[str, str]]:
        """The Link header's links by their rel (or URL), each a dict of its url and parameters, as httpx's."""
        header = self.headers.get("link", "").strip(" '\"")
        if not header:
            return {}
        links = [_link(text) for text in re.split(r", *<", header)]
        return {link.get("rel") or link.get("url"): link for link in links}

    @property
    def is_success(self) -> bool:
        return 200 <= self.status_code < 300

    @property
    def has_redirect_location(self) -> bool:
        return self.status_code in (301, 302, 303, 307, 308) and "location" in self.headers

    is_redirect = has_redirect_location

    @property
    def is_client_error(self) -> bool:
        return 400 <= self.status_code < 500

    @property
    def is_server_error(self) -> bool:
        return 500 <= self.status_code < 600

    @property
    def is_error(self) -> bool:
        return 400 <= self.status_code < 600

    def raise_for_status(self) -> Response:
        """Raises HTTPStatusError for every status outside 2xx, redirects included, as httpx does."""
        if self.is_success:
            return self
        kind = _STATUS_CLASS_NAMES.get(self.status_code // 100, "Invalid status code")
        message = f"{kind} '{self.status_code} {self.reason_phrase}' for url '{self.url}'"
        if self.has_redirect_location:
            message += f"\nRedirect location: '{self.headers['location']}'"
        message += f"\nFor more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/{self.status_code}"
        raise HTTPStatusError(message, request=self.request, response=self)

    def __repr__(self) -> str:
        return f"<Response [{self.status_code} {self.reason_phrase}]>"


_STATUS_CLASS_NAMES = {1: "Informational response", 3: "Redirect response", 4: "Client error", 5: "Server error"}


def _link(text: str) -> dict[str, str]:
    """One link of a Link header: '<url>; rel="next"; ...' -> {"url": url, "rel": "next", ...} (httpx stops at
    the first parameter that is not name=value)."""
    url, _, params = text.partition(";")
    link = {"url": url.strip("<> '\"")}
    for param in params.split(";") if params else ():
        name, equals, value = param.partition("=")
        if not equals or "=" in value:
            break
        link[name.strip(" '\"")] = value.strip(" '\"")
    return link
