"""Continuing, on the asyncio loop, a coroutine the engine already stepped once on the lane.

The engine calls ``coro.send(None)`` itself: most handlers finish in that first step and never touch
the loop. One that yields a future has to become a real asyncio Task (so current_task(), timeouts and
cancellation work), but a Task would send(None) into it again from the start of its protocol. ``_resume``
bridges that: it first re-yields the future the coroutine is already waiting on, then delegates.
"""
from __future__ import annotations

import types


@types.coroutine
def resume(coro, pending):
    """Yield ``pending`` (what ``coro`` yielded on its first step) to the Task, then keep delegating."""
    while True:
        try:
            sent = yield pending
        except GeneratorExit:
            coro.close()
            raise
        except BaseException as exc:  # cancellation and throw() go into the handler's coroutine
            step, arg = coro.throw, exc
        else:
            step, arg = coro.send, sent
        try:
            pending = step(arg)
        except StopIteration as stop:
            return stop.value
