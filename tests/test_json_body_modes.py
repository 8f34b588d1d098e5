"""A single JSON body is validated from its bytes (pydantic's JSON mode) only where that gives what FastAPI
gets with json.loads + validate_python(from_attributes=True): differential over body types and inputs, and
end to end for the cases where the two modes differ (strict types, smart unions, Decimal, numbers coerced to
str, the app's validators: they see Python mode and run once, also when the body is refused)."""
from __future__ import annotations

import datetime
import decimal
import enum
import json
import unittest
import uuid
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, Strict, TypeAdapter, ValidationInfo,
                      field_validator, model_validator)
from pydantic.dataclasses import dataclass

from tachyon import Body, FastAPI, HTTPException
from tachyon._endpoint.json_body import body_validator, json_mode_agrees
from tachyon.testclient import TestClient


class Color(str, enum.Enum):
    RED = "red"
    ONE = "1"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


class User(BaseModel):
    id: int
    username: str
    email: str


class Everything(BaseModel):
    n: int = 0
    x: float = 0.0
    s: str = ""
    b: bool = False
    when: Optional[datetime.datetime] = None
    day: Optional[datetime.date] = None
    ref: Optional[uuid.UUID] = None
    color: Optional[Color] = None
    level: Optional[Level] = None
    tags: list[str] = []
    pair: Optional[tuple[int, str]] = None
    ids: set[int] = set()
    extra: dict[str, Any] = {}
    kind: Literal["a", "b"] = "a"
    nested: Optional[User] = None


