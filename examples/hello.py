"""The first example: a health check, typed path and query parameters, and a validated JSON body.

Run it with ``tachyon run examples.hello:app --host 127.0.0.1 --port 8000``.
"""
from typing import Annotated

from pydantic import BaseModel

from tachyon import FastAPI, HTTPException, Query

app = FastAPI()


class User(BaseModel):
    id: int
    username: str
    email: str


@app.get("/health")
def health():
    return {"status": "ok"}


@app.get("/items/{item_id}")
async def read_item(item_id: int, q: str | None = None, limit: Annotated[int, Query(ge=1, le=100)] = 10):
    if item_id == 0:
        raise HTTPException(status_code=404, detail="Item not found")
    return {"item_id": item_id, "q": q, "limit": limit}


@app.post("/users/", status_code=201)
async def create_user(user: User) -> User:
    return user
