"""The raw request as the engine hands it to Python (see engine Lanes/RawRequest.cs for the order)."""
from __future__ import annotations

from typing import NamedTuple


class RequestData(NamedTuple):
    path_params: dict[str, str]
    query: list[tuple[str, str]]
    body: bytes | None
    headers: list[tuple[str, str]]
    content_type: str | None
    method: str
    scheme: str
    path: str
    query_string: str
    client: tuple[str, int] | None
    server: tuple[str, int] | None
    http_version: str
    form: list[tuple[str, str | None, list[tuple[str, str]], bytes]] | str | None   # multipart parts, or why they could not be read
    allow: str | None   # the router's 405: the methods the path accepts
    root_path: str      # the connection's root path (a TestClient's, an ASGI scope's), else ""
