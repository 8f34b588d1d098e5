"""Validating a route's single JSON body straight from its bytes (pydantic-core's JSON mode, no intermediate
Python objects), where that gives what FastAPI gets: FastAPI parses the body with ``json.loads`` and validates
the result with ``validate_python(..., from_attributes=True)``. The two modes differ (pydantic's design, not
a bug) in:

* strict mode: JSON has no date, UUID, enum or set values, so strict JSON validation takes strings and arrays
  for them, where strict Python validation of the parsed body refuses them (422 in FastAPI);
* smart unions: their first, strict pass then picks other members (``Union[UUID, str]`` gives a UUID, not the
  string; ``Union[datetime, date]`` a date);
* Decimal: JSON mode reads the number's text (``100.0`` is ``Decimal('100')``), FastAPI reads a float
  (``Decimal('100.0')``; big numbers lose digits);
* types with their own JSON schema (``json-or-python``) and bytes (``val_json_bytes``);
* ``coerce_numbers_to_str``: JSON mode writes the number's text (``1.0`` is ``"1.0"`` there, ``"1"`` here);
* the app's own code, which can tell: validators see ``info.mode == "json"``, and a body that fails is validated
  again by the Python binder, running validators (and ``__post_init__``, a custom ``__init__``) twice.

A body whose schema holds any of these is parsed and validated as FastAPI does. Either way a body that fails
goes to the Python binder, which answers with FastAPI's errors: for a parsed body, the outcome of this very
validation (see failures.py), so the app's code has run once, as in FastAPI. A ``default_factory`` of the
app's (not ``list``, ``datetime.now``, ``uuid4``…) and an enum's own ``_missing_`` are app code too; an enum with
a ``_missing_`` or a member valued None also validates differently in JSON mode (pydantic-core asks
``_missing_(None)`` first).
"""
from __future__ import annotations

import enum
import inspect
import json
import re
from collections.abc import Callable
from typing import Any

from pydantic import TypeAdapter
from pydantic_core import SchemaValidator

from . import failures

_DIVERGING_SCHEMAS = frozenset({"union", "decimal", "json-or-python", "bytes"})
# Schemas that call the app's functions while validating: validators, and __post_init__ or a custom __init__.
_APP_CODE_SCHEMAS = frozenset({"function-before", "function-after", "function-wrap", "function-plain"})
# Keys whose values are not validation schemas (a default value may be any dict).
_NOT_VALIDATION = frozenset({"metadata", "serialization", "ref", "cls", "function", "default"})
_ENUM_MISSING = enum.Enum._missing_.__func__
_EFFECT_FREE_MODULES = frozenset({"builtins", "uuid", "collections", "datetime", "decimal"})


def body_validator(adapter: TypeAdapter[Any]) -> Callable[[bytes], Any]:
    """``validate(body bytes) -> value`` for the engine. FastAPI takes a JSON ``null`` body as absent (missing, or
    the default): a None result is refused, and so is a null that fails validation, so that the Python binder
    answers it."""
    agrees = json_mode_agrees(adapter)
    validate = _validate_json(adapter) if agrees else _validate_parsed(adapter)
    if agrees and _any_schema(adapter.core_schema, _is_float):
        validate = _parsed_for_huge_integers(validate, _validate_parsed(adapter))
    # Probing with None would run the app's validators on a value no request sent (FastAPI never does): a type that
    # runs app code is taken as one that may accept None.
    if not runs_app_code(adapter) and not _accepts_none(adapter):
        return validate

    def validate_not_null(data: bytes) -> Any:
        value = validate(data)
        if value is None:
            raise ValueError("a null body is absent")   # the engine then binds through Python
        return value
    return validate_not_null


def json_mode_agrees(adapter: TypeAdapter[Any]) -> bool:
    """Whether validating JSON text gives what validating its parsed value does, for every input the JSON
    validation accepts: no strict part, union, Decimal, bytes or type with its own JSON schema."""
    try:
        schema = adapter.core_schema
    except Exception:   # pydantic's error while the type is not fully defined yet
        return False
    return not _diverges(schema)


def runs_app_code(adapter: TypeAdapter[Any]) -> bool:
    """Whether validating with ``adapter`` calls the app's own functions (validators, ``__post_init__``...)."""
    try:
        schema = adapter.core_schema
    except Exception:   # pydantic's error while the type is not fully defined yet
        return True
    return _any_schema(schema, _calls_app_code)


