"""The asyncio side of the engine's loop gate (engine/Tachyon.Engine/Lanes/LoopGate.cs).

asyncio is not thread-safe, yet the engine steps ``async def`` handlers on its request threads when the
loop is idle (InlineSteps.cs). The loop therefore holds the gate for everything it runs and opens it only
while it waits in epoll: this selector's ``poll`` opens the gate, waits, and closes it again (waiting out
a step in progress) before the loop runs any callback.
"""
from __future__ import annotations

import select
import selectors


class _GatedEpoll:
    """A ``select.epoll`` whose ``poll`` opens the gate around the wait; every other call goes straight through."""

    def __init__(self, gate: tuple) -> None:
        self._epoll = select.epoll()
        self._open, self._close = gate   # ctypes CFUNCTYPE exports: the GIL is released during each call

    def poll(self, timeout: float = -1, maxevents: int = -1) -> list:
        self._open()
        try:
            return self._epoll.poll(timeout, maxevents)
        finally:
            self._close()

    def __getattr__(self, name: str):
        return getattr(self._epoll, name)


class GatedSelector(selectors.EpollSelector):
    def __init__(self, gate: tuple) -> None:
        super().__init__()
        self._selector.close()
        self._selector = _GatedEpoll(gate)
