"""Tests for tachyon.encoders (FastAPI-compatible jsonable_encoder)."""

import dataclasses
import datetime
import enum
import math
import re
import types
import unittest
import uuid
import warnings
from collections import OrderedDict, deque, namedtuple
from collections.abc import Mapping
from decimal import Decimal
from ipaddress import IPv4Address, IPv4Interface, IPv4Network, IPv6Address, IPv6Interface, IPv6Network
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath
from typing import List, Optional

import pydantic_core
from pydantic import AnyUrl, BaseModel, Field, HttpUrl, RootModel, SecretBytes, SecretStr, field_serializer
from pydantic.networks import NameEmail
from pydantic_core import PydanticUndefined

from tachyon.datastructures import Headers
from tachyon.encoders import (ENCODERS_BY_TYPE, decimal_encoder, encoders_by_class_tuples, generate_encoders_by_class_tuples,
                              jsonable_encoder, to_json_compatible)


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


class Level(enum.IntEnum):
    LOW = 1


class Weird(enum.Enum):
    TUPLE = (1, 2)  # Enum values are returned as is, not encoded further


class Person:
    def __init__(self, name):
        self.name = name


class Pet:
    def __init__(self, owner, name):
        self.owner = owner
        self.name = name


class DictablePet(Pet):
    def __iter__(self):
        return iter(self.__dict__.items())


class Unserializable:
    def __iter__(self):
        raise NotImplementedError()

    @property
    def __dict__(self):
        raise NotImplementedError()


class Sub(BaseModel):
    a: int = 1
    b: Optional[str] = None


class Item(BaseModel):
    name: str
    price: float = 1.0
    tags: List[str] = []
    sub: Optional[Sub] = None


class Aliased(BaseModel):
    foo_bar: str = Field(alias="fooBar")


class Defaults(BaseModel):
    foo: str
    bar: str = "bar"
    bla: str = "bla"


class Typed(BaseModel):
    when: datetime.datetime
    amount: Decimal
    span: datetime.timedelta
    color: Color


@dataclasses.dataclass
class Point:
    x: int
    y: int


@dataclasses.dataclass
class Shape:
    name: str
    origin: Point
    item: Item
    created: datetime.date


