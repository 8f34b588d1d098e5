"""Reads a path operation into a dependency tree, with FastAPI's rules for where each value comes from,
then flattens it into the leaf parameters the engine binds (path, query, header, cookie, body).

A ``Dependant`` is one callable (the endpoint or a dependency) and how to call it: each of its
parameters is a leaf value, a sub-dependency, or a special object (Request, Response, BackgroundTasks,
SecurityScopes). The flat leaf list is in FastAPI's error order: sub-dependencies first (depth first),
then the callable's own path, query, header and cookie parameters; body parameters last.
"""
from __future__ import annotations

import copy
import inspect
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Annotated, Any, ForwardRef, get_args, get_origin

from pydantic import BaseModel, Json, TypeAdapter
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined
from typing_inspection.typing_objects import is_typealiastype

from .. import params
from ..exceptions import DependencyScopeError
from .annotations import parameter_hints, resolve_lenient
from .fields import field_adapter
from .types import (is_complex, is_scalar, is_scalar_sequence, is_sequence, is_union, is_union_of_models, reads_many,
                    strip_annotated)

_PATH_PARAM = re.compile(r"{([^}:]+)(?::[^}]*)?}")
_SOURCE_OF = {params.Path: "path", params.Query: "query", params.Header: "header", params.Cookie: "cookie"}
_LEAF_ORDER = ("path", "query", "header", "cookie")


@dataclass(eq=False)
class ParamSpec:
    name: str
    source: str  # "path" | "query" | "header" | "cookie" | "body"
    alias: str  # the name in the request and in error locations (headers: underscores converted)
    annotation: Any
    field_info: FieldInfo
    adapter: TypeAdapter
    sequence: bool  # many values: repeated query keys, headers or form fields
    embed: bool = False
    # A Json[list[...]] value, a list-typed cookie: FastAPI's sequence check sees the string's length, so an empty
    # one is missing.
    empty_is_missing: bool = False
    index: int = -1  # position among the endpoint's flat leaves
    # A parameter model (a pydantic model as the callable's only query, header or cookie parameter):
    # its fields, each looked up like a parameter of its own, then validated together as the model.
    fields: list[ParamSpec] | None = None
    # The title OpenAPI gives it when its FieldInfo has none, if not its alias's: a header model's field is titled
    # by its unconverted name ("User Agent"), as FastAPI does.
    doc_title: str | None = None
    # A body parameter another callable of the tree declared first under the same name: one field of the body,
    # validated again for this callable (its own object, its validators run again), as FastAPI validates each
    # callable's body parameters.
    shares_body_of: ParamSpec | None = None

    @property
    def required(self) -> bool:
        return self.field_info.is_required()

    @property
    def key(self) -> str:
        """What the engine looks up: header names are case-insensitive."""
        return self.alias.lower() if self.source == "header" else self.alias

    def default(self) -> Any:
        return self.field_info.get_default(call_default_factory=True)


def oauth_scopes(parents: list[str], own: list[str]) -> list[str]:
    """FastAPI's _get_oauth_scopes: the parents' scopes (repeats kept), then its own not among them."""
    scopes = list(parents)
    scopes += [scope for scope in dict.fromkeys(own) if scope not in scopes]
    return scopes


