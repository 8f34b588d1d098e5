"""FastAPI's ``solve_dependencies`` and its helpers, for code outside a path operation that runs a callable's
dependencies itself: libraries that inject FastAPI dependencies into any function (fastapi-injectable), or
resolve them once at startup, and the handler of custom route classes (``_request_handler``). Routes of the
default class do not come here: the engine runs each route's compiled plan (``tachyon/_endpoint``). This walks a ``Dependant`` (``get_dependant``) the way FastAPI does: sub-dependencies
depth first with the per-call cache, then the callable's path, query, header and cookie parameters, then its
body, each validated by its field, errors collected as FastAPI reports them."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AsyncExitStack, asynccontextmanager, contextmanager
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .. import params
from .._compat import ModelField, lenient_issubclass
from .._endpoint.binder import wants_bytes
from .._endpoint.types import reads_many
from ..background import BackgroundTasks
from ..concurrency import contextmanager_in_threadpool, run_in_threadpool
from ..datastructures import FormData, Headers, ImmutableMultiDict
from ..forms import UploadFile
from ..responses import Response
from ..security.oauth2 import SecurityScopes
from .models import Dependant


@dataclass
class SolvedDependency:
    values: dict[str, Any]
    errors: list[Any]
    background_tasks: BackgroundTasks | None
    response: Response
    dependency_cache: dict[Any, Any]


def is_coroutine_callable(call: Callable[..., Any]) -> bool:
    return Dependant(call=call).is_coroutine_callable


def is_gen_callable(call: Callable[..., Any]) -> bool:
    return Dependant(call=call).is_gen_callable


def is_async_gen_callable(call: Callable[..., Any]) -> bool:
    return Dependant(call=call).is_async_gen_callable


async def solve_generator(*, call: Callable[..., Any], stack: AsyncExitStack, sub_values: dict[str, Any]) -> Any:
    """Enters a yield dependency's context on ``stack`` (a sync one's steps run in the thread pool)."""
    if is_async_gen_callable(call):
        manager = asynccontextmanager(call)(**sub_values)
    else:
        manager = contextmanager_in_threadpool(contextmanager(call)(**sub_values))
    return await stack.enter_async_context(manager)


async def solve_dependencies(*, request: Any, dependant: Dependant, body: Any = None,
                             background_tasks: BackgroundTasks | None = None, response: Response | None = None,
                             dependency_overrides_provider: Any = None, dependency_cache: dict[Any, Any] | None = None,
                             async_exit_stack: AsyncExitStack, embed_body_fields: bool = False) -> SolvedDependency:
    """The values to call ``dependant.call`` with, and the validation errors, as FastAPI's. Yield dependencies
    close with the request's stacks (``scope["fastapi_inner_astack"]``, ``"fastapi_function_astack"``)
    when its scope has them, as FastAPI's current code asks, else with ``async_exit_stack``, as older
    FastAPI did (Tachyon's own requests run theirs in the engine's plan and have no such stacks)."""
    request_stack = request.scope.get("fastapi_inner_astack", async_exit_stack)
    function_stack = request.scope.get("fastapi_function_astack", request_stack)
    values: dict[str, Any] = {}
    errors: list[Any] = []
    if response is None:
        response = Response()
        del response.headers["content-length"]
        response.status_code = None   # FastAPI's marker of "not set by a dependency"
    if dependency_cache is None:
        dependency_cache = {}
    overrides = getattr(dependency_overrides_provider, "dependency_overrides", None) or {}
    for sub in dependant.dependencies:
        use_sub = sub
        if overrides:
            from .utils import get_dependant   # here: utils re-exports this module's names

            call = overrides.get(sub.call, sub.call)

            use_sub = get_dependant(path=sub.path or "", call=call, name=sub.name,
                                    security_scopes=sub.security_scopes, scope=sub.scope)
        solved_sub = await solve_dependencies(
            request=request, dependant=use_sub, body=body, background_tasks=background_tasks, response=response,
            dependency_overrides_provider=dependency_overrides_provider, dependency_cache=dependency_cache,
            async_exit_stack=async_exit_stack, embed_body_fields=embed_body_fields)
        background_tasks = solved_sub.background_tasks
        if solved_sub.errors:
            errors.extend(solved_sub.errors)
            continue
        if sub.use_cache and sub.cache_key in dependency_cache:
            solved = dependency_cache[sub.cache_key]
        elif use_sub.is_gen_callable or use_sub.is_async_gen_callable:
            stack = function_stack if sub.scope == "function" else request_stack
            solved = await solve_generator(call=use_sub.call, stack=stack, sub_values=solved_sub.values)
        elif use_sub.is_coroutine_callable:
            solved = await use_sub.call(**solved_sub.values)
        else:
            solved = await run_in_threadpool(use_sub.call, **solved_sub.values)
        if sub.name is not None:
            values[sub.name] = solved
        dependency_cache.setdefault(sub.cache_key, solved)
    for fields, received in ((dependant.path_params, request.path_params), (dependant.query_params, request.query_params),
                             (dependant.header_params, request.headers), (dependant.cookie_params, request.cookies)):
        found, failed = request_params_to_args(fields, received)
        values.update(found)
        errors += failed
    if dependant.body_params:
        found, failed = await request_body_to_args(dependant.body_params, body, embed_body_fields)
        values.update(found)
        errors += failed
    if dependant.http_connection_param_name:
        values[dependant.http_connection_param_name] = request
    if dependant.request_param_name:
        values[dependant.request_param_name] = request
    if dependant.background_tasks_param_name:
        background_tasks = background_tasks if background_tasks is not None else BackgroundTasks()
        values[dependant.background_tasks_param_name] = background_tasks
    if dependant.response_param_name:
        values[dependant.response_param_name] = response
    if dependant.security_scopes_param_name:
        values[dependant.security_scopes_param_name] = SecurityScopes(scopes=dependant.oauth_scopes)
    return SolvedDependency(values, errors, background_tasks, response, dependency_cache)


def request_params_to_args(fields: Sequence[ModelField],
                           received: Mapping[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Validates path, query, header or cookie parameters: each field by its alias, or a parameter model (a
    callable's only parameter of that kind being a pydantic model) from all the received values."""
    values: dict[str, Any] = {}
    errors: list[dict[str, Any]] = []
    if not fields:
        return values, errors
    first = fields[0]
    if len(fields) == 1 and lenient_issubclass(first.type_, BaseModel):
        convert = getattr(first.field_info, "convert_underscores", True)
        taken: dict[str, Any] = {}
        seen: set[str] = set()
        for field in get_cached_model_fields(first.type_):
            alias = None
            if isinstance(received, Headers) and getattr(field.field_info, "convert_underscores", convert):
                alias = field.alias if field.alias != field.name else field.name.replace("_", "-")
            value = _multidict_value(field, received, alias)
            if value is not None:
                taken[field.alias] = value
            seen.update((alias or field.alias, field.name))
        taken.update((key, value) for key, value in received.items() if key not in seen)
        value, failed = _validate(first, taken, (first.field_info.in_.value,))
        return {first.name: value}, failed
    for field in fields:
        value, failed = _validate(field, _multidict_value(field, received), (field.field_info.in_.value, field.alias))
        if failed:
            errors.extend(failed)
        else:
            values[field.name] = value
    return values, errors


