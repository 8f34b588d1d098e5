"""The Python side of the engine's lanes: the threads that hold the GIL to run handlers.

* The asyncio lane is the thread of the engine's event loop. Every ``async def`` handler runs in its own
  task on it, whose first step the engine runs at once (EagerTasks.cs): the engine queues the request here
  and wakes the loop through an eventfd (once per batch, not per request), which drains the queue with the
  GIL held. The few tasks that really suspend go on on this loop. So all async code runs on this thread, as
  in FastAPI. With TACHYON_INLINE_ASYNC=1, a first step runs on the request's own thread while the loop
  waits in epoll (see loop_gate.py): faster, but async code then runs on several threads. An ASGI call's requests are the
  exception: their coroutines run in the task that awaits the call, their background work on its loop.
* The sync lanes are a pool of threads for plain ``def`` handlers. Normally one drains everything;
  the engine wakes another when the draining one is blocked (FastAPI's thread-pool guarantee). The loop
  can run other blocking calls there too (``run_on_sync_lane``).
"""
from __future__ import annotations

import asyncio
import contextvars
import functools
import os
import sys
import threading
import traceback
from collections.abc import Callable

from .._endpoint import request_task
from . import anyio_threads
from .loop_gate import GatedSelector
from .native import Native

DEFAULT_SYNC_LANES = 40  # FastAPI's (anyio's) default thread-pool size for def endpoints