@dataclass(eq=False)
class Dependant:
    call: Callable[..., Any]
    arguments: list[tuple[str, str, Any]]  # (parameter, "leaf" | "dependency" | "special", ParamSpec | Dependant | kind)
    kind: str  # "function" | "coroutine" | "generator" | "async_generator"
    use_cache: bool = True
    security_scopes: list[str] = field(default_factory=list)  # its Security(scopes=...) and its dependants'
    own_scopes: list[str] = field(default_factory=list)  # its own Security(scopes=...)
    discard_result: bool = False  # route- or router-level dependencies=[...]: run, result unused
    scope: str | None = None  # Depends(scope=...): "function" or "request"
    declared_call: Any = None  # what Depends() named, when a dependency override replaced it with ``call``

    @property
    def computed_scope(self) -> str | None:
        """When a yield dependency closes: its declared scope, else "request" (after the response)."""
        return self.scope or ("request" if self.kind in ("generator", "async_generator") else None)

    def leaves(self, source: str | None = None) -> list[ParamSpec]:
        return [t for _, k, t in self.arguments if k == "leaf" and (source is None or t.source == source)]

    @property
    def children(self) -> list[Dependant]:
        return [t for _, k, t in self.arguments if k == "dependency"]

    @property
    def parent_scopes(self) -> list[str]:
        """The scopes of the dependencies that depend on it, repeats kept (FastAPI's parent_oauth_scopes)."""
        return self.security_scopes[:len(self.security_scopes) - len(self.own_scopes)]

    @property
    def oauth_scopes(self) -> list[str]:
        """What its SecurityScopes holds."""
        return oauth_scopes(self.parent_scopes, self.own_scopes)

    @cached_property
    def uses_scopes(self) -> bool:
        """Whether the scopes reach what it computes: it declares some, reads SecurityScopes, is a
        security scheme, or depends on something that does."""
        from ..security.base import SecurityBase

        return bool(self.own_scopes or "security_scopes" in (t for _, k, t in self.arguments if k == "special")
                    or isinstance(_unwrap(self.call), SecurityBase) or any(c.uses_scopes for c in self.children))

    @property
    def cache_key(self) -> tuple:
        # As FastAPI: the scopes only make a separate cache entry for a dependency they can change.
        # An overridden dependency is cached under what it overrides: one fake installed for two dependencies
        # runs for each of them.
        scopes = tuple(sorted(set(self.security_scopes))) if self.uses_scopes else ()
        return (self.declared_call or self.call, scopes, self.computed_scope or "")


@dataclass(eq=False)
class EndpointSignature:
    root: Dependant
    leaves: list[ParamSpec]  # flat, in FastAPI's error order; ``index`` is each one's position
    specials: set[str]  # special objects some callable in the tree needs
    error_order: list[int] = field(default_factory=list)  # leaf indices as FastAPI reports errors (with repeats)
    # The route's own declarations embed its body fields (several of them, or Body(embed=True)): FastAPI decides
    # that when the route is created, so a dependency override that leaves one body field keeps it embedded.
    declared_embedded: bool = False

    @property
    def body_params(self) -> list[ParamSpec]:
        """The body's fields, one per name (see ParamSpec.shares_body_of)."""
        return [p for p in self.leaves if p.source == "body" and p.shares_body_of is None]

    @property
    def repeated_bodies(self) -> list[ParamSpec]:
        """Body parameters of a name another callable declared first (see ParamSpec.shares_body_of)."""
        return [p for p in self.leaves if p.shares_body_of is not None]

    @property
    def form_params(self) -> list[ParamSpec]:
        """Form and file parameters: the uploads among their values close after the response (FastAPI's form.close)."""
        return [p for p in self.body_params if isinstance(p.field_info, params.Form)]

    @property
    def single_body(self) -> ParamSpec | None:
        """The one body parameter that takes the whole body, as FastAPI does when it is alone and not embedded."""
        bodies = self.body_params
        return bodies[0] if len(bodies) == 1 and not bodies[0].embed and not self.declared_embedded else None

    @cached_property
    def has_yield(self) -> bool:
        """Some callable in the tree is a ``yield`` dependency: its exit code runs after the response."""
        return bool(dependency_kinds(self.root) & {"generator", "async_generator"})

    @cached_property
    def needs_request(self) -> bool:
        """The engine hands the request over: a special object is asked for, or an error raised after the response
        (by the exit code of a yield dependency) must reach the app's handlers with the request."""
        return bool(self.specials) or self.has_yield


def dependency_kinds(node: Dependant) -> set[str]:
    """The kinds of the callables in the tree under ``node`` ("coroutine", "generator", ...)."""
    found = {node.kind}
    for child in node.children:
        found |= dependency_kinds(child)
    return found


def path_param_names(path: str) -> list[str]:
    return _PATH_PARAM.findall(path)


