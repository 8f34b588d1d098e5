"""The servers TestClients start. An app serves while a TestClient of it is open; closing the last one stops
the server it started, so a suite that builds an app per test does not keep a listening socket (and the
engine's connection state) per app. A client dropped without ``close()`` releases its app when the garbage
collector finalizes it, but the server is stopped only the next time a TestClient starts serving: the
collector may run on a lane thread, and stopping waits for requests that may need that lane."""
from __future__ import annotations

import threading
from typing import Any

_lock = threading.Lock()
_clients: dict[Any, int] = {}     # app -> its open TestClients
_started: set[Any] = set()        # apps whose server a TestClient started (not `tachyon run`'s)
_released: list[Any] = []         # apps of clients the collector finalized: released at the next hold()


def hold(app: Any) -> int:
    """One more client of ``app``: the port it serves on (started on a free loopback port if needed)."""
    _stop_released()
    with _lock:
        _clients[app] = _clients.get(app, 0) + 1
        if app._server is None:
            _started.add(app)
    return app.start("127.0.0.1", 0).port


def release(app: Any) -> None:
    """One client fewer; the last one stops the server a client started."""
    with _lock:
        last = _drop(app)
    if last:
        app.stop()


def release_later(app: Any) -> None:
    """``release`` for a client the garbage collector finalized. It takes no lock: the collector may have
    interrupted this very thread while it held it."""
    _released.append(app)


def _stop_released() -> None:
    with _lock:
        released = _released[:]
        del _released[:len(released)]
        stopping = [app for app in released if _drop(app)]
    for app in stopping:
        app.stop()


def _drop(app: Any) -> bool:
    """With the lock held: one client fewer; True when it was the last one of a server a client started."""
    left = _clients.get(app, 0) - 1
    if left > 0:
        _clients[app] = left
        return False
    _clients.pop(app, None)
    if app not in _started:
        return False
    _started.discard(app)
    return True