class Lanes:
    def __init__(self, native: Native, sync_lanes: int = DEFAULT_SYNC_LANES) -> None:
        self._native = native
        self._sync_count = sync_lanes
        self.loop: asyncio.AbstractEventLoop | None = None
        self._loop_ready = threading.Event()
        self._threads: list[threading.Thread] = []
        # Background work finished (the engine counts what it queued), and its failures while a TestClient
        # keeps them to raise in the test.
        self._background_done = 0
        self._background_settled = threading.Condition()
        self.keep_background_failures = False
        self._background_failures: list[BaseException] = []
        # The local port of each ASGI call's loopback connection -> a thread-safe callable handing that call a
        # (run, drop) pair of callables: it awaits ``run()`` in its task on its loop, or calls ``drop()`` if it never
        # will (see run_on_caller and run_background).
        self.caller_hand_overs: dict[int, Callable[[tuple], None]] = {}

    def start(self) -> None:
        loop_thread = threading.Thread(target=self._run_loop, name="tachyon-asyncio-lane", daemon=True)
        loop_thread.start()
        self._threads.append(loop_thread)
        for i in range(self._sync_count):
            t = threading.Thread(target=self._run_sync_lane, name=f"tachyon-sync-lane-{i}", daemon=True)
            t.start()
            self._threads.append(t)
        self._loop_ready.wait()

    def stop(self) -> None:
        self._native.lanes_shutdown()
        if self.loop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self.loop.stop)
        for t in self._threads:
            t.join(timeout=2)

    # -- asyncio lane -------------------------------------------------------------------------

    def _run_loop(self) -> None:
        native = self._native
        # FastAPI runs all async code on the loop's thread; stepping handlers on request threads is opt-in.
        steps_async = os.environ.get("TACHYON_INLINE_ASYNC") == "1"
        loop = asyncio.SelectorEventLoop(GatedSelector(native.loop_gate) if steps_async else None)
        asyncio.set_event_loop(loop)
        self.loop = loop
        wake_fd = os.eventfd(0, os.EFD_NONBLOCK | os.EFD_CLOEXEC)
        # The engine's drain export is the reader callback itself; it resets the eventfd.
        loop.add_reader(wake_fd, native.loop_lane_drain)
        native.loop_lane_attach(wake_fd, loop)
        # asyncio's WeakSet of all tasks (None on Pythons that keep tasks otherwise): see TaskRegistry.cs.
        native.eager_tasks_attach((loop, asyncio.Task, getattr(asyncio.tasks, "_all_tasks", None)))
        if not loop.get_debug() and os.environ.get("TACHYON_INLINE_STEPS") != "0":  # debug mode checks that only the loop's thread calls it
            native.inline_steps_attach((self._request_thread_runs, loop, loop._ready, loop._scheduled, steps_async))
        self._loop_ready.set()
        try:
            loop.run_forever()
        finally:
            loop.remove_reader(wake_fd)
            os.close(wake_fd)

    def _request_thread_runs(self, loop: asyncio.AbstractEventLoop | None) -> None:
        """Called by the engine on a request thread (one Python did not start) before its first handler and when it
        switches between async steps (``loop``: the engine's loop runs there) and def calls (None: no running loop,
        and the thread passes for an anyio worker thread of the engine's loop, as on FastAPI's pool)."""
        asyncio.events._set_running_loop(loop)
        anyio_threads.mark(None if loop is not None else self.loop)

    def watch_task(self, task: asyncio.Task, ticket: int, context) -> None:
        """Called by the engine for a handler's task still pending after its first step (see EagerTasks.cs):
        completes the request when it finishes, in ``context`` (the task's, so the response and its
        background tasks see what the handler set; None: a copy of the current one). A task that handed its
        response over (request_task.py) completes the request with that response now, and goes on with its
        background work."""
        response = request_task.taken(task)
        if response is not None:
            self._native.complete(ticket, response, None, context)
            return
        request_task.watch(task, lambda response: self._native.complete(ticket, response, None, context))
        task.add_done_callback(functools.partial(self._finished, ticket, context), context=context)

    def _finished(self, ticket: int, context, task: asyncio.Task) -> None:
        if request_task.finished(task):   # it sent its response already (then ran its background work)
            return
        # The context goes back with the outcome: the response's background work runs in that very object.
        try:
            result = task.result()   # raises the task's exception, CancelledError if it was cancelled
        except BaseException as error:
            self._native.complete(ticket, None, error, context)
        else:
            self._native.complete(ticket, result, None, context)

    def run_on_caller(self, coroutine, ticket: int, port: int) -> None:
        """Called by the engine for a request of the ASGI call from ``port``: hands its coroutine (a handler's, an
        exception handler's) to that call, which awaits it in its own task (an ASGI app's code runs in the task
        that awaits the app: its ``current_task()``, its contextvars, its cancellation)."""
        self.caller_hand_overs[port]((functools.partial(self._await_for_engine, coroutine, ticket),
                                 functools.partial(self._drop_for_engine, coroutine, ticket)))

    async def _await_for_engine(self, coroutine, ticket: int) -> None:
        """Awaits a coroutine run_on_caller handed over, then completes its request with the outcome (a
        cancellation too, then raised again: the request ends, and so does the call)."""
        try:
            result = await coroutine
        except BaseException as error:
            self._native.complete(ticket, None, error, None)
            if not isinstance(error, Exception):
                raise
        else:
            self._native.complete(ticket, result, None, None)

    def _drop_for_engine(self, coroutine, ticket: int) -> None:
        """A coroutine run_on_caller handed over that will never be awaited: its request ends as cancelled."""
        coroutine.close()
        self._native.complete(ticket, None, asyncio.CancelledError(), None)

    def run_background(self, work: tuple, port: int) -> None:
        """Called by the engine on the loop thread once a response was sent: run its background work
        (a (callable, the request's contextvars.Context) pair) in the request's context; for the ASGI call from
        ``port``, in that call's task instead, after it sent the response, as Starlette runs a response's
        background work (and FastAPI a yield dependency's exit) in the task the request ran in: a
        ``var.reset(token)`` there finds the context its ``var.set()`` made the token in."""
        hand_over = self.caller_hand_overs.get(port)
        if hand_over is None:
            self._start_background(work)
            return
        try:
            hand_over((functools.partial(self._await_background, work[0]),
                       functools.partial(self._background_finished, asyncio.CancelledError())))
        except RuntimeError as closed:   # the caller's loop ended before the work could start
            self._background_finished(closed)

    async def _await_background(self, callback) -> None:
        try:
            await callback()
        except BaseException as error:
            self._background_finished(error)
            if not isinstance(error, Exception):
                raise
        else:
            self._background_finished(None)

    def _start_background(self, work: tuple) -> None:
        callback, context = work
        try:
            task = self.loop.create_task(context.run(callback), context=context)
        except BaseException as error:   # e.g. a callable that is not a coroutine function
            self._background_finished(error)
            return
        task.add_done_callback(lambda task: self._background_finished(None if task.cancelled() else task.exception()))

    def _background_finished(self, error: BaseException | None) -> None:
        with self._background_settled:
            if error is not None:
                if self.keep_background_failures:
                    self._background_failures.append(error)
                else:
                    print("tachyon: a background task failed", file=sys.stderr)
                    traceback.print_exception(error)
            self._background_done += 1
            self._background_settled.notify_all()

    def settle_background(self, queued: int, timeout: float) -> list[BaseException]:
        """Waits (up to ``timeout``) until ``queued`` pieces of background work have finished; returns the
        failures kept since the last call."""
        with self._background_settled:
            self._background_settled.wait_for(lambda: self._background_done >= queued, timeout)
            failures, self._background_failures = self._background_failures, []
        return failures

    # -- sync lanes ---------------------------------------------------------------------------

    def run_on_sync_lane(self, func, thread: int = 0) -> asyncio.Future:
        """Called on the loop: runs ``func()`` on a sync lane, in a copy of the current context (as
        ``run_in_threadpool``), and returns a future of its outcome. On the lane of ``thread`` (an ident from
        ``threading.get_ident()``) if it is idle; otherwise on the lane that drains the queue next."""
        loop = asyncio.get_running_loop()   # the engine's, or an ASGI caller's
        future = loop.create_future()
        call = functools.partial(contextvars.copy_context().run, func)

        def run() -> None:
            try:
                result = call()
            except BaseException as error:
                loop.call_soon_threadsafe(_settle, future, None, error)
            else:
                loop.call_soon_threadsafe(_settle, future, result, None)

        self._native.sync_lanes_call(run, thread)
        return future

    def _run_sync_lane(self) -> None:
        self._loop_ready.wait()
        anyio_threads.mark(self.loop)   # def code runs here, as on FastAPI's pool
        try:
            self._native.sync_lane_run()  # returns at shutdown; releases the GIL whenever it waits
        except Exception as exc:  # the lane must not die silently
            print(f"tachyon: sync lane stopped: {exc}", file=sys.stderr)


def _settle(future: asyncio.Future, result, error: BaseException | None) -> None:
    if future.cancelled():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


def restore_python_task_set() -> None:
    """Undoes the engine's native registration of asyncio tasks (TaskRegistry.cs) in a process where the
    engine cannot run (a forked child): WeakSet's own add again, and every live task re-registered with
    WeakSet's own removal callback. Dropping the old references runs no callback."""
    tasks = getattr(asyncio.tasks, "_all_tasks", None)
    if tasks is None or "add" not in vars(tasks):
        return
    del tasks.add
    alive = [reference() for reference in list(tasks.data)]
    tasks.data.clear()
    for task in alive:
        if task is not None:
            tasks.add(task)
