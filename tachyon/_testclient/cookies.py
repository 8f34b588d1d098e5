"""The TestClient's cookie jar, with httpx's ``Cookies`` API (a mapping plus set/get/delete/clear)."""
from __future__ import annotations

import http.cookies
from collections.abc import Iterator, MutableMapping
from typing import Any


class Cookies(MutableMapping[str, str]):
    """Cookies by name. The TestClient sends them all to its one test server, so domain and path are
    accepted for httpx compatibility but not used to choose among cookies."""

    def __init__(self, cookies: Any = None) -> None:
        self._values: dict[str, str] = {}
        if cookies:
            self.update(cookies)

    def set(self, name: str, value: str, domain: str = "", path: str = "/") -> None:
        self._values[name] = value

    def get(self, name: str, default: str | None = None, domain: str | None = None, path: str | None = None) -> str | None:
        return self._values.get(name, default)

    def delete(self, name: str, domain: str | None = None, path: str | None = None) -> None:
        self._values.pop(name, None)

    def clear(self, domain: str | None = None, path: str | None = None) -> None:
        self._values.clear()

    def extract_set_cookie(self, headers: list[str]) -> None:
        """Like a browser: remember the cookies a response sets, forget those it expires."""
        for header in headers:
            jar = http.cookies.SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or _expired(morsel["expires"]):
                    self._values.pop(name, None)
                else:
                    self._values[name] = morsel.value

    def header(self, extra: Any = None) -> str | None:
        """The Cookie request header for these cookies plus ``extra`` (a mapping, per request)."""
        values = {**self._values, **dict(extra or {})}
        return "; ".join(f"{k}={v}" for k, v in values.items()) or None

    def __getitem__(self, name: str) -> str:
        return self._values[name]

    def __setitem__(self, name: str, value: str) -> None:
        self._values[name] = value

    def __delitem__(self, name: str) -> None:
        del self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"<Cookies{self._values!r}>"


def _expired(expires: str) -> bool:
    if not expires:
        return False
    from email.utils import parsedate_to_datetime
    from datetime import datetime, timezone

    try:
        return parsedate_to_datetime(expires) <= datetime.now(timezone.utc)
    except (TypeError, ValueError):
        return False
