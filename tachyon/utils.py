"""FastAPI's ``fastapi.utils`` helpers that apps import."""
from __future__ import annotations

import re
import warnings
from typing import Any, Literal

from pydantic import PydanticSchemaGenerationError
from pydantic.fields import FieldInfo

from ._compat import ModelField, Undefined
from ._endpoint.fields import refuse_pydantic_v1
from .datastructures import get_value_or_default
from .exceptions import FastAPIError

__all__ = ["create_model_field", "deep_dict_update", "generate_operation_id_for_path", "generate_unique_id",
           "get_path_param_names", "get_value_or_default", "is_body_allowed_for_status_code"]


def generate_unique_id(route: Any) -> str:
    """The default operation id: the route's name and documented path, non-word characters as ``_``,
    then its first method (``read_item_items__item_id__get``)."""
    operation_id = re.sub(r"\W", "_", f"{route.name}{route.path_format}")
    return f"{operation_id}_{sorted(route.methods)[0].lower()}"


def is_body_allowed_for_status_code(status_code: int | str | None) -> bool:
    """False for the statuses HTTP sends without a body (1xx, 204, 205, 304); OpenAPI's ranges allow one."""
    if status_code is None:
        return True
    if status_code in {"default", "1XX", "2XX", "3XX", "4XX", "5XX"}:
        return True
    current = int(status_code)
    return not (current < 200 or current in {204, 205, 304})


def deep_dict_update(main_dict: dict[Any, Any], update_dict: dict[Any, Any]) -> None:
    """Merges ``update_dict`` into ``main_dict`` in place: nested dicts merged, lists concatenated, anything else
    replaced (how ``openapi_extra`` and ``responses`` extend what FastAPI generates)."""
    for key, value in update_dict.items():
        if isinstance(value, dict) and isinstance(main_dict.get(key), dict):
            deep_dict_update(main_dict[key], value)
        elif isinstance(value, list) and isinstance(main_dict.get(key), list):
            main_dict[key] = main_dict[key] + value
        else:
            main_dict[key] = value


def get_path_param_names(path: str) -> set[str]:
    """The names between braces in a path (with their convertor, as FastAPI's: ``{p:path}`` is ``p:path``)."""
    return set(re.findall("{(.*?)}", path))


def generate_operation_id_for_path(*, name: str, path: str, method: str) -> str:
    """FastAPI's operation id from before ``generate_unique_id``, deprecated there too."""
    warnings.warn("fastapi.utils.generate_operation_id_for_path() was deprecated, it is not used internally, and "
                  "will be removed soon", DeprecationWarning, stacklevel=2)
    operation_id = re.sub(r"\W", "_", f"{name}{path}")
    return f"{operation_id}_{method.lower()}"


def create_model_field(name: str, type_: Any, default: Any = Undefined, field_info: FieldInfo | None = None,
                       alias: str | None = None, mode: Literal["validation", "serialization"] = "validation") -> ModelField:
    """A ModelField for ``type_`` (FastAPI's helper): FastAPIError if pydantic cannot handle the type."""
    refuse_pydantic_v1(type_)
    field = ModelField(field_info or FieldInfo(annotation=type_, default=default, alias=alias), name, mode=mode)
    try:
        field._type_adapter
    except PydanticSchemaGenerationError:
        raise FastAPIError(f"Invalid args for response field! Hint: check that {type_} is a valid Pydantic field "
                           "type.") from None
    return field


def create_cloned_field(field: ModelField, *, cloned_types: dict[type, type] | None = None) -> ModelField:
    """FastAPI's copy of a response field, made so that a submodel instance is not returned as it is; with
    pydantic 2 (serialization by the declared model) FastAPI returns the field itself, and so does this."""
    return field
