"""Response models: ``response_model=`` and return annotations validate and filter what a handler
returns, document it in OpenAPI (separate -Input/-Output schemas when they differ), and
``response_model=None`` turns them off."""
from typing import Any

from pydantic import BaseModel, computed_field

from tachyon import FastAPI
from tachyon.responses import RedirectResponse, Response

app = FastAPI()


class UserBase(BaseModel):
    username: str
    email: str
    full_name: str | None = None


class UserIn(UserBase):
    password: str


class UserOut(UserBase):
    # What the API returns: the base fields, never the password (a docstring would become the
    # schema's description in the OpenAPI document the test compares).
    pass


class Gizmo(BaseModel):
    name: str
    price: float
    tags: list[str] = []


class Invoice(BaseModel):
    net: float
    vat_rate: float = 0.2

    @computed_field
    @property
    def gross(self) -> float:
        return round(self.net * (1 + self.vat_rate), 2)


@app.post("/users/", response_model=UserOut, status_code=201)
async def create_user(user: UserIn) -> Any:
    return user  # the password is filtered out by UserOut


@app.post("/accounts/")
async def create_account(user: UserIn) -> UserBase:
    return user  # a UserIn is a UserBase: serialized with UserBase's fields only


@app.get("/gizmos/")
async def list_gizmos() -> list[Gizmo]:
    return [{"name": "Portal gun", "price": 42}, Gizmo(name="Plumbus", price=3.5, tags=["household"])]


@app.get("/stock")
async def read_stock() -> dict[str, int]:
    return {"apples": "3", "pears": 5}


@app.get("/portal", response_model=None)
async def get_portal(teleport: bool = False) -> Response | dict:
    if teleport:
        return RedirectResponse(url="https://example.com/portal")
    return {"message": "Here is your portal."}


@app.post("/invoices/")
async def create_invoice(invoice: Invoice) -> Invoice:
    return invoice


@app.get("/ghost", response_model=UserOut)
async def read_ghost():
    return {"username": "ghost"}  # no email: the response does not validate
