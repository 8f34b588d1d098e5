"""Starlette's path convertors (``{name:int}`` ...): the regex each one matches in a route's ``path_regex``, and
its conversion both ways. The engine's router matches requests itself (with the same regexes); these serve code
that reads a route's ``path_regex``, ``param_convertors`` or calls ``route.matches(scope)``, and the Python
binder converts path values with them. An app's own convertors (``register_url_convertor``) reach the engine
with the routes that use them (``custom_patterns``)."""
from __future__ import annotations

import abc
import math
import re
import uuid
from typing import Any, ClassVar


class Convertor(abc.ABC):
    regex: ClassVar[str]

    @abc.abstractmethod
    def convert(self, value: str) -> Any:
        """The path segment's text -> the value the endpoint gets."""

    @abc.abstractmethod
    def to_string(self, value: Any) -> str:
        """A value -> its text in a URL (url_path_for)."""


class StringConvertor(Convertor):
    regex = "[^/]+"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: Any) -> str:
        value = str(value)
        if "/" in value:
            raise AssertionError("May not contain path separators")
        if not value:
            raise AssertionError("Must not be empty")
        return value


class PathConvertor(Convertor):
    regex = ".*"

    def convert(self, value: str) -> str:
        return str(value)

    def to_string(self, value: Any) -> str:
        return str(value)


class IntegerConvertor(Convertor):
    regex = "[0-9]+"

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: Any) -> str:
        value = int(value)
        if value < 0:
            raise AssertionError("Negative integers are not supported")
        return str(value)


class FloatConvertor(Convertor):
    regex = r"[0-9]+(\.[0-9]+)?"

    def convert(self, value: str) -> float:
        return float(value)

    def to_string(self, value: Any) -> str:
        value = float(value)
        if value < 0.0:
            raise AssertionError("Negative floats are not supported")
        if math.isnan(value):
            raise AssertionError("NaN values are not supported")
        if math.isinf(value):
            raise AssertionError("Infinite values are not supported")
        return ("%0.20f" % value).rstrip("0").rstrip(".")


class UUIDConvertor(Convertor):
    regex = "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"   # Starlette 1.x

    def convert(self, value: str) -> uuid.UUID:
        return uuid.UUID(value)

    def to_string(self, value: Any) -> str:
        return str(value)


CONVERTOR_TYPES: dict[str, Convertor] = {
    "str": StringConvertor(), "path": PathConvertor(), "int": IntegerConvertor(), "float": FloatConvertor(),
    "uuid": UUIDConvertor(),
}
_BUILT_IN = frozenset(CONVERTOR_TYPES)


def register_url_convertor(key: str, convertor: Convertor) -> None:
    """Starlette's: ``{name:key}`` in a path uses ``convertor`` from now on (routes declared afterwards). The
    engine matches its ``regex`` against one path segment (its .NET regex must mean what the Python one means)."""
    CONVERTOR_TYPES[key] = convertor


def custom_patterns(path: str) -> dict[str, str]:
    """The regexes of the registered convertors that ``path`` uses (``{name:kind}``), by name."""
    kinds = re.findall(r"\{\w+:(\w+)\}", path)
    return {kind: CONVERTOR_TYPES[kind].regex for kind in kinds if kind in CONVERTOR_TYPES and kind not in _BUILT_IN}
