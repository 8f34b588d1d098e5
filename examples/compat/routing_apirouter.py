"""APIRouter options: prefix, tags, dependencies, responses, deprecated, include_in_schema and
default_response_class, inherited by every path operation the router declares."""
from typing import Annotated

from tachyon import APIRouter, Depends, FastAPI, Header, HTTPException
from tachyon.responses import HTMLResponse

SHELF = {"lamp": {"name": "Desk lamp"}, "chair": {"name": "Office chair"}}


async def verify_key(x_key: Annotated[str, Header()]):
    if x_key != "shelf-key":
        raise HTTPException(status_code=403, detail="Invalid X-Key header")


items = APIRouter(
    prefix="/items",
    tags=["items"],
    dependencies=[Depends(verify_key)],
    responses={404: {"description": "Item not found"}},
)


@items.get("/")
async def list_items():
    return SHELF


@items.get("/{item_id}", tags=["single"])
async def read_item(item_id: str):
    if item_id not in SHELF:
        raise HTTPException(status_code=404, detail="Item not found")
    return {"item_id": item_id, **SHELF[item_id]}


legacy = APIRouter(prefix="/legacy", tags=["legacy"], deprecated=True)


@legacy.get("/ping")
def legacy_ping():
    return {"ping": "pong"}


@legacy.get("/pong", deprecated=False)  # the router's deprecated=True still wins
def legacy_pong():
    return {"pong": "ping"}


internal = APIRouter(prefix="/internal", include_in_schema=False)


@internal.get("/health")
def health():
    return {"status": "ok"}


pages = APIRouter(prefix="/pages", default_response_class=HTMLResponse)


@pages.get("/welcome")
def welcome():
    return "<h1>Welcome</h1>"


app = FastAPI()
app.include_router(items)
app.include_router(legacy)
app.include_router(internal)
app.include_router(pages)
