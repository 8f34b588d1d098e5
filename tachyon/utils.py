"""FastAPI's ``fastapi.utils`` helpers that apps import."""
from __future__ import annotations

import re
from typing import Any

from .datastructures import get_value_or_default

__all__ = ["deep_dict_update", "generate_unique_id", "get_value_or_default", "is_body_allowed_for_status_code"]


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
