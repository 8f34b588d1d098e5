"""Reading form bodies: urlencoded fields, and multipart fields and files (``UploadFile``)."""
from __future__ import annotations

import email.parser
import email.policy
import tempfile
from typing import Any
from urllib.parse import parse_qsl

from .datastructures import FormData, Headers


class UploadFile:
    """An uploaded file, spooled to disk past 1 MiB, with Starlette's async file API."""

    def __init__(self, file: Any, *, size: int | None = None, filename: str | None = None,
                 headers: Headers | None = None) -> None:
        self.file = file
        self.size = size
        self.filename = filename
        self.headers = headers or Headers()

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    async def read(self, size: int = -1) -> bytes:
        return self.file.read(size)

    async def write(self, data: bytes) -> None:
        self.file.write(data)
        self.size = (self.size or 0) + len(data)

    async def seek(self, offset: int) -> None:
        self.file.seek(offset)

    async def close(self) -> None:
        self.file.close()

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.is_instance_schema(cls)

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {"type": "string", "contentMediaType": "application/octet-stream"}  # as FastAPI documents files

    def __repr__(self) -> str:
        return f"UploadFile(filename={self.filename!r}, size={self.size!r}, headers={self.headers!r})"


def parse_form(body: bytes | None, content_type: str | None) -> FormData:
    media = (content_type or "").split(";")[0].strip().lower()
    if not body:
        return FormData()
    if media == "application/x-www-form-urlencoded":
        return FormData(parse_qsl(body.decode("latin-1"), keep_blank_values=True))
    if media == "multipart/form-data":
        return _parse_multipart(body, content_type or "")
    return FormData()


def _parse_multipart(body: bytes, content_type: str) -> FormData:
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body)
    items: list[tuple[str, Any]] = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if name is None:
            continue
        filename = part.get_param("filename", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        if filename is None:
            items.append((name, payload.decode(part.get_content_charset() or "utf-8", "replace")))
            continue
        spooled = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)
        spooled.write(payload)
        spooled.seek(0)
        headers = Headers([(k.lower(), str(v)) for k, v in part.items()])
        items.append((name, UploadFile(spooled, size=len(payload), filename=filename, headers=headers)))
    return FormData(items)
