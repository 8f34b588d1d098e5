"""Header parameters: ``user_agent`` reads the ``User-Agent`` header (underscores become hyphens),
``convert_underscores=False`` keeps the name as written, a ``list`` collects a repeated header, and
required and typed headers are validated like any parameter."""
from typing import Annotated

from tachyon import FastAPI, Header

app = FastAPI()


@app.get("/items/")
async def read_items(
    user_agent: Annotated[str | None, Header()] = None,
    strange_header: Annotated[str | None, Header(convert_underscores=False)] = None,
    x_token: Annotated[list[str] | None, Header()] = None,
):
    return {"User-Agent": user_agent, "strange_header": strange_header, "X-Token values": x_token}


@app.get("/secure/")
async def secure(x_api_key: Annotated[str, Header()], x_retries: Annotated[int, Header()] = 0):
    return {"key": x_api_key, "retries": x_retries}
