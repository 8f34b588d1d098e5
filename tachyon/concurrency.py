"""Running blocking code without blocking the event loop: FastAPI's ``fastapi.concurrency`` (Starlette's
``run_in_threadpool``, ``iterate_in_threadpool``, ``run_until_first_complete`` and FastAPI's own
``contextmanager_in_threadpool``) on a thread pool of Tachyon's instead of anyio's worker threads.

As many calls run at once as anyio's default thread limiter allows (40 tokens, or what the app set its
``total_tokens`` to, once the app has imported anyio), as on FastAPI's pool: asyncio's default executor has
only ``cpu_count + 4`` threads, so blocking calls (and ``def`` dependencies of ``async`` routes) would queue."""
from __future__ import annotations

import asyncio
import functools
import os
import sys
import weakref
from concurrent.futures import ThreadPoolExecutor
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import AbstractContextManager, asynccontextmanager
from typing import Any, TypeVar

from ._boundary.anyio_threads import base_context, call_as_worker

T = TypeVar("T")

__all__ = ["asynccontextmanager", "contextmanager_in_threadpool", "iterate_in_threadpool",
           "run_in_threadpool", "run_until_first_complete"]


_DEFAULT_TOKENS = 40   # anyio's default thread limiter's
_pools: dict[int, ThreadPoolExecutor] = {}   # pid -> the pool: a forked worker's threads are not its parent's
_limiters: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = weakref.WeakKeyDictionary()


def _pool() -> ThreadPoolExecutor:
    """This process's pool. Its threads start as calls need them; the limiter, not its size, bounds how many calls
    run at once."""
    pid = os.getpid()
    pool = _pools.get(pid)
    if pool is None:
        _pools.clear()   # a parent's, inherited by fork: its threads do not exist here
        pool = _pools[pid] = ThreadPoolExecutor(max_workers=1024, thread_name_prefix="tachyon-threadpool")
    return pool


def _limiter(loop: asyncio.AbstractEventLoop) -> Any:
    """anyio's default thread limiter of this loop once the app has imported anyio (its settings count), else a
    semaphore of as many tokens."""
    if "anyio" in sys.modules:
        try:
            from anyio.to_thread import current_default_thread_limiter

            return current_default_thread_limiter()
        except (ImportError, RuntimeError):   # an anyio without it, or a loop sniffio does not recognise
            pass
    limiter = _limiters.get(loop)
    if limiter is None:
        limiter = _limiters[loop] = asyncio.Semaphore(_DEFAULT_TOKENS)
    return limiter


async def run_in_threadpool(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run ``func`` in the thread pool and await its result (contextvars preserved). As on anyio's worker threads,
    ``anyio.from_thread`` works in ``func``."""
    loop = asyncio.get_running_loop()
    # A copy of the caller's context without sniffio's async-library mark, as anyio's to_thread runs it.
    call = functools.partial(base_context().run, func, *args, **kwargs)
    async with _limiter(loop):
        return await loop.run_in_executor(_pool(), call_as_worker, loop, call)


class _Exhausted(Exception):
    """StopIteration cannot cross a Future (asyncio turns it into a RuntimeError), so it is renamed."""


def _next(iterator: Iterator[T]) -> T:
    try:
        return next(iterator)
    except StopIteration:
        raise _Exhausted from None


async def iterate_in_threadpool(iterable: Iterable[T]) -> AsyncIterator[T]:
    """Iterate a blocking iterator, each ``next()`` in the thread pool, as an async iterator."""
    iterator = iter(iterable)
    while True:
        try:
            yield await run_in_threadpool(_next, iterator)
        except _Exhausted:
            break


@asynccontextmanager
async def contextmanager_in_threadpool(cm: AbstractContextManager[T]) -> AsyncIterator[T]:
    """Enter and exit a blocking context manager in the thread pool; an exception raised in the
    ``async with`` body is passed to its ``__exit__``, which may suppress it (as with ``with``)."""
    value = await run_in_threadpool(cm.__enter__)
    try:
        yield value
    except Exception as error:
        suppressed = await run_in_threadpool(cm.__exit__, type(error), error, error.__traceback__)
        if not suppressed:
            raise
    else:
        await run_in_threadpool(cm.__exit__, None, None, None)


async def run_until_first_complete(*args: tuple[Callable[..., Any], dict[str, Any]]) -> None:
    """Run ``func(**kwargs)`` coroutines concurrently; when the first finishes, cancel the others."""
    tasks = [asyncio.ensure_future(func(**kwargs)) for func, kwargs in args]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            task.result()
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
