"""The returned object is validated against the response model as FastAPI does with pydantic 2: as it
is, reading attributes of objects that are not dicts (another model and its properties, an ORM-style
object), never dumped to a dict first; an instance of the response model is not validated again
(FastAPI's test_read_with_orm_mode.py), but pydantic still runs its "after" model validators on it."""
from __future__ import annotations

import unittest
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from tachyon import FastAPI
from tachyon.exceptions import ResponseValidationError
from tests.client_case import AppTestCase


class PersonBase(BaseModel):
    name: str
    lastname: str


class Person(PersonBase):
    model_config = ConfigDict(from_attributes=True)

    @property
    def full_name(self) -> str:
        return f"{self.name} {self.lastname}"


class PersonRead(PersonBase):
    model_config = {"from_attributes": True}
    full_name: str


class Row:
    """What an ORM hands back: attributes, no dict."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)


class Tagged(BaseModel):
    tag: str

    @field_validator("tag")
    @classmethod
    def prefix(cls, value: str) -> str:   # not idempotent: validating twice would show
        return "#" + value


class Revalidated(Tagged):
    model_config = ConfigDict(revalidate_instances="always")


class Contact(BaseModel):
    email: str

    @model_validator(mode="after")
    def lower_case(self) -> "Contact":
        self.email = self.email.lower()
        return self


class Span(BaseModel):
    low: int
    high: int

    @model_validator(mode="after")
    def ordered(self) -> "Span":
        if self.low > self.high:
            raise ValueError("low > high")
        return self


class Inherited(Span):
    pass


app = FastAPI()


@app.post("/people/", response_model=PersonRead)
def create_person(person: PersonBase) -> Any:
    return Person.model_validate(person, from_attributes=True)


@app.get("/rows", response_model=list[PersonRead])
def rows() -> Any:
    return [Row(name="Rick", lastname="Sanchez", full_name="Rick Sanchez", password="x")]


@app.get("/tagged", response_model=Tagged)
def tagged() -> Any:
    return Tagged(tag="x")


@app.get("/revalidated", response_model=Revalidated)
def revalidated() -> Any:
    return Revalidated(tag="x")


@app.get("/contact", response_model=Contact)
def contact() -> Any:
    found = Contact(email="a@x.com")
    found.email = "Bob@X.com"   # no validate_assignment: the "after" validator runs again on the way out
    return found


@app.get("/span")
def span() -> Span:
    found = Span(low=1, high=2)
    found.low = 5
    return found


@app.get("/inherited")
def inherited() -> Inherited:
    found = Inherited(low=1, high=2)
    found.low = 5
    return found


@app.get("/incomplete", response_model=PersonRead)
def incomplete() -> Any:
    return PersonBase(name="Morty", lastname="Smith")


class ResponseModelValidationTest(AppTestCase):
    app = app

    def test_another_models_properties_are_read(self) -> None:
        response = self.client.post("/people/", json={"name": "Dive", "lastname": "Wilson"})
        self.assertEqual(response.json(), {"name": "Dive", "lastname": "Wilson", "full_name": "Dive Wilson"})

    def test_orm_style_objects_are_read_by_attribute(self) -> None:
        self.assertEqual(self.client.get("/rows").json(),
                         [{"name": "Rick", "lastname": "Sanchez", "full_name": "Rick Sanchez"}])

    def test_an_instance_of_the_response_model_is_not_validated_again(self) -> None:
        self.assertEqual(self.client.get("/tagged").json(), {"tag": "#x"})
        self.assertEqual(self.client.get("/revalidated").json(), {"tag": "##x"})   # unless its config asks

    def test_after_model_validators_run_on_an_instance_of_the_response_model(self) -> None:
        self.assertEqual(self.client.get("/contact").content, b'{"email":"bob@x.com"}')
        for path in ("/span", "/inherited"):   # the validator is inherited in the second
            with self.subTest(path=path), self.assertRaises(ResponseValidationError) as caught:
                self.client.get(path)
            self.assertEqual([(e["type"], e["loc"], e["msg"]) for e in caught.exception.errors()],
                             [("value_error", ("response",), "Value error, low > high")])

    def test_what_the_object_lacks_is_a_response_validation_error(self) -> None:
        with self.assertRaises(ResponseValidationError) as caught:
            self.client.get("/incomplete")
        self.assertEqual([(e["type"], e["loc"]) for e in caught.exception.errors()], [("missing", ("response", "full_name"))])
        self.assertIsInstance(caught.exception.body, PersonBase)
        self.assertEqual(caught.exception.args, ())   # FastAPI raises it with errors=... (keywords only)


if __name__ == "__main__":
    unittest.main()