def _diverges(node: Any) -> bool:
    return _any_schema(node, _diverging)


def _diverging(node: dict) -> bool:
    """``strict`` and ``coerce_numbers_to_str`` are a schema's keywords or a model config's keys."""
    return (node.get("strict") is True or node.get("coerce_numbers_to_str") is True
            or _kind(node) in _DIVERGING_SCHEMAS or _calls_app_code(node) or _none_member(node))


def _calls_app_code(schema: dict) -> bool:
    kind = _kind(schema)
    return (kind in _APP_CODE_SCHEMAS
            or (kind in ("model", "dataclass") and bool(schema.get("post_init") or schema.get("custom_init")))
            or (kind == "default" and _own_function(schema.get("default_factory")))
            or (kind == "enum" and _own_missing(schema.get("cls"))))


def _own_function(factory: Any) -> bool:
    """A default factory of the app's: not a builtin (``list``, ``datetime.now``) or ``uuid4``, which have no effect
    to see twice (and are common enough that their bodies should keep the JSON fast path)."""
    return (callable(factory) and not inspect.isbuiltin(factory)
            and getattr(factory, "__module__", None) not in _EFFECT_FREE_MODULES)


def _own_missing(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, enum.Enum) and getattr(cls._missing_, "__func__", None) is not _ENUM_MISSING


def _none_member(node: dict) -> bool:
    return _kind(node) == "enum" and any(getattr(member, "value", 0) is None for member in node.get("members", ()))


def _kind(node: dict) -> str | None:
    kind = node.get("type")
    return kind if isinstance(kind, str) else None


def _any_schema(node: Any, hit: Callable[[dict], bool]) -> bool:
    """Whether ``hit`` holds for a dict in the core schema ``node``: a schema, or a mapping such as a model's
    fields or config."""
    if isinstance(node, dict):
        if hit(node):
            return True
        if _kind(node) is not None:   # a schema: its keys are keywords, some of which hold no schema
            return any(_any_schema(value, hit) for key, value in node.items() if key not in _NOT_VALIDATION)
        # Not a schema: a mapping of names to schemas (a model's fields: ``type``, ``default``… are field names).
        return any(_any_schema(value, hit) for value in node.values())
    if isinstance(node, (list, tuple)):
        return any(_any_schema(item, hit) for item in node)
    return False


def _is_float(node: dict) -> bool:
    return _kind(node) == "float"


# An integer literal too big for a float: pydantic's JSON mode reads it as inf for a float field, where FastAPI's
# json.loads gives an int that validate_python refuses (float_type). Rare, so only such bodies take the slow path.
_HUGE_INTEGER = re.compile(rb"[0-9]{309}")


def _parsed_for_huge_integers(from_json: Callable[[bytes], Any], parsed: Callable[[bytes], Any]) -> Callable[[bytes], Any]:
    def validate(data: bytes) -> Any:
        return parsed(data) if len(data) > 308 and _HUGE_INTEGER.search(data) else from_json(data)
    return validate


def _validate_json(adapter: TypeAdapter[Any]) -> Callable[[bytes], Any]:
    # Straight from pydantic-core's validator when it is built: the TypeAdapter method only adds a layer of
    # default keywords.
    validator = adapter.validator
    return validator.validate_json if isinstance(validator, SchemaValidator) else adapter.validate_json


def _validate_parsed(adapter: TypeAdapter[Any]) -> Callable[[bytes], Any]:
    validate_python = adapter.validate_python

    def validate(data: bytes) -> Any:
        value = json.loads(data)   # invalid JSON: the binder answers it, no validation ran
        if value is None:
            raise ValueError("a null body is absent")   # not validated: the binder answers it (missing or default)
        try:
            return validate_python(value, from_attributes=True)
        except Exception as error:   # pydantic's errors, or what a validator raised instead (an HTTPException)
            failures.remember(adapter, data, error)
            raise
    return validate


def _accepts_none(adapter: TypeAdapter[Any]) -> bool:
    try:
        adapter.validate_python(None)
    except Exception:   # ValidationError, or pydantic's error while the type is not fully defined yet
        return False
    return True
