"""Type aliases of FastAPI's ``fastapi.types``, for code that annotates with them (custom routers' decorators)."""
from __future__ import annotations

import types
from collections.abc import Callable
from enum import Enum
from typing import Any, Optional, TypeVar, Union

from pydantic import BaseModel

DecoratedCallable = TypeVar("DecoratedCallable", bound=Callable[..., Any])
UnionType = getattr(types, "UnionType", Union)
ModelNameMap = dict[Union[type[BaseModel], type[Enum]], str]
IncEx = Union[set[int], set[str], dict[int, Any], dict[str, Any]]
DependencyCacheKey = tuple[Optional[Callable[..., Any]], tuple[str, ...], str]
