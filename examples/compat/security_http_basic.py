"""HTTP Basic auth: ``HTTPBasic`` (with a realm) gives the ``HTTPBasicCredentials`` of the request; the app
checks them with ``secrets.compare_digest`` (FastAPI's "HTTP Basic Auth" advanced tutorial)."""
import secrets
from typing import Annotated

from tachyon import Depends, FastAPI, HTTPException, status
from tachyon.security import HTTPBasic, HTTPBasicCredentials

security = HTTPBasic(realm="vault", description="The vault's own accounts.")

app = FastAPI()


def get_current_username(credentials: Annotated[HTTPBasicCredentials, Depends(security)]) -> str:
    right_username = secrets.compare_digest(credentials.username.encode("utf8"), b"curie")
    right_password = secrets.compare_digest(credentials.password.encode("utf8"), b"radium")
    if not (right_username and right_password):
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Incorrect username or password",
            headers={"WWW-Authenticate": "Basic"},
        )
    return credentials.username


@app.get("/users/me")
def read_current_user(username: Annotated[str, Depends(get_current_username)]):
    return {"username": username}


@app.get("/credentials")
def echo_credentials(credentials: Annotated[HTTPBasicCredentials, Depends(security)]):
    return {"username": credentials.username, "password": credentials.password}
