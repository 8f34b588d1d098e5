"""Compiles a dependency tree into one Python function: the "plan" the engine runs for a route.

The generated function takes the flat leaf values positionally (bound by the engine's C# fast path or
by the Python binder), then the raw request if anything needs it; it calls each dependency once per
request (or once per use with ``use_cache=False``), in FastAPI's order, then the endpoint. Generating
source once at registration keeps the per-request cost to plain calls: no signature walking, no dicts.

Dependencies with ``yield`` enter an exit stack; an exception from the endpoint is thrown into them
(they may turn it into an HTTPException), and on success they close after the response is sent, or,
with ``Depends(scope="function")``, as soon as the endpoint returns (before the response).
"""
from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable
from typing import Any

from ..concurrency import contextmanager_in_threadpool, run_in_threadpool
from ..exceptions import FastAPIError
from ..forms import close_uploads
from ..security.oauth2 import SecurityScopes
from .signature import Dependant, EndpointSignature, dependency_kinds


NO_RESPONSE_MESSAGE = (   # FastAPI's, when a yield dependency swallows the exception that was to become the response

    "Response not awaited. There's a high chance that the application code is raising an exception "
    "and a dependency with yield has a block with a bare except, or a block with except Exception, and is not "
    "raising the exception again. Read more about it in the docs: "
    "https://fastapi.tiangolo.com/tutorial/dependencies/dependencies-with-yield/#dependencies-with-yield-and-except"
)


def is_async(signature: EndpointSignature) -> bool:
    return bool(dependency_kinds(signature.root) & {"coroutine", "async_generator"})


def build(signature: EndpointSignature, context_factory: Callable[[Any], Any] | None,
          finish: Callable[..., Any] | None) -> Callable[..., Any]:
    """``context_factory(raw)`` builds the per-request specials; ``finish(result, context, stack)`` turns
    the endpoint's result into the final Response when specials or yield dependencies are involved."""
    root = signature.root
    uploads = _uploads(signature)
    if not signature.specials and not signature.has_yield and not uploads and _is_plain(root) and _positional(root):
        return root.call  # nothing to solve: the engine calls the endpoint directly
    env: dict[str, Any] = {"_finish": finish}
    code = _Emitter(env, is_async(signature), partial=False)
    context = "_ctx" if signature.needs_request else "None"
    stack = "_stack" if signature.has_yield else None
    finishing = finish is not None and bool(stack or signature.specials or uploads)
    result = f"_finish(_result, {context}, {stack or 'None'}, {uploads or '()'})" if finishing else "_result"
    # An async route's finished response may carry background work, which goes on in the route's own task.
    return _compile(signature, code, context_factory, "solve", [], result, hands_over=finishing and code.run_async)


def _uploads(signature: EndpointSignature) -> str:
    """The form parameters' values as a tuple expression ('' without any): their uploaded files close once
    the response and its background work are done, or at once when the request fails."""
    names = [f"a{p.index}" for p in signature.form_params]
    return f"({', '.join(names)},)" if names else ""


def build_partial(signature: EndpointSignature, context_factory: Callable[[Any], Any] | None) -> Callable[..., Any] | None:
    """For a request that failed validation: ``solve_partial(error, failed, *leaves[, raw])`` calls, in
    FastAPI's order, every dependency none of whose parameters (``failed`` holds leaf indices) is
    invalid, then raises ``error`` (into the yield dependencies it entered, as FastAPI does). None when
    the route has no dependencies."""
    if not signature.root.children:
        return None
    code = _Emitter({}, is_async(signature), partial=True)
    return _compile(signature, code, context_factory, "solve_partial", ["_error", "_failed"], None)


class _InContextCopies:
    """A plain generator dependency's context manager on a def route, entered and exited each in a copy of the
    current context, as FastAPI runs both in its thread pool."""

    def __init__(self, manager: contextlib.AbstractContextManager) -> None:
        self._manager = manager

    def __enter__(self) -> Any:
        return contextvars.copy_context().run(self._manager.__enter__)

    def __exit__(self, *exc_info: Any) -> bool | None:
        return contextvars.copy_context().run(self._manager.__exit__, *exc_info)


