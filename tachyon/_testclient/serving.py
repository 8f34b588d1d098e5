"""The servers TestClients start. An app serves while a TestClient of it is open. When its last client closes, the
server stays up, idle, while it is one of the last few released (``IDLE_SERVERS``): a suite that makes a client per
test for one app (a fixture with ``with TestClient(app)``) does not stop and start the app's server, and compile its
routes again, for every test. Older idle servers stop, so a suite that builds an app per test does not keep a
listening socket (and the engine's connection state) per app. A client dropped without ``close()`` releases its app
when the garbage collector finalizes it, but that is counted only the next time a TestClient starts serving: the
collector may run on a lane thread, and stopping waits for requests that may need that lane."""
from __future__ import annotations

import threading
from typing import Any

_lock = threading.Lock()
_clients: dict[Any, int] = {}     # app -> its open TestClients
_started: set[Any] = set()        # apps whose server a TestClient started (not `tachyon run`'s)
_released: list[Any] = []         # apps of clients the collector finalized: released at the next hold()
_idle: list[Any] = []             # started apps no client holds, still serving, the last released last

IDLE_SERVERS = 2


def hold(app: Any) -> int:
    """One more client of ``app``: the port it serves on (started on a free loopback port if needed)."""
    _stop_released()
    with _lock:
        _clients[app] = _clients.get(app, 0) + 1
        if app in _idle:
            _idle.remove(app)
        elif app._server is None:
            _started.add(app)
    return app.start("127.0.0.1", 0).port


def release(app: Any) -> None:
    """One client fewer; the last one leaves the server a client started idle (and the oldest idle one stops)."""
    with _lock:
        stopping = _drop(app)
    for idle in stopping:
        idle.stop()


def release_later(app: Any) -> None:
    """``release`` for a client the garbage collector finalized. It takes no lock: the collector may have
    interrupted this very thread while it held it."""
    _released.append(app)


def _stop_released() -> None:
    with _lock:
        released = _released[:]
        del _released[:len(released)]
        stopping = [idle for app in released for idle in _drop(app)]
    for app in stopping:
        app.stop()


def _drop(app: Any) -> list[Any]:
    """With the lock held: one client fewer. The last one of a server a client started makes it idle; returns the
    apps whose servers must stop now (the idle ones past ``IDLE_SERVERS``)."""
    left = _clients.get(app, 0) - 1
    if left > 0:
        _clients[app] = left
        return []
    _clients.pop(app, None)
    if app not in _started:
        return []
    _idle.append(app)
    stopping = _idle[:-IDLE_SERVERS]
    del _idle[:-IDLE_SERVERS]
    _started.difference_update(stopping)
    return stopping