def analyze(endpoint: Callable[..., Any], path: str, dependencies: list[params.Depends] = (),
            overrides: Mapping[Any, Any] | None = None, readings: dict[int, tuple] | None = None) -> EndpointSignature:
    """``readings``: the signatures read by an earlier analysis of the route, reused (and added to), since FastAPI
    reads each callable's signature once, when the route is declared: a ``__signature__`` rewritten later (one
    function registered for several routes, its signature changed in between) changes nothing."""
    analyzer = _Analyzer(set(path_param_names(path)), overrides or {}, {} if readings is None else readings)
    root = analyzer.dependant(endpoint, [])
    extra = [analyzer.sub_dependant(d, None, []) for d in dependencies]
    root.arguments[:0] = [("", "dependency", d) for d in extra]
    for d in extra:
        d.discard_result = True
    # A path parameter the endpoint does not declare is matched but not passed, as in FastAPI.
    signature = EndpointSignature(root, _flatten(root), analyzer.specials, _error_order(root))
    if overrides:
        declared = analyze(endpoint, path, dependencies, readings=readings)
        signature.declared_embedded = bool(declared.body_params) and declared.single_body is None
    single = signature.single_body
    if single is not None and isinstance(single.field_info, params.Form) and _is_model(single.annotation):
        single.fields = _model_fields(single)   # a form model: its fields are the form's fields
    return signature


def _flatten(root: Dependant) -> list[ParamSpec]:
    """Leaves in FastAPI's error order, each cached dependency's leaves once; then body parameters, one per
    name (FastAPI reads a body parameter that several callables declare as one field), in the order of
    FastAPI's body model: a callable's own before its dependencies' (get_flat_dependant); last the other
    declarations of those names, each validated again for its callable."""
    ordered: list[ParamSpec] = []
    bodies: dict[str, ParamSpec] = {}
    repeated: list[tuple[ParamSpec, ParamSpec]] = []
    seen: set[tuple] = set()

    def walk(d: Dependant) -> None:
        for child in d.children:
            if child.use_cache and child.cache_key in seen:
                continue
            walk(child)
            if child.use_cache:
                seen.add(child.cache_key)
        for source in _LEAF_ORDER:
            ordered.extend(d.leaves(source))

    def walk_bodies(d: Dependant) -> None:
        for p in d.leaves("body"):
            first = bodies.setdefault(p.name, p)
            if first is not p:
                repeated.append((p, first))
        for child in d.children:
            walk_bodies(child)

    walk(root)
    walk_bodies(root)
    for p, first in repeated:
        p.shares_body_of = first
    leaves = ordered + list(bodies.values()) + [p for p, _ in repeated]
    for i, p in enumerate(leaves):
        p.index = i
    return leaves


def _error_order(root: Dependant) -> list[int]:
    """Leaf indices in the order FastAPI reports their errors. FastAPI solves a dependency's parameters
    at every use (only its result is cached), so a shared dependency's errors come once per use; and
    each dependant's body parameters come right after its other parameters."""
    first_use: dict[tuple, Dependant] = {}
    order: list[int] = []

    def walk(d: Dependant) -> None:
        for child in d.children:
            walk(first_use.setdefault(child.cache_key, child) if child.use_cache else child)
        for source in (*_LEAF_ORDER, "body"):
            order.extend(p.index for p in d.leaves(source))

    walk(root)
    return order


def _impartial(call: Any) -> Any:
    while isinstance(call, partial):
        call = call.func
    return call


def _unwrap(call: Any) -> Any:
    """The callable behind functools.partial and functools.wraps layers."""
    return inspect.unwrap(_impartial(call))


def callable_kind(call: Any) -> str:
    """As FastAPI: the kind of the function behind partial and wraps layers, or of its ``__call__`` (a
    class is called, never awaited or iterated)."""
    targets = [_impartial(call), _unwrap(call)]
    if not inspect.isclass(targets[-1]):
        for owner in targets[:]:
            method = getattr(owner, "__call__", None)
            targets += [_impartial(method), _unwrap(method)]
    for test, kind in ((inspect.isasyncgenfunction, "async_generator"), (inspect.isgeneratorfunction, "generator"),
                       (inspect.iscoroutinefunction, "coroutine")):
        if any(test(target) for target in targets):
            return kind
    return "function"


def _annotations_target(call: Any) -> Any:
    """What holds the annotations of ``call``'s parameters: the wrapped function (resolved in its own module), a
    class's ``__init__``, a callable instance's ``__call__``."""
    call = _unwrap(call)
    return call.__init__ if inspect.isclass(call) else call if inspect.isroutine(call) else call.__call__


