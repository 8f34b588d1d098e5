"""Parameter declarations (``Query``, ``Path``, ``Body``): pydantic FieldInfo subclasses that say where a
value comes from. pydantic applies their constraints; the engine reads them to compile its fast path."""
from __future__ import annotations

import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, fields
from enum import Enum
from typing import Any, Literal

from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from .exceptions import FastAPIDeprecationWarning

_Unset: Any = PydanticUndefined


class ParamTypes(Enum):
    query = "query"
    header = "header"
    path = "path"
    cookie = "cookie"


def _user_stacklevel() -> int:
    """The ``warnings.warn`` stack level, in the caller of this, of the first frame outside Tachyon (the
    app's ``Query(...)`` line, however many of our constructors lie between)."""
    frame, level = sys._getframe(1), 1
    while frame is not None and frame.f_globals.get("__name__", "").startswith("tachyon."):
        frame, level = frame.f_back, level + 1
    return level


def _deprecated_example(example: Any) -> Any:
    """FastAPI's ``example=`` (before ``examples``): still shown in OpenAPI next to the schema, with a warning."""
    if example is not _Unset:
        warnings.warn("`example` has been deprecated, please use `examples` instead", FastAPIDeprecationWarning,
                      stacklevel=_user_stacklevel())
    return example


def _pattern(pattern: str | None, regex: str | None) -> str | None:
    """The pattern; FastAPI's ``regex=`` (before ``pattern=``) is still one, with a warning."""
    if regex is not None:
        warnings.warn("`regex` has been deprecated, please use `pattern` instead", FastAPIDeprecationWarning,
                      stacklevel=_user_stacklevel())
    return pattern or regex


class Param(FieldInfo):
    in_: ParamTypes

    def __init__(
        self,
        default: Any = PydanticUndefined,
        *,
        default_factory: Any = _Unset,
        annotation: Any | None = None,
        alias: str | None = None,
        alias_priority: int | None = _Unset,
        validation_alias: str | None = None,
        serialization_alias: str | None = None,
        title: str | None = None,
        description: str | None = None,
        gt: float | None = None,
        ge: float | None = None,
        lt: float | None = None,
        le: float | None = None,
        min_length: int | None = None,
        max_length: int | None = None,
        pattern: str | None = None,
        regex: str | None = None,
        discriminator: str | None = None,
        strict: bool | None = _Unset,
        multiple_of: float | None = _Unset,
        allow_inf_nan: bool | None = _Unset,
        max_digits: int | None = _Unset,
        decimal_places: int | None = _Unset,
        examples: list[Any] | None = None,
        example: Any = _Unset,
        openapi_examples: dict[str, Any] | None = None,
        deprecated: bool | str | None = None,
        include_in_schema: bool = True,
        json_schema_extra: dict[str, Any] | None = None,
        **extra: Any,
    ) -> None:
        if default is ...:
            default = PydanticUndefined  # Query(...) means required, as in FastAPI
        pattern = _pattern(pattern, regex)
        if alias is not None:   # as pydantic's Field(): the alias reads and writes the value unless told otherwise
            validation_alias = alias if validation_alias is None else validation_alias
            serialization_alias = alias if serialization_alias is None else serialization_alias
        self.example = _deprecated_example(example)
        self.include_in_schema = include_in_schema
        self.openapi_examples = openapi_examples
        kwargs = dict(
            default=default, default_factory=default_factory, alias=alias, title=title, description=description,
            gt=gt, ge=ge, lt=lt, le=le, min_length=min_length, max_length=max_length,
            pattern=pattern, discriminator=discriminator, strict=strict, multiple_of=multiple_of,
            allow_inf_nan=allow_inf_nan, max_digits=max_digits, decimal_places=decimal_places,
            examples=examples, deprecated=deprecated, json_schema_extra=json_schema_extra or extra or None,
            alias_priority=alias_priority, validation_alias=validation_alias, serialization_alias=serialization_alias,
            annotation=annotation,
        )
        super().__init__(**{k: v for k, v in kwargs.items() if v is not _Unset and not (v is None and k != "default")})

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}({self.default})"


