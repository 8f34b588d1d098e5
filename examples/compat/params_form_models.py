"""Form models: a pydantic model declared as ``Form()`` gathers the form's fields (FastAPI 0.113+);
with ``extra="forbid"`` any other field is rejected."""
from typing import Annotated

from pydantic import BaseModel

from tachyon import FastAPI, Form

app = FastAPI()


class FormData(BaseModel):
    username: str
    password: str


class StrictForm(BaseModel):
    model_config = {"extra": "forbid"}

    username: str
    tags: list[str] = []


@app.post("/login/")
async def login(data: Annotated[FormData, Form()]):
    return data


@app.post("/strict/")
async def strict(data: Annotated[StrictForm, Form()]):
    return data
