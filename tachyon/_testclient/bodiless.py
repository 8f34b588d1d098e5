"""The body and Content-Length of a 204, 205 or 304 response as Starlette's TestClient shows them: what the app's
Response held, which HTTP cannot carry. The engine sends them to TestClient connections (and ASGI calls) in headers
of their own (engine/…/Http/BodilessForTestClient.cs); this puts them back in place."""
from __future__ import annotations

import base64

BODY_HEADER = "x-tachyon-test-body"
LENGTH_HEADER = "x-tachyon-test-content-length"


def restore(headers: list[tuple[str, str]], content: bytes) -> tuple[list[tuple[str, str]], bytes]:
    """``headers`` (lowercase names) and ``content`` of a response with the carried body and length in place."""
    carried = {name: value for name, value in headers if name in (BODY_HEADER, LENGTH_HEADER)}
    if not carried:
        return headers, content
    kept = [(name, value) for name, value in headers if name not in (BODY_HEADER, LENGTH_HEADER)]
    if LENGTH_HEADER in carried:
        kept = [(name, value) for name, value in kept if name != "content-length"]
        kept.append(("content-length", carried[LENGTH_HEADER]))
    if BODY_HEADER in carried:
        content = base64.b64decode(carried[BODY_HEADER])
    return kept, content
