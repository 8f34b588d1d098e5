"""``fastapi._compat``, the parts libraries import: ``ModelField``, one parameter of a path operation as FastAPI
describes it to code that inspects a route (``route.dependant.query_params`` and the like; Tachyon validates
with its own plan, this is the read-only description), and ``lenient_issubclass``."""
from __future__ import annotations

import types
import typing
from typing import Any, Literal

from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

Undefined = PydanticUndefined
_GENERIC_ALIASES = (typing._GenericAlias, types.GenericAlias, types.UnionType)  # type: ignore[attr-defined]


def lenient_issubclass(cls: Any, class_or_tuple: Any) -> bool:
    """``issubclass`` that is False for what is not a class, and for a parametrized generic (``list[int]``)."""
    try:
        return isinstance(cls, type) and issubclass(cls, class_or_tuple)
    except TypeError:
        if isinstance(cls, _GENERIC_ALIASES):
            return False
        raise


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

    def __repr__(self) -> str:
        return f"ModelField(name={self.name!r}, type={self.type_!r}, required={self.required})"
