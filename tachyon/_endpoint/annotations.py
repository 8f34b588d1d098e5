"""The resolved annotations of a callable's parameters, as FastAPI reads them.

``typing.get_type_hints`` fails whole when one annotation names something not defined in the module (a
type imported only under ``TYPE_CHECKING``, or defined further down under ``from __future__ import
annotations``). FastAPI then resolves each parameter alone, and keeps the metadata of an
``Annotated[X, Depends(...)]`` whose ``X`` is not defined, with ``X`` as a forward reference: the
dependency still runs, and the parameter is not mistaken for a query parameter (FastAPI issue #13056).
"""
from __future__ import annotations

from typing import Annotated, Any, ForwardRef, get_type_hints

_ANNOTATED = "Annotated["


def parameter_hints(target: Any) -> dict[str, Any]:
    """``target``'s annotations resolved in its module (a function's, or a class's ``__init__``'s)."""
    try:
        return get_type_hints(target, include_extras=True)
    except Exception:
        return _one_by_one(target)


def resolve_lenient(annotation: str, globalns: dict[str, Any]) -> Any:
    """A string annotation evaluated in ``globalns``; what does not resolve stays a ForwardRef (pydantic's
    lenient evaluation, which FastAPI uses), but an ``Annotated[X, ...]`` keeps its metadata."""
    try:
        value = eval(annotation, globalns)   # noqa: S307 - the app's own annotation, as typing does
    except Exception:
        partial = _annotated_with_forward_type(annotation, globalns)
        return partial if partial is not None else ForwardRef(annotation)
    # A quoted annotation under `from __future__ import annotations` is a string inside the string.
    return resolve_lenient(value, globalns) if isinstance(value, str) else value


def _one_by_one(target: Any) -> dict[str, Any]:
    globalns = getattr(target, "__globals__", {})
    hints: dict[str, Any] = {}
    for name, annotation in getattr(target, "__annotations__", {}).items():
        resolved = resolve_lenient(annotation, globalns) if isinstance(annotation, str) else annotation
        if not isinstance(resolved, ForwardRef):   # left out: the analysis keeps the raw text, as before
            hints[name] = resolved
    return hints


def _annotated_with_forward_type(annotation: str, globalns: dict[str, Any]) -> Any:
    """``Annotated[X, meta...]`` from its source text, with ``X`` a ForwardRef; None if it is not one, or
    its metadata does not resolve either."""
    text = annotation.strip()
    if not (text.startswith(_ANNOTATED) and text.endswith("]")) or globalns.get("Annotated") is not Annotated:
        return None
    inner = text[len(_ANNOTATED):-1]
    comma = _first_top_level_comma(inner)
    if comma < 0:
        return None
    try:
        metadata = eval(f"({inner[comma + 1:]},)", globalns)   # noqa: S307
    except Exception:
        return None
    return Annotated[(ForwardRef(inner[:comma].strip()), *metadata)]


def _first_top_level_comma(text: str) -> int:
    depth = 0
    for i, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            return i
    return -1
