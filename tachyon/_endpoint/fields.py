"""Pydantic adapters for parameters and response models that fail the way FastAPI fails when pydantic
cannot handle a declared type: a FastAPIError at definition, with FastAPI's hint."""
from __future__ import annotations

import warnings
from typing import Any

from pydantic import PydanticSchemaGenerationError, TypeAdapter

from ..exceptions import FastAPIError

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
