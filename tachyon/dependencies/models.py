"""``fastapi.dependencies.models``: the dependency tree of a path operation as FastAPI describes it
(``route.dependant``), for code that inspects routes, e.g. tests checking that every admin route depends
on ``require_admin``. Tachyon runs its own compiled plan (``tachyon/_endpoint``), built from the same
tree; a view of it. The one edit of it that takes effect, as in FastAPI, is to the route-level
dependencies of a route's dependant (see ``APIRoute._edited_route_level``)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from .._compat import ModelField
from .._endpoint.signature import callable_kind, oauth_scopes
from ..security.base import SecurityBase

_PARAM_NAME_OF_SPECIAL = {"request": "request_param_name", "response": "response_param_name",
                          "background_tasks": "background_tasks_param_name",
                          "security_scopes": "security_scopes_param_name"}


@dataclass
class SecurityRequirement:
    security_scheme: SecurityBase
    scopes: Sequence[str] | None = None


@dataclass
class Dependant:
    path_params: list[ModelField] = field(default_factory=list)
    query_params: list[ModelField] = field(default_factory=list)
    header_params: list[ModelField] = field(default_factory=list)
    cookie_params: list[ModelField] = field(default_factory=list)
    body_params: list[ModelField] = field(default_factory=list)
    dependencies: list[Dependant] = field(default_factory=list)
    security_requirements: list[SecurityRequirement] = field(default_factory=list)
    name: str | None = None
    call: Callable[..., Any] | None = None
    request_param_name: str | None = None
    websocket_param_name: str | None = None
    http_connection_param_name: str | None = None
    response_param_name: str | None = None
    background_tasks_param_name: str | None = None
    security_scopes_param_name: str | None = None
    security_scopes: list[str] | None = None   # older FastAPI's: the scopes it sees, its parents' and its own
    own_oauth_scopes: list[str] | None = None   # newer FastAPI's split of them: its own Security(scopes=...)
    parent_oauth_scopes: list[str] | None = None   # and those of the dependencies that depend on it
    use_cache: bool = True
    path: str | None = None
    scope: Literal["function", "request"] | None = None

    @cached_property
    def oauth_scopes(self) -> list[str]:
        return oauth_scopes(self.parent_oauth_scopes or [], self.own_oauth_scopes or [])

    @cached_property
    def cache_key(self) -> tuple:
        return self.call, tuple(sorted(set(self.security_scopes or []))), self.computed_scope or ""

    # As FastAPI: the kind of the function behind partial and functools.wraps layers, or of its __call__.
    @cached_property
    def is_gen_callable(self) -> bool:
        return self.call is not None and callable_kind(self.call) == "generator"

    @cached_property
    def is_async_gen_callable(self) -> bool:
        return self.call is not None and callable_kind(self.call) == "async_generator"

    @cached_property
    def is_coroutine_callable(self) -> bool:
        return self.call is not None and callable_kind(self.call) == "coroutine"

    @cached_property
    def computed_scope(self) -> str | None:
        if self.scope:
            return self.scope
        return "request" if self.is_gen_callable or self.is_async_gen_callable else None


def route_level_dependants(dependant: Dependant) -> tuple[Dependant, ...]:
    """The sub-dependencies of ``dependant`` that fill no parameter: a route's ``dependencies=[...]``."""
    return tuple(d for d in dependant.dependencies if d.name is None)


def depends_of(dependant: Dependant) -> Any:
    """The ``Depends`` (``Security`` with scopes) that declares ``dependant``'s call as a dependency."""
    from .. import params

    if dependant.security_scopes:
        return params.Security(dependant.call, scopes=dependant.security_scopes, use_cache=dependant.use_cache,
                               scope=dependant.scope)
    return params.Depends(dependant.call, use_cache=dependant.use_cache, scope=dependant.scope)


def describe(node: Any, path: str, name: str | None = None, *, endpoint: bool = False) -> Dependant:
    """The FastAPI ``Dependant`` of one node of Tachyon's dependency tree (``tachyon/_endpoint/signature.py``):
    the endpoint's (``route.dependant``), whose route-level dependencies come first, as in FastAPI."""
    described = Dependant(name=name, call=node.call, path=path, use_cache=node.use_cache, scope=node.scope,
                          security_scopes=None if endpoint else list(node.security_scopes),
                          own_oauth_scopes=None if endpoint else list(node.own_scopes),
                          parent_oauth_scopes=None if endpoint else node.parent_scopes)
    described._declared_call = node.call   # code may replace .call: see APIRoute._edited_calls
    for parameter, kind, target in node.arguments:
        if kind == "dependency":
            described.dependencies.append(describe(target, path, parameter or None))
        elif kind == "special":
            setattr(described, _PARAM_NAME_OF_SPECIAL[target], parameter)
        else:
            fields = getattr(described, f"{target.source}_params")
            fields.append(ModelField(target.field_info, target.name, alias=target.alias))
    if isinstance(node.call, SecurityBase):
        # As FastAPI: only OAuth2 and OpenID Connect schemes carry the scopes that were asked for.
        from ..security.oauth2 import OAuth2
        from ..security.open_id_connect_url import OpenIdConnect

        scopes = list(node.security_scopes) if isinstance(node.call, (OAuth2, OpenIdConnect)) else []
        described.security_requirements.append(SecurityRequirement(node.call, scopes))
    return described
