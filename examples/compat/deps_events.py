"""Startup and shutdown events (``@app.on_event``, deprecated in favour of ``lifespan`` but supported):
the handlers, sync or async, run in the order they were registered."""
from tachyon import FastAPI, HTTPException

app = FastAPI()

items: dict = {}
log: list[str] = []


@app.on_event("startup")
async def load_items():
    items["foo"] = {"name": "Fighters"}
    items["bar"] = {"name": "Tenders"}
    log.append("startup: items loaded")


@app.on_event("startup")
def open_log():
    log.append("startup: log opened")


@app.on_event("shutdown")
def write_log():
    log.append("shutdown: application stopped")
    items.clear()


@app.get("/items/{item_id}")
async def read_items(item_id: str):
    if item_id not in items:
        raise HTTPException(status_code=404, detail="Item not found")
    return items[item_id]
