"""The public helpers of ``fastapi.dependencies.utils`` that extensions import (fastapi-cache's decorator reads
an endpoint's signature with them): a callable's signature and return annotation with string annotations
(``from __future__ import annotations``) evaluated in the callable's module, the ``Dependant`` of a callable
or a ``Depends``, the analysis of one parameter (``analyze_param``), the flattening of a route's ``Dependant``
(and of its parameters), and FastAPI's solver of a ``Dependant`` (``solving.py``). Tachyon's own analysis of
endpoints lives in ``tachyon/_endpoint``; these describe what it found."""
from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel, create_model
from pydantic.fields import FieldInfo

from .. import params
from .._compat import BODY_MODEL_MODULE, ModelField, lenient_issubclass  # lenient_issubclass: libraries import it from here too
from .._endpoint.annotations import resolve_lenient
from .._endpoint.signature import analyze
from .._endpoint.types import is_union_of_models
from ..concurrency import run_in_threadpool  # noqa: F401  (FastAPI's module imports it there; libraries take it from there)
from ..utils import create_model_field
from .models import Dependant, describe
from .solving import (SolvedDependency, get_cached_model_fields, is_async_gen_callable,  # noqa: F401 (FastAPI's names)
                      is_coroutine_callable, is_gen_callable, request_body_to_args, request_params_to_args,
                      solve_dependencies, solve_generator)


def get_typed_annotation(annotation: Any, globalns: dict[str, Any]) -> Any:
    """``annotation`` with a string (a forward reference) evaluated in ``globalns``, leniently: a name not
    defined there (imported under ``TYPE_CHECKING``) leaves a ForwardRef, as in FastAPI."""
    if isinstance(annotation, str):
        annotation = resolve_lenient(annotation, globalns)
        if annotation is type(None):
            return None
    return annotation


def get_typed_signature(call: Callable[..., Any]) -> inspect.Signature:
    """``call``'s signature with its parameters' annotations evaluated (in the module of what it wraps)."""
    signature = inspect.signature(call)
    globalns = getattr(inspect.unwrap(call), "__globals__", {})
    return inspect.Signature([
        inspect.Parameter(name=parameter.name, kind=parameter.kind, default=parameter.default,
                          annotation=get_typed_annotation(parameter.annotation, globalns))
        for parameter in signature.parameters.values()
    ])


def get_typed_return_annotation(call: Callable[..., Any]) -> Any:
    """``call``'s return annotation, evaluated; None when it has none."""
    annotation = inspect.signature(call).return_annotation
    if annotation is inspect.Signature.empty:
        return None
    return get_typed_annotation(annotation, getattr(inspect.unwrap(call), "__globals__", {}))


def get_dependant(*, path: str, call: Callable[..., Any], name: str | None = None,
                  security_scopes: list[str] | None = None, own_oauth_scopes: list[str] | None = None,
                  parent_oauth_scopes: list[str] | None = None, use_cache: bool = True,
                  scope: str | None = None) -> Dependant:
    """The ``Dependant`` of ``call`` as a path operation (or dependency) at ``path``: its parameters and
    sub-dependencies. ``security_scopes`` is older FastAPI's name for the scopes it sees; newer FastAPI
    splits them into its own and its parents'."""
    dependant = describe(analyze(call, path).root, path, name, endpoint=True)
    scopes = [*(parent_oauth_scopes or []), *(own_oauth_scopes or []), *(security_scopes or [])]
    dependant.security_scopes = scopes or security_scopes
    dependant.own_oauth_scopes, dependant.parent_oauth_scopes = own_oauth_scopes, parent_oauth_scopes
    dependant.use_cache = use_cache
    dependant.scope = scope
    return dependant


@dataclasses.dataclass
class ParamDetails:
    """FastAPI's analysis of one parameter: its type, its ``Depends`` (a dependency), its field (any other
    parameter but the special ones: Request, Response, BackgroundTasks, SecurityScopes, ...)."""
    type_annotation: Any
    depends: params.Depends | None
    field: ModelField | None


def analyze_param(*, param_name: str, annotation: Any, value: Any, is_path_param: bool) -> ParamDetails:
    """FastAPI's ``analyze_param``, which helpers that run dependencies outside a request call: the parameter as
    ``get_dependant`` reads it (a lone parameter of a callable at a path that names it when ``is_path_param``)."""
    type_annotation, depends = annotation, value if isinstance(value, params.Depends) else None
    if get_origin(annotation) is Annotated:
        type_annotation, *metadata = get_args(annotation)
        declared = [m for m in metadata if isinstance(m, (FieldInfo, params.Depends))]
        if declared and isinstance(declared[-1], params.Depends):
            assert depends is None, (
                f"Cannot specify `Depends` in `Annotated` and default value together for {param_name!r}")
            depends = declared[-1]
    if depends is not None:
        if depends.dependency is None:
            depends = dataclasses.replace(depends, dependency=type_annotation)
        return ParamDetails(type_annotation=type_annotation, depends=depends, field=None)

    def lone(**kwargs: Any) -> None:
        """The callable whose one parameter is analysed."""

    lone.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter(param_name, inspect.Parameter.KEYWORD_ONLY, default=value, annotation=annotation)])
    dependant = get_dependant(path=f"/{{{param_name}}}" if is_path_param else "/", call=lone)
    fields = (dependant.path_params + dependant.query_params + dependant.header_params + dependant.cookie_params
              + dependant.body_params)
    return ParamDetails(type_annotation=type_annotation, depends=None, field=next(iter(fields), None))


