"""Turning a handler's return value into response content through its response model, as FastAPI's
``serialize_response`` does: dump models to dicts, validate against the response model, serialize in
JSON mode with the route's include/exclude options."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Callable

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..exceptions import ResponseValidationError
from ..responses import Response


@dataclass(frozen=True)
class ResponseModelOptions:
    include: Any = None
    exclude: Any = None
    by_alias: bool = True
    exclude_unset: bool = False
    exclude_defaults: bool = False
    exclude_none: bool = False


def make_renderer(response_model: Any, options: ResponseModelOptions) -> Callable[[Any], Any]:
    adapter = TypeAdapter(response_model)

    def render(value: Any) -> Any:
        if isinstance(value, Response):
            return value
        content = _prepare(value, options)
        try:
            validated = adapter.validate_python(content, from_attributes=True)
        except ValidationError as exc:
            errors = [{**e, "loc": ("response", *e["loc"])} for e in exc.errors(include_url=False)]
            raise ResponseValidationError(errors, body=content) from None
        return adapter.dump_python(
            validated, mode="json", include=options.include, exclude=options.exclude, by_alias=options.by_alias,
            exclude_unset=options.exclude_unset, exclude_defaults=options.exclude_defaults,
            exclude_none=options.exclude_none,
        )

    return render


def _prepare(value: Any, options: ResponseModelOptions) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(by_alias=True, exclude_unset=options.exclude_unset,
                                exclude_defaults=options.exclude_defaults, exclude_none=options.exclude_none)
    if isinstance(value, list):
        return [_prepare(v, options) for v in value]
    if isinstance(value, dict):
        return {k: _prepare(v, options) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return value
