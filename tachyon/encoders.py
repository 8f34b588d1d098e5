"""``jsonable_encoder``: turn any Python object into JSON-compatible data.

Matches ``fastapi.encoders.jsonable_encoder`` (pydantic v2 code path) result for
result, including its quirks (which are noted where they occur). Also exposes
``to_json_compatible``, a fast path for the engine's serialization fallback.

This module only depends on the standard library and pydantic, never on the rest
of ``tachyon``.
"""

import dataclasses
import datetime
from collections import defaultdict, deque
from decimal import Decimal
from enum import Enum
from ipaddress import IPv4Address, IPv4Interface, IPv4Network, IPv6Address, IPv6Interface, IPv6Network
from pathlib import Path, PurePath
from re import Pattern
from types import GeneratorType
from typing import Any, Callable, Dict, Optional, Tuple, Type, Union
from uuid import UUID

from pydantic import BaseModel
from pydantic.networks import AnyUrl, NameEmail
from pydantic.types import SecretBytes, SecretStr
from pydantic_core import PydanticUndefinedType, Url

from ._endpoint.fields import pydantic_v1_model
from .exceptions import PydanticV1NotSupportedError
from .types import IncEx

try:  # deprecated in pydantic v2 but still shipped; FastAPI keeps supporting it
    from pydantic.color import Color
except ImportError:  # pragma: no cover
    Color = None

__all__ = ["ENCODERS_BY_TYPE", "decimal_encoder", "isoformat", "jsonable_encoder", "to_json_compatible"]

Encoder = Callable[[Any], Any]


def isoformat(o: Union[datetime.date, datetime.time]) -> str:
    return o.isoformat()


def decimal_encoder(dec_value: Decimal) -> Union[int, float]:
    """Decimal -> int when it has no fractional exponent (``Decimal("1")`` -> 1), else float.

    ``Decimal("1.0")`` -> 1.0. NaN/Infinity have a str exponent ('n', 'N', 'F') -> float.
    """
    exponent = dec_value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= 0:
        return int(dec_value)
    return float(dec_value)


# Same table (and order) as FastAPI: the order decides which encoder wins in the
# isinstance fallback below when an object inherits from several of these types.
ENCODERS_BY_TYPE: Dict[Type[Any], Encoder] = {
    bytes: lambda o: o.decode(),
    datetime.date: isoformat,
    datetime.datetime: isoformat,
    datetime.time: isoformat,
    datetime.timedelta: lambda td: td.total_seconds(),
    Decimal: decimal_encoder,
    Enum: lambda o: o.value,
    frozenset: list,
    deque: list,
    GeneratorType: list,
    IPv4Address: str,
    IPv4Interface: str,
    IPv4Network: str,
    IPv6Address: str,
    IPv6Interface: str,
    IPv6Network: str,
    NameEmail: str,
    Path: str,
    Pattern: lambda o: o.pattern,
    SecretBytes: str,  # -> "b'**********'" (the masked repr, as FastAPI does)
    SecretStr: str,  # -> "**********"
    set: list,
    UUID: str,
    Url: str,  # pydantic_core.Url
    AnyUrl: str,  # pydantic >= 2.10: AnyUrl is a wrapper class, not a Url subclass
}
if Color is not None:
    ENCODERS_BY_TYPE[Color] = str

# Types from the optional ``pydantic_extra_types`` package. Checked by exact type
# before dataclasses, because some of them are dataclasses themselves.
ENCODERS_BY_EXTRA_TYPE: Dict[Type[Any], Encoder] = {}
try:
    from pydantic_extra_types.color import Color as _ExtraColor

    ENCODERS_BY_EXTRA_TYPE[_ExtraColor] = str
except ImportError:
    pass
try:
    from pydantic_extra_types.coordinate import Coordinate as _Coordinate

    ENCODERS_BY_EXTRA_TYPE[_Coordinate] = str
except ImportError:
    pass


def generate_encoders_by_class_tuples(type_encoder_map: Dict[Any, Encoder]) -> Dict[Encoder, Tuple[Any, ...]]:
    """FastAPI's: {encoder: (the types it encodes, ...)} in first-seen order, for one isinstance() per encoder."""
    encoders: Dict[Encoder, Tuple[Any, ...]] = defaultdict(tuple)
    for type_, encoder in type_encoder_map.items():
        encoders[encoder] += (type_,)
    return encoders


# FastAPI's name; jsonable_encoder reads it on each call, so an encoder added here by a library is used.
encoders_by_class_tuples = generate_encoders_by_class_tuples({**ENCODERS_BY_TYPE, **ENCODERS_BY_EXTRA_TYPE})
_SEQUENCE_TYPES = (list, set, frozenset, GeneratorType, tuple, deque)


