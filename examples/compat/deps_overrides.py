"""``app.dependency_overrides``: replace a dependency (e.g. in tests) wherever it is used, in endpoint
parameters, in ``dependencies=[...]`` and inside other dependencies; the override's own parameters apply."""
from typing import Annotated

from tachyon import APIRouter, Depends, FastAPI, Header, HTTPException

app = FastAPI()
router = APIRouter()


async def common_parameters(q: str, skip: int = 0, limit: int = 100):
    return {"q": q, "skip": skip, "limit": limit}


def get_current_user(x_token: Annotated[str, Header()]):
    if x_token != "secret":
        raise HTTPException(status_code=401, detail="Invalid token")
    return {"username": "rick"}


def get_profile(user: Annotated[dict, Depends(get_current_user)]):
    return {**user, "profile": True}


@app.get("/items/")
async def read_items(commons: Annotated[dict, Depends(common_parameters)]):
    return {"in": "items", "params": commons}


@app.get("/audit/", dependencies=[Depends(common_parameters)])
async def audit():
    return {"in": "audit"}


@router.get("/me")
def read_me(profile: Annotated[dict, Depends(get_profile)]):
    return profile


app.include_router(router, prefix="/users")