class Checked(BaseModel):
    name: str

    @field_validator("name", mode="before")
    @classmethod
    def strip(cls, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else value


class Named(BaseModel):
    """Fields named like schema keys, and a default that looks like a schema: none of them is one."""
    type: str
    strict: bool = False
    union: int = 0
    meta: dict[str, Any] = {"type": "union", "strict": True}
    items: list[User] = []


class NamedLikeKeywords(BaseModel):
    """Fields named like the schema keywords the check skips: their types are still looked at."""
    default: decimal.Decimal
    function: Union[int, str] = 0


class StrictModel(BaseModel):
    model_config = ConfigDict(strict=True)
    when: datetime.datetime


class Coerced(BaseModel):
    model_config = ConfigDict(coerce_numbers_to_str=True)
    s: str


@dataclass
class PostInit:
    n: int

    def __post_init__(self) -> None:
        self.n += 1


class Cat(BaseModel):
    pet: Literal["cat"]
    age: int


class Dog(BaseModel):
    pet: Literal["dog"]
    age: str


BODY_TYPES: dict[str, Any] = {
    "user": User, "everything": Everything, "named": Named, "named like keywords": NamedLikeKeywords,
    "checked": Checked, "coerced": Coerced, "post init": PostInit, "list of users": list[User], "dict": dict[str, int],
    "strict model": StrictModel, "strict field": Annotated[datetime.date, Strict()],
    "strict set": Annotated[set[int], Strict()], "Field(strict)": Annotated[uuid.UUID, Field(strict=True)],
    "union with str": Union[uuid.UUID, str], "datetime or date": Union[datetime.datetime, datetime.date],
    "int or str": Union[int, str], "models": Union[Cat, Dog],
    "tagged": Annotated[Union[Cat, Dog], Field(discriminator="pet")],
    "decimal": decimal.Decimal, "price": dict[str, decimal.Decimal], "bytes": bytes, "any": Any,
    "float": float, "floats": list[float], "float field": dict[str, float],
}
HUGE = "9" * 400   # an integer no float holds: JSON mode reads inf, FastAPI's validate_python refuses it

INPUTS = [
    '{"id": 1, "username": "a", "email": "e"}', '{"id": "1", "username": "a", "email": "e"}', '{"id": 1.0}',
    '{"n": "5", "x": 1, "s": "t", "b": "true", "when": "2024-01-01 10:00:00", "day": "2024-01-02",'
    ' "ref": "12345678-1234-5678-1234-567812345678", "color": "1", "level": 2, "tags": ["x"], "pair": [1, "a"],'
    ' "ids": [3, 3, 1], "extra": {"k": [1, 2.5, null]}, "kind": "b", "nested": {"id": 2, "username": "u", "email": "m"}}',
    '{"name": "  padded "}', '{"s": 1.0}', '{"s": 1e20}', '{"n": 1}', '[{"id": 1, "username": "a", "email": "e"}]', '{"a": 1, "b": "2"}',
    '{"when": "2024-01-01T00:00:00Z"}', '"2024-01-01"', '[1, 2, 2]', '"12345678-1234-5678-1234-567812345678"',
    '"2024-01-01 10:00:00"', '"1"', '1', '{"pet": "cat", "age": "3"}', '{"pet": "dog", "age": "3"}',
    '{"type": "t", "strict": "yes", "union": "3", "items": [{"id": 1, "username": "a", "email": "e"}]}',
    '{"default": 100.0, "function": "12"}',
    '100.0', '2.5', '12345678901234567890.5', '1e3', '{"p": 100.0}', '"bytes"', 'null', 'true', '[]', '{}',
    HUGE, f'[1, {HUGE}]', f'{{"s": {HUGE}}}', "1" + "0" * 308, f'[1.5, 1{"0" * 308}]', '1e400',
]


def fastapi_validates(adapter: TypeAdapter[Any], body: str) -> tuple[str, Any]:
    try:
        return "ok", adapter.validate_python(json.loads(body), from_attributes=True)
    except Exception:
        return "error", None


class Shade(str, enum.Enum):
    """A case-insensitive enum, as apps write them: pydantic's JSON mode asks ``_missing_(None)`` first."""
    RED = "red"
    UNKNOWN = "unknown"

    @classmethod
    def _missing_(cls, value: object) -> "Shade":
        return next((m for m in cls if isinstance(value, str) and m.value == value.lower()), cls.UNKNOWN)


class Priority(enum.Enum):
    NOT_SET = None
    HIGH = "high"


class Paint(BaseModel):
    shade: Shade


class Ticket(BaseModel):
    priority: Priority = Priority.NOT_SET


TICKET_IDS: list[int] = []


def next_ticket_id() -> int:
    TICKET_IDS.append(len(TICKET_IDS) + 1)
    return TICKET_IDS[-1]


class Numbered(BaseModel):
    id: int = Field(default_factory=next_ticket_id)
    title: str
    tags: list[str] = Field(default_factory=list)


class JsonBodyModesTest(unittest.TestCase):
    def test_the_engines_body_validator_never_accepts_a_value_fastapi_would_not_give(self) -> None:
        compared = 0
        for name, body_type in BODY_TYPES.items():
            adapter = TypeAdapter(body_type)
            validate = body_validator(adapter)
            for body in INPUTS:
                try:
                    value = validate(body.encode())
                except Exception:
                    continue   # the engine binds through the Python binder then, which is FastAPI's path
                compared += 1
                expected = fastapi_validates(adapter, body)
                self.assertEqual(("ok", repr(value)), (expected[0], repr(expected[1])), f"{name}: {body}")
        self.assertGreater(compared, 80)

    def test_plain_models_keep_the_json_fast_path(self) -> None:
        for body_type in (User, Everything, list[User], dict[str, int], Any, Named, list[Named],
                          Annotated[Union[Cat, Dog], Field(discriminator="pet")]):
            self.assertTrue(json_mode_agrees(TypeAdapter(body_type)), body_type)
        for body_type in (StrictModel, NamedLikeKeywords, Annotated[datetime.date, Strict()], Union[uuid.UUID, str],
                          decimal.Decimal,
                          dict[str, decimal.Decimal], bytes, Union[Cat, Dog],
                          Paint, Ticket,   # enums JSON mode validates otherwise
                          Checked, list[Checked], Coerced, PostInit, Numbered):   # the last ones: the app's code can tell
            self.assertFalse(json_mode_agrees(TypeAdapter(body_type)), body_type)


app = FastAPI()


class Event(BaseModel):
    ref: Union[uuid.UUID, str]
    at: Union[datetime.datetime, str]


class Price(BaseModel):
    amount: decimal.Decimal


@app.post("/event")
def event(e: Event):
    return {"ref": type(e.ref).__name__, "at": type(e.at).__name__, "at_out": e.at}


@app.post("/named")
def named(item: Named):
    return item


@app.post("/strict")
def strict(e: StrictModel):
    return {"ok": True}


VALIDATED: list[str] = []


class Signup(BaseModel):
    username: str
    age: int

    @field_validator("username")
    @classmethod
    def unique(cls, value: str) -> str:   # a validator with an effect, as a uniqueness check against a database
        VALIDATED.append(value)
        return value


class Moded(BaseModel):
    mode: str

    @field_validator("mode", mode="before")
    @classmethod
    def seen(cls, value: Any, info: ValidationInfo) -> str:
        return info.mode


@app.post("/signup")
def signup(user: Signup, page: int = 0):
    return user


@app.post("/moded")
def moded(body: Moded):
    return body


@app.post("/coerced")
def coerced(body: Coerced):
    return body


@app.post("/price", response_model=Price)
def price(p: Price):
    return p


@app.post("/price-or-default")
def price_or_default(p: Price = Price(amount=decimal.Decimal("1"))):
    return p


class Forbidding(BaseModel):
    name: str

    @field_validator("name")
    @classmethod
    def allowed(cls, value: str) -> str:
        VALIDATED.append(value)
        if value == "forbidden":
            raise HTTPException(status_code=400, detail="name forbidden")
        return value


def echo_route(path: str, model: type) -> None:
    """A route answering the body it validated as ``model``."""
    def echo(body):
        return body
    echo.__annotations__ = {"body": model}
    app.post(path)(echo)


for _path, _model in (("/paint", Paint), ("/ticket", Ticket), ("/numbered", Numbered), ("/forbidding", Forbidding)):
    echo_route(_path, _model)


class JsonBodyEndToEndTest(unittest.TestCase):
    def test_as_fastapi_answers(self) -> None:
        with TestClient(app) as client:
            response = client.post("/event", json={"ref": "12345678-1234-5678-1234-567812345678", "at": "2024-01-01 10:00:00"})
            self.assertEqual(response.json(), {"ref": "str", "at": "str", "at_out": "2024-01-01 10:00:00"})
            response = client.post("/strict", json={"when": "2024-01-01T00:00:00Z"})
            self.assertEqual((response.status_code, response.json()), (422, {"detail": [
                {"type": "datetime_type", "loc": ["body", "when"], "msg": "Input should be a valid datetime",
                 "input": "2024-01-01T00:00:00Z"}]}))
            self.assertEqual(client.post("/named", json={"type": "b", "strict": True}).json(),
                             {"type": "b", "strict": True, "union": 0, "meta": {"type": "union", "strict": True}, "items": []})
            self.assertEqual(client.post("/price", json={"amount": 100.0}).json(), {"amount": "100.0"})
            self.assertEqual(client.post("/price", json={"amount": 12345678901234567890.5}).json(),
                             {"amount": "1.2345678901234567E+19"})
            self.assertEqual(client.post("/moded", json={"mode": "x"}).json(), {"mode": "python"})
            # a null body is absent on every path (a Decimal model is validated as FastAPI parses the body)
            null = {"content": b"null", "headers": {"content-type": "application/json"}}
            self.assertEqual(client.post("/price", **null).json()["detail"][0]["type"], "missing")
            self.assertEqual(client.post("/price-or-default", **null).json(), {"amount": "1"})
            self.assertEqual([client.post("/coerced", json={"s": s}).json() for s in (1.0, 1e20, 3)],
                             [{"s": "1.0"}, {"s": "1e+20"}, {"s": "3"}])

    def test_the_apps_validators_run_once_per_request(self) -> None:
        with TestClient(app) as client:
            for query, body, status in (("", {"username": "bob", "age": 1}, 200),
                                        ("", {"username": "bob", "age": "x"}, 422),
                                        ("?page=x", {"username": "bob", "age": "x"}, 422),
                                        ("", {"username": "bob", "age": "x"}, 422)):   # the same body again
                VALIDATED.clear()
                response = client.post("/signup" + query, json=body)
                self.assertEqual((response.status_code, VALIDATED), (status, ["bob"]), query)
            self.assertEqual(response.json(), {"detail": [
                {"type": "int_parsing", "loc": ["body", "age"],
                 "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "x"}]})

    def test_the_apps_code_in_defaults_enums_and_raising_validators_runs_once(self) -> None:
        with TestClient(app) as client:
            self.assertEqual(client.post("/paint", json={"shade": "RED"}).json(), {"shade": "red"})
            self.assertEqual(client.post("/paint", json={"shade": "teal"}).json(), {"shade": "unknown"})
            refused = client.post("/ticket", json={"priority": "urgent"})
            self.assertEqual((refused.status_code, refused.json()["detail"][0]["type"]), (422, "enum"))
            self.assertEqual(client.post("/ticket", json={}).json(), {"priority": None})
            TICKET_IDS.clear()
            self.assertEqual(client.post("/numbered", json={"title": 1}).status_code, 422)
            self.assertEqual(client.post("/numbered", json={"title": "t"}).json(), {"id": 2, "title": "t", "tags": []})
            VALIDATED.clear()
            response = client.post("/forbidding", json={"name": "forbidden"})
            self.assertEqual((response.status_code, response.json(), VALIDATED), (400, {"detail": "name forbidden"}, ["forbidden"]))


validated: list = []


class Normalized(BaseModel):
    kind: str

    @model_validator(mode="before")
    @classmethod
    def normalize(cls, data: Any) -> Any:
        validated.append(("Normalized", data))
        return {**data, "kind": data["kind"].lower()} if isinstance(data, dict) else data


def stripped(value: Any) -> Any:
    validated.append(("name", value))
    return value.strip()


class ValidatorsSeeOnlyRequestBodiesTest(unittest.TestCase):
    """The app's body validators run on what requests sent, never on a value the engine tries at start (None)."""

    def test_before_validators_are_not_probed(self) -> None:
        app = FastAPI()

        @app.post("/payload")
        def create_payload(payload: Normalized):
            return payload

        @app.post("/name")
        def create_name(name: Annotated[str, BeforeValidator(stripped), Body()]):
            return name

        with TestClient(app) as client:
            self.assertEqual(client.post("/payload", json={"kind": "A"}).json(), {"kind": "a"})
            self.assertEqual(client.post("/name", json="  hello  ").json(), "hello")
        self.assertEqual(validated, [("Normalized", {"kind": "A"}), ("name", "  hello  ")])

if __name__ == "__main__":
    unittest.main()