class EncodersTests(unittest.TestCase):
    # -- scalars -----------------------------------------------------------
    def test_plain_scalars_pass_through(self):
        for value in ["x", "", 0, -5, 10**30, 1.5, True, False, None]:
            result = jsonable_encoder(value)
            self.assertIs(type(result), type(value))
            self.assertEqual(result, value)
        self.assertTrue(math.isnan(jsonable_encoder(float("nan"))))
        self.assertEqual(jsonable_encoder(float("inf")), float("inf"))

    def test_enum(self):
        self.assertEqual(jsonable_encoder(Color.RED), "red")
        self.assertIs(type(jsonable_encoder(Level.LOW)), int)
        self.assertEqual(jsonable_encoder(Level.LOW), 1)
        self.assertEqual(jsonable_encoder(Weird.TUPLE), (1, 2))

    def test_paths(self):
        self.assertEqual(jsonable_encoder(PurePosixPath("/foo", "bar")), "/foo/bar")
        self.assertEqual(jsonable_encoder(PureWindowsPath("/foo", "bar")), "\\foo\\bar")
        self.assertEqual(jsonable_encoder(PurePath("a")), "a")
        self.assertEqual(jsonable_encoder(Path("/tmp/x")), "/tmp/x")

    def test_bytes(self):
        self.assertEqual(jsonable_encoder(b"hello"), "hello")
        self.assertEqual(jsonable_encoder("é".encode()), "é")

    def test_dates_and_times(self):
        tz = datetime.timezone(datetime.timedelta(hours=2))
        self.assertEqual(jsonable_encoder(datetime.date(2020, 1, 2)), "2020-01-02")
        self.assertEqual(jsonable_encoder(datetime.datetime(2020, 1, 2, 3, 4, 5)), "2020-01-02T03:04:05")
        self.assertEqual(jsonable_encoder(datetime.datetime(2020, 1, 2, 3, 4, 5, 6, tzinfo=tz)),
                         "2020-01-02T03:04:05.000006+02:00")
        self.assertEqual(jsonable_encoder(datetime.time(3, 4)), "03:04:00")
        result = jsonable_encoder(datetime.timedelta(days=1, milliseconds=500))
        self.assertIs(type(result), float)
        self.assertEqual(result, 86400.5)
        self.assertEqual(jsonable_encoder(datetime.timedelta()), 0.0)

    def test_decimal(self):
        cases = [("2", 2, int), ("1E+2", 100, int), ("1.0", 1.0, float), ("1.23", 1.23, float), ("-0.5", -0.5, float)]
        for text, expected, kind in cases:
            result = jsonable_encoder(Decimal(text))
            self.assertIs(type(result), kind, text)
            self.assertEqual(result, expected)
        self.assertEqual(jsonable_encoder({"value": Decimal(1.23)}), {"value": 1.23})
        self.assertTrue(math.isnan(jsonable_encoder(Decimal("NaN"))))
        self.assertEqual(jsonable_encoder(Decimal("Infinity")), float("inf"))
        self.assertEqual(jsonable_encoder(Decimal("-Infinity")), float("-inf"))
        self.assertEqual(decimal_encoder(Decimal("3")), 3)

    def test_uuid_and_ip(self):
        u = uuid.UUID("12345678-1234-5678-1234-567812345678")
        self.assertEqual(jsonable_encoder(u), "12345678-1234-5678-1234-567812345678")
        self.assertEqual(jsonable_encoder(IPv4Address("10.0.0.1")), "10.0.0.1")
        self.assertEqual(jsonable_encoder(IPv4Network("10.0.0.0/8")), "10.0.0.0/8")
        self.assertEqual(jsonable_encoder(IPv4Interface("10.0.0.1/8")), "10.0.0.1/8")
        self.assertEqual(jsonable_encoder(IPv6Address("::1")), "::1")
        self.assertEqual(jsonable_encoder(IPv6Network("2001:db8::/32")), "2001:db8::/32")
        self.assertEqual(jsonable_encoder(IPv6Interface("::1/128")), "::1/128")

    def test_pattern(self):
        self.assertEqual(jsonable_encoder(re.compile(r"^a+\d$")), r"^a+\d$")

    def test_pydantic_types(self):
        self.assertEqual(jsonable_encoder(SecretStr("hunter2")), "**********")
        self.assertEqual(jsonable_encoder(SecretBytes(b"hunter2")), "b'**********'")
        self.assertEqual(jsonable_encoder(HttpUrl("http://example.com")), "http://example.com/")
        self.assertEqual(jsonable_encoder(AnyUrl("ftp://h/p?q=1")), "ftp://h/p?q=1")
        self.assertEqual(jsonable_encoder(pydantic_core.Url("https://x.org/a")), "https://x.org/a")
        self.assertEqual(jsonable_encoder(NameEmail("John", "j@x.com")), "John <j@x.com>")
        self.assertIsNone(jsonable_encoder(PydanticUndefined))
        self.assertEqual(jsonable_encoder({"value": PydanticUndefined}), {"value": None})

    def test_pydantic_color(self):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            from pydantic.color import Color as PydanticColor

            self.assertEqual(jsonable_encoder(PydanticColor("red")), "red")
            self.assertEqual(jsonable_encoder(PydanticColor("#123456")), "#123456")

    def test_registered_type_subclass_uses_isinstance(self):
        class MyDate(datetime.date):
            pass

        class MyDecimal(Decimal):
            pass

        self.assertEqual(jsonable_encoder(MyDate(2021, 5, 6)), "2021-05-06")
        self.assertEqual(jsonable_encoder(MyDecimal("7")), 7)
        self.assertIn(bytes, ENCODERS_BY_TYPE)

    # -- containers --------------------------------------------------------
    def test_sequences_become_lists(self):
        self.assertEqual(jsonable_encoder([1, "a", None]), [1, "a", None])
        self.assertEqual(jsonable_encoder((1, 2)), [1, 2])
        self.assertEqual(sorted(jsonable_encoder({3, 1, 2})), [1, 2, 3])
        self.assertEqual(jsonable_encoder(frozenset({"x"})), ["x"])
        self.assertEqual(jsonable_encoder(deque([datetime.date(2020, 1, 1)])), ["2020-01-01"])
        self.assertEqual(jsonable_encoder(i * 2 for i in range(3)), [0, 2, 4])
        self.assertEqual(jsonable_encoder(namedtuple("P", "x y")(1, 2)), [1, 2])
        self.assertEqual(jsonable_encoder(deque([Sub(a=5)])), [{"a": 5, "b": None}])

    def test_dict_keys_and_values_are_encoded(self):
        data = {datetime.date(2020, 1, 1): b"x", Color.RED: Decimal("1.5"), 3: (1, 2), "s": {"n": {uuid.UUID(int=1)}}}
        self.assertEqual(
            jsonable_encoder(data),
            {"2020-01-01": "x", "red": 1.5, 3: [1, 2], "s": {"n": ["00000000-0000-0000-0000-000000000001"]}},
        )

    def test_mappings(self):
        self.assertEqual(jsonable_encoder(OrderedDict(a=1)), {"a": 1})
        self.assertEqual(jsonable_encoder(types.MappingProxyType({"a": (1,)})), {"a": [1]})

    def test_sqlalchemy_keys(self):
        data = {"_sa_instance_state": object(), "id": 1, 5: "int key"}
        self.assertEqual(jsonable_encoder(data), {"id": 1, 5: "int key"})
        self.assertEqual(jsonable_encoder({"_sa_x": 1, "a": 2}, sqlalchemy_safe=False), {"_sa_x": 1, "a": 2})
        # nested dicts and objects' __dict__ are filtered too
        self.assertEqual(jsonable_encoder({"n": {"_sa": 1, "k": 2}}), {"n": {"k": 2}})
        pet = Pet(Person("Foo"), "Rex")
        pet._sa_instance_state = "state"
        self.assertEqual(jsonable_encoder(pet), {"owner": {"name": "Foo"}, "name": "Rex"})

    def test_nested_structures(self):
        data = {
            "items": [Item(name="a", sub=Sub(a=2)), {"when": datetime.time(1, 2, 3)}],
            "pairs": ((Color.GREEN, Decimal("2")),),
            "point": Point(1, 2),
        }
        self.assertEqual(
            jsonable_encoder(data),
            {
                "items": [
                    {"name": "a", "price": 1.0, "tags": [], "sub": {"a": 2, "b": None}},
                    {"when": "01:02:03"},
                ],
                "pairs": [["green", 2]],
                "point": {"x": 1, "y": 2},
            },
        )

    # -- include / exclude -------------------------------------------------
    def test_include_exclude_on_dicts(self):
        pet = {"name": "Firulais", "owner": {"name": "Foo"}}
        self.assertEqual(jsonable_encoder(pet), {"name": "Firulais", "owner": {"name": "Foo"}})
        self.assertEqual(jsonable_encoder(pet, include={"name"}), {"name": "Firulais"})
        self.assertEqual(jsonable_encoder(pet, include=["name"]), {"name": "Firulais"})
        self.assertEqual(jsonable_encoder(pet, exclude={"owner"}), {"name": "Firulais"})
        self.assertEqual(jsonable_encoder(pet, exclude=("owner",)), {"name": "Firulais"})
        self.assertEqual(jsonable_encoder(pet, include={}), {})
        self.assertEqual(jsonable_encoder(pet, exclude={}), pet)
        # include/exclude only apply to the top-level dict, not to nested dicts
        self.assertEqual(jsonable_encoder(pet, exclude={"name"}), {"owner": {"name": "Foo"}})
        # ...but they are applied to every item of a list
        self.assertEqual(jsonable_encoder([pet, pet], include={"name"}), [{"name": "Firulais"}] * 2)

    def test_include_exclude_on_models(self):
        model = Defaults(foo="foo", bar="bar")
        self.assertEqual(jsonable_encoder(model, include={"foo"}), {"foo": "foo"})
        self.assertEqual(jsonable_encoder(model, include=["foo"]), {"foo": "foo"})
        self.assertEqual(jsonable_encoder(model, exclude={"bla"}), {"foo": "foo", "bar": "bar"})
        self.assertEqual(jsonable_encoder(model, include={}), {})
        self.assertEqual(jsonable_encoder(model, exclude={}), {"foo": "foo", "bar": "bar", "bla": "bla"})
        item = Item(name="x", sub=Sub(a=3, b="b"))
        self.assertEqual(jsonable_encoder(item, include={"name": True, "sub": {"b"}}), {"name": "x", "sub": {"b": "b"}})
        self.assertEqual(jsonable_encoder(item, exclude={"sub": {"a"}, "tags": True}),
                         {"name": "x", "price": 1.0, "sub": {"b": "b"}})

    def test_include_exclude_on_objects(self):
        pet = Pet(Person("Foo"), "Firulais")
        self.assertEqual(jsonable_encoder(pet), {"name": "Firulais", "owner": {"name": "Foo"}})
        self.assertEqual(jsonable_encoder(pet, include={"name"}), {"name": "Firulais"})
        self.assertEqual(jsonable_encoder(pet, exclude={"owner"}), {"name": "Firulais"})
        dictable = DictablePet(Person("Foo"), "Firulais")
        self.assertEqual(jsonable_encoder(dictable, include={}), {})
        self.assertEqual(jsonable_encoder(dictable), {"name": "Firulais", "owner": {"name": "Foo"}})

    # -- models ------------------------------------------------------------
    def test_model_uses_json_mode(self):
        model = Typed(when=datetime.datetime(2020, 1, 2, 3, 4), amount=Decimal("1.50"),
                      span=datetime.timedelta(seconds=90), color=Color.RED)
        # pydantic's own JSON mode wins: Decimal -> str, timedelta -> ISO 8601 duration
        self.assertEqual(jsonable_encoder(model),
                         {"when": "2020-01-02T03:04:00", "amount": "1.50", "span": "PT1M30S", "color": "red"})

    def test_model_field_serializer_and_root_model(self):
        class WithSerializer(BaseModel):
            dt: datetime.datetime

            @field_serializer("dt")
            def ser(self, dt):
                return dt.replace(tzinfo=datetime.timezone.utc).isoformat()

        self.assertEqual(jsonable_encoder(WithSerializer(dt=datetime.datetime(2019, 1, 1, 8))),
                         {"dt": "2019-01-01T08:00:00+00:00"})
        self.assertEqual(jsonable_encoder(RootModel[List[int]]([1, 2])), [1, 2])

    def test_by_alias(self):
        model = Aliased(fooBar="x")
        self.assertEqual(jsonable_encoder(model), {"fooBar": "x"})
        self.assertEqual(jsonable_encoder(model, by_alias=False), {"foo_bar": "x"})
        self.assertEqual(jsonable_encoder([model], by_alias=False), [{"foo_bar": "x"}])
        self.assertEqual(jsonable_encoder({"m": model}, by_alias=False), {"m": {"foo_bar": "x"}})

    def test_exclude_unset_and_defaults(self):
        model = Defaults(foo="foo", bar="bar")
        self.assertEqual(jsonable_encoder(model), {"foo": "foo", "bar": "bar", "bla": "bla"})
        self.assertEqual(jsonable_encoder(model, exclude_unset=True), {"foo": "foo", "bar": "bar"})
        self.assertEqual(jsonable_encoder(model, exclude_defaults=True), {"foo": "foo"})
        self.assertEqual(jsonable_encoder(model, exclude_unset=True, exclude_defaults=True), {"foo": "foo"})
        self.assertEqual(jsonable_encoder([model], exclude_defaults=True), [{"foo": "foo"}])
        self.assertEqual(jsonable_encoder({"m": model}, exclude_unset=True), {"m": {"foo": "foo", "bar": "bar"}})
        # FastAPI 0.143 forwards exclude_defaults to dict values too (some older versions did not)
        self.assertEqual(jsonable_encoder({"m": model}, exclude_defaults=True), {"m": {"foo": "foo"}})

    def test_exclude_none(self):
        self.assertEqual(jsonable_encoder(Sub(), exclude_none=True), {"a": 1})
        self.assertEqual(jsonable_encoder(Item(name="x", sub=Sub()), exclude_none=True),
                         {"name": "x", "price": 1.0, "tags": [], "sub": {"a": 1}})
        data = {"a": None, "b": {"c": None, "d": 1}, "e": [None, {"f": None}]}
        self.assertEqual(jsonable_encoder(data, exclude_none=True), {"b": {"d": 1}, "e": [None, {}]})
        self.assertEqual(jsonable_encoder(data), data)

    # -- dataclasses -------------------------------------------------------
    def test_dataclass(self):
        point = Point(1, 2)
        self.assertEqual(jsonable_encoder(point), {"x": 1, "y": 2})
        self.assertEqual(jsonable_encoder(point, include={"x"}), {"x": 1})
        self.assertEqual(jsonable_encoder(point, exclude={"y"}), {"x": 1})
        self.assertEqual(jsonable_encoder(point, include={}), {})
        self.assertEqual(jsonable_encoder(point, exclude={}), {"x": 1, "y": 2})
        with self.assertRaises(AssertionError):   # FastAPI's assertion for the dataclass itself
            jsonable_encoder(Point)

    def test_dataclass_with_nested_model(self):
        shape = Shape("sq", Point(0, 1), Item(name="i", sub=Sub(a=9)), datetime.date(2024, 2, 29))
        self.assertEqual(
            jsonable_encoder(shape),
            {
                "name": "sq",
                "origin": {"x": 0, "y": 1},
                "item": {"name": "i", "price": 1.0, "tags": [], "sub": {"a": 9, "b": None}},
                "created": "2024-02-29",
            },
        )
        self.assertEqual(jsonable_encoder(shape, exclude={"item", "created"}), {"name": "sq", "origin": {"x": 0, "y": 1}})
        self.assertEqual(jsonable_encoder(shape, include={"item"}, exclude_none=True),
                         {"item": {"name": "i", "price": 1.0, "tags": [], "sub": {"a": 9}}})

    # -- custom_encoder ----------------------------------------------------
    def test_custom_encoder_exact_type(self):
        enc = {datetime.datetime: lambda d: d.strftime("%H:%M"), Color: lambda c: c.name.lower()}
        self.assertEqual(jsonable_encoder(datetime.datetime(2020, 1, 1, 8, 30), custom_encoder=enc), "08:30")
        self.assertEqual(jsonable_encoder(Color.GREEN, custom_encoder=enc), "green")
        # date is not datetime: the builtin encoder applies
        self.assertEqual(jsonable_encoder(datetime.date(2020, 1, 1), custom_encoder=enc), "2020-01-01")
        # it also applies inside dicts and lists, to keys too
        self.assertEqual(jsonable_encoder({Color.RED: [datetime.datetime(2020, 1, 1, 9, 0)]}, custom_encoder=enc),
                         {"red": ["09:00"]})

    def test_custom_encoder_isinstance(self):
        class SafeDatetime(datetime.datetime):
            pass

        enc = {datetime.date: lambda d: "a date"}
        self.assertEqual(jsonable_encoder(SafeDatetime(2020, 1, 1), custom_encoder=enc), "a date")
        self.assertEqual(jsonable_encoder(datetime.datetime(2020, 1, 1), custom_encoder=enc), "a date")
        # exact type match wins over an earlier isinstance match
        enc = {datetime.date: lambda d: "date", SafeDatetime: lambda d: "safe"}
        self.assertEqual(jsonable_encoder(SafeDatetime(2020, 1, 1), custom_encoder=enc), "safe")
        # otherwise the first isinstance match in dict order wins
        enc = {datetime.date: lambda d: "date", datetime.datetime: lambda d: "datetime"}
        self.assertEqual(jsonable_encoder(SafeDatetime(2020, 1, 1), custom_encoder=enc), "date")
        # custom encoders can override plain types and models
        self.assertEqual(jsonable_encoder([1, "x"], custom_encoder={int: str}), ["1", "x"])
        self.assertEqual(jsonable_encoder(Sub(), custom_encoder={BaseModel: lambda m: "model"}), "model")

    def test_custom_encoder_not_applied_inside_models(self):
        model = Typed(when=datetime.datetime(2020, 1, 2), amount=Decimal("1"),
                      span=datetime.timedelta(0), color=Color.RED)
        enc = {datetime.datetime: lambda d: "custom", str: lambda s: "custom"}
        # pydantic v2 path: model_dump(mode="json") runs first, custom_encoder is dropped
        self.assertEqual(jsonable_encoder(model, custom_encoder=enc),
                         {"when": "2020-01-02T00:00:00", "amount": "1", "span": "PT0S", "color": "red"})

    # -- errors ------------------------------------------------------------
    def test_unserializable_raises_value_error(self):
        with self.assertRaises(ValueError) as ctx:
            jsonable_encoder(Unserializable())
        errors = ctx.exception.args[0]
        self.assertEqual([type(e) for e in errors], [NotImplementedError, NotImplementedError])

        with self.assertRaises(ValueError) as ctx:
            jsonable_encoder({"k": object()})
        errors = ctx.exception.args[0]
        self.assertEqual([type(e) for e in errors], [TypeError, TypeError])
        self.assertEqual(str(errors[1]), "vars() argument must have __dict__ attribute")
        self.assertIsInstance(ctx.exception.__cause__, TypeError)


