"""An app file for diff.sh: plain FastAPI code that defines `app` and `REQUESTS` (keyword arguments of
TestClient.request, plus `method` and `url`). Optional: CHECK_OPENAPI = False, CLIENT_KWARGS = {...}."""
from typing import Annotated

from fastapi import Body, FastAPI, HTTPException, Query
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    name: str
    price: float


@app.get("/items/{item_id}")
def read_item(item_id: int, q: Annotated[list[str] | None, Query()] = None):
    if item_id == 0:
        raise HTTPException(404, "Item not found", headers={"X-Error": "gone"})
    return {"item_id": item_id, "q": q}


@app.post("/items/")
def create_item(item: Item, note: Annotated[str, Body()] = "none"):
    return {"item": item, "note": note}


REQUESTS = [
    dict(url="/items/1?q=a&q=b"), dict(url="/items/0"), dict(url="/items/x"), dict(url="/nope"),
    dict(method="POST", url="/items/", json={"item": {"name": "a", "price": 1}}),
    dict(method="POST", url="/items/", json={"name": "a"}), dict(method="POST", url="/items/", content=b"{bad"),
]
