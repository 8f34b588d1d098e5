"""The threads that run ``def`` handlers and dependencies pass for anyio worker threads, as the threads of
FastAPI's pool are: there ``anyio.from_thread.run()`` and ``run_sync()`` run code on the event loop and wait for it.

anyio keeps what marks a worker thread in a ``threading.local`` (``anyio._core._eventloop.threadlocals``, set by its
``claim_worker_thread`` and by the worker loop): the backend, the loop as the token, and the cancel scope of the
``to_thread.run_sync`` call, which here is a shielded scope of the thread's own that is never cancelled (the
default ``to_thread.run_sync`` shields its call too). A thread running async code must not carry the marks: waiting
there for the loop would deadlock, where anyio raises. anyio is optional: without it (or with a layout other than
anyio 4's) this does nothing, and threads are marked only once the app has imported anyio: the sync lanes when
they start, a request thread at its first def call, an executor thread at each call until then.
"""
from __future__ import annotations

import asyncio
import contextvars
import sys
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_anyio: tuple | None = None   # (threadlocals, AsyncIOBackend, CancelScope, EventLoopToken); () without a usable anyio
_marked = threading.local()   # .loop: the loop this thread is marked for


def _anyio_parts() -> tuple:
    """anyio's parts once the app has imported anyio (code that calls anyio.from_thread has); Tachyon does not
    import it itself, which would take about 0.15 s at every start."""
    global _anyio
    if _anyio is None:
        if "anyio" not in sys.modules:
            return ()
        try:
            from anyio._backends._asyncio import AsyncIOBackend, CancelScope
            from anyio._core._eventloop import threadlocals
        except (ImportError, AttributeError):   # no anyio, or not the layout of anyio 4
            _anyio = ()
        else:
            try:
                from anyio.lowlevel import EventLoopToken   # anyio 4.11+: the token names its backend
            except ImportError:
                EventLoopToken = None
            _anyio = (threadlocals, AsyncIOBackend, CancelScope, EventLoopToken)
    return _anyio


def base_context() -> contextvars.Context:
    """A copy of the current context for requests to start from, without sniffio's mark of the running async
    library (an engine started from an anyio test has it): def code runs on threads, where anyio's ``to_thread``
    clears it, and libraries ask sniffio whether they run in async code; async code on the loop is still found to
    be asyncio's, through its running task. Also the context a call in the thread pool runs in
    (``run_in_threadpool``)."""
    context = contextvars.copy_context()
    sniffio = sys.modules.get("sniffio")
    library = getattr(sniffio, "current_async_library_cvar", None)
    if library is not None and context.get(library) is not None:
        context.run(library.set, None)
    return context


def call_as_worker(loop: asyncio.AbstractEventLoop, func: Callable[..., T], *args: Any) -> T:
    """Calls ``func`` on a thread of ``loop``'s executor, marked as a worker thread of ``loop`` first (the marks
    stay: the thread serves that executor only)."""
    if getattr(_marked, "loop", None) is not loop or _anyio is None:
        mark(loop)
    return func(*args)


def mark(loop: asyncio.AbstractEventLoop | None) -> None:
    """Marks the calling thread as a worker thread of ``loop``, or clears the marks (None)."""
    parts = _anyio_parts()
    _marked.loop = loop
    if not parts:
        return
    threadlocals, backend, cancel_scope, event_loop_token = parts
    if loop is None:
        for name in ("current_async_backend", "current_token", "current_cancel_scope"):
            threadlocals.__dict__.pop(name, None)
        return
    threadlocals.current_async_backend = backend   # read by anyio before 4.11
    threadlocals.current_token = loop if event_loop_token is None else event_loop_token(backend, loop)
    threadlocals.current_cancel_scope = cancel_scope(shield=True)
