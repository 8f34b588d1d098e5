"""``starlette._utils``: the two helpers FastAPI extensions import from Starlette's private module."""
from __future__ import annotations

import functools
import inspect
from typing import Any


def is_async_callable(obj: Any) -> bool:
    """Whether calling ``obj`` gives a coroutine: an async function, behind any ``functools.partial``, or an
    object whose ``__call__`` is one."""
    while isinstance(obj, functools.partial):
        obj = obj.func
    return inspect.iscoroutinefunction(obj) or (callable(obj) and inspect.iscoroutinefunction(obj.__call__))


def get_route_path(scope: dict[str, Any]) -> str:
    """The request path below the scope's root path (the path a mounted app's routes match)."""
    path: str = scope["path"]
    root_path = scope.get("root_path", "")
    if not root_path or not path.startswith(root_path):
        return path
    if path == root_path:
        return ""
    return path[len(root_path):] if path[len(root_path)] == "/" else path
