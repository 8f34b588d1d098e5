"""Compiles a route into the plan the engine runs: a JSON description of each parameter's fast path
plus a tuple of the Python objects it refers to by index (handler, binder, defaults, enum members…).

A parameter gets a C# fast path only for what the engine can decide exactly as pydantic would (plain
str/int/float/bool/UUID/Enum with simple bounds); anything else gets kind "python", a per-parameter
pydantic check on the lane. Either way a failure falls back to the route's Python binder for the errors.
"""
from __future__ import annotations

import copy
import collections.abc
import enum
import functools
import inspect
import typing
import uuid
from typing import Any

import annotated_types
from pydantic import TypeAdapter, ValidationError

from .. import params
from .._endpoint import failures
from .._endpoint.json_body import body_validator as body_validator_for, runs_app_code
from .._endpoint.request_data import RequestData
from .._endpoint.signature import ParamSpec
from .._endpoint.types import sequence_item, strip_optional
from .._request_handler import with_exit_stacks
from .._starlette.utils import is_async_callable
from ..concurrency import run_in_threadpool
from ..requests import request_for
from ..routing import ANY_METHOD

_IMMUTABLE = (type(None), bool, int, float, str, bytes, enum.Enum, uuid.UUID, frozenset)
_BOUNDS = {annotated_types.Gt: "gt", annotated_types.Ge: "ge", annotated_types.Lt: "lt", annotated_types.Le: "le"}
_LENGTHS = {annotated_types.MinLen: "min_length", annotated_types.MaxLen: "max_length"}


class PlanBuilder:
    def __init__(self) -> None:
        self.objects: list[Any] = []

    def ref(self, obj: Any) -> int:
        self.objects.append(obj)
        return len(self.objects) - 1


def compile_route(route: Any, error_handler: Any, app: Any) -> tuple[dict, tuple]:
    """``route`` is an APIRoute or a plain Route of ``app``; ``error_handler(exc, raw_request) -> Response``
    is the app's."""
    if route.serves_through_handler:
        return _handler_plan(route, error_handler, app)
    b = PlanBuilder()
    sig = route.signature
    python_binding = (any(p.field_info.default_factory is not None for p in sig.leaves)
                      or bool(route.binder.path_convertors)   # the binder converts {n:int} values first
                      or bool(sig.repeated_bodies))   # each callable's declaration of a body field is validated
    entries = []
    for spec in sig.leaves:
        if spec.source == "path" and spec.alias not in route.param_convertors:
            # FastAPI takes any {...} for a path parameter, Starlette's router only {identifier}s ("{item-id}" is
            # literal text): no value ever comes, and the Python binder reports it missing, as FastAPI does.
            python_binding = True
        elif spec.source == "body":
            entries.append({"name": spec.name, "source": "body", "key": spec.alias})
        elif spec.fields is not None:
            entries.append({"name": spec.name, "source": "model", "key": spec.key})
        else:
            entries.append(_scalar_entry(spec, b))
    if sig.needs_request:
        entries.append({"name": "request", "source": "request", "key": ""})
    body_validator = None
    if sig.body_params:
        single = sig.single_body
        if single is None or isinstance(single.field_info, params.Form):
            python_binding = True
        else:
            body_validator = b.ref(body_validator_for(single.adapter))
    plan = {
        "path": route.path,
        "methods": sorted(route.methods),
        "handler": b.ref(route.solver),
        "is_async": route.is_async,
        # A def route's yield dependencies exit on a sync lane after the response (AfterResponse), in practice the
        # lane that entered them, as in FastAPI's thread pool: inline, they would enter on a socket thread instead.
        "stays_on_lanes": not route.is_async and sig.has_yield,
        "status_code": route.status_code or 200,
        "binder": b.ref(route.binder),
        "error_handler": b.ref(error_handler),
        "render": b.ref(route.render) if route.render is not None else None,
        "body_validator": body_validator,
        "python_binding": python_binding,
        "strict_content_type": route.binder.strict_content_type,
        "uuid_type": b.ref(uuid.UUID),
        "deep_copy": b.ref(copy.deepcopy),
        "params": entries,
    }
    return plan, tuple(b.objects)


