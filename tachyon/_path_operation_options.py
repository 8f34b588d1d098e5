"""The options of a path operation (``@app.get(path, ...)``, ``app.api_route``, ``app.add_api_route``) as FastAPI
names them: once as a TypedDict for type checkers and editors, and at run time as the decorators' signatures,
taken from ``APIRouter.add_api_route`` (the one function that declares them with their defaults), so that
``inspect.signature(app.get)`` lists them and an unknown option fails as it does in FastAPI."""
from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from typing_extensions import TypedDict

if TYPE_CHECKING:
    from enum import Enum

    from . import params
    from .datastructures import DefaultPlaceholder
    from .responses import Response
    from .routing import APIRoute, BaseRoute
    from .types import IncEx


class PathOperationOptions(TypedDict, total=False):
    response_model: Any
    status_code: int | None
    tags: list[str | Enum] | None
    dependencies: Sequence[params.Depends] | None
    summary: str | None
    description: str | None
    response_description: str
    responses: dict[int | str, dict[str, Any]] | None
    deprecated: bool | None
    operation_id: str | None
    response_model_include: IncEx | None
    response_model_exclude: IncEx | None
    response_model_by_alias: bool
    response_model_exclude_unset: bool
    response_model_exclude_defaults: bool
    response_model_exclude_none: bool
    include_in_schema: bool
    response_class: type[Response] | DefaultPlaceholder
    name: str | None
    callbacks: list[BaseRoute] | None
    openapi_extra: dict[str, Any] | None
    generate_unique_id_function: Callable[[APIRoute], str] | DefaultPlaceholder
    strict_content_type: bool | DefaultPlaceholder


class RouteOptions(PathOperationOptions, total=False):
    """``api_route`` and ``add_api_route`` also take the methods."""
    methods: Sequence[str] | list[str] | None


def name_options(func: Callable[..., Any], add_api_route: Callable[..., Any], leave_out: set[str]) -> None:
    """Gives ``func(self, path, **options)`` the keyword options of ``add_api_route`` but ``leave_out``;
    ``all_options`` checks and completes what a call passes."""
    options = [p for name, p in inspect.signature(add_api_route).parameters.items()
               if p.kind is inspect.Parameter.KEYWORD_ONLY and name not in leave_out]
    own = inspect.signature(func)
    positional = [p for p in own.parameters.values() if p.kind is not inspect.Parameter.VAR_KEYWORD]
    func.__signature__ = own.replace(parameters=[*positional, *options])
    func._option_defaults = {p.name: p.default for p in options}


def all_options(owner: Any, func: Callable[..., Any], options: dict[str, Any]) -> dict[str, Any]:
    """Every option of ``func``, the ones not given at their defaults: FastAPI's decorators pass them all on, so
    an overriding ``api_route``/``add_api_route`` of a subclass receives the defaults' placeholders, not its own
    defaults. An unknown option is the TypeError Python raises for FastAPI's."""
    defaults = func._option_defaults
    for name in options:
        if name not in defaults:
            raise TypeError(f"{type(owner).__name__}.{func.__name__}() got an unexpected keyword argument {name!r}")
    return {**defaults, **options}
