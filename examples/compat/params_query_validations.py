"""Query parameter validations and metadata: string constraints (``min_length``, ``max_length``,
``pattern``), numeric ones (``ge``, ``le``, ``gt``, ``lt``), an ``alias`` that is not a valid Python
name, ``title``/``description``/``deprecated``, ``examples`` and ``openapi_examples``, and a parameter
kept out of the OpenAPI document with ``include_in_schema=False``."""
from typing import Annotated

from tachyon import FastAPI, Query

app = FastAPI()


@app.get("/search/")
async def search(q: Annotated[str | None, Query(min_length=3, max_length=12, pattern="^[a-z]+$")] = None):
    return {"q": q}


@app.get("/pages/")
async def pages(page: Annotated[int, Query(ge=1, le=100)] = 1, ratio: Annotated[float, Query(gt=0, lt=1)] = 0.5):
    return {"page": page, "ratio": ratio}


@app.get("/aliased/")
async def aliased(item_query: Annotated[str | None, Query(alias="item-query")] = None):
    return {"item_query": item_query}


@app.get("/legacy/")
async def legacy(
    q: Annotated[str | None, Query(title="Query string", description="Text to look for in the item names",
                                   deprecated=True)] = None,
):
    return {"q": q}


@app.get("/colors/")
async def colors(
    tag: Annotated[str, Query(examples=["red", "blue"],
                              openapi_examples={"red": {"summary": "A warm color", "value": "red"}})],
):
    return {"tag": tag}


@app.get("/hidden/")
async def hidden(hidden_query: Annotated[str | None, Query(include_in_schema=False)] = None):
    return {"hidden_query": hidden_query or "Not found"}
