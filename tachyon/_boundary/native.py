"""The engine's exports as Python callables, in the order Exports.GetExports fills its table.

``held`` exports run with the GIL held (ctypes.PYFUNCTYPE): they touch Python objects. The others go
through CFUNCTYPE, which releases the GIL; anything that may wait for requests in flight must, or it
deadlocks against the lanes that need the GIL to finish those requests.
"""
from __future__ import annotations

import ctypes
import json
from ctypes import POINTER, c_char_p, c_int, c_int64, c_size_t, c_void_p, py_object

from .hostfxr import load_entry_point

_EXPORTS = [
    # name, held, restype, argtypes
    ("initialize", True, c_int, [py_object]),
    ("last_error", False, c_int, [c_char_p, c_int]),
    ("server_create", False, c_int64, [c_char_p, c_int]),
    ("server_add_route", True, c_int, [c_int64, c_char_p, c_int, py_object]),
    ("server_start", False, c_int, [c_int64, c_char_p, c_int, POINTER(c_int)]),
    ("server_stop", False, c_int, [c_int64, c_int]),
    ("loop_lane_attach", True, c_int, [c_int, py_object]),
    ("loop_lane_drain", True, c_int, []),
    ("sync_lane_run", True, c_int, []),
    ("complete", True, c_int, [c_void_p, py_object, py_object, py_object]),
    ("lanes_shutdown", False, c_int, []),
    ("stats", False, c_int, [c_char_p, c_int]),
    ("server_replace_route", True, c_int, [c_int64, c_int, c_char_p, c_int, py_object]),
    ("inline_steps_attach", True, c_int, [py_object]),
    ("eager_tasks_attach", True, c_int, [py_object]),
    ("loop_gate_open", False, c_int, []),
    ("loop_gate_close", False, c_int, []),
    ("server_publish_routes", False, c_int, [c_int64]),
    ("background_queued", False, c_int64, []),
    ("sync_lanes_call", True, c_int, [py_object, c_size_t]),
    ("server_set_test_client_peer", False, c_int, [c_int64, c_int, c_char_p, c_char_p, c_int]),
]


class EngineError(RuntimeError):
    """An engine call failed; the message is the .NET exception's."""


class Native:
    """Typed access to the engine's exports. Calls that fail raise EngineError with the .NET message."""

    def __init__(self) -> None:
        get_exports = ctypes.CFUNCTYPE(c_int, POINTER(c_void_p), c_int)(
            load_entry_point("Tachyon.Engine.Boundary.Exports", "GetExports")
        )
        table = (c_void_p * len(_EXPORTS))()
        count = get_exports(table, len(_EXPORTS))
        if count != len(_EXPORTS):
            raise EngineError(f"the engine exports {count} entry points, this Python side expects {len(_EXPORTS)}")
        for (name, held, restype, argtypes), address in zip(_EXPORTS, table):
            factory = ctypes.PYFUNCTYPE if held else ctypes.CFUNCTYPE
            setattr(self, "_" + name, factory(restype, *argtypes)(address))

    def error(self) -> str:
        buffer = ctypes.create_string_buffer(4096)
        self._last_error(buffer, len(buffer))
        return buffer.value.decode("utf-8", "replace")

    def _check(self, rc: int, what: str) -> int:
        if rc < 0:
            raise EngineError(f"{what}: {self.error()}")
        return rc

    def initialize(self, helpers: tuple) -> None:
        self._check(self._initialize(helpers), "engine initialization failed")

    def server_create(self, options: dict) -> int:
        data = json.dumps(options).encode()
        return self._check(self._server_create(data, len(data)), "cannot create server")

    def server_add_route(self, server: int, plan: dict, objects: tuple) -> None:
        data = json.dumps(plan).encode()
        self._check(self._server_add_route(server, data, len(data), objects), f"cannot add route {plan.get('path')}")

    def server_publish_routes(self, server: int) -> None:
        self._check(self._server_publish_routes(server), "cannot serve the new routes")

    def background_queued(self) -> int:
        return self._background_queued()

    def server_replace_route(self, server: int, index: int, plan: dict, objects: tuple) -> None:
        data = json.dumps(plan).encode()
        self._check(self._server_replace_route(server, index, data, len(data), objects), f"cannot replace route {plan.get('path')}")

    def server_set_test_client_peer(self, server: int, port: int, scheme: str | None, root_path: str,
                                    on_caller_loop: bool) -> None:
        self._check(self._server_set_test_client_peer(server, port, scheme.encode() if scheme is not None else None,
                                                      root_path.encode(), int(on_caller_loop)),
                    "cannot register a TestClient connection")

    def server_start(self, server: int, host: str, port: int) -> int:
        bound = c_int()
        self._check(self._server_start(server, host.encode(), port, ctypes.byref(bound)), f"cannot listen on {host}:{port}")
        return bound.value

    def server_stop(self, server: int, timeout_ms: int) -> None:
        self._check(self._server_stop(server, timeout_ms), "cannot stop server")

    def loop_lane_attach(self, eventfd: int, loop: object) -> None:
        self._check(self._loop_lane_attach(eventfd, loop), "cannot attach the asyncio lane")

    @property
    def loop_lane_drain(self):
        """The raw export, given to the event loop as the eventfd's reader callback (no Python frame per wake)."""
        return self._loop_lane_drain

    def eager_tasks_attach(self, objects: tuple) -> None:
        self._check(self._eager_tasks_attach(objects), "cannot attach eager tasks")

    def inline_steps_attach(self, objects: tuple) -> None:
        self._check(self._inline_steps_attach(objects), "cannot attach inline steps")

    @property
    def loop_gate(self) -> tuple:
        """The raw (open, close) exports the loop calls around each wait in epoll (GIL released)."""
        return self._loop_gate_open, self._loop_gate_close

    def sync_lane_run(self) -> None:
        self._check(self._sync_lane_run(), "sync lane failed")

    def complete(self, ticket: int, result: object, error: object, context: object) -> None:
        self._check(self._complete(ticket, result, error, context), "cannot complete request")

    def sync_lanes_call(self, callable: object, thread: int) -> None:
        self._check(self._sync_lanes_call(callable, thread), "cannot queue a call on the sync lanes")

    def lanes_shutdown(self) -> None:
        self._check(self._lanes_shutdown(), "cannot shut lanes down")

    def stats(self) -> dict:
        buffer = ctypes.create_string_buffer(4096)
        n = self._check(self._stats(buffer, len(buffer)), "cannot read stats")
        return json.loads(buffer.raw[:n])