def jsonable_encoder(
    obj: Any,
    include: Optional[IncEx] = None,
    exclude: Optional[IncEx] = None,
    by_alias: bool = True,
    exclude_unset: bool = False,
    exclude_defaults: bool = False,
    exclude_none: bool = False,
    custom_encoder: Optional[Dict[Any, Encoder]] = None,
    sqlalchemy_safe: bool = True,
) -> Any:
    """Convert ``obj`` to something ``json.dumps`` can encode (FastAPI semantics)."""
    custom_encoder = custom_encoder or {}
    if custom_encoder:
        # Exact type first, then the first isinstance() match in dict order.
        if type(obj) in custom_encoder:
            return custom_encoder[type(obj)](obj)
        for encoder_type, encoder in custom_encoder.items():
            if isinstance(obj, encoder_type):
                return encoder(obj)

    if include is not None and not isinstance(include, (set, dict)):
        include = set(include)
    if exclude is not None and not isinstance(exclude, (set, dict)):
        exclude = set(exclude)

    # Everything below a dict/list/fallback level is encoded with these options.
    options = dict(
        by_alias=by_alias,
        exclude_unset=exclude_unset,
        exclude_defaults=exclude_defaults,
        exclude_none=exclude_none,
        custom_encoder=custom_encoder,
        sqlalchemy_safe=sqlalchemy_safe,
    )

    if isinstance(obj, BaseModel):
        data = obj.model_dump(
            mode="json",
            include=include,
            exclude=exclude,
            by_alias=by_alias,
            exclude_unset=exclude_unset,
            exclude_none=exclude_none,
            exclude_defaults=exclude_defaults,
        )
        # pydantic already produced JSON data; FastAPI still re-walks it, dropping
        # custom_encoder (it never reaches model fields under pydantic v2) but
        # keeping the "_sa" key filter.
        return jsonable_encoder(
            data, exclude_none=exclude_none, exclude_defaults=exclude_defaults, sqlalchemy_safe=sqlalchemy_safe
        )

    extra_encoder = ENCODERS_BY_EXTRA_TYPE.get(type(obj))
    if extra_encoder is not None:
        return extra_encoder(obj)

    if dataclasses.is_dataclass(obj):
        # asdict() also turns nested dataclasses into dicts and deep-copies the
        # other values (e.g. nested pydantic models), which are then encoded.
        # A dataclass *class* fails FastAPI's assertion.
        assert not isinstance(obj, type)
        return jsonable_encoder(dataclasses.asdict(obj), include=include, exclude=exclude, **options)

    if isinstance(obj, Enum):
        return obj.value  # returned as is, not encoded further
    if isinstance(obj, PurePath):
        return str(obj)
    if isinstance(obj, (str, int, float, type(None))):  # bool is an int
        return obj
    if isinstance(obj, PydanticUndefinedType):
        return None

    if isinstance(obj, dict):   # as FastAPI: another Mapping goes through dict(obj) below (keys and __getitem__)
        allowed_keys = set(obj.keys())
        if include is not None:
            allowed_keys &= set(include)
        if exclude is not None:
            allowed_keys -= set(exclude)
        # As FastAPI: include/exclude only filter this level; the other options reach keys and values.
        encoded = {}
        for key, value in obj.items():
            if sqlalchemy_safe and isinstance(key, str) and key.startswith("_sa"):
                continue
            if (value is None and exclude_none) or key not in allowed_keys:
                continue
            encoded[jsonable_encoder(key, **options)] = jsonable_encoder(value, **options)
        return encoded

    if isinstance(obj, _SEQUENCE_TYPES):
        # Unlike dicts, include/exclude are passed to every item.
        return [jsonable_encoder(item, include=include, exclude=exclude, **options) for item in obj]

    encoder = ENCODERS_BY_TYPE.get(type(obj))
    if encoder is not None:
        return encoder(obj)
    for encoder, classes in encoders_by_class_tuples.items():
        if isinstance(obj, classes):
            return encoder(obj)
    v1_model = pydantic_v1_model()
    if v1_model is not None and isinstance(obj, v1_model):
        raise PydanticV1NotSupportedError(
            f"pydantic.v1 models are no longer supported by FastAPI. Please update the model {obj!r}.")

    # Last resort: anything dict() accepts (iterable of pairs), else its __dict__.
    try:
        data = dict(obj)
    except Exception as dict_error:
        try:
            data = vars(obj)
        except Exception as vars_error:
            raise ValueError([dict_error, vars_error]) from vars_error
    return jsonable_encoder(data, include=include, exclude=exclude, **options)


_PLAIN_SCALARS = frozenset({str, int, float, bool, type(None)})


def to_json_compatible(obj: Any) -> Any:
    """``jsonable_encoder(obj)`` with a fast path for data that is already plain JSON.

    Exact ``str``/``int``/``float``/``bool``/``None``, ``list`` and ``dict`` with exact
    ``str`` keys are walked without going through ``jsonable_encoder``; anything else
    is handed to it. Containers that need no change are returned as is (not
    copied), so the result may share structure with ``obj``: do not mutate it.
    """
    t = type(obj)
    if t in _PLAIN_SCALARS:
        return obj
    if t is list:
        out = None  # copy-on-write: only allocate once an item changes
        for i, item in enumerate(obj):
            encoded = to_json_compatible(item)
            if out is None and encoded is not item:
                out = obj[:i]
            if out is not None:
                out.append(encoded)
        return obj if out is None else out
    if t is dict:
        # jsonable_encoder drops "_sa*" keys and encodes non-str keys (str
        # subclasses such as str Enums included): leave those dicts to it.
        for key in obj:
            if type(key) is not str or key.startswith("_sa"):
                return jsonable_encoder(obj)
        out = None
        for i, (key, value) in enumerate(obj.items()):
            encoded = to_json_compatible(value)
            if out is None and encoded is not value:
                out = dict(list(obj.items())[:i])
            if out is not None:
                out[key] = encoded
        return obj if out is None else out
    return jsonable_encoder(obj)
