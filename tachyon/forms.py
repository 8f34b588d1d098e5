"""Reading form bodies: urlencoded fields, and multipart fields and files (``UploadFile``)."""
from __future__ import annotations

import email.message
import tempfile
from typing import Any
from urllib.parse import parse_qsl

from pydantic import BaseModel

from ._endpoint.request_data import RequestData
from .datastructures import FormData, Headers
from .exceptions import HTTPException


class UploadFile:
    """An uploaded file, spooled to disk past 1 MiB, with Starlette's async file API."""

    def __init__(self, file: Any, *, size: int | None = None, filename: str | None = None,
                 headers: Headers | None = None) -> None:
        # Starlette's attributes, in its order: code encodes an UploadFile through vars() (jsonable_encoder).
        self.filename = filename
        self.file = file
        self.size = size
        self.headers = headers or Headers()
        self._max_mem_size = getattr(file, "_max_size", 0)   # a SpooledTemporaryFile's; 0 means unlimited

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    async def read(self, size: int = -1) -> bytes:
        return self.file.read(size)

    async def write(self, data: bytes) -> None:
        self.file.write(data)
        if self.size is not None:   # Starlette's: a file made without a size keeps none
            self.size += len(data)

    async def seek(self, offset: int) -> None:
        self.file.seek(offset)

    async def close(self) -> None:
        self.file.close()

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.with_info_plain_validator_function(cls._validate)

    @classmethod
    def _validate(cls, value: Any, _: Any) -> UploadFile:
        # FastAPI's check, so a plain form value given for a file fails with its "value_error" message.
        if not isinstance(value, cls):
            raise ValueError(f"Expected UploadFile, received: {type(value)}")
        return value

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {"type": "string", "contentMediaType": "application/octet-stream"}  # as FastAPI documents files

    def __repr__(self) -> str:
        return f"UploadFile(filename={self.filename!r}, size={self.size!r}, headers={self.headers!r})"


def uploads_in(values: Any) -> list[UploadFile]:
    """The UploadFiles among form values: files, lists of them, form models (and dicts) holding them."""
    if isinstance(values, UploadFile):
        return [values]
    if isinstance(values, BaseModel):
        values = values.__dict__.values()
    elif isinstance(values, dict):
        values = values.values()
    elif not isinstance(values, (list, tuple, set, frozenset)):
        return []
    return [upload for value in values for upload in uploads_in(value)]


def form_uploads(form: FormData) -> list[UploadFile]:
    """Every file of a parsed form."""
    return uploads_in([value for _, value in form.multi_items()])


def close_uploads(values: Any) -> None:
    """Closes the uploads' files at once (nothing will read them: unbound, or the request failed)."""
    for upload in uploads_in(values):
        upload.file.close()


def parse_form(data: RequestData, *, max_files: int | float = 1000, max_fields: int | float = 1000,
               max_part_size: int = 1024 * 1024) -> FormData:
    """The request's form: urlencoded fields, or the multipart parts the engine split off the GIL. A body over
    Starlette's limits (those given to ``request.form()``, else its defaults, which the engine's multipart
    parser applies itself) or a multipart body the engine could not parse is FastAPI's 400 with Starlette's message."""
    _, options = media_type(data.content_type)
    media = form_media_type(data.content_type)
    if media == "multipart/form-data" and isinstance(data.form, str):
        raise HTTPException(status_code=400, detail=data.form)
    if media == "multipart/form-data" and data.form is not None:
        if (max_files, max_fields, max_part_size) != _ENGINE_LIMITS:   # the engine's parser applied the defaults
            _check_parts(data.form, max_files, max_fields, max_part_size)
        charset = options.get("charset", "utf-8")
        return FormData([(name, _text(value, charset) if filename is None else _upload(filename, headers, value))
                         for name, filename, headers, value in data.form])
    if media == "application/x-www-form-urlencoded" and data.body:
        _check_fields(data.body, max_fields, max_part_size)
        # Starlette's FormParser: bytes read as latin-1, then percent-escapes decoded as UTF-8.
        return FormData(parse_qsl(data.body.decode("latin-1"), keep_blank_values=True))
    return FormData()


# Starlette's default form limits, which the engine's multipart parser (Http/MultipartForm.cs) enforces itself.
_ENGINE_LIMITS = (1000, 1000, 1024 * 1024)


def _check_parts(parts: list[tuple], max_files: int | float, max_fields: int | float, max_part_size: int) -> None:
    """Starlette's MultiPartParser limits, part by part as it meets them: files, fields, the size of a field."""
    files = fields = 0
    for _, filename, _, value in parts:
        if filename is not None:
            files += 1
            if files > max_files:
                raise HTTPException(status_code=400, detail=f"Too many files. Maximum number of files is {max_files}.")
            continue
        fields += 1
        if fields > max_fields:
            raise HTTPException(status_code=400, detail=f"Too many fields. Maximum number of fields is {max_fields}.")
        if len(value) > max_part_size:
            raise HTTPException(status_code=400, detail=f"Part exceeded maximum size of {int(max_part_size / 1024)}KB.")


def _check_fields(body: bytes, max_fields: int | float, max_part_size: int) -> None:
    """Starlette's FormParser limits (python-multipart's querystring fields: "&"-separated, blank ones skipped): the
    size of a field's name and value, the number of fields."""
    fields = 0
    for field in body.split(b"&"):
        if not field:
            continue
        if len(field) - (b"=" in field) > max_part_size:
            raise HTTPException(status_code=400, detail=f"Field exceeded maximum size of {int(max_part_size / 1024)}KB.")
        fields += 1
        if fields > max_fields:
            raise HTTPException(status_code=400, detail=f"Too many fields. Maximum number of fields is {max_fields}.")


FORM_MEDIA_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


def form_media_type(content_type: str | None) -> str:
    """The media type as python-multipart reads it for Starlette, which compares it as is: lowercased only when
    the header has no parameters ("Multipart/Form-Data; boundary=x" is no form)."""
    value = content_type or ""
    return value.lower().strip() if ";" not in value else value.split(";", 1)[0].strip()


def media_type(content_type: str | None) -> tuple[str, dict[str, str]]:
    """A Content-Type header's lower-case media type and its parameters (as the email parser reads them)."""
    message = email.message.Message()
    message["content-type"] = content_type or ""
    params = message.get_params() or [("", "")]
    return params[0][0].lower(), {k.lower(): v for k, v in params[1:]}


def _text(value: bytes, charset: str) -> str:
    """Starlette's _user_safe_decode: the declared charset, latin-1 when that fails."""
    try:
        return value.decode(charset)
    except (UnicodeDecodeError, LookupError):
        return value.decode("latin-1")


def _upload(filename: str, headers: list[tuple[str, str]], value: bytes) -> UploadFile:
    spooled = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)
    spooled.write(value)
    spooled.seek(0)
    return UploadFile(spooled, size=len(value), filename=filename, headers=Headers.from_pairs(headers))
