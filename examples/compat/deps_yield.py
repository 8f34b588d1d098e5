"""Dependencies with ``yield`` (sync and async): the code after ``yield`` runs once the response has been
sent, and an exception raised by the endpoint is raised again at the ``yield``, where ``except`` sees it."""
from typing import Annotated

from tachyon import Depends, FastAPI, HTTPException

app = FastAPI()

events: list[str] = []


class OwnerError(Exception):
    """Raised by the endpoint and thrown into the yield dependency, which turns it into an HTTP error."""


def get_db():
    db = {"open": True}
    events.append("db: open")
    try:
        yield db
    except OwnerError as exc:
        events.append(f"db: rollback after {exc}")
        raise HTTPException(status_code=400, detail=f"Owner error: {exc}")
    finally:
        db["open"] = False
        events.append("db: close")


async def get_session():
    events.append("session: start")
    try:
        yield "session-1"
    except Exception as exc:
        events.append(f"session: saw {type(exc).__name__}")
        raise
    finally:
        events.append("session: end")


def swallowing_dependency():
    try:
        yield "ok"
    except OwnerError:
        events.append("swallowed")  # not raised again: FastAPI then fails the request with a 500


data = {"plumbus": {"description": "Freshly pickled plumbus", "owner": "Morty"},
        "portal-gun": {"description": "Gun to create portals", "owner": "Rick"}}


@app.get("/items/{item_id}")
def read_item(item_id: str, db: Annotated[dict, Depends(get_db)],
              session: Annotated[str, Depends(get_session)], user: str = "Rick"):
    events.append("endpoint")
    if item_id not in data:
        raise HTTPException(status_code=404, detail="Item not found")
    item = data[item_id]
    if item["owner"] != user:
        raise OwnerError(user)
    return {"item": item, "db_open": db["open"], "session": session}


@app.get("/swallow/{item_id}")
async def swallow(item_id: str, value: Annotated[str, Depends(swallowing_dependency)]):
    if item_id == "bad":
        raise OwnerError("Rick")
    return {"item_id": item_id, "value": value}
