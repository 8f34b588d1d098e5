"""A response's background work (its background tasks, then the exit code of ``yield`` dependencies) in the request's
own asyncio task, as FastAPI runs it: code that ties something to the task sees the same one before and after the
response (SQLAlchemy's ``async_scoped_session`` keyed on ``asyncio.current_task()``, an ``anyio.Lock`` or cancel scope
held across a dependency's ``yield``; in another task, anyio refuses to release them and the lock stays held).

The route's solver hands its response over and waits (``hand_over``): the engine sees the task pending after its
step, takes the response from here (``taken``, called by the lanes' ``watch_task``) and sends it, or, when the task
suspended earlier (say, acquiring a lock), the engine already watches it and the response is sent at once; the response's
background is then ``resume``, which the engine runs once the response is sent: it wakes the request's task, which
runs the work, and finishes with it (its failure is the background work's, reported as before).
Only on the engine's loop: an ASGI call's request runs in the caller's task already.
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable

from ..responses import Response

_handed_over: dict[asyncio.Task, Response] = {}   # handed over before the engine watched the task
_watchers: dict[asyncio.Task, Callable[[Response], None]] = {}   # how to send the response of a watched task
_sent_early: set[asyncio.Task] = set()   # watched tasks whose response went out before they finished


def taken(task: asyncio.Task) -> Response | None:
    """The response ``task`` handed over in its first step, if it did (then forgotten)."""
    return _handed_over.pop(task, None)


def watch(task: asyncio.Task, send: Callable[[Response], None]) -> None:
    """The engine watches ``task`` (it suspended before handing over): ``send(response)`` completes its request."""
    _watchers[task] = send


def finished(task: asyncio.Task) -> bool:
    """Whether the watched ``task``, now done, sent its response already (its outcome is then no response)."""
    _watchers.pop(task, None)
    if task in _sent_early:
        _sent_early.discard(task)
        return True
    return False


async def hand_over(response: Response) -> Response | None:
    """Sends ``response``, whose background is an ``AfterResponse`` (the solver checks), from the request's task and
    runs that work there; None once it is done. A request not on the engine's loop gets the response as it is."""
    from .._boundary import engine   # running: the engine exists (not made here)

    work = response.background
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    if task is None or engine._engine is None or loop is not engine._engine.lanes.loop:
        return response
    sent, finished = loop.create_future(), loop.create_future()

    async def resume() -> None:   # the response's background, as the engine sees it
        if not sent.done():
            sent.set_result(None)
        await finished

    response.background = resume
    send = _watchers.pop(task, None)
    if send is None:
        _handed_over[task] = response   # the engine takes it once this step ends
    else:
        _sent_early.add(task)
        send(response)
    try:
        await sent
        await work()
    except BaseException as error:
        if not finished.done():
            finished.set_exception(error)
        if not isinstance(error, Exception):   # a cancellation goes on
            raise
    else:
        finished.set_result(None)
    return None
