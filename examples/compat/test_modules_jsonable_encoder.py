"""``jsonable_encoder`` (FastAPI's fastapi/encoders.py, tests/test_jsonable_encoder.py and
tests/test_tutorial/test_encoder/).

FastAPI's rules, as checked here: a pydantic model goes through ``model_dump(mode="json")`` (so pydantic's
JSON forms: ``...Z`` datetimes, ISO 8601 durations, Decimals as strings) with include/exclude/by_alias
(default True)/exclude_unset/exclude_defaults/exclude_none; bare values use FastAPI's own encoders
(``isoformat()``, ``timedelta.total_seconds()``, Decimal as int or float, Enum value, UUID/path as str,
sets and tuples as lists); dicts drop ``_sa*`` keys (``sqlalchemy_safe``) and ``None`` values with
``exclude_none``; dataclasses and plain objects become dicts; ``custom_encoder`` applies to bare values.
"""
import dataclasses
import unittest
import uuid
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from enum import Enum
from pathlib import PurePosixPath

from pydantic import BaseModel, Field, SecretStr

from examples.compat import modules_jsonable_encoder
from tachyon.encoders import jsonable_encoder
from tests.client_case import AppTestCase

NOON = datetime(2024, 3, 1, 12, 30, tzinfo=timezone.utc)


class Colour(Enum):
    RED = "red"
    GREEN = 2


class Event(BaseModel):
    at: datetime
    duration: timedelta
    price: Decimal


class Profile(BaseModel):
    user_name: str = Field(alias="userName")
    bio: str | None = None
    karma: int = 0


@dataclasses.dataclass
class Point:
    x: int
    y: int


class Plain:
    def __init__(self) -> None:
        self.a = 1
        self.b = [Colour.RED]


class JsonableEncoderTest(AppTestCase):
    app = modules_jsonable_encoder.app

    def test_store_model_as_json(self) -> None:
        response = self.client.put("/items/foo", json={"title": "Foo", "timestamp": "2024-03-01T12:30:00"})
        self.assertEqual(response.status_code, 200)
        stored = {"title": "Foo", "timestamp": "2024-03-01T12:30:00", "description": None}
        self.assertEqual(response.json(), {"stored": stored, "timestamp_type": "str"})
        self.assertEqual(modules_jsonable_encoder.fake_db["foo"], stored)
        self.assertEqual(self.client.get("/items/foo").json(), {"title": "Foo", "timestamp": "2024-03-01T12:30:00"})

    def test_store_aware_datetime(self) -> None:
        response = self.client.put("/items/bar", json={"title": "Bar", "timestamp": "2024-03-01T12:30:00+00:00",
                                                       "description": "utc"})
        self.assertEqual(response.json()["stored"],
                         {"title": "Bar", "timestamp": "2024-03-01T12:30:00Z", "description": "utc"})

    def test_dates_and_times(self) -> None:
        self.assertEqual(jsonable_encoder(NOON), "2024-03-01T12:30:00+00:00")
        self.assertEqual(jsonable_encoder(datetime(2024, 3, 1, 12, 30, 5, 123)), "2024-03-01T12:30:05.000123")
        self.assertEqual(jsonable_encoder(date(2024, 3, 1)), "2024-03-01")
        self.assertEqual(jsonable_encoder(time(9, 5)), "09:05:00")
        self.assertEqual(jsonable_encoder(timedelta(hours=1, minutes=30)), 5400.0)

    def test_decimals(self) -> None:
        self.assertEqual(jsonable_encoder(Decimal("3")), 3)
        self.assertIsInstance(jsonable_encoder(Decimal("3")), int)
        self.assertEqual(jsonable_encoder(Decimal("3.50")), 3.5)
        self.assertIsInstance(jsonable_encoder(Decimal("3.50")), float)

    def test_model_uses_pydantic_json_forms(self) -> None:
        event = Event(at=NOON, duration=timedelta(hours=1, minutes=30), price=Decimal("3.50"))
        self.assertEqual(jsonable_encoder(event), {"at": "2024-03-01T12:30:00Z", "duration": "PT1H30M", "price": "3.50"})

    def test_other_types(self) -> None:
        ident = uuid.UUID("12345678-1234-5678-1234-567812345678")
        self.assertEqual(jsonable_encoder(ident), "12345678-1234-5678-1234-567812345678")
        self.assertEqual(jsonable_encoder([Colour.RED, Colour.GREEN]), ["red", 2])
        self.assertEqual(jsonable_encoder(PurePosixPath("/srv/data.csv")), "/srv/data.csv")
        self.assertEqual(jsonable_encoder({"tags": {"only"}, "pair": (1, "a"), "frozen": frozenset([7])}),
                         {"tags": ["only"], "pair": [1, "a"], "frozen": [7]})
        self.assertEqual(jsonable_encoder(b"bytes"), "bytes")
        self.assertEqual(jsonable_encoder(SecretStr("hunter2")), "**********")
        self.assertEqual(jsonable_encoder(x * 2 for x in range(3)), [0, 2, 4])

    def test_model_options(self) -> None:
        profile = Profile(userName="ann", karma=0)
        self.assertEqual(jsonable_encoder(profile), {"userName": "ann", "bio": None, "karma": 0})
        self.assertEqual(jsonable_encoder(profile, by_alias=False), {"user_name": "ann", "bio": None, "karma": 0})
        self.assertEqual(jsonable_encoder(profile, exclude_unset=True), {"userName": "ann", "karma": 0})
        self.assertEqual(jsonable_encoder(profile, exclude_defaults=True), {"userName": "ann"})
        self.assertEqual(jsonable_encoder(profile, exclude_none=True), {"userName": "ann", "karma": 0})
        self.assertEqual(jsonable_encoder(profile, include={"bio"}), {"bio": None})
        self.assertEqual(jsonable_encoder(profile, exclude={"bio", "karma"}), {"userName": "ann"})

    def test_dicts(self) -> None:
        self.assertEqual(jsonable_encoder({"a": None, "b": {"c": None, "d": 1}}, exclude_none=True), {"b": {"d": 1}})
        self.assertEqual(jsonable_encoder({"a": None, "b": {"c": None}}), {"a": None, "b": {"c": None}})
        self.assertEqual(jsonable_encoder({"_sa_instance_state": object(), "name": "row"}), {"name": "row"})
        self.assertEqual(jsonable_encoder({"_sa_note": "kept", "name": "row"}, sqlalchemy_safe=False),
                         {"_sa_note": "kept", "name": "row"})
        self.assertEqual(jsonable_encoder({"a": 1, "b": 2, "c": 3}, include={"a", "b"}, exclude={"b"}), {"a": 1})
        self.assertEqual(jsonable_encoder({Colour.RED: NOON}), {"red": "2024-03-01T12:30:00+00:00"})

    def test_dataclasses_and_plain_objects(self) -> None:
        self.assertEqual(jsonable_encoder(Point(1, 2)), {"x": 1, "y": 2})
        self.assertEqual(jsonable_encoder([Point(0, 0)]), [{"x": 0, "y": 0}])
        self.assertEqual(jsonable_encoder(Plain()), {"a": 1, "b": ["red"]})

    def test_custom_encoder(self) -> None:
        day_first = {datetime: lambda d: d.strftime("%d/%m/%Y")}
        self.assertEqual(jsonable_encoder({"when": NOON, "on": date(2024, 3, 2)}, custom_encoder=day_first),
                         {"when": "01/03/2024", "on": "2024-03-02"})
        self.assertEqual(jsonable_encoder(NOON, custom_encoder=day_first), "01/03/2024")


if __name__ == "__main__":
    unittest.main()
