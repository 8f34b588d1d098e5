"""Form fields (``application/x-www-form-urlencoded``): required and optional fields, a ``bool``
checkbox with a default, a constraint, and a ``list`` field filled from repeated keys."""
from typing import Annotated

from tachyon import FastAPI, Form

app = FastAPI()


@app.post("/login/")
async def login(
    username: Annotated[str, Form()],
    password: Annotated[str, Form(min_length=8)],
    remember: Annotated[bool, Form()] = False,
    scope: Annotated[str | None, Form()] = None,
):
    return {"username": username, "password_length": len(password), "remember": remember, "scope": scope}


@app.post("/tags/")
async def save_tags(tag: Annotated[list[str], Form()]):
    return {"tags": tag}
