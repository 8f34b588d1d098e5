"""Query, header and cookie parameter models: a pydantic model declared as ``Query()``, ``Header()`` or
``Cookie()`` gathers those parameters; ``extra="forbid"`` rejects any it does not declare."""
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from tachyon import Cookie, FastAPI, Header, Query

app = FastAPI()


class Listing(BaseModel):
    model_config = {"extra": "forbid"}

    page_size: int = Field(20, gt=0, le=50)
    page: int = Field(1, ge=1)
    sort: Literal["name", "price"] = "name"
    labels: list[str] = []


class ClientHeaders(BaseModel):
    user_agent: str
    accept_language: str | None = None
    x_feature: list[str] = []


class Session(BaseModel):
    session_id: str
    theme: str = "light"


@app.get("/products/")
async def list_products(listing: Annotated[Listing, Query()]):
    return listing


@app.get("/client/")
def describe_client(headers: Annotated[ClientHeaders, Header()]):
    return headers


@app.get("/session/")
def read_session(session: Annotated[Session, Cookie()]):
    return session
