"""Turning a handler's return value into response content through its response model, as FastAPI's
``serialize_response`` does with pydantic 2: validate the returned object against the response model
(reading attributes of objects that are not dicts), then serialize it with the route's include/exclude
options: straight to JSON bytes when the route keeps the default response class (FastAPI 0.130's
``dump_json`` path), else to JSON-compatible values for the response class to render."""
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
                  endpoint_context: Callable[[], EndpointContext] | None = None,
                  json_bytes: bool = False) -> Callable[[Any], Any]:
    """``json_bytes``: render to the response body itself (``bytes`` of JSON), as FastAPI does for a route
    whose response class was left to its default. pydantic's JSON differs from ``json.dumps`` of the
    JSON-mode values: its float notation (``0.00001``, ``1.5e-7``), and infinity and NaN written as ``null``
    where ``json.dumps`` refuses them."""
    adapter = field_adapter(response_model, response_model)
    dump = _dumper(adapter, options, json_bytes)
    # An instance of the response model itself passes validation unchanged (pydantic does not validate a
    # model instance again unless its config asks to, and runs only its "after" and "wrap" model validators on
    # it): without such validators it is serialized at once.
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
            raise ResponseValidationError(errors=errors, body=value,
                                          endpoint_ctx=endpoint_context() if endpoint_context else None) from None
        return dump(validated)

    return render


def _dumper(adapter: TypeAdapter[Any], options: ResponseModelOptions, json_bytes: bool) -> Callable[[Any], Any]:
    """``adapter.dump_json(value, **options)`` or ``adapter.dump_python(value, mode="json", **options)``. It
    calls pydantic-core's serializer directly, with only the options that differ from its defaults: for a
    small model, the TypeAdapter layer and six default keywords cost twice the serialization itself."""
    keywords: dict[str, Any] = {"by_alias": options.by_alias}   # always: FastAPI's default is True
    if not json_bytes:
        keywords["mode"] = "json"
    keywords.update({name: value for name, value in (("include", options.include), ("exclude", options.exclude))
                     if value is not None})
    keywords.update({name: True for name, value in (("exclude_unset", options.exclude_unset),
                                                    ("exclude_defaults", options.exclude_defaults),
                                                    ("exclude_none", options.exclude_none)) if value})
    serializer = adapter.serializer
    if not isinstance(serializer, SchemaSerializer):   # pydantic's MockValSer: built once forward references resolve
        return functools.partial(adapter.dump_json if json_bytes else adapter.dump_python, **keywords)
    return functools.partial(serializer.to_json if json_bytes else serializer.to_python, **keywords)


def _keeps_instances(model: Any) -> bool:
    return (isinstance(model, type) and issubclass(model, BaseModel)
            and model.model_config.get("revalidate_instances", "never") == "never"
            and not model.__pydantic_decorators__.model_validators)   # inherited ones included