class Path(Param):
    in_ = ParamTypes.path

    def __init__(self, default: Any = ..., **kwargs: Any) -> None:
        if default not in (..., PydanticUndefined):
            raise AssertionError("Path parameters cannot have a default value")
        super().__init__(default, **kwargs)


class Query(Param):
    in_ = ParamTypes.query


class Header(Param):
    in_ = ParamTypes.header

    def __init__(self, default: Any = PydanticUndefined, *, convert_underscores: bool = True, **kwargs: Any) -> None:
        self.convert_underscores = convert_underscores
        super().__init__(default, **kwargs)


class Cookie(Param):
    in_ = ParamTypes.cookie


class Body(FieldInfo):
    def __init__(self, default: Any = PydanticUndefined, *, embed: bool | None = None,
                 media_type: str = "application/json", alias: str | None = None, title: str | None = None,
                 description: str | None = None, pattern: str | None = None, regex: str | None = None,
                 examples: list[Any] | None = None, example: Any = _Unset,
                 openapi_examples: dict[str, Any] | None = None, include_in_schema: bool = True,
                 **kwargs: Any) -> None:
        if default is ...:
            default = PydanticUndefined
        pattern = _pattern(pattern, regex)
        self.example = _deprecated_example(example)
        self.openapi_examples = openapi_examples   # documented next to the schema, not inside it
        self.embed = embed
        self.media_type = media_type
        self.include_in_schema = include_in_schema
        if alias is not None:   # as pydantic's Field() (a body model built from these fields keeps the alias)
            for which in ("validation_alias", "serialization_alias"):
                kwargs[which] = alias if kwargs.get(which) is None else kwargs[which]
        given = dict(default=default, alias=alias, title=title, description=description, pattern=pattern,
                     examples=examples, **kwargs)
        super().__init__(**{k: v for k, v in given.items() if v is not None or k == "default"})

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}({self.default})"


@dataclass
class Depends:
    """A dependency: FastAPI calls ``dependency`` (resolving its own parameters) and passes the result. A
    dataclass, as FastAPI's: equal and hashable by value (tools key caches on it). FastAPI's current one is
    frozen; this one still lets code written for older FastAPI rebind its fields (fastapi-depends-ext does)."""

    dependency: Any = None
    use_cache: bool = True
    # For a yield dependency: "function" closes it right after the endpoint returns, before the response
    # is sent; "request" (the default) after the response is sent.
    scope: Literal["function", "request"] | None = None

    def __hash__(self) -> int:
        # Scopes given as a list (as FastAPI's docs write them) hash as the tuple of their items.
        values = (tuple(v) if isinstance(v, list) else v for v in (getattr(self, f.name) for f in fields(self)))
        return hash((type(self), *values))


@dataclass
class Security(Depends):
    """A dependency with OAuth2 scopes, which it and its sub-dependencies see through SecurityScopes."""

    scopes: Sequence[str] | None = None

    __hash__ = Depends.__hash__   # explicitly: a dataclass with eq would make it unhashable


class Form(Body):
    """A field of a form body (``application/x-www-form-urlencoded`` or ``multipart/form-data``)."""

    def __init__(self, default: Any = PydanticUndefined, *, media_type: str = "application/x-www-form-urlencoded",
                 **kwargs: Any) -> None:
        super().__init__(default, media_type=media_type, **kwargs)


class File(Form):
    """An uploaded file of a ``multipart/form-data`` body: ``bytes`` or ``UploadFile``."""

    def __init__(self, default: Any = PydanticUndefined, *, media_type: str = "multipart/form-data", **kwargs: Any) -> None:
        super().__init__(default, media_type=media_type, **kwargs)
