"""The engine's last failed validation on this thread, kept for the Python binder, so that the app's code in a
validator runs once per request, as in FastAPI.

A value the engine validates on the fast path (a JSON body parsed as FastAPI parses it, a parameter whose type runs
the app's validators) and that fails sends the request to the Python binder, which reports every error of the
request. The engine calls it right after, on the same thread, with the same input: the binder takes the failure
kept here (pydantic's errors, or the exception a validator raised instead, such as an HTTPException) rather than
validating that value again.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from pydantic import TypeAdapter


class _Failure(threading.local):
    adapter: TypeAdapter[Any] | None = None
    received: Any = None
    error: Exception | None = None


_failure = _Failure()


def remember(adapter: TypeAdapter[Any], received: Any, error: Exception) -> None:
    _failure.adapter, _failure.received, _failure.error = adapter, received, error


def take(adapter: TypeAdapter[Any], received: Any) -> Exception | None:
    """The error of validating ``received`` with ``adapter`` if that is the engine's failure just kept (then
    forgotten); else None."""
    error = _failure.error
    if error is None or _failure.adapter is not adapter or _failure.received != received:
        return None
    forget()
    return error


def forget() -> None:
    """Drops a kept failure the binder did not take (it answered the request otherwise), so no later request of
    this thread gets it."""
    _failure.adapter, _failure.received, _failure.error = None, None, None


def remembering(adapter: TypeAdapter[Any]) -> Callable[[Any], Any]:
    """``adapter.validate_python`` for the engine's per-parameter check, keeping its failure."""
    validate_python = adapter.validate_python

    def check(received: Any) -> Any:
        try:
            return validate_python(received)
        except Exception as error:
            remember(adapter, received, error)
            raise
    return check
