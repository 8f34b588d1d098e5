"""Reverse routing: ``app.url_path_for`` and ``request.url_for`` build URLs from route names (the
function's name, or ``name=``), path parameters and the prefixes of included routers."""
from tachyon import APIRouter, FastAPI, Request

app = FastAPI()


@app.get("/items/{item_id}")
def read_item(item_id: int, request: Request):
    return {"item_id": item_id, "url": str(request.url_for("read_item", item_id=item_id))}


@app.get("/files/{file_path:path}", name="file")
def read_file(file_path: str):
    return {"file_path": file_path}


shop = APIRouter(prefix="/users")


@shop.get("/{user_id}/orders/{order_id}")
def read_order(user_id: str, order_id: int):
    return {"user_id": user_id, "order_id": order_id}


app.include_router(shop, prefix="/shop")


@app.get("/links")
def links(request: Request):
    return {
        "item": request.app.url_path_for("read_item", item_id=7),
        "file": request.app.url_path_for("file", file_path="docs/readme.md"),
        "order": str(request.url_for("read_order", user_id="ann", order_id=3)),
        "openapi": request.app.url_path_for("openapi"),
    }
