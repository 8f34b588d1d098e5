"""Reads a handler's signature into parameter specs, with FastAPI's rules for where each value comes from."""
from __future__ import annotations

import copy
import inspect
import re
from dataclasses import dataclass
from typing import Annotated, Any, Callable, get_args, get_origin, get_type_hints

from pydantic import TypeAdapter
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from .. import params
from .types import is_complex, is_sequence

_PATH_PARAM = re.compile(r"{([^}:]+)(?::[^}]*)?}")


@dataclass(eq=False)
class ParamSpec:
    name: str
    source: str  # "path" | "query" | "body"
    alias: str  # the key the value has in the request
    annotation: Any
    field_info: FieldInfo
    adapter: TypeAdapter
    sequence: bool  # a query list, from repeated keys
    embed: bool = False

    @property
    def required(self) -> bool:
        return self.field_info.is_required()

    def default(self) -> Any:
        return self.field_info.get_default(call_default_factory=True)


@dataclass(eq=False)
class EndpointSignature:
    params: list[ParamSpec]
    call: Callable[..., Any]  # takes the values positionally, in ``params`` order

    @property
    def body_params(self) -> list[ParamSpec]:
        return [p for p in self.params if p.source == "body"]

    @property
    def single_body(self) -> ParamSpec | None:
        """The one body parameter that takes the whole body, as FastAPI does when it is alone and not embedded."""
        bodies = self.body_params
        return bodies[0] if len(bodies) == 1 and not bodies[0].embed else None


def path_param_names(path: str) -> list[str]:
    return _PATH_PARAM.findall(path)


def analyze(endpoint: Callable[..., Any], path: str) -> EndpointSignature:
    signature = inspect.signature(endpoint)
    hints = get_type_hints(endpoint, include_extras=True)
    in_path = set(path_param_names(path))
    specs = [_spec(name, p, hints.get(name, Any), in_path) for name, p in signature.parameters.items()
             if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    missing = in_path - {s.alias for s in specs if s.source == "path"}
    if missing:
        raise AssertionError(f"path parameters {sorted(missing)} of {path} are not in the signature of {endpoint.__name__}")
    return EndpointSignature(specs, _positional_call(endpoint, signature, specs))


def _spec(name: str, parameter: inspect.Parameter, annotation: Any, in_path: set[str]) -> ParamSpec:
    declared: FieldInfo | None = None
    type_ = annotation
    if get_origin(annotation) is Annotated:
        base, *metadata = get_args(annotation)
        infos = [m for m in metadata if isinstance(m, FieldInfo)]
        rest = [m for m in metadata if not isinstance(m, FieldInfo)]
        type_ = Annotated[(base, *rest)] if rest else base
        if infos:
            declared = copy.copy(infos[-1])
            if declared.default is not PydanticUndefined:
                raise AssertionError(f"`{type(declared).__name__}` default value cannot be set in `Annotated` for {name!r}")
            declared.default = PydanticUndefined if parameter.default is parameter.empty else parameter.default
    if isinstance(parameter.default, FieldInfo):
        declared = copy.copy(parameter.default)
    elif declared is None:
        default = PydanticUndefined if parameter.default is parameter.empty else parameter.default
        if name in in_path:
            declared = params.Path()
        elif is_complex(type_):
            declared = params.Body(default)
        else:
            declared = params.Query(default)
    if name in in_path and not isinstance(declared, params.Path):
        declared = params.Path(**_path_kwargs(declared))
    source = "path" if isinstance(declared, params.Path) else "body" if isinstance(declared, params.Body) else "query"
    declared.annotation = type_
    adapter = TypeAdapter(Annotated[type_, declared])
    return ParamSpec(
        name=name,
        source=source,
        alias=declared.alias or name,
        annotation=type_,
        field_info=declared,
        adapter=adapter,
        sequence=source == "query" and is_sequence(type_),
        embed=bool(getattr(declared, "embed", False)),
    )


def _path_kwargs(info: FieldInfo) -> dict[str, Any]:
    return {"alias": info.alias, "title": info.title, "description": info.description}


def _positional_call(endpoint: Callable[..., Any], signature: inspect.Signature, specs: list[ParamSpec]) -> Callable[..., Any]:
    """The engine passes arguments positionally (vectorcall, no dict); wrap handlers that need keywords."""
    kinds = [signature.parameters[s.name].kind for s in specs]
    ordered = [n for n, p in signature.parameters.items() if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    if ordered == [s.name for s in specs] and all(
        k in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD) for k in kinds
    ):
        return endpoint
    names = [s.name for s in specs]

    def call(*values: Any) -> Any:
        return endpoint(**dict(zip(names, values)))

    return call
