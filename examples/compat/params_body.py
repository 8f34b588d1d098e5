"""Body parameters: a single value with ``Body()`` (the whole body is that value), a model embedded
under its name with ``Body(embed=True)``, and several body parameters (two models, a ``Body()`` value
and an optional one) merged into one JSON object, next to a query parameter."""
from typing import Annotated

from pydantic import BaseModel

from tachyon import Body, FastAPI

app = FastAPI()


class Item(BaseModel):
    name: str
    price: float
    description: str | None = None


class User(BaseModel):
    username: str
    full_name: str | None = None


@app.post("/importance")
async def set_importance(importance: Annotated[int, Body(gt=0)]):
    return {"importance": importance}


@app.put("/items/{item_id}")
async def update_item(item_id: int, item: Annotated[Item, Body(embed=True)]):
    return {"item_id": item_id, "item": item}


@app.post("/orders")
async def create_order(
    item: Item,
    user: User,
    quantity: Annotated[int, Body(ge=1)],
    note: Annotated[str | None, Body()] = None,
    q: str | None = None,
):
    return {"item": item, "user": user, "quantity": quantity, "note": note, "q": q}
