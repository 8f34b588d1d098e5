"""FastAPI's ``fastapi.utils`` helpers that apps import."""
from __future__ import annotations

import re
from typing import Any


def generate_unique_id(route: Any) -> str:
    """The default operation id: the route's name and documented path, non-word characters as ``_``,
    then its first method (``read_item_items__item_id__get``)."""
    operation_id = re.sub(r"\W", "_", f"{route.name}{route.path_format}")
    return f"{operation_id}_{sorted(route.methods)[0].lower()}"
