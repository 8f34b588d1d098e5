"""``Query()``, ``Path()``, ``Body()``: the functions FastAPI users call to declare parameters."""
from __future__ import annotations

from typing import Any

from pydantic_core import PydanticUndefined

from . import params


def Query(default: Any = PydanticUndefined, **kwargs: Any) -> Any:  # noqa: N802 - FastAPI's public name
    """A query parameter: ``?name=value``; repeat the key for ``list[T]`` parameters."""
    return params.Query(default, **kwargs)


def Path(default: Any = ..., **kwargs: Any) -> Any:  # noqa: N802
    """A path parameter: ``/items/{item_id}``. Always required."""
    return params.Path(default, **kwargs)


def Body(default: Any = PydanticUndefined, **kwargs: Any) -> Any:  # noqa: N802
    """A JSON body value; ``embed=True`` expects it under its name inside the body object."""
    return params.Body(default, **kwargs)
