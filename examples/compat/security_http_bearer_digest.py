"""``HTTPBearer`` and ``HTTPDigest``: the scheme and credentials of the ``Authorization`` header, as
``HTTPAuthorizationCredentials`` (the app checks the credentials itself)."""
from typing import Annotated

from tachyon import Depends, FastAPI
from tachyon.security import HTTPAuthorizationCredentials, HTTPBearer, HTTPDigest

bearer = HTTPBearer(bearerFormat="JWT", description="A JWT from the login service.")
digest = HTTPDigest(scheme_name="DigestAuth")

app = FastAPI()


@app.get("/bearer")
def read_bearer(credentials: Annotated[HTTPAuthorizationCredentials, Depends(bearer)]):
    return {"scheme": credentials.scheme, "credentials": credentials.credentials}


@app.get("/digest")
def read_digest(credentials: Annotated[HTTPAuthorizationCredentials, Depends(digest)]):
    return {"scheme": credentials.scheme, "credentials": credentials.credentials}
