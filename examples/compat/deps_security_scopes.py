"""``Security(...)`` with OAuth2 scopes: each ``Security(dep, scopes=[...])`` adds scopes for the dependencies
below it; a ``SecurityScopes`` parameter receives all of them, and OpenAPI lists them per operation."""
from typing import Annotated

from tachyon import Depends, FastAPI, HTTPException, Security
from tachyon.security import OAuth2PasswordBearer, SecurityScopes

oauth2_scheme = OAuth2PasswordBearer(
    tokenUrl="token",
    scopes={"me": "Read information about the current user.", "items": "Read items."},
)

app = FastAPI()

fake_tokens = {
    "rick-token": {"username": "rick", "scopes": ["me", "items"], "disabled": False},
    "morty-token": {"username": "morty", "scopes": ["me"], "disabled": False},
    "jerry-token": {"username": "jerry", "scopes": ["me", "items"], "disabled": True},
}


async def get_current_user(security_scopes: SecurityScopes, token: Annotated[str, Depends(oauth2_scheme)]):
    if security_scopes.scopes:
        authenticate_value = f'Bearer scope="{security_scopes.scope_str}"'
    else:
        authenticate_value = "Bearer"
    user = fake_tokens.get(token)
    if user is None:
        raise HTTPException(status_code=401, detail="Could not validate credentials",
                            headers={"WWW-Authenticate": authenticate_value})
    for scope in security_scopes.scopes:
        if scope not in user["scopes"]:
            raise HTTPException(status_code=401, detail="Not enough permissions",
                                headers={"WWW-Authenticate": authenticate_value})
    return {**user, "required": security_scopes.scopes}


async def get_current_active_user(current_user: Annotated[dict, Security(get_current_user, scopes=["me"])]):
    if current_user["disabled"]:
        raise HTTPException(status_code=400, detail="Inactive user")
    return current_user


@app.get("/users/me/")
async def read_users_me(current_user: Annotated[dict, Depends(get_current_active_user)]):
    return {"username": current_user["username"], "required": current_user["required"]}


@app.get("/users/me/items/")
async def read_own_items(current_user: Annotated[dict, Security(get_current_active_user, scopes=["items"])]):
    return {"items": [{"item_id": "Foo", "owner": current_user["username"]}], "required": current_user["required"]}


@app.get("/status/")
async def read_system_status(current_user: Annotated[dict, Depends(get_current_user)]):
    return {"status": "ok", "required": current_user["required"]}
