"""``tachyon.status``: named HTTP (and WebSocket) status codes, for ``status_code=`` and ``HTTPException``
(FastAPI's "Response Status Code" tutorial)."""
from tachyon import FastAPI, HTTPException, status

items: dict[str, dict] = {"hammer": {"name": "hammer"}}

app = FastAPI()


@app.post("/items/", status_code=status.HTTP_201_CREATED)
def create_item(name: str):
    items[name] = {"name": name}
    return items[name]


@app.delete("/items/{name}", status_code=status.HTTP_204_NO_CONTENT)
def delete_item(name: str):
    if name not in items:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Item not found")
    del items[name]


@app.get("/teapot", status_code=status.HTTP_418_IM_A_TEAPOT)
def brew():
    return {"coffee": False}
