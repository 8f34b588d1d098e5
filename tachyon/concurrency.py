"""Running blocking code without blocking the event loop: FastAPI's ``fastapi.concurrency`` (Starlette's
``run_in_threadpool``, ``iterate_in_threadpool``, ``run_until_first_complete`` and FastAPI's own
``contextmanager_in_threadpool``) on asyncio's default executor instead of anyio's."""
from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import AbstractContextManager, asynccontextmanager
from typing import Any, TypeVar

from ._boundary.anyio_threads import base_context, call_as_worker

T = TypeVar("T")

__all__ = ["asynccontextmanager", "contextmanager_in_threadpool", "iterate_in_threadpool",
           "run_in_threadpool", "run_until_first_complete"]


async def run_in_threadpool(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run ``func`` in the event loop's default thread pool and await its result (contextvars preserved). As on
    anyio's worker threads, ``anyio.from_thread`` works in ``func``."""
    loop = asyncio.get_running_loop()
    # A copy of the caller's context without sniffio's async-library mark, as anyio's to_thread runs it.
    call = functools.partial(base_context().run, func, *args, **kwargs)
    return await loop.run_in_executor(None, call_as_worker, loop, call)


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
