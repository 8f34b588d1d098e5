"""The engine's last failed validation on this thread, kept for the Python binder, so that the app's code in a
validator runs once per request, as in FastAPI.

A value the engine validates on the fast path (a JSON body parsed as FastAPI parses it, a parameter whose type runs
the app's validators) and that fails sends the request to the Python binder, which reports every error of the
request. The engine calls it right after, on the same thread, with the same input: the binder takes the failure
kept here (pydantic's errors, or the exception a validator raised instead, such as an HTTPException) rather than
validating that value again. The checks that passed before it keep their values too (the binder reports errors
only once the whole request is bound), so their validators do not run a second time either.
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
    # adapter -> (received, value) of the checks that passed since this thread's request began (a check of an
    # adapter already there begins another request); at a failure, they move to ``passed`` for the binder.
    checked: dict[TypeAdapter[Any], tuple[Any, Any]] | None = None
    passed: dict[TypeAdapter[Any], tuple[Any, Any]] | None = None


_failure = _Failure()


def remember(adapter: TypeAdapter[Any], received: Any, error: Exception) -> None:
    _failure.adapter, _failure.received, _failure.error = adapter, received, error
    _failure.passed, _failure.checked = _failure.checked, None


def take(adapter: TypeAdapter[Any], received: Any) -> Exception | None:
    """The error of validating ``received`` with ``adapter`` if that is the engine's failure just kept (then
    dropped); else None."""
    error = _failure.error
    if error is None or _failure.adapter is not adapter or _failure.received != received:
        return None
    _failure.adapter, _failure.received, _failure.error = None, None, None
    return error


def passed(adapter: TypeAdapter[Any], received: Any) -> tuple[Any] | None:
    """``(value,)`` if the engine's check of ``received`` with ``adapter`` passed in the request whose failure
    is kept; else None."""
    kept = _failure.passed.pop(adapter, None) if _failure.passed else None
    return (kept[1],) if kept is not None and kept[0] == received else None


def forget() -> None:
    """Drops what the binder did not take (it answered the request otherwise), so no later request of this
    thread gets it."""
    _failure.adapter, _failure.received, _failure.error = None, None, None
    _failure.checked = _failure.passed = None


def remembering(adapter: TypeAdapter[Any]) -> Callable[[Any], Any]:
    """``adapter.validate_python`` for the engine's per-parameter check, keeping its outcome."""
    validate_python = adapter.validate_python

    def check(received: Any) -> Any:
        checked = _failure.checked
        if checked is None or adapter in checked:
            checked = _failure.checked = {}
        try:
            value = validate_python(received)
        except Exception as error:
            remember(adapter, received, error)
            raise
        checked[adapter] = (received, value)
        return value
    return check
