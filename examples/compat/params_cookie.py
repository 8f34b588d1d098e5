"""Cookie parameters: an optional cookie, a required one, and a typed one with a default."""
from typing import Annotated

from tachyon import Cookie, FastAPI

app = FastAPI()


@app.get("/items/")
async def read_items(ads_id: Annotated[str | None, Cookie()] = None):
    return {"ads_id": ads_id}


@app.get("/session/")
async def read_session(session_id: Annotated[str, Cookie()], visits: Annotated[int, Cookie()] = 0):
    return {"session_id": session_id, "visits": visits}
