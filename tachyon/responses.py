"""Response classes with Starlette's shape: ``status_code``, rendered ``body`` bytes, ``raw_headers``.

The engine reads exactly those three attributes, so any subclass that renders its body works."""
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .datastructures import MutableHeaders


class Response:
    media_type: str | None = None
    charset = "utf-8"

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
        return MutableHeaders(raw=self.raw_headers)


class HTMLResponse(Response):
    media_type = "text/html"


class PlainTextResponse(Response):
    media_type = "text/plain"


class JSONResponse(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")).encode("utf-8")


class RedirectResponse(Response):
    def __init__(self, url: str, status_code: int = 307, headers: Mapping[str, str] | None = None,
                 background: Any = None) -> None:
        from urllib.parse import quote

        super().__init__(content=b"", status_code=status_code, headers=headers, background=background)
        self.raw_headers.append((b"location", quote(str(url), safe=":/%#?=@[]!$&'()*+,;").encode("latin-1")))
