"""The benchmark endpoints as a Tachyon app: bench/apps/fastapi_app.py with the import changed.

BENCH_MANY_ROUTES=1 registers 10,000 extra routes /r{i}/{x} after the others.
"""

import asyncio
import os

from pydantic import BaseModel
from tachyon import Depends, FastAPI, Query

app = FastAPI()


class User(BaseModel):
    id: int
    username: str
    email: str


@app.get("/health")
def health():
    return {"status": "ok"}


@app.get("/items/{item_id}")
async def read_item(item_id: int, q: str | None = None, limit: int = Query(10, ge=1, le=100)):
    return {"item_id": item_id, "q": q, "limit": limit}


@app.post("/users/", status_code=201)
async def create_user(user: User) -> User:
    return user


@app.get("/users/{user_id}")
async def list_users(user_id: int):
    return [{"id": i, "name": f"user{i}", "active": True} for i in range(100)]


@app.get("/sleep")
async def sleep():
    await asyncio.sleep(0.01)
    return {"slept": True}


async def common_params(q: str | None = None, limit: int = 10):
    return {"q": q, "limit": limit}


async def current_user(params: dict = Depends(common_params)):
    return {"user": "alice", **params}


@app.get("/deps")
async def deps(user: dict = Depends(current_user)):
    return user


def _numbered_route(i: int):
    async def numbered_route(x: str):
        return {"route": i, "x": x}

    return numbered_route


if os.environ.get("BENCH_MANY_ROUTES") == "1":
    for _i in range(10_000):
        app.get(f"/r{_i}/{{x}}")(_numbered_route(_i))
