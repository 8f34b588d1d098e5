"""A custom ``RequestValidationError`` handler: it answers with the errors from ``exc.errors()``, the
body FastAPI received (``exc.body``) and where each error was, for body, JSON-decoding, path and query
errors alike."""
from typing import Annotated

from pydantic import BaseModel

from tachyon import FastAPI, Query, Request, RequestValidationError
from tachyon.encoders import jsonable_encoder
from tachyon.responses import JSONResponse

app = FastAPI()


@app.exception_handler(RequestValidationError)
async def validation_exception_handler(request: Request, exc: RequestValidationError):
    return JSONResponse(
        status_code=422,
        content=jsonable_encoder({
            "detail": exc.errors(),
            "body": exc.body,
            "where": [str(error["loc"]) for error in exc.errors()],
            "path": request.url.path,
        }),
    )


class Item(BaseModel):
    title: str
    size: int


@app.post("/items/")
async def create_item(item: Item):
    return item


@app.get("/items/{item_id}")
async def read_item(item_id: int, q: Annotated[str | None, Query(max_length=5)] = None):
    return {"item_id": item_id, "q": q}
