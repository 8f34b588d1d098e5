"""Turning a handler's return value into response content through its response model, as FastAPI's
``serialize_response`` does: dump models to dicts, validate against the response model, serialize in
JSON mode with the route's include/exclude options."""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import Any, Callable

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import SchemaSerializer

from ..exceptions import ResponseValidationError
from .fields import field_adapter
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
    adapter = field_adapter(response_model, response_model)
    dump = _json_dumper(adapter, options)
    # A value that already is an instance of a plain response model (no validators, serializers or
    # computed fields that could make "dump, validate again" differ) is serialized directly: the
    # round trip FastAPI makes would rebuild an equal model.
    plain_model = response_model if _is_plain_model(response_model) else None

    def render(value: Any) -> Any:
        if type(value) is plain_model:
            return dump(value)
        if isinstance(value, Response):
            return value
        content = _prepare(value, options)
        try:
            validated = adapter.validate_python(content, from_attributes=True)
        except ValidationError as exc:
            errors = [{**e, "loc": ("response", *e["loc"])} for e in exc.errors(include_url=False)]
            raise ResponseValidationError(errors, body=content) from None
        return dump(validated)

    return render


def _json_dumper(adapter: TypeAdapter[Any], options: ResponseModelOptions) -> Callable[[Any], Any]:
    """``adapter.dump_python(value, mode="json", **options)``. It calls pydantic-core's serializer directly,
    with only the options that differ from its defaults: for a small model, the TypeAdapter layer and six
    default keywords cost twice the serialization itself."""
    keywords: dict[str, Any] = {"mode": "json", "by_alias": options.by_alias}   # always: FastAPI's default is True
    keywords.update({name: value for name, value in (("include", options.include), ("exclude", options.exclude))
                     if value is not None})
    keywords.update({name: True for name, value in (("exclude_unset", options.exclude_unset),
                                                    ("exclude_defaults", options.exclude_defaults),
                                                    ("exclude_none", options.exclude_none)) if value})
    serializer = adapter.serializer
    if not isinstance(serializer, SchemaSerializer):   # pydantic's MockValSer: built once forward references resolve
        return functools.partial(adapter.dump_python, **keywords)
    return functools.partial(serializer.to_python, **keywords)


def _is_plain_model(model: Any) -> bool:
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return False
    decorators = model.__pydantic_decorators__
    return not (decorators.validators or decorators.field_validators or decorators.root_validators
                or decorators.model_validators or decorators.field_serializers or decorators.model_serializers
                or decorators.computed_fields) and not any(f.exclude for f in model.model_fields.values())


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
