"""Async function dependencies: ``async def`` dependencies (one of them really awaiting) used by both
``async def`` and plain ``def`` path operations."""
import asyncio
from typing import Annotated

from tachyon import Depends, FastAPI, Query

app = FastAPI()


async def pagination(skip: int = 0, limit: Annotated[int, Query(ge=1, le=50)] = 10):
    return {"skip": skip, "limit": limit}


async def slow_lookup(q: str | None = None):
    await asyncio.sleep(0.01)  # e.g. a database call
    return q.upper() if q else None


@app.get("/items/")
async def read_items(page: dict = Depends(pagination), found: str | None = Depends(slow_lookup)):
    return {"page": page, "found": found}


@app.get("/users/")
def read_users(page: dict = Depends(pagination)):
    return {"page": page, "users": ["Rick", "Morty"][page["skip"]: page["skip"] + page["limit"]]}
