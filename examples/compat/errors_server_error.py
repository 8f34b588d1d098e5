"""Server errors: an exception no handler handles, an exception handler that itself fails, and a
return value that does not match the ``response_model`` (a ``ResponseValidationError``) all end as a
plain-text ``500 Internal Server Error``."""
from pydantic import BaseModel

from tachyon import FastAPI, Request

app = FastAPI()


class Item(BaseModel):
    name: str
    price: float


class FlakyError(Exception):
    """Its handler itself fails, so the request ends in a 500."""


@app.exception_handler(FlakyError)
async def flaky_handler(request: Request, exc: FlakyError):
    raise RuntimeError("the handler failed too")


@app.get("/boom")
def boom():
    raise ValueError("something broke")


@app.get("/flaky")
async def flaky():
    raise FlakyError()


@app.get("/items/good", response_model=Item)
async def good_item():
    return {"name": "Foo", "price": 3.5, "secret": "filtered out"}


@app.get("/items/missing-price", response_model=Item)
async def item_without_price():
    return {"name": "Foo"}


@app.get("/items/bad-price")
def item_with_bad_price() -> Item:
    return {"name": "Foo", "price": "expensive"}
