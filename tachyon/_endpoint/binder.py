"""Binding a request in Python, with pydantic: the slow path the engine takes when its C# fast path
cannot decide (bad input, unusual types), and the reference the fast path must agree with.

It reproduces FastAPI's ``solve_dependencies`` for these sources: values are validated one parameter at
a time with the parameter's TypeAdapter; errors are collected in FastAPI's order (path, query, body),
each ``loc`` prefixed with its source and alias; missing optional values get a deep copy of the default.
"""
from __future__ import annotations

import copy
import email.message
import json
from typing import Any

from pydantic import ValidationError

from ..exceptions import RequestValidationError
from .signature import EndpointSignature, ParamSpec

_SOURCE_ORDER = ("path", "query", "body")


def missing_error(loc: tuple) -> dict[str, Any]:
    return {"type": "missing", "loc": loc, "msg": "Field required", "input": None}


def validate(spec: ParamSpec, value: Any, loc: tuple, errors: list) -> Any:
    try:
        return spec.adapter.validate_python(value, from_attributes=True)
    except ValidationError as exc:
        errors.extend({**e, "loc": loc + tuple(e["loc"])} for e in exc.errors(include_url=False))
        return None


class Binder:
    """``binder(raw) -> args tuple``; raises RequestValidationError with every error of the request."""

    def __init__(self, signature: EndpointSignature) -> None:
        self._signature = signature
        self._ordered = sorted(signature.params, key=lambda p: _SOURCE_ORDER.index(p.source))

    def __call__(self, raw: tuple) -> tuple:
        path_params, query_pairs, body_bytes, _headers, content_type = raw[:5]
        query: dict[str, list[str]] = {}
        for key, value in query_pairs:
            query.setdefault(key, []).append(value)
        body = _read_body(body_bytes, content_type) if self._signature.body_params else None

        values: dict[str, Any] = {}
        errors: list[dict[str, Any]] = []
        for spec in self._ordered:
            if spec.source == "body":
                continue
            if spec.source == "path":
                raw_value = path_params.get(spec.alias)
            elif spec.sequence:
                raw_value = query.get(spec.alias) or None
            else:
                raw_value = query[spec.alias][-1] if spec.alias in query else None
            values[spec.name] = self._value(spec, raw_value, (spec.source, spec.alias), errors)
        self._bind_body(body, values, errors)
        if errors:
            raise RequestValidationError(errors, body=body)
        return tuple(values[p.name] for p in self._signature.params)

    def _bind_body(self, body: Any, values: dict[str, Any], errors: list) -> None:
        single = self._signature.single_body
        if single is not None:
            values[single.name] = self._value(single, body, ("body",), errors)
            return
        for spec in self._signature.body_params:
            loc = ("body", spec.alias)
            if body is not None and not isinstance(body, dict):
                errors.append(missing_error(loc))
                continue
            values[spec.name] = self._value(spec, None if body is None else body.get(spec.alias), loc, errors)

    @staticmethod
    def _value(spec: ParamSpec, raw_value: Any, loc: tuple, errors: list) -> Any:
        if raw_value is None:
            if spec.required:
                errors.append(missing_error(loc))
                return None
            return copy.deepcopy(spec.default())
        return validate(spec, raw_value, loc, errors)


def _read_body(body: bytes | None, content_type: str | None) -> Any:
    """FastAPI reads the body as JSON when there is no content type or a JSON one; otherwise as bytes."""
    if not body:
        return None
    if content_type:
        message = email.message.Message()
        message["content-type"] = content_type
        subtype = message.get_content_subtype()
        if message.get_content_maintype() != "application" or not (subtype == "json" or subtype.endswith("+json")):
            return body
    try:
        return json.loads(body)
    except json.JSONDecodeError as exc:
        raise RequestValidationError(
            [{"type": "json_invalid", "loc": ("body", exc.pos), "msg": "JSON decode error", "input": {},
              "ctx": {"error": exc.msg}}],
            body=exc.doc,
        ) from exc
    except UnicodeDecodeError as exc:
        # json.loads rejects bytes that are not UTF-8/16/32 before parsing; FastAPI answers the same way.
        raise RequestValidationError(
            [{"type": "json_invalid", "loc": ("body", 0), "msg": "JSON decode error", "input": {},
              "ctx": {"error": str(exc)}}],
            body=body,
        ) from exc