def _compile(signature: EndpointSignature, code: _Emitter, context_factory: Callable[[Any], Any] | None,
             name: str, first_arguments: list[str], result: str | None, hands_over: bool = False) -> Callable[..., Any]:
    """``result``: what the solver returns, an expression of ``_result`` (the endpoint's value); None for the
    partial solver, which raises."""
    from .request_task import hand_over   # (it needs specials.py, which needs this module)
    from .specials import AfterResponse

    env = code.env
    env.update({"_FastAPIError": FastAPIError, "_NO_RESPONSE": NO_RESPONSE_MESSAGE,
                "_threadpool": run_in_threadpool, "_cm_threadpool": contextmanager_in_threadpool,
                "_Scopes": SecurityScopes, "_cm": contextlib.contextmanager,
                "_acm": contextlib.asynccontextmanager, "_make_context": context_factory,
                "_copy_context": contextvars.copy_context, "_InCopies": _InContextCopies,
                "_hand_over": hand_over, "_AfterResponse": AfterResponse})
    root = signature.root
    run_async = code.run_async
    arguments = first_arguments + [f"a{p.index}" for p in signature.leaves] + (["_raw"] if signature.needs_request else [])
    body: list[str] = []
    if signature.needs_request:
        body.append("_ctx = _make_context(_raw)")
    tree = code.emit_tree(root)
    if signature.has_yield:
        env["_Stack"] = contextlib.AsyncExitStack if run_async else contextlib.ExitStack
        body.append("_stack = _Stack()")
        if result is not None:
            # The response is made (through the response model) inside the dependencies' stacks, as FastAPI makes
            # it: an error rendering it is thrown into them, and scope="function" ones close after it.
            tree = tree + [f"_response = {result}"]
        if _has_function_scope(root):
            # scope="function" dependencies close once the response is made, before it is sent.
            body.append("_fstack = _Stack()")
            tree = _closing("_fstack", tree, run_async) + [_exit("_fstack", "None, None, None", run_async)]
        body += _closing("_stack", tree, run_async)
        if result is not None:
            body += _returning("_response", hands_over)
    else:
        body += tree
        if result is not None:
            body += _returning(result, hands_over)
    uploads = _uploads(signature)
    if uploads and not code.partial:
        env["_close_uploads"] = close_uploads
        body = ["try:"] + ["    " + line for line in body] + [
            "except BaseException:", f"    _close_uploads({uploads})", "    raise"]
    source = f"{'async ' if run_async else ''}def {name}({', '.join(arguments)}):\n" + "\n".join("    " + l for l in body)
    namespace: dict[str, Any] = {}
    exec(compile(source, f"<tachyon plan for {getattr(root.call, '__name__', 'endpoint')}>", "exec"), env, namespace)
    solve = namespace[name]
    solve.__tachyon_source__ = source
    return solve


def _returning(response: str, hands_over: bool) -> list[str]:
    """Returns the response; with ``hands_over``, one with background work goes out from the route's own task, which
    then runs the work (request_task.py)."""
    if not hands_over:
        return [f"return {response}"]
    return ([] if response == "_response" else [f"_response = {response}"]) + [
        "if type(_response.background) is _AfterResponse:",
        "    return await _hand_over(_response)",
        "return _response"]


def _closing(stack: str, lines: list[str], run_async: bool) -> list[str]:
    """``lines`` in a try whose failure is thrown into ``stack`` (its dependencies see it), then re-raised.
    A dependency that swallows it leaves FastAPI without a response: its FastAPIError, as FastAPI raises."""
    return (["try:"] + ["    " + line for line in lines]
            + ["except BaseException as _exc:",
               "    if " + _exit(stack, "type(_exc), _exc, _exc.__traceback__", run_async) + ":",
               "        raise _FastAPIError(_NO_RESPONSE) from None",
               "    raise"])


def _exit(stack: str, arguments: str, run_async: bool) -> str:
    return f"await {stack}.__aexit__({arguments})" if run_async else f"{stack}.__exit__({arguments})"


def _has_function_scope(node: Dependant) -> bool:
    return any((child.computed_scope == "function" and child.kind in ("generator", "async_generator"))
               or _has_function_scope(child) for child in node.children)


def _is_plain(root: Dependant) -> bool:
    return all(kind == "leaf" for _, kind, _ in root.arguments)