def _annotation(parameter: inspect.Parameter, hints: dict[str, Any], written: dict[str, Any],
                globalns: dict[str, Any]) -> Any:
    """As FastAPI, the signature's annotation, resolved: a decorator's ``__signature__`` may replace the one written on
    the function (``str`` becomes ``Annotated[str, Form()]``), and then counts; text only it has (a signature a
    class-based-view library built) is evaluated in ``globalns``. What does not resolve stays text."""
    declared = parameter.annotation
    if declared is parameter.empty:
        return hints.get(parameter.name, Any)
    if isinstance(declared, str) and parameter.name not in written:
        resolved = resolve_lenient(declared, globalns)
        return declared if isinstance(resolved, ForwardRef) else resolved
    if isinstance(declared, str) or declared is written.get(parameter.name):
        return hints.get(parameter.name, declared)
    return declared


class _Analyzer:
    def __init__(self, path_names: set[str], overrides: Mapping[Any, Any], readings: dict[int, tuple]) -> None:
        self.path_names = path_names
        self.overrides = overrides
        # id(call) -> (call, its signature's parameters); the call is kept so that its id stays its own
        self.readings = readings
        self.specials: set[str] = set()

    def _parameters(self, call: Any) -> Mapping[str, inspect.Parameter]:
        kept = self.readings.get(id(call))
        if kept is None:   # first: "3 is not a callable object", as FastAPI raises
            kept = self.readings[id(call)] = (call, inspect.signature(call).parameters)
        return kept[1]

    def dependant(self, call: Callable[..., Any], scopes: list[str], use_cache: bool = True,
                  scope: str | None = None, own_scopes: Sequence[str] = ()) -> Dependant:
        parameters = self._parameters(call)
        # Resolved at each analysis: a forward reference defined after the route resolves once it is defined.
        target = _annotations_target(call)
        hints, written = parameter_hints(target), getattr(target, "__annotations__", {})
        globalns = getattr(_unwrap(call), "__globals__", {})
        arguments: list[tuple[str, str, Any]] = []
        # *args and **kwargs are parameters like any other, as in FastAPI: required query parameters when not
        # annotated (a decorator without functools.wraps makes an endpoint ask for ?args=&kwargs=).
        for name, parameter in parameters.items():
            arguments.append(self._argument(name, parameter, _annotation(parameter, hints, written, globalns), scopes))
        node = Dependant(call, arguments, callable_kind(call), use_cache, list(scopes), list(own_scopes), scope=scope)
        if node.computed_scope == "request" and node.kind in ("generator", "async_generator"):
            for child in node.children:
                if child.scope == "function":
                    name = getattr(call, "__name__", "<unnamed_callable>")
                    raise DependencyScopeError(f'The dependency "{name}" has a scope of "request", '
                                               'it cannot depend on dependencies with scope "function".')
        for source in ("query", "header", "cookie"):
            leaves = node.leaves(source)
            if len(leaves) == 1 and _is_model(leaves[0].annotation):
                leaves[0].fields = _model_fields(leaves[0])
        return node

    def sub_dependant(self, depends: params.Depends, annotation: Any, scopes: list[str]) -> Dependant:
        call = depends.dependency if depends.dependency is not None else annotation
        if call is None:
            raise AssertionError("Depends() without a dependency needs a type annotation to call")
        own = list(depends.scopes or []) if isinstance(depends, params.Security) else []
        override = self.overrides.get(call, call)
        node = self.dependant(override, scopes + own, depends.use_cache, getattr(depends, "scope", None), own)
        if override is not call:
            node.declared_call = call
        return node

    def _argument(self, name: str, parameter: inspect.Parameter, annotation: Any, scopes: list[str]) -> tuple[str, str, Any]:
        declared: Any = None
        if is_typealiastype(annotation):   # as FastAPI: a PEP 695 alias (``type X = Annotated[...]``) is its value
            annotation = annotation.__value__
        base = annotation
        if get_origin(annotation) is Annotated:
            base, *metadata = get_args(annotation)
            marks = [m for m in metadata if isinstance(m, (FieldInfo, params.Depends))]
            rest = [m for m in metadata if not isinstance(m, (FieldInfo, params.Depends))]
            if rest:
                base = Annotated[(base, *rest)]
            specific = [m for m in marks if isinstance(m, (params.Param, params.Body, params.Depends))]
            if marks and not specific:
                # As FastAPI: a plain pydantic Field() is part of the type (a discriminator, constraints); where the
                # value comes from is inferred as if it were absent.
                base = annotation
            elif marks:
                # As FastAPI: the last of Query/Path/.../Body/Depends decides, with the constraints of every
                # FieldInfo in the Annotated.
                declared = copy.copy(specific[-1])
                if isinstance(declared, FieldInfo):
                    # As FastAPI's copy_field_info: the field's metadata is the whole Annotated's (every FieldInfo's
                    # constraints and the validators), in the order declared; the type is the bare one.
                    declared.metadata = FieldInfo.from_annotation(annotation).metadata
                    base = get_args(annotation)[0]
                    if declared.default is not PydanticUndefined:
                        raise AssertionError(f"`{type(declared).__name__}` default value cannot be set in `Annotated` "
                                             f"for {name!r}. Set the default value with `=` instead.")
                    if parameter.default is not parameter.empty and name in self.path_names:
                        raise AssertionError("Path parameters cannot have default values")
                    # Through pydantic's API, which records the default as set: a body model built from this field
                    # (OpenAPI's Body_...) keeps it when it merges the field with other Annotated metadata.
                    declared = FieldInfo.merge_field_infos(
                        declared, default=PydanticUndefined if parameter.default is parameter.empty else parameter.default)
        annotated_field = isinstance(declared, (params.Param, params.Body))
        if isinstance(parameter.default, params.Depends):
            if isinstance(declared, params.Depends):
                raise AssertionError(f"Cannot specify `Depends` in `Annotated` and default value together for {name!r}")
            if annotated_field:
                raise AssertionError("Cannot specify a FastAPI annotation in `Annotated` and `Depends` as a default "
                                     f"value together for {name!r}")
            declared = copy.copy(parameter.default)
        elif isinstance(parameter.default, FieldInfo):
            if annotated_field:
                raise AssertionError(f"Cannot specify FastAPI annotations in `Annotated` and default value together for {name!r}")
            if not isinstance(declared, params.Depends):   # FastAPI: Annotated[..., Depends(f)] = Query() is the dependency
                declared = copy.copy(parameter.default)
                # As FastAPI's analyze_param (0.143 to 0.162): with the field as the default, the type is the bare
                # one; Annotated's other metadata (Field constraints, validators, a discriminator) is dropped.
                base = get_args(annotation)[0] if get_origin(annotation) is Annotated else annotation
        if isinstance(declared, params.Depends):
            # As FastAPI 0.143's analyze_param, also for a Request, Response, BackgroundTasks or SecurityScopes type:
            # with an explicit Depends, the dependency's value is what the parameter gets.
            return name, "dependency", self.sub_dependant(declared, base, scopes)
        special = _special_kind(base)
        if special is not None and declared is not None:
            # A Request, Response, BackgroundTasks or SecurityScopes parameter is given by the framework, never from
            # the request's values.
            raise AssertionError(f"Cannot specify FastAPI annotation for type {base!r}")
        if special is not None:
            self.specials.add(special)
            return name, "special", special
        return name, "leaf", self._leaf(name, parameter, base, declared)

    def _leaf(self, name: str, parameter: inspect.Parameter, type_: Any, declared: FieldInfo | None) -> ParamSpec:
        if declared is None:
            default = PydanticUndefined if parameter.default is parameter.empty else parameter.default
            if name in self.path_names:
                declared = params.Path()
            elif _is_upload(type_):
                declared = params.File(default)
            elif is_complex(type_):
                declared = params.Body(default)
            else:
                declared = params.Query(default)
        if name in self.path_names and not isinstance(declared, params.Path):
            raise AssertionError(f"Cannot use `{type(declared).__name__}` for path param {name!r}")
        if name in self.path_names and not is_scalar(type_):
            raise AssertionError("Path params must be of one of the supported types")
        if isinstance(declared, params.Query) and not (is_scalar(type_) or is_scalar_sequence(type_)
                                                        or _is_model(strip_annotated(type_))):
            raise AssertionError(f"Query parameter {name!r} must be one of the supported types")
        source = "body" if isinstance(declared, params.Body) else next(
            (s for cls, s in _SOURCE_OF.items() if isinstance(declared, cls)), "query")
        declared.annotation = type_
        # The request key: a string validation_alias, else the alias, else the name (FastAPI's get_validation_alias).
        alias = declared.validation_alias if isinstance(declared.validation_alias, str) else declared.alias or name
        if source == "header":
            if declared.alias is None and declared.validation_alias is None and getattr(declared, "convert_underscores", True):
                alias = name.replace("_", "-")
        return ParamSpec(
            name=name, source=source, alias=alias, annotation=type_, field_info=declared,
            adapter=field_adapter(Annotated[type_, declared], type_),
            # A Json[list[...]] value is one string, which pydantic parses (FastAPI's _is_json_field).
            sequence=source in ("query", "header", "body") and reads_many(type_) and not _is_json(type_, declared),
            # FastAPI takes an empty value of a sequence-typed parameter for a missing one (a list-typed cookie's).
            empty_is_missing=(is_sequence(type_) and _is_json(type_, declared)) or (source == "cookie" and reads_many(type_)),
            # A form field is a key of the form unless it is a model (or a union of models), whose fields are the
            # keys (FastAPI's _should_embed_body_fields).
            embed=bool(getattr(declared, "embed", False))
            or (isinstance(declared, params.Form) and not (_is_model(type_) or is_union_of_models(type_))),
        )


