"""Turning a handler's return value into response content through its response model, as FastAPI's
``serialize_response`` does with pydantic 2: validate the returned object against the response model
(reading attributes of objects that are not dicts), serialize in JSON mode with the route's
include/exclude options."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Callable

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import SchemaSerializer

from ..exceptions import EndpointContext, ResponseValidationError
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


def make_renderer(response_model: Any, options: ResponseModelOptions,
                  endpoint_context: Callable[[], EndpointContext] | None = None) -> Callable[[Any], Any]:
    adapter = field_adapter(response_model, response_model)
    dump = _json_dumper(adapter, options)
    # An instance of the response model itself passes validation unchanged (pydantic does not validate a
    # model instance again unless its config asks to): it is serialized at once.
    own_instances = response_model if _keeps_instances(response_model) else None

    def render(value: Any) -> Any:
        if type(value) is own_instances:
            return dump(value)
        if isinstance(value, Response):
            return value
        try:
            # As FastAPI with pydantic 2: the returned object itself, read by attributes when it is not a dict
            # (another model, an ORM object, a dataclass), not a dump of it.
            validated = adapter.validate_python(value, from_attributes=True)
        except ValidationError as exc:
            errors = [{**e, "loc": ("response", *e["loc"])} for e in exc.errors(include_url=False)]
            raise ResponseValidationError(errors, body=value,
                                          endpoint_ctx=endpoint_context() if endpoint_context else None) from None
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


def _keeps_instances(model: Any) -> bool:
    return (isinstance(model, type) and issubclass(model, BaseModel)
            and model.model_config.get("revalidate_instances", "never") == "never")
