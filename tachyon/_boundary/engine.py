"""The engine as the API layer sees it: one per process, started on first use, stopped at exit."""
from __future__ import annotations

import atexit
import os
import signal
import threading

from . import anyio_threads
from .lanes import DEFAULT_SYNC_LANES, Lanes, restore_python_task_set
from .native import EngineError, Native

_engine: Engine | None = None
_engine_lock = threading.Lock()
_forked_from: int | None = None   # in a child forked after the engine loaded: the parent's pid


def get_engine() -> Engine:
    """Loads the CLR and starts the lanes on first call (about 0.2 s); later calls are free."""
    global _engine
    with _engine_lock:
        if _forked_from is not None:
            raise EngineError(f"this process was forked from process {_forked_from}, which had loaded the engine: "
                              "the engine's threads do not survive a fork, so it cannot serve here (start the "
                              "process with multiprocessing's 'spawn' method, or fork before using the app)")
        if _engine is None:
            _engine = Engine()
        return _engine


def _after_fork_in_child() -> None:
    """A child of fork() has the parent's memory but none of its threads, the CLR's included: a call into
    the engine would crash or hang. The child drops the engine (its exit no longer stops servers that are
    not its own) and gives asyncio back its own task registration."""
    global _engine, _engine_lock, _forked_from
    _engine_lock = threading.Lock()   # it may have been held by a thread that is gone
    if _engine is not None:
        atexit.unregister(_engine.shutdown)
        _forked_from = _engine.pid
        _engine = None
        restore_python_task_set()


os.register_at_fork(after_in_child=_after_fork_in_child)


def reclaim_signals() -> None:
    """The CLR installs its own SIGTERM (and, once the console is touched, SIGINT) handlers when it
    loads; Python must own signals so that shutdown is graceful. Re-installing Python's current
    handlers takes them back."""
    if threading.current_thread() is not threading.main_thread():
        return
    for sig in (signal.SIGTERM, signal.SIGINT):
        handler = signal.getsignal(sig)
        signal.signal(sig, handler if handler is not None else signal.SIG_DFL)


class Engine:
    def __init__(self) -> None:
        from ..encoders import to_json_compatible
        from .._endpoint.asgi_response import materialize
        from ..responses import Response, json_body
        from .._testclient import peers

        self.pid = os.getpid()
        self.native = Native()
        reclaim_signals()
        self.lanes = Lanes(self.native, int(os.environ.get("TACHYON_SYNC_LANES", DEFAULT_SYNC_LANES)))
        # Requests start from a copy of the context the engine started in, as uvicorn's tasks copy the
        # context the server was started in (module-level ContextVar.set() calls are seen); a TestClient's from a
        # copy of the test's (peers.request_context), as Starlette's TestClient runs the app.
        self.native.initialize((self.lanes.watch_task, to_json_compatible, Response, self.lanes.run_background,
                                anyio_threads.base_context(), materialize, json_body, self.lanes.run_on_caller,
                                peers.request_context))
        self.lanes.start()
        self._servers: set[ServerHandle] = set()
        atexit.register(self.shutdown)

    def create_server(self, options: dict) -> ServerHandle:
        server = ServerHandle(self, self.native.server_create(options))
        self._servers.add(server)
        return server

    def stats(self) -> dict:
        return self.native.stats()

    def settle_background(self, timeout: float) -> list[BaseException]:
        """For the TestClient: waits until the work after every response sent so far has finished (Starlette's
        TestClient returns only then); returns the failures kept meanwhile."""
        return self.lanes.settle_background(self.native.background_queued(), timeout)

    def shutdown(self) -> None:
        """Stops every server (letting requests in flight finish) before the interpreter finalizes."""
        for server in list(self._servers):
            server.stop()
        self.lanes.stop()


class ServerHandle:
    def __init__(self, engine: Engine, handle: int) -> None:
        self._engine = engine
        self._handle = handle
        self.port: int | None = None

    def add_route(self, plan: dict, objects: tuple) -> None:
        self._engine.native.server_add_route(self._handle, plan, objects)

    def publish_routes(self) -> None:
        """Serves the routes added since the server started (the whole table again) instead of the current ones."""
        self._engine.native.server_publish_routes(self._handle)

    def replace_route(self, index: int, plan: dict, objects: tuple) -> None:
        self._engine.native.server_replace_route(self._handle, index, plan, objects)

    def set_test_client_peer(self, port: int, scheme: str | None, root_path: str = "", on_caller_loop: bool = False) -> None:
        """Registers the TestClient's loopback connection from ``port`` (None: forgets it): its requests have
        ``scheme`` and are routed under ``root_path``; their forwarded headers are plain headers. With
        ``on_caller_loop`` (an ASGI call's), their coroutines go to that call (``lanes.caller_hand_overs[port]``)."""
        self._engine.native.server_set_test_client_peer(self._handle, port, scheme, root_path, on_caller_loop)

    def start(self, host: str, port: int) -> int:
        self.port = self._engine.native.server_start(self._handle, host, port)
        reclaim_signals()
        return self.port

    def stop(self, timeout: float = 10.0) -> None:
        if self in self._engine._servers:
            self._engine._servers.discard(self)
            self._engine.native.server_stop(self._handle, int(timeout * 1000))
