"""Cookie header parsing with Starlette's rules (the engine's C# fast path mirrors this)."""
from __future__ import annotations

from http import cookies as http_cookies


def parse_cookie_header(header: str) -> dict[str, str]:
    result: dict[str, str] = {}
    for chunk in header.split(";"):
        key, sep, value = chunk.partition("=")
        if not sep:
            key, value = "", chunk  # a value without a name, as browsers send it
        key, value = key.strip(), value.strip()
        if key or value:
            result[key] = http_cookies._unquote(value)
    return result


def parse_cookie_lines(lines: list[str]) -> dict[str, str]:
    """Every Cookie header line, later ones winning, as Starlette 1.x reads them (HTTP/2 clients and proxies split
    the cookies over several lines)."""
    return parse_cookie_header(";".join(lines))
