"""Dependencies in path operation decorators, routers and the app: ``dependencies=[Depends(...)]`` runs
them (app, then router, then path operation) for their checks and side effects; their values are unused."""
from typing import Annotated

from tachyon import APIRouter, Depends, FastAPI, Header, HTTPException, Request

visits: list[str] = []


async def verify_key(x_key: Annotated[str, Header()]):
    if x_key != "fake-super-secret-key":
        raise HTTPException(status_code=400, detail="X-Key header invalid")
    visits.append("key")
    return x_key


def verify_token(x_token: Annotated[str, Header()]):
    if x_token != "fake-super-secret-token":
        raise HTTPException(status_code=400, detail="X-Token header invalid")
    visits.append("token")


def count_visit(request: Request):
    visits.append(f"visit {request.url.path}")


app = FastAPI(dependencies=[Depends(verify_key)])
router = APIRouter(prefix="/items", tags=["items"], dependencies=[Depends(verify_token)])


@app.get("/health")
def health():
    return {"status": "ok"}


@router.get("/")
async def read_items():
    return [{"item": "Portal Gun"}, {"item": "Plumbus"}]


@router.get("/{item_id}", dependencies=[Depends(count_visit)])
def read_item(item_id: int):
    return {"item_id": item_id}


app.include_router(router)
