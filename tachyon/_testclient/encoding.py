"""Request bodies and query strings as httpx builds them: query pairs, urlencoded and multipart forms."""
from __future__ import annotations

import mimetypes
import os
import uuid
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl


def _text(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return ""
    return str(value)


def query_pairs(params: Any) -> list[tuple[str, str]]:
    if params is None:
        return []
    if isinstance(params, (str, bytes)):   # a query string, decoded as httpx reads it
        return parse_qsl(params.decode("latin-1") if isinstance(params, bytes) else params, keep_blank_values=True)
    items = params.items() if isinstance(params, Mapping) else params
    pairs = []
    for key, value in items:
        for v in value if isinstance(value, (list, tuple)) else [value]:
            pairs.append((str(key), _text(v)))
    return pairs


def merge_headers(*layers: Any) -> list[tuple[str, str]]:
    """Later layers replace earlier ones name by name; within one list of pairs a name may repeat."""
    merged: list[tuple[str, str]] = []
    for layer in layers:
        if not layer:
            continue
        pairs = [(_header_text(k).lower(), _header_text(v)) for k, v in (layer.items() if isinstance(layer, Mapping) else layer)]
        replaced = {name for name, _ in pairs}
        merged = [(k, v) for k, v in merged if k not in replaced] + pairs
    return merged


def _header_text(value: Any) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def encode_multipart(data: Any, files: Any) -> tuple[bytes, dict[str, str]]:
    """A multipart/form-data body of form fields and files, as httpx builds it."""
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in query_pairs(data):
        parts.append(f"--{boundary}\r\nContent-Disposition: form-data; {_form_param('name', name)}\r\n\r\n".encode() +
                     value.encode() + b"\r\n")
    for name, spec in files.items() if isinstance(files, Mapping) else files:
        filename, content, content_type, extra_headers = _file_parts(spec)
        if hasattr(content, "seek"):
            try:
                content.seek(0)   # httpx sends a file object whole, wherever it was read or written to
            except OSError:   # a stream that cannot seek (a pipe) is sent from where it stands, as httpx does
                pass
        if hasattr(content, "read"):
            content = content.read()
        if isinstance(content, str):
            content = content.encode()
        head = f"--{boundary}\r\nContent-Disposition: form-data; {_form_param('name', name)}"
        if filename:   # none or empty: a plain form field, as httpx sends it
            head += f"; {_form_param('filename', filename)}"
        headers = dict(extra_headers)
        if "Content-Type" not in headers and content_type is not None:
            headers["Content-Type"] = content_type
        head += "".join(f"\r\n{key}: {value}" for key, value in headers.items())
        parts.append((head + "\r\n\r\n").encode() + content + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, {"content-type": f"multipart/form-data; boundary={boundary}"}


def _file_parts(spec: Any) -> tuple[str | None, Any, str | None, dict[str, str]]:
    """httpx's file forms: a file, or (filename, file[, content_type[, headers]]); a None filename makes a plain
    form field. The content type is guessed from the filename when not given."""
    headers: dict[str, str] = {}
    if isinstance(spec, tuple):
        filename, content = spec[0], spec[1]
        content_type = spec[2] if len(spec) > 2 else None
        if len(spec) > 3 and spec[3]:
            headers = dict(spec[3])
    else:
        content = spec
        filename = os.path.basename(getattr(spec, "name", "upload"))
        content_type = None
    if content_type is None and filename:
        content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    return filename, content, content_type, headers


# httpx escapes a name or filename as HTML5 forms do: quote, backslash and control characters.
_FORM_PARAM_ESCAPES = {ord('"'): "%22", ord("\\"): "\\\\",
                       **{c: f"%{c:02X}" for c in range(0x20) if c != 0x1B}}


def _form_param(name: str, value: str) -> str:
    return f'{name}="{value.translate(_FORM_PARAM_ESCAPES)}"'
