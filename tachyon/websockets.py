"""Starlette's (and FastAPI's) WebSocket names, for code that imports them. Tachyon does not serve WebSockets
yet: declaring a WebSocket route is refused with that reason, and so is making a ``WebSocket``. The names
exist so that a module importing them (type hints, ``isinstance`` checks over an app's routes, an
``except WebSocketDisconnect``) loads, and its HTTP routes serve."""
from __future__ import annotations

import enum
from typing import Any

from .requests import HTTPConnection

NO_WEBSOCKETS = "Tachyon does not serve WebSockets yet: a WebSocket route cannot be declared"


class WebSocketState(enum.Enum):
    CONNECTING = 0
    CONNECTED = 1
    DISCONNECTED = 2
    RESPONSE = 3


class WebSocketDisconnect(Exception):
    def __init__(self, code: int = 1000, reason: str | None = None) -> None:
        self.code = code
        self.reason = reason or ""


class WebSocket(HTTPConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError(NO_WEBSOCKETS)
