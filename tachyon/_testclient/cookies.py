"""The TestClient's cookie jar: httpx's ``Cookies``, on the standard library's ``CookieJar`` as httpx's is, so
cookies are kept and sent by httpx's rules: per domain and path (a cookie set for ``/admin`` goes only to
paths under it), ``Secure`` ones only over https, expired ones dropped."""
from __future__ import annotations

import email.message
import http.cookiejar
import urllib.request
from collections.abc import Iterator, MutableMapping
from typing import Any


class CookieConflict(Exception):
    """httpx's: ``get(name)`` matched cookies of several domains or paths."""


class Cookies(MutableMapping[str, str]):
    def __init__(self, cookies: Any = None) -> None:
        self.jar = http.cookiejar.CookieJar()
        if isinstance(cookies, Cookies):
            for cookie in cookies.jar:
                self.jar.set_cookie(cookie)
        elif isinstance(cookies, http.cookiejar.CookieJar):
            for cookie in cookies:
                self.jar.set_cookie(cookie)
        elif cookies:
            items = cookies.items() if hasattr(cookies, "items") else cookies
            for name, value in items:
                self.set(name, value)

    def set(self, name: str, value: str, domain: str = "", path: str = "/") -> None:
        """As httpx's: a session cookie for ``domain`` ('' is any host) and ``path``."""
        self.jar.set_cookie(http.cookiejar.Cookie(
            version=0, name=name, value=value, port=None, port_specified=False, domain=domain,
            domain_specified=bool(domain), domain_initial_dot=domain.startswith("."), path=path,
            path_specified=bool(path), secure=False, expires=None, discard=True, comment=None,
            comment_url=None, rest={"HttpOnly": None}, rfc2109=False))

    def get(self, name: str, default: str | None = None, domain: str | None = None,  # type: ignore[override]
            path: str | None = None) -> str | None:
        value = None
        for cookie in self._matching(name, domain, path):
            if value is not None:
                raise CookieConflict(f"Multiple cookies exist with name={name}")
            value = cookie.value
        return default if value is None else value

    def delete(self, name: str, domain: str | None = None, path: str | None = None) -> None:
        for cookie in list(self._matching(name, domain, path)):
            self.jar.clear(cookie.domain, cookie.path, cookie.name)

    def clear(self, domain: str | None = None, path: str | None = None) -> None:
        if path is not None and domain is None:
            raise ValueError("clear(path=...) needs the domain too")
        self.jar.clear(*[arg for arg in (domain, path) if arg is not None])

    def update(self, cookies: Any = None) -> None:  # type: ignore[override]
        for cookie in Cookies(cookies).jar:
            self.jar.set_cookie(cookie)

    def extract_cookies(self, url: str, set_cookie_headers: list[str]) -> None:
        """Keeps what a response to ``url`` sets (and drops what it expires), by the jar's policy."""
        if set_cookie_headers:
            self.jar.extract_cookies(_Response(set_cookie_headers), urllib.request.Request(url))  # type: ignore[arg-type]

    def header_for(self, url: str, extra: Any = None) -> str | None:
        """The Cookie header a request to ``url`` carries: the jar's cookies for it, with ``extra`` (a request's
        own cookies) merged in as httpx merges them."""
        jar = self if not extra else Cookies(self)
        if extra:
            jar.update(extra)
        request = urllib.request.Request(url)
        jar.jar.add_cookie_header(request)
        return request.get_header("Cookie")

    def _matching(self, name: str, domain: str | None, path: str | None) -> Iterator[http.cookiejar.Cookie]:
        return (cookie for cookie in self.jar if cookie.name == name
                and (domain is None or cookie.domain == domain) and (path is None or cookie.path == path))

    def __getitem__(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def __setitem__(self, name: str, value: str) -> None:
        self.set(name, value)

    def __delitem__(self, name: str) -> None:
        if not any(True for _ in self._matching(name, None, None)):
            raise KeyError(name)
        self.delete(name)

    def __iter__(self) -> Iterator[str]:
        return (cookie.name for cookie in self.jar)

    def __len__(self) -> int:
        return len(self.jar)

    def __bool__(self) -> bool:
        return any(True for _ in self.jar)

    def __repr__(self) -> str:
        return "<Cookies[" + ", ".join(f"<Cookie {c.name}={c.value} for {c.domain} />" for c in self.jar) + "]>"


class _Response:
    """What CookieJar.extract_cookies reads of a response: its headers, through ``info()``."""

    def __init__(self, set_cookie_headers: list[str]) -> None:
        self._headers = email.message.Message()
        for value in set_cookie_headers:
            self._headers["Set-Cookie"] = value

    def info(self) -> email.message.Message:
        return self._headers
