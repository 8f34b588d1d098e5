"""Query parameters: required and optional ones, defaults, ``bool`` conversion, and ``list`` parameters
filled from repeated keys (``?tag=a&tag=b``)."""
from typing import Annotated

from tachyon import FastAPI, Query

app = FastAPI()


@app.get("/items/")
async def list_items(skip: int = 0, limit: int = 10, q: str | None = None, short: bool = False):
    return {"skip": skip, "limit": limit, "q": q, "short": short}


@app.get("/items/{item_id}")
async def read_item(item_id: str, needy: str, skip: int = 0, limit: int | None = None):
    return {"item_id": item_id, "needy": needy, "skip": skip, "limit": limit}


@app.get("/tags/")
async def read_tags(
    tag: Annotated[list[str] | None, Query()] = None,
    n: Annotated[list[int], Query()] = [],
    sort: Annotated[list[str], Query()] = ["name", "price"],
):
    return {"tag": tag, "n": n, "sort": sort}