def _positional(root: Dependant) -> bool:
    """The engine passes leaves positionally: fine when they are the endpoint's parameters, in order. FastAPI calls
    with keywords: a decorator's wrapper (``functools.wraps``, a ``__signature__``) may read them from its ``**kwargs``
    (a cache key, an ownership check) or forward them to a function whose parameters differ, so it gets keywords."""
    import inspect

    call = root.call
    if not inspect.isroutine(call) or hasattr(call, "__wrapped__") or hasattr(call, "__signature__"):
        return False
    try:
        parameters = [p for p in inspect.signature(call).parameters.values()
                      if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    except (TypeError, ValueError):
        return False
    names = [name for name, _, _ in root.arguments]
    order = [t.index for _, _, t in root.arguments]
    return (names == [p.name for p in parameters] and order == sorted(order) == list(range(len(order)))
            and all(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in parameters))


class _Emitter:
    """Writes the calls of a dependency tree. ``partial``: guard each dependency by the leaves under it
    (skip it when one failed validation) and raise ``_error`` instead of calling the endpoint."""

    def __init__(self, env: dict[str, Any], run_async: bool, partial: bool) -> None:
        self.env = env
        self.run_async = run_async
        self.partial = partial
        self.lines: list[str] = []
        self.cache: dict[tuple, str] = {}
        self.first_use: dict[tuple, Dependant] = {}
        self.below: dict[int, frozenset[int]] = {}   # partial: id(dependant) -> leaf indices its value rests on
        self.count = 0

    def emit_tree(self, root: Dependant) -> list[str]:
        self.lines = []
        if self.partial:
            for name, kind, target in root.arguments:
                if kind == "dependency":
                    self._value(target)
            self.lines.append("raise _error")
            return self.lines
        result = self._call(root)
        self.lines.append(f"_result = {result}")
        return self.lines

    def _constant(self, value: Any) -> str:
        name = f"_k{len(self.env)}"
        self.env[name] = value
        return name

    def _value(self, node: Dependant) -> str:
        if node.use_cache and node.cache_key in self.cache:
            if self.partial:
                self.below[id(node)] = self.below[id(self.first_use[node.cache_key])]
            else:
                # FastAPI solves a dependency's own dependencies before it looks its value up in the cache: those
                # with use_cache=False run again at every use (cached ones are looked up, so this writes no call).
                for child in node.children:
                    self._value(child)
            return self.cache[node.cache_key]
        expression = self._call(node, dependency=True)   # writes the sub-dependencies' calls first
        var = f"v{self.count}"
        self.count += 1
        if self.partial:
            # The leaves a dependency's value rests on: its own and its sub-dependencies' (a cached one's
            # are those of its first use, the one that was bound). FastAPI skips a dependency when one
            # of them failed; its dependants are skipped too.
            below = frozenset(p.index for p in node.leaves()).union(*(self.below[id(c)] for c in node.children))
            self.below[id(node)] = below
            self.lines += [f"{var} = None", f"if not (_failed & {self._constant(below)}):", f"    {var} = {expression}"]
        else:
            self.lines.append(f"{var} = {expression}")
        if node.cache_key not in self.cache:   # FastAPI caches the first value, use_cache=False or not: a later
            self.cache[node.cache_key] = var    # cached use of the same dependency takes it
            self.first_use[node.cache_key] = node
        return var

    def _call(self, node: Dependant, dependency: bool = False) -> str:
        args = []
        for name, kind, target in node.arguments:
            if kind == "leaf":
                value = f"a{target.index}"
            elif kind == "dependency":
                value = self._value(target)
            elif target == "security_scopes":
                value = f"_Scopes({self._constant(node.oauth_scopes)})"
            else:
                value = {"request": "_ctx.request", "response": "_ctx.response",
                         "background_tasks": "_ctx.background"}[target]
            if name:  # route-level dependencies have no parameter: run for their effects only
                args.append(f"{name}={value}")
        fn = self._constant(node.call)
        call = f"{fn}({', '.join(args)})"
        if node.kind == "coroutine":
            return f"await {call}"
        stack = "_fstack" if node.computed_scope == "function" else "_stack"
        if node.kind == "generator" and self.run_async:
            # FastAPI enters and exits a plain generator dependency in the thread pool on an async route.
            return f"await {stack}.enter_async_context(_cm_threadpool(_cm({fn})({', '.join(args)})))"
        if node.kind == "generator":
            # As FastAPI's thread pool: its enter and its exit each in a copy of the request's context.
            return f"{stack}.enter_context(_InCopies(_cm({fn})({', '.join(args)})))"
        if node.kind == "async_generator":
            return f"await {stack}.enter_async_context(_acm({fn})({', '.join(args)}))"
        if self.run_async:
            # A plain function (endpoint, dependency or class) on an async route runs in the thread pool,
            # as in FastAPI, so that blocking I/O in it does not stall the event loop.
            return f"await _threadpool({', '.join([fn, *args])})"
        if dependency:
            # FastAPI runs a plain dependency in its thread pool, in a copy of the request's context: what it
            # sets in a ContextVar is not seen by the endpoint.
            return f"_copy_context().run({', '.join([fn, *args])})"
        return call
