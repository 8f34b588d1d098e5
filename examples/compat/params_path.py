"""Path parameters: typed values, an ``Enum`` of allowed values, a ``{file_path:path}`` that keeps its
slashes, ``Path()`` with a title and numeric constraints, and a fixed path declared before the
parameterised one that would otherwise match it."""
from enum import Enum
from typing import Annotated

from tachyon import FastAPI, Path

app = FastAPI()


class ModelName(str, Enum):
    alexnet = "alexnet"
    resnet = "resnet"
    lenet = "lenet"


@app.get("/users/me")
async def read_current_user():
    return {"user_id": "the current user"}


@app.get("/users/{user_id}")
async def read_user(user_id: int):
    return {"user_id": user_id}


@app.get("/models/{model_name}")
async def get_model(model_name: ModelName):
    if model_name is ModelName.alexnet:
        return {"model_name": model_name, "message": "Deep Learning FTW!"}
    if model_name.value == "lenet":
        return {"model_name": model_name, "message": "LeCNN all the images"}
    return {"model_name": model_name, "message": "Have some residuals"}


@app.get("/files/{file_path:path}")
async def read_file(file_path: str):
    return {"file_path": file_path}


@app.get("/measure/{item_id}/{size}")
async def measure(
    item_id: Annotated[int, Path(title="The ID of the item", ge=1, le=1000)],
    size: Annotated[float, Path(gt=0, lt=10.5)],
):
    return {"item_id": item_id, "size": size}
