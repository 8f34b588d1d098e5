"""``auto_error=False``: a security dependency gives ``None`` instead of answering 401 when its credentials
are absent, so a route can accept one of several ways to authenticate, or none."""
from typing import Annotated

from tachyon import Depends, FastAPI, HTTPException
from tachyon.security import (APIKeyHeader, HTTPAuthorizationCredentials, HTTPBasic, HTTPBasicCredentials,
                              HTTPBearer, OAuth2PasswordBearer)

api_key = APIKeyHeader(name="X-Token", auto_error=False)
bearer = HTTPBearer(auto_error=False)
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token", auto_error=False)
basic = HTTPBasic(auto_error=False)

app = FastAPI()


@app.get("/whoami")
def whoami(
    key: Annotated[str | None, Depends(api_key)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
):
    if key:
        return {"via": "api-key", "identity": key}
    if credentials:
        return {"via": "bearer", "identity": credentials.credentials}
    raise HTTPException(status_code=401, detail="Send an X-Token header or a bearer token",
                        headers={"WWW-Authenticate": "Bearer"})


@app.get("/items/")
def read_items(token: Annotated[str | None, Depends(oauth2_scheme)]):
    if token is None:
        return {"items": ["public"]}
    return {"items": ["public", "private"], "token": token}


@app.get("/greeting")
def greet(credentials: Annotated[HTTPBasicCredentials | None, Depends(basic)]):
    return {"hello": credentials.username if credentials else "stranger"}