class ScaledView(Mapping):
    """A read-only view whose ``__getitem__`` transforms the values its ``items()`` gives raw."""

    def __init__(self, raw):
        self._raw = raw

    def __getitem__(self, key):
        return self._raw[key] * 10

    def __iter__(self):
        return iter(self._raw)

    def __len__(self):
        return len(self._raw)

    def items(self):
        return self._raw.items()


class NonDictMappingTests(unittest.TestCase):
    def test_a_mapping_that_is_not_a_dict_is_read_as_dict_reads_it(self):
        """FastAPI has a branch for dict only: another Mapping goes through dict(obj), keys() and __getitem__ (so
        request.headers gives each header's first value, as headers[name] does)."""
        self.assertEqual(jsonable_encoder({"m": ScaledView({"a": 1})}), {"m": {"a": 10}})
        headers = Headers(raw=[(b"x-a", b"1"), (b"x-a", b"2")])
        self.assertEqual(jsonable_encoder(headers), {"x-a": "1"})


class EncodersByClassTuplesTests(unittest.TestCase):
    def test_grouped_by_encoder_in_first_seen_order(self) -> None:
        grouped = generate_encoders_by_class_tuples({int: str, float: str, bytes: repr})
        self.assertEqual(dict(grouped), {str: (int, float), repr: (bytes,)})

    def test_an_encoder_a_library_adds_is_used_for_subclasses(self) -> None:
        class Money:
            def __init__(self, cents: int) -> None:
                self.cents = cents

        class Euro(Money):
            pass

        def encode_money(value: Money) -> str:
            return f"{value.cents / 100:.2f}"
        encoders_by_class_tuples[encode_money] += (Money,)
        try:
            self.assertEqual(jsonable_encoder({"price": Euro(1250)}), {"price": "12.50"})
        finally:
            del encoders_by_class_tuples[encode_money]