def get_parameterless_sub_dependant(*, depends: params.Depends, path: str) -> Dependant:
    """The ``Dependant`` of a dependency that fills no parameter (a route's ``dependencies=[...]``), as
    ``route.dependant.dependencies`` holds it; inserting one there adds it to the route, as in FastAPI."""
    assert callable(depends.dependency), "A parameter-less dependency must have a callable dependency"
    [(_, _, node)] = analyze(_no_parameters, path, [depends]).root.arguments
    return describe(node, path)


def _no_parameters() -> None:
    """The endpoint of the route a parameterless dependency is analysed in."""


def get_flat_dependant(dependant: Dependant, *, skip_repeats: bool = False,
                       visited: list[Any] | None = None) -> Dependant:
    """FastAPI's flattening of ``route.dependant``: every parameter and security requirement of the tree in
    one ``Dependant``, sub-dependencies depth first (those already seen skipped with ``skip_repeats``)."""
    if visited is None:
        visited = []
    visited.append(dependant.cache_key)
    flat = Dependant(
        path_params=dependant.path_params.copy(), query_params=dependant.query_params.copy(),
        header_params=dependant.header_params.copy(), cookie_params=dependant.cookie_params.copy(),
        body_params=dependant.body_params.copy(), security_requirements=dependant.security_requirements.copy(),
        use_cache=dependant.use_cache, path=dependant.path,
    )
    for sub in dependant.dependencies:
        if skip_repeats and sub.cache_key in visited:
            continue
        flat_sub = get_flat_dependant(sub, skip_repeats=skip_repeats, visited=visited)
        for name in ("path_params", "query_params", "header_params", "cookie_params", "body_params",
                     "security_requirements"):
            getattr(flat, name).extend(getattr(flat_sub, name))
    return flat


def get_flat_params(dependant: Dependant) -> list[ModelField]:
    """The path, query, header and cookie parameters of the whole tree, each repeated dependency's once; a
    parameter model (a callable's only query parameter, say, being a pydantic model) gives its fields."""
    flat = get_flat_dependant(dependant, skip_repeats=True)
    return [field for fields in (flat.path_params, flat.query_params, flat.header_params, flat.cookie_params)
            for field in _fields_of_parameter_model(fields)]


def _fields_of_parameter_model(fields: list[ModelField]) -> list[ModelField]:
    if len(fields) == 1 and lenient_issubclass(fields[0].type_, BaseModel):
        return get_cached_model_fields(fields[0].type_)
    return fields


def _should_embed_body_fields(fields: list[ModelField]) -> bool:
    """FastAPI's: whether the body is an object with a key per body field (several fields, an embedded one, or
    a form field that is not a model) rather than the one field's value."""
    if not fields:
        return False
    if len({field.name for field in fields}) > 1:   # a field that several dependencies declare counts once
        return True
    first = fields[0]
    if getattr(first.field_info, "embed", None):
        return True
    # A form model (or a union of them) takes the whole form.
    return (isinstance(first.field_info, params.Form) and not lenient_issubclass(first.type_, BaseModel)
            and not is_union_of_models(first.type_))


def get_body_field(*, flat_dependant: Dependant, name: str, embed_body_fields: bool) -> ModelField | None:
    """FastAPI's body field of a route (``route.body_field``): its one body parameter, or for an embedded body
    a field named ``body`` whose model (``Body_<name>``) has a field per body parameter."""
    bodies = flat_dependant.body_params
    if not bodies:
        return None
    if not embed_body_fields:
        return bodies[0]
    model = create_model(f"Body_{name}", __module__=BODY_MODEL_MODULE,
                         **{field.name: (field.field_info.annotation, field.field_info) for field in bodies})
    required = any(field.required for field in bodies)
    info = merged_body_info([field.field_info for field in bodies], required, model, alias="body")
    return create_model_field(name="body", type_=model, field_info=info, alias="body")


def merged_body_info(infos: list[FieldInfo], required: bool, model: type[BaseModel], **extra: Any) -> FieldInfo:
    """The FieldInfo of a body merged from several parameters, as FastAPI makes it: a File if any parameter is
    one, else a Form if any is one, else a Body with the parameters' media type when they all declare the same;
    a default of None when none is required."""
    if any(isinstance(info, params.File) for info in infos):
        merged: FieldInfo = params.File(**extra)
    elif any(isinstance(info, params.Form) for info in infos):
        merged = params.Form(**extra)
    else:
        media_types = {info.media_type for info in infos if isinstance(info, params.Body)}
        merged = params.Body(**extra, **({"media_type": media_types.pop()} if len(media_types) == 1 else {}))
    if not required:
        merged.default = None
    merged.annotation = model
    return merged
