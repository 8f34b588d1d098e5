"""Response classes with Starlette's shape: ``status_code``, rendered ``body`` bytes, ``raw_headers``.

The engine reads exactly those three attributes, so any subclass that renders its body works. A subclass
with its own ASGI ``__call__`` (rendering in it, or sending its own messages) is called first and its
messages become the response (see _endpoint/asgi_response.py)."""
from __future__ import annotations

import http.cookies
import sys
import json
from collections.abc import Mapping
from datetime import datetime
from email.utils import format_datetime
from typing import Any, Literal

from typing_extensions import deprecated

from .datastructures import MutableHeaders
from .exceptions import FastAPIDeprecationWarning


class Response:
    media_type: str | None = None
    charset = "utf-8"
    _tachyon_asgi_call = False   # the engine calls a subclass's own __call__ before it reads the response

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._tachyon_asgi_call = cls.__call__ is not Response.__call__

    def __init__(self, content: Any = None, status_code: int = 200, headers: Mapping[str, str] | None = None,
                 media_type: str | None = None, background: Any = None) -> None:
        self.status_code = status_code
        if media_type is not None:
            self.media_type = media_type
        self.background = background
        self.body = self.render(content)
        self.init_headers(headers)

    def render(self, content: Any) -> bytes:
        if content is None:
            return b""
        if isinstance(content, (bytes, memoryview)):
            return bytes(content)
        return content.encode(self.charset)

    def init_headers(self, headers: Mapping[str, str] | None = None) -> None:
        raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
        names = {k for k, _ in raw}
        body_allowed = not (self.status_code < 200 or self.status_code in (204, 304))
        if self.body is not None and body_allowed and b"content-length" not in names:
            raw.append((b"content-length", str(len(self.body)).encode("latin-1")))
        media_type = self.media_type
        if media_type is not None and b"content-type" not in names:
            if media_type.startswith("text/") and "charset=" not in media_type.lower():
                media_type += "; charset=" + self.charset
            raw.append((b"content-type", media_type.encode("latin-1")))
        self.raw_headers = raw

    @property
    def headers(self) -> MutableHeaders:
        """The same object each time, over ``raw_headers`` (as long as that list is not replaced)."""
        headers = self.__dict__.get("_headers")
        if headers is None or headers.raw is not self.raw_headers:
            headers = self._headers = MutableHeaders(raw=self.raw_headers)
        return headers

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        """Starlette's: the response as ASGI messages, then its background tasks."""
        prefix = "websocket." if scope.get("type") == "websocket" else ""
        await send({"type": prefix + "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        await send({"type": prefix + "http.response.body", "body": self.body})
        if self.background is not None:
            await self.background()

    def set_cookie(self, key: str, value: str = "", max_age: int | None = None, expires: datetime | str | int | None = None,
                   path: str | None = "/", domain: str | None = None, secure: bool = False, httponly: bool = False,
                   samesite: Literal["lax", "strict", "none"] | None = "lax", partitioned: bool = False) -> None:
        cookie: http.cookies.BaseCookie[str] = http.cookies.SimpleCookie()
        cookie[key] = value
        if max_age is not None:
            cookie[key]["max-age"] = max_age
        if expires is not None:
            cookie[key]["expires"] = format_datetime(expires, usegmt=True) if isinstance(expires, datetime) else expires
        if path is not None:
            cookie[key]["path"] = path
        if domain is not None:
            cookie[key]["domain"] = domain
        if secure:
            cookie[key]["secure"] = True
        if httponly:
            cookie[key]["httponly"] = True
        if samesite is not None:
            if samesite.lower() not in ("strict", "lax", "none"):
                raise AssertionError("samesite must be either 'strict', 'lax' or 'none'")
            cookie[key]["samesite"] = samesite
        if partitioned:
            if sys.version_info < (3, 14):   # http.cookies knows the attribute from 3.14 on
                raise ValueError("Partitioned cookies are only supported in Python 3.14 and above.")
            cookie[key]["partitioned"] = True
        self.raw_headers.append((b"set-cookie", cookie.output(header="").strip().encode("latin-1")))

    def delete_cookie(self, key: str, path: str = "/", domain: str | None = None, secure: bool = False,
                      httponly: bool = False, samesite: Literal["lax", "strict", "none"] | None = "lax",
                      partitioned: bool = False) -> None:
        self.set_cookie(key, max_age=0, expires=0, path=path, domain=domain, secure=secure, httponly=httponly,
                        samesite=samesite, partitioned=partitioned)


class HTMLResponse(Response):
    media_type = "text/html"


class PlainTextResponse(Response):
    media_type = "text/plain"


def json_body(content: Any) -> bytes:
    """Starlette's JSONResponse body. The engine writes the same bytes itself; it calls this for what its writer
    leaves out (subclasses of str, int and float, such as a URLPath; nesting deeper than it goes)."""
    return json.dumps(content, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")).encode("utf-8")


class JSONResponse(Response):
    media_type = "application/json"

    def __init__(self, content: Any, status_code: int = 200, headers: Mapping[str, str] | None = None,
                 media_type: str | None = None, background: Any = None) -> None:
        """Starlette's: the content is required (``JSONResponse()`` is a TypeError, not ``null``)."""
        super().__init__(content, status_code, headers, media_type, background)

    def render(self, content: Any) -> bytes:
        return json_body(content)


def _deprecation_message(name: str) -> str:
    return (f"{name} is deprecated, FastAPI now serializes data directly to JSON bytes via Pydantic when a return "
            "type or response model is set, which is faster and doesn't need a custom response class. Read more in "
            "the FastAPI docs: https://fastapi.tiangolo.com/advanced/custom-response/#orjson-or-response-model "
            "and https://fastapi.tiangolo.com/tutorial/response-model/")


# FastAPI 0.131 deprecates its two JSON-library responses: creating or subclassing one warns.
@deprecated(_deprecation_message("ORJSONResponse"), category=FastAPIDeprecationWarning, stacklevel=2)
class ORJSONResponse(JSONResponse):
    """JSON rendered by orjson (faster, and it serializes datetimes, dataclasses and numpy itself)."""

    def render(self, content: Any) -> bytes:
        import orjson

        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY)


@deprecated(_deprecation_message("UJSONResponse"), category=FastAPIDeprecationWarning, stacklevel=2)
class UJSONResponse(JSONResponse):
    """JSON rendered by ujson, which the app installs itself (importing this class does not need it)."""

    def render(self, content: Any) -> bytes:
        try:
            import ujson
        except ImportError:
            raise AssertionError("ujson must be installed to use UJSONResponse") from None
        return ujson.dumps(content, ensure_ascii=False).encode("utf-8")


class RedirectResponse(Response):
    def __init__(self, url: str, status_code: int = 307, headers: Mapping[str, str] | None = None,
                 background: Any = None) -> None:
        from urllib.parse import quote

        super().__init__(content=b"", status_code=status_code, headers=headers, background=background)
        self.headers["location"] = quote(str(url), safe=":/%#?=@[]!$&'()*+,;")   # replaces a Location given in headers
