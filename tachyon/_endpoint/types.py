"""Small questions about annotations, answered the way FastAPI answers them."""
from __future__ import annotations

import dataclasses
import types
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

_SEQUENCE_ORIGINS = (list, set, frozenset, tuple, Sequence)


def is_union(annotation: Any) -> bool:
    return get_origin(annotation) in (Union, types.UnionType)


def is_union_of_models(annotation: Any) -> bool:
    """``Union[A, B]`` of pydantic models only (FastAPI's is_union_of_base_models): as a form, the whole form."""
    return is_union(annotation) and all(isinstance(a, type) and issubclass(a, BaseModel) for a in get_args(annotation))


def strip_optional(annotation: Any) -> tuple[Any, bool]:
    """``X | None`` -> (X, True); anything else -> (annotation, False)."""
    if is_union(annotation):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1 and len(get_args(annotation)) == 2:
            return args[0], True
    return annotation, False


def is_sequence(annotation: Any) -> bool:
    """Many values: ``list[int]``, also under ``Optional`` and with validators in ``Annotated`` (FastAPI asks the
    field's annotation, from which pydantic has taken that metadata)."""
    base, _ = strip_optional(strip_annotated(annotation))
    base = strip_annotated(base)
    origin = get_origin(base) or base
    return isinstance(origin, type) and issubclass(origin, _SEQUENCE_ORIGINS) and not issubclass(origin, (str, bytes))


def reads_many(annotation: Any) -> bool:
    """Whether a query, header or form parameter takes every value of its key (FastAPI's
    field_annotation_is_sequence): a sequence, or a union with a sequence among its members (``list[int] | int``
    gets ``[1]`` for ``?q=1``)."""
    base = strip_annotated(annotation)
    if is_union(base):
        return any(reads_many(a) for a in get_args(base))
    return is_sequence(base)


def is_complex(annotation: Any) -> bool:
    """FastAPI's rule for where an undeclared parameter comes from: complex types come from the body."""
    if get_origin(annotation) is Annotated:
        return is_complex(get_args(annotation)[0])
    if is_union(annotation):
        return any(is_complex(a) for a in get_args(annotation))
    if is_sequence(annotation):
        return True
    origin = get_origin(annotation) or annotation
    return isinstance(origin, type) and (
        issubclass(origin, (BaseModel, Mapping)) or dataclasses.is_dataclass(origin)
    )


def is_scalar(annotation: Any) -> bool:
    return not is_complex(annotation)


def is_scalar_sequence(annotation: Any) -> bool:
    """A sequence of scalars (or a union of such sequences and scalars): FastAPI's repeatable query value."""
    if get_origin(annotation) is Annotated:
        return is_scalar_sequence(get_args(annotation)[0])
    if is_union(annotation):
        args = get_args(annotation)
        return all(is_scalar_sequence(a) or is_scalar(a) for a in args) and any(is_scalar_sequence(a) for a in args)
    return is_sequence(annotation) and all(is_scalar(a) for a in get_args(annotation))


def strip_annotated(annotation: Any) -> Any:
    return get_args(annotation)[0] if get_origin(annotation) is Annotated else annotation


def sequence_item(annotation: Any) -> Any:
    base, _ = strip_optional(strip_annotated(annotation))
    args = get_args(strip_annotated(base))
    return args[0] if args else Any
