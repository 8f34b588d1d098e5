"""Pydantic adapters for parameters and response models that fail the way FastAPI fails when pydantic
cannot handle a declared type: a FastAPIError at definition, with FastAPI's hint (a PydanticV1NotSupportedError
for a ``pydantic.v1`` model)."""
from __future__ import annotations

import warnings
import sys
from types import UnionType
from typing import Any, Union, get_args, get_origin

from pydantic import PydanticSchemaGenerationError, TypeAdapter

from ..exceptions import FastAPIError, PydanticV1NotSupportedError

try:
    from pydantic.warnings import UnsupportedFieldAttributeWarning
except ImportError:   # pydantic < 2.12 has no such warning
    UnsupportedFieldAttributeWarning = None


def quiet_type_adapter(annotation: Any) -> TypeAdapter[Any]:
    """``TypeAdapter(Annotated[T, field_info])`` without pydantic 2.12+'s UnsupportedFieldAttributeWarning: a field's
    alias or default means nothing to an adapter of its type (FastAPI's ModelField silences it the same way)."""
    with warnings.catch_warnings():
        if UnsupportedFieldAttributeWarning is not None:
            warnings.simplefilter("ignore", category=UnsupportedFieldAttributeWarning)
        return TypeAdapter(annotation)


def field_adapter(annotation: Any, declared_type: Any) -> TypeAdapter[Any]:
    """``TypeAdapter(annotation)``; ``declared_type`` is the type the message names."""
    refuse_pydantic_v1(declared_type)
    try:
        return quiet_type_adapter(annotation)
    except PydanticSchemaGenerationError:
        raise FastAPIError(
            f"Invalid args for response field! Hint: check that {declared_type} is a valid Pydantic field type. "
            "If you are using a return type annotation that is not a valid Pydantic field (e.g. Union[Response, "
            "dict, None]) you can disable generating the response model from the type annotation with the path "
            "operation decorator parameter response_model=None. Read more: "
            "https://fastapi.tiangolo.com/tutorial/response-model/"
        ) from None


def refuse_pydantic_v1(annotation: Any) -> None:
    """FastAPI 0.143's refusal, at definition, of a ``pydantic.v1`` model, also in a union or a sequence (its message
    says "response model" for any field)."""
    if is_pydantic_v1_annotation(annotation):
        raise PydanticV1NotSupportedError("pydantic.v1 models are no longer supported by FastAPI. "
                                          f"Please update the response model {annotation!r}.")


def is_pydantic_v1_annotation(annotation: Any) -> bool:
    """A ``pydantic.v1`` model, a union with one among its members, or a sequence of those (FastAPI's check)."""
    v1_model = pydantic_v1_model()
    if v1_model is None:
        return False
    origin = get_origin(annotation)
    members = get_args(annotation) if origin is Union or origin is UnionType else (annotation,)
    if any(isinstance(m, type) and issubclass(m, v1_model) for m in members):
        return True
    if isinstance(origin, type) and issubclass(origin, (list, tuple, set, frozenset)):
        return any(is_pydantic_v1_annotation(arg) for arg in get_args(annotation))
    return False


def pydantic_v1_model() -> type | None:
    """``pydantic.v1.BaseModel`` once the app imported it (no v1 model exists before); importing it here would cost
    every app's start."""
    v1 = sys.modules.get("pydantic.v1")
    return getattr(v1, "BaseModel", None)
