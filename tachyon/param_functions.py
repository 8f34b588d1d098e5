"""``Query()``, ``Path()``, ``Body()``: the functions FastAPI users call to declare parameters."""
from __future__ import annotations

from typing import Any, Literal

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


def Header(default: Any = PydanticUndefined, **kwargs: Any) -> Any:  # noqa: N802
    """A request header; ``user_agent`` reads ``user-agent`` unless ``convert_underscores=False``."""
    return params.Header(default, **kwargs)


def Cookie(default: Any = PydanticUndefined, **kwargs: Any) -> Any:  # noqa: N802
    """A cookie sent by the client."""
    return params.Cookie(default, **kwargs)


def Depends(dependency: Any = None, *, use_cache: bool = True,  # noqa: N802
            scope: Literal["function", "request"] | None = None) -> Any:
    """Declare a dependency: a callable whose result FastAPI passes to the parameter. For a ``yield``
    dependency, ``scope="function"`` closes it before the response is sent, "request" (default) after."""
    return params.Depends(dependency=dependency, use_cache=use_cache, scope=scope)


def Security(dependency: Any = None, *, scopes: Any = None, use_cache: bool = True,  # noqa: N802
             scope: Literal["function", "request"] | None = None) -> Any:
    """A dependency with OAuth2 scopes."""
    return params.Security(dependency=dependency, scopes=scopes, use_cache=use_cache, scope=scope)


def Form(default: Any = PydanticUndefined, **kwargs: Any) -> Any:  # noqa: N802
    """A form field (urlencoded or multipart)."""
    return params.Form(default, **kwargs)


def File(default: Any = PydanticUndefined, **kwargs: Any) -> Any:  # noqa: N802
    """An uploaded file (multipart): declare it as ``bytes`` or ``UploadFile``."""
    return params.File(default, **kwargs)
