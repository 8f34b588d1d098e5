"""Starting a handler's coroutine as an asyncio Task whose first step runs right now (what Python 3.12's
eager tasks do, done by hand for 3.11).

Most handlers finish in their first step and never need the loop: running that step at once saves a
loop iteration per request. It still runs inside a real Task, the one that goes on if the coroutine
suspends: FastAPI runs every endpoint in its request's task, and code relies on that
(``asyncio.current_task()``, ``asyncio.timeout()``, anyio cancel scopes, so httpx's AsyncClient).
"""
from __future__ import annotations

import asyncio
import contextvars


def start_eagerly(coro, loop: asyncio.AbstractEventLoop, context: contextvars.Context | None = None) -> asyncio.Task:
    """Only on the thread that may run ``loop``'s code now (its own, or an inline step's: see LoopGate.cs).
    ``context``: the task's context, which the caller has entered (the engine's per-request context), or
    None for a copy of the current one."""
    # Task() schedules its first step with loop.call_soon, looked up on the loop object: an instance
    # attribute shadows the method for that one call, and the step is run here instead. (Scheduling it
    # and taking it back out of the ready queue costs a Handle and several Python frames: microseconds
    # on every request.)
    loop.call_soon = _take_first_step
    try:
        task = asyncio.Task(coro, loop=loop, context=context)
    finally:
        del loop.call_soon
    step, step_context = _first_step.pop()
    if context is None:
        step_context.run(step)
    else:
        step()   # already in its context
    return task


_first_step: list = []   # only touched under the loop's gate: one thread at a time


def _take_first_step(step, *, context):
    _first_step.append((step, context))


def outcome(task: asyncio.Task) -> tuple:
    """(result, None) or (None, exception) of a finished task; a cancelled one failed with CancelledError."""
    if task.cancelled():
        return None, asyncio.CancelledError()
    error = task.exception()
    return (None, error) if error is not None else (task.result(), None)
