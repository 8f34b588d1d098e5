"""``Annotated`` dependency aliases: ``Pagination = Annotated[dict, Depends(pagination)]`` declared once
and reused as a plain type annotation by endpoints and by other dependencies."""
from typing import Annotated

from tachyon import Depends, FastAPI, Header, HTTPException, Query

app = FastAPI()


def pagination(skip: int = 0, limit: Annotated[int, Query(le=100)] = 10):
    return {"skip": skip, "limit": limit}


Pagination = Annotated[dict, Depends(pagination)]


def current_user(x_user: Annotated[str, Header()]):
    if x_user == "nobody":
        raise HTTPException(status_code=401, detail="Unknown user", headers={"WWW-Authenticate": "X-User"})
    return x_user


CurrentUser = Annotated[str, Depends(current_user)]


def admin_user(user: CurrentUser):
    if user != "rick":
        raise HTTPException(status_code=403, detail="Admins only")
    return user


AdminUser = Annotated[str, Depends(admin_user)]


@app.get("/items/")
def read_items(page: Pagination, user: CurrentUser):
    return {"page": page, "user": user}


@app.get("/users/me")
async def read_me(user: CurrentUser):
    return {"username": user}


@app.delete("/items/{item_id}")
async def delete_item(item_id: int, admin: AdminUser, user: CurrentUser):
    return {"deleted": item_id, "by": admin, "same_user": admin == user}