class ToJsonCompatibleTests(unittest.TestCase):
    def test_plain_values_are_returned_as_is(self):
        for value in ["s", 1, 1.5, True, None, [], {}, [1, ["a", {"b": [None, 2.5]}]], {"a": {"b": [1, 2]}}]:
            self.assertIs(to_json_compatible(value), value)

    def test_matches_jsonable_encoder(self):
        samples = [
            (1, 2),
            {"a": (1, 2)},
            [1, datetime.date(2020, 1, 1), "x"],
            {"a": 1, "b": [1, {"c": Decimal("1.5")}], "z": "last"},
            {"_sa_state": 1, "ok": 2},
            {"k": [{"_sa": 1}]},
            {Color.RED: 1},
            {1: "int key"},
            Color.GREEN,
            Level.LOW,
            Item(name="x", sub=Sub()),
            Point(1, 2),
            Pet(Person("Foo"), "Rex"),
            [Item(name="y"), {"n": None}],
        ]
        for value in samples:
            self.assertEqual(to_json_compatible(value), jsonable_encoder(value), value)

    def test_keeps_order_and_does_not_mutate_input(self):
        data = {"a": 1, "b": (2,), "c": [3, datetime.time(1)], "d": "x"}
        result = to_json_compatible(data)
        self.assertEqual(list(result.items()), [("a", 1), ("b", [2]), ("c", [3, "01:00:00"]), ("d", "x")])
        self.assertEqual(data["b"], (2,))
        self.assertEqual(data["c"][1], datetime.time(1))

    def test_unserializable_raises(self):
        with self.assertRaises(ValueError):
            to_json_compatible([1, object()])


if __name__ == "__main__":
    unittest.main()
