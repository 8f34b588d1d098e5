"""Sub-applications: a second app mounted under a path prefix keeps its own routes, OpenAPI document
(served under the prefix, with the prefix as its server), docs and exception handlers."""
from typing import Annotated

from tachyon import Depends, FastAPI, HTTPException
from tachyon.responses import JSONResponse

app = FastAPI()


@app.get("/app")
def read_main():
    return {"message": "Hello World from main app"}


subapi = FastAPI()


@subapi.exception_handler(HTTPException)
async def sub_http_exception(request, exc):
    return JSONResponse({"sub_detail": exc.detail}, status_code=exc.status_code)


@subapi.get("/sub")
def read_sub():
    return {"message": "Hello World from sub API"}


def item_limit():
    return 100


@subapi.get("/items/{item_id}")
def read_sub_item(item_id: int, limit: Annotated[int, Depends(item_limit)]):
    if item_id == 0 or item_id > limit:
        raise HTTPException(status_code=404, detail=f"no item {item_id}")
    return {"item_id": item_id}


@subapi.get("/boom")
def boom():
    raise RuntimeError("sub app failure")


app.mount("/subapi", subapi)