async def request_body_to_args(body_fields: Sequence[ModelField], received_body: Any,
                               embed_body_fields: bool) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Validates body parameters: a single one not embedded takes the whole body, others their key of it."""
    assert body_fields, "request_body_to_args() should be called with fields"
    single = len(body_fields) == 1 and not embed_body_fields
    first = body_fields[0]
    body = received_body
    if isinstance(received_body, FormData):
        extract = (get_cached_model_fields(first.type_) if single and lenient_issubclass(first.type_, BaseModel)
                   else body_fields)
        body = await _form_body(extract, received_body)
    if single:
        value, failed = _validate(first, body, ("body",))
        return {first.name: value}, failed
    values: dict[str, Any] = {}
    errors: list[dict[str, Any]] = []
    for field in body_fields:
        loc = ("body", field.alias)
        value = None
        if body is not None:
            try:
                value = body.get(field.alias)
            except AttributeError:   # a body that is a list, not an object
                errors.append(_missing(loc))
                continue
        value, failed = _validate(field, value, loc)
        if failed:
            errors.extend(failed)
        else:
            values[field.name] = value
    return values, errors


async def _form_body(fields: Sequence[ModelField], form: FormData) -> dict[str, Any]:
    """FastAPI's ``_extract_form_body``: each field's value (a ``bytes`` File field gets its uploads' content),
    then every other key the form has, as received (one value, or the list), for a model's ``extra`` rules."""
    values: dict[str, Any] = {}
    for field in fields:
        value = _multidict_value(field, form)
        if isinstance(field.field_info, params.File) and wants_bytes(field.field_info.annotation):
            if isinstance(value, UploadFile):
                value = await value.read()
            elif isinstance(value, list):
                value = [await item.read() if isinstance(item, UploadFile) else item for item in value]
        if value is not None:
            values[field.alias] = value
    aliases = {field.alias for field in fields}
    for key in form.keys():
        if key not in aliases:
            received = form.getlist(key)
            values[key] = received[0] if len(received) == 1 else received
    return values


def get_cached_model_fields(model: type[BaseModel]) -> list[ModelField]:
    return [ModelField(field_info=info, name=name) for name, info in model.model_fields.items()]


def _multidict_value(field: ModelField, received: Mapping[str, Any], alias: str | None = None) -> Any:
    """The received value of ``field`` (all of them for a sequence), or its default (None: required)."""
    alias = alias or field.alias
    sequence = reads_many(field.field_info.annotation)
    if sequence and isinstance(received, (ImmutableMultiDict, Headers)):
        value = received.getlist(alias)
    else:
        value = received.get(alias, None)
    if (value is None or (isinstance(field.field_info, params.Form) and value == "")
            or (sequence and len(value) == 0)):
        return None if field.required else deepcopy(field.default)
    return value


def _validate(field: ModelField, value: Any, loc: tuple[Any, ...]) -> tuple[Any, list[dict[str, Any]]]:
    if value is None:
        return (None, [_missing(loc)]) if field.required else (deepcopy(field.default), [])
    result, failed = field.validate(value, loc=loc)
    return (None, failed) if failed else (result, [])


def _missing(loc: tuple[Any, ...]) -> dict[str, Any]:
    return {"type": "missing", "loc": loc, "msg": "Field required", "input": None}


__all__ = ["SolvedDependency", "get_cached_model_fields", "is_async_gen_callable", "is_coroutine_callable",
           "is_gen_callable", "request_body_to_args", "request_params_to_args", "solve_dependencies",
           "solve_generator"]
