"""``tachyon.encoders.jsonable_encoder``: turn pydantic models, datetimes and other Python objects into
JSON-compatible data, e.g. to store them in a JSON-only database (FastAPI's "JSON Compatible Encoder")."""
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from tachyon import FastAPI
from tachyon.encoders import jsonable_encoder

fake_db: dict[str, Any] = {}


class Item(BaseModel):
    title: str
    timestamp: datetime
    description: str | None = None


app = FastAPI()


@app.put("/items/{item_id}")
def update_item(item_id: str, item: Item):
    fake_db[item_id] = jsonable_encoder(item)
    return {"stored": fake_db[item_id], "timestamp_type": type(fake_db[item_id]["timestamp"]).__name__}


@app.get("/items/{item_id}")
def read_item(item_id: str):
    return jsonable_encoder(fake_db[item_id], exclude_none=True)