def _handler_plan(route: Any, error_handler: Any, app: Any) -> tuple[dict, tuple]:
    """A plain Starlette route, or a route of a custom class (FastAPI's ``route_class``) that overrides
    ``get_route_handler``: the engine passes it the whole request and sends the Response its handler
    returns. Binding, dependencies and rendering happen in Python, inside the route's own handler (which
    a custom one wraps); the plan's status code and content-type rule are never used."""
    handler = route.handler_to_serve()   # once, as FastAPI does when it builds the route
    if not is_async_callable(handler):   # Starlette runs a plain function in its thread pool
        handler = functools.partial(run_in_threadpool, handler)
    stacks = hasattr(route, "dependant")   # a path operation's: FastAPI's request_response opens its exit stacks

    async def handle(raw: tuple) -> Any:
        request = request_for(RequestData._make(raw), app, route)
        return await (with_exit_stacks(request, handler) if stacks else handler(request))

    b = PlanBuilder()
    plan = {
        "path": route.path,
        "methods": sorted(route.methods or ANY_METHOD),   # None: an ASGI app taking every method
        "handler": b.ref(handle),
        "is_async": True,
        "status_code": 200,
        "binder": b.ref(_whole_request),
        "error_handler": b.ref(error_handler),
        "render": None,
        "body_validator": None,
        "python_binding": True,
        "strict_content_type": True,
        "uuid_type": None,
        "deep_copy": None,
        "params": [{"name": "request", "source": "request", "key": ""}],
    }
    return plan, tuple(b.objects)


def _whole_request(raw: tuple) -> tuple:
    return (raw,)


def _scalar_entry(spec: ParamSpec, b: PlanBuilder) -> dict:
    # "required": the engine has no value of its own to give when the parameter is missing (the Python binder
    # then answers): a required one, or one whose default pydantic must validate.
    entry: dict[str, Any] = {"name": spec.name, "source": spec.source, "key": spec.key,
                             "list": spec.sequence, "required": spec.required or not _default_kept(spec)}
    if not entry["required"]:
        default = spec.default()
        entry["default"] = b.ref(default)
        entry["default_copy"] = not _is_immutable(default)
    base, _ = strip_optional(spec.annotation)
    item = sequence_item(base) if spec.sequence else base
    kind = _kind(item)
    constraints = _constraints(spec, kind)
    if constraints is None or (spec.sequence and constraints):
        kind = "python"   # constraints the engine does not check, or constraints on the list itself
    elif spec.sequence and typing.get_origin(base) not in (list, collections.abc.Sequence):
        kind = "python"   # the engine builds lists: a set, tuple or deque is pydantic's to build (and to check)
    else:
        entry.update(constraints)
    if kind == "enum":
        members = _enum_members(item)
        if members is None:
            kind = "python"
        else:
            entry["enum"] = {text: b.ref(member) for text, member in members.items()}
    entry["kind"] = kind
    if kind == "python":
        # A check running the app's validators keeps its failure for the Python binder, which then reports it
        # without running them again.
        entry["check"] = b.ref(failures.remembering(spec.adapter) if runs_app_code(spec.adapter) else spec.adapter.validate_python)
    return entry


def _default_kept(spec: ParamSpec) -> bool:
    """Whether the default of a missing parameter is what FastAPI hands the handler: FastAPI validates a default
    that is not None (running the field's validators and constraints, and converting, say, a str to its Enum),
    so the engine hands it out itself only when that runs none of the app's code and gives it back unchanged."""
    default = spec.default()
    if default is None:
        return True
    if runs_app_code(spec.adapter):
        return False
    try:
        validated = spec.adapter.validate_python(copy.deepcopy(default), from_attributes=True)
    except Exception:   # ValidationError: FastAPI's 422, for every request that leaves it out
        return False
    return type(validated) is type(default) and validated == default


def _kind(t: Any) -> str:
    if t is str:
        return "str"
    if t is int:
        return "int"
    if t is float:
        return "float"
    if t is bool:
        return "bool"
    if t is uuid.UUID:
        return "uuid"
    if inspect.isclass(t) and issubclass(t, enum.Enum):
        return "enum"
    return "python"


def _constraints(spec: ParamSpec, kind: str) -> dict | None:
    """The bounds the engine checks itself, or None when the field has rules only pydantic applies."""
    info = spec.field_info
    if kind == "python":
        return {}
    found: dict[str, Any] = {}
    for m in info.metadata:
        name = _BOUNDS.get(type(m))
        if name and kind in ("int", "float") and type(getattr(m, name)) in (int, float):
            found[name] = getattr(m, name)
            continue
        name = _LENGTHS.get(type(m))
        if name and kind == "str":
            found[name] = getattr(m, name)
            continue
        return None
    return found


def _enum_members(enum_type: type[enum.Enum]) -> dict[str, Any] | None:
    """Exact member-value spellings, each checked against pydantic, so the fast path cannot disagree."""
    adapter = TypeAdapter(enum_type)
    members = {}
    for member in enum_type:
        text = member.value if isinstance(member.value, str) else str(member.value)
        try:
            if adapter.validate_python(text) is member:
                members[text] = member
        except ValidationError:
            continue
    return members or None


def _is_immutable(value: Any) -> bool:
    if isinstance(value, tuple):
        return all(_is_immutable(v) for v in value)
    return isinstance(value, _IMMUTABLE)