def _is_json(annotation: Any, declared: FieldInfo) -> bool:
    """Whether the value is ``Json[...]`` (its ``Json`` marker in the field's metadata or in the Annotated type)."""
    marks = [*declared.metadata, *(get_args(annotation)[1:] if get_origin(annotation) is Annotated else ())]
    return any(isinstance(mark, Json) for mark in marks)


def _is_model(annotation: Any) -> bool:
    return inspect.isclass(annotation) and issubclass(annotation, BaseModel)


def _model_fields(spec: ParamSpec) -> list[ParamSpec]:
    """A parameter model's fields as FastAPI flattens them: each is named by its alias, header names get
    underscores converted unless the model's ``Header(convert_underscores=False)`` says otherwise."""
    convert = getattr(spec.field_info, "convert_underscores", True)
    found = []
    for name, info in spec.annotation.model_fields.items():
        alias = info.validation_alias if isinstance(info.validation_alias, str) else info.alias or name
        doc_title = alias.title().replace("_", " ")   # set after the schema's other keywords, as FastAPI sets it
        if spec.source == "header" and convert and alias == name:
            alias = name.replace("_", "-")
        found.append(ParamSpec(
            name=name, source=spec.source, alias=alias, annotation=info.annotation, field_info=info,
            adapter=field_adapter(Annotated[info.annotation, info], info.annotation),
            sequence=spec.source in ("query", "header", "body") and reads_many(info.annotation),
            empty_is_missing=spec.source == "cookie" and reads_many(info.annotation),
            doc_title=doc_title,
        ))
    return found


