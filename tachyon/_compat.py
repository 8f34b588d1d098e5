"""``fastapi._compat``, the parts libraries import: ``ModelField``, one parameter of a path operation (or a route's
response) as FastAPI describes it to code that inspects a route (``route.dependant.query_params``,
``route.response_field``; Tachyon validates requests with its own plan, but a library may validate or serialize
through the field as FastAPI's allows), ``lenient_issubclass``, and the pydantic version flags."""
from __future__ import annotations

import functools
import types
import typing
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import TypeAdapter, ValidationError
from pydantic.fields import FieldInfo
from pydantic.version import VERSION as PYDANTIC_VERSION
from pydantic_core import PydanticUndefined

from ._endpoint.fields import quiet_type_adapter

Undefined = PydanticUndefined
PYDANTIC_VERSION_MINOR_TUPLE = tuple(int(part) for part in PYDANTIC_VERSION.split(".")[:2])
PYDANTIC_V2 = PYDANTIC_VERSION_MINOR_TUPLE[0] == 2
_GENERIC_ALIASES = (typing._GenericAlias, types.GenericAlias, types.UnionType)  # type: ignore[attr-defined]


# The module FastAPI's generated ``Body_<operation>`` models belong to: pydantic writes it into a component's name
# when two models share one (``fastapi___compat__v2__Body_create__1``).
BODY_MODEL_MODULE = "fastapi._compat.v2"


def lenient_issubclass(cls: Any, class_or_tuple: Any) -> bool:
    """``issubclass`` that is False for what is not a class, and for a parametrized generic (``list[int]``)."""
    try:
        return isinstance(cls, type) and issubclass(cls, class_or_tuple)
    except TypeError:
        if isinstance(cls, _GENERIC_ALIASES):
            return False
        raise


def _normalize_errors(errors: Sequence[Any]) -> list[Any]:
    """Validation errors as one flat list (nested lists flattened), as FastAPI's: libraries that raise
    RequestValidationError from their own validation call it."""
    flat: list[Any] = []
    for error in errors:
        if isinstance(error, list):
            flat.extend(_normalize_errors(error))
        else:
            flat.append(error)
    return flat


class ModelField:
    def __init__(self, field_info: FieldInfo, name: str, mode: Literal["validation", "serialization"] = "validation",
                 alias: str | None = None) -> None:
        self.field_info = field_info
        self.name = name
        self.mode = mode
        self._alias = alias

    @property
    def alias(self) -> str:
        """The name in the request: as FastAPI, header names with underscores converted."""
        if self._alias is not None:
            return self._alias
        return self.field_info.alias if self.field_info.alias is not None else self.name

    @property
    def validation_alias(self) -> Any:
        return self.field_info.validation_alias

    @property
    def serialization_alias(self) -> Any:
        return self.field_info.serialization_alias

    @property
    def required(self) -> bool:
        return self.field_info.is_required()

    @property
    def default(self) -> Any:
        return self.get_default()

    @property
    def type_(self) -> Any:
        return self.field_info.annotation

    def get_default(self) -> Any:
        return Undefined if self.field_info.is_required() else self.field_info.get_default(call_default_factory=True)

    @functools.cached_property
    def _type_adapter(self) -> TypeAdapter[Any]:
        return quiet_type_adapter(Annotated[self.field_info.annotation, self.field_info])

    def validate(self, value: Any, values: dict[str, Any] | None = None, *,
                 loc: tuple[int | str, ...] = ()) -> tuple[Any, list[dict[str, Any]] | None]:
        """FastAPI's: ``(value, None)``, or ``(None, errors)`` with ``loc`` before each error's location."""
        try:
            return self._type_adapter.validate_python(value, from_attributes=True), None
        except ValidationError as exc:
            return None, [{**error, "loc": (*loc, *error["loc"])} for error in exc.errors(include_url=False)]

    def serialize(self, value: Any, *, mode: Literal["json", "python"] = "json", include: Any = None, exclude: Any = None,
                  by_alias: bool = True, exclude_unset: bool = False, exclude_defaults: bool = False,
                  exclude_none: bool = False) -> Any:
        return self._type_adapter.dump_python(value, mode=mode, include=include, exclude=exclude, by_alias=by_alias,
                                              exclude_unset=exclude_unset, exclude_defaults=exclude_defaults,
                                              exclude_none=exclude_none)

    def serialize_json(self, value: Any, *, include: Any = None, exclude: Any = None, by_alias: bool = True,
                       exclude_unset: bool = False, exclude_defaults: bool = False, exclude_none: bool = False) -> bytes:
        return self._type_adapter.dump_json(value, include=include, exclude=exclude, by_alias=by_alias,
                                            exclude_unset=exclude_unset, exclude_defaults=exclude_defaults,
                                            exclude_none=exclude_none)

    def __repr__(self) -> str:
        return f"ModelField(name={self.name!r}, type={self.type_!r}, required={self.required})"
