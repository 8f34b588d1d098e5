"""Response bodies decoded from their Content-Encoding as httpx decodes them (the TestClient sends
``accept-encoding: gzip, deflate``): gzip, deflate (zlib-wrapped or raw), brotli when installed; the
header itself stays."""
from __future__ import annotations

import zlib


class DecodingError(Exception):
    """A body that does not decode with its Content-Encoding (httpx's ``DecodingError``)."""


def decode_content(content: bytes, content_encoding: str | None) -> bytes:
    """``content`` with each of its encodings undone, the last one applied first."""
    if not content_encoding or not content:
        return content
    for encoding in reversed([e.strip().lower() for e in content_encoding.split(",") if e.strip()]):
        content = _decode_one(content, encoding)
    return content


def _decode_one(content: bytes, encoding: str) -> bytes:
    if encoding == "gzip":
        return _undo(lambda: zlib.decompress(content, zlib.MAX_WBITS | 16))
    if encoding == "deflate":
        try:
            return zlib.decompress(content)
        except zlib.error:   # raw deflate, without the zlib wrapper (httpx tries both)
            return _undo(lambda: zlib.decompress(content, -zlib.MAX_WBITS))
    if encoding == "br":
        try:
            import brotli
        except ImportError:
            return content   # as httpx without a brotli package: left as sent
        return _undo(lambda: brotli.decompress(content))
    return content   # identity, or an encoding httpx does not decode either


def _undo(decompress) -> bytes:
    try:
        return decompress()
    except Exception as exc:   # zlib.error, brotli.error
        raise DecodingError(str(exc)) from exc
