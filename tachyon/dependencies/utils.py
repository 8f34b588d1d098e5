"""The public helpers of ``fastapi.dependencies.utils`` that extensions import (fastapi-cache's decorator reads
an endpoint's signature with them): a callable's signature and return annotation with string annotations
(``from __future__ import annotations``) evaluated in the callable's module. Tachyon's own analysis of
endpoints lives in ``tachyon/_endpoint``."""
from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, ForwardRef


def get_typed_annotation(annotation: Any, globalns: dict[str, Any]) -> Any:
    """``annotation`` with a string (a forward reference) evaluated in ``globalns``."""
    if isinstance(annotation, str):
        annotation = ForwardRef(annotation)._evaluate(globalns, globalns, frozenset())
        if annotation is type(None):
            return None
    return annotation


def get_typed_signature(call: Callable[..., Any]) -> inspect.Signature:
    """``call``'s signature with its parameters' annotations evaluated (in the module of what it wraps)."""
    signature = inspect.signature(call)
    globalns = getattr(inspect.unwrap(call), "__globals__", {})
    return inspect.Signature([
        inspect.Parameter(name=parameter.name, kind=parameter.kind, default=parameter.default,
                          annotation=get_typed_annotation(parameter.annotation, globalns))
        for parameter in signature.parameters.values()
    ])


def get_typed_return_annotation(call: Callable[..., Any]) -> Any:
    """``call``'s return annotation, evaluated; None when it has none."""
    annotation = inspect.signature(call).return_annotation
    if annotation is inspect.Signature.empty:
        return None
    return get_typed_annotation(annotation, getattr(inspect.unwrap(call), "__globals__", {}))