def _special_kind(annotation: Any) -> str | None:
    from ..background import BackgroundTasks
    from ..requests import HTTPConnection
    from ..responses import Response
    from ..security.oauth2 import SecurityScopes

    annotation = strip_annotated(annotation)   # as FastAPI: other libraries' markers around the class do not count
    if not inspect.isclass(annotation):
        return None
    for cls, kind in ((HTTPConnection, "request"), (Response, "response"), (BackgroundTasks, "background_tasks"),
                      (SecurityScopes, "security_scopes")):
        if issubclass(annotation, cls):
            return kind
    return None


def _is_upload(annotation: Any) -> bool:
    """FastAPI's rule for an undeclared parameter read as a file: an UploadFile, also as a member of a union, or a
    sequence (or union of sequences) of those. As in FastAPI, a bare ``list`` (no item type) passes too."""
    annotation = strip_annotated(annotation)
    return _has_upload_member(annotation) or _is_upload_sequence(annotation)


def _has_upload_member(annotation: Any) -> bool:
    """An UploadFile, or a union with one among its members."""
    from ..forms import UploadFile

    members = get_args(annotation) if is_union(annotation) else (annotation,)
    return any(isinstance(m, type) and issubclass(m, UploadFile) for m in members)


def _is_upload_sequence(annotation: Any) -> bool:
    if is_union(annotation):
        return any(_is_upload_sequence(a) for a in get_args(annotation))
    return is_sequence(annotation) and all(_has_upload_member(a) for a in get_args(annotation))


