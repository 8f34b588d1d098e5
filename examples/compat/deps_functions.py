"""Function dependencies: one function declares the query parameters (q, skip, limit) that several path
operations share, and each endpoint receives what it returned."""
from tachyon import Depends, FastAPI

app = FastAPI()

fake_items_db = [{"item_name": "Foo"}, {"item_name": "Bar"}, {"item_name": "Baz"}]


def common_parameters(q: str | None = None, skip: int = 0, limit: int = 100):
    return {"q": q, "skip": skip, "limit": limit}


@app.get("/items/")
def read_items(commons: dict = Depends(common_parameters)):
    items = fake_items_db[commons["skip"]: commons["skip"] + commons["limit"]]
    return {**commons, "items": items}


@app.get("/users/")
def read_users(commons: dict = Depends(common_parameters)):
    return commons
