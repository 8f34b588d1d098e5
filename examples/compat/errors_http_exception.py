"""``HTTPException``: a string, dict or list ``detail``, custom ``headers``, the status phrase as the
default detail, a status that allows no body, and the 404 and 405 answers for unknown paths and
methods."""
from tachyon import FastAPI, HTTPException

app = FastAPI()

items = {"foo": "The Foo Wrestlers"}


@app.get("/items/{item_id}")
async def read_item(item_id: str):
    if item_id not in items:
        raise HTTPException(status_code=404, detail="Item not found")
    return {"item": items[item_id]}


@app.get("/items-header/{item_id}")
async def read_item_header(item_id: str):
    if item_id not in items:
        raise HTTPException(status_code=404, detail="Item not found", headers={"X-Error": "There goes my error"})
    return {"item": items[item_id]}


@app.post("/orders/{sku}")
async def order(sku: str):
    raise HTTPException(status_code=409, detail={"code": "out_of_stock", "sku": sku, "available": 0})


@app.post("/batch")
async def batch():
    raise HTTPException(status_code=400, detail=[{"index": 0, "problem": "duplicate"},
                                                 {"index": 2, "problem": "too large"}])


@app.get("/teapot")
def teapot():
    raise HTTPException(status_code=418)


@app.get("/cached")
def cached():
    raise HTTPException(status_code=304)


@app.get("/me")
def read_me():
    raise HTTPException(status_code=401, detail="Not authenticated", headers={"WWW-Authenticate": "Bearer"})
