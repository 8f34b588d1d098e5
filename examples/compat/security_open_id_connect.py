"""``OpenIdConnect`` (the raw ``Authorization`` header) and a scheme that overrides
``make_not_authenticated_error`` to keep FastAPI's pre-0.122 403, as FastAPI's docs suggest."""
from typing import Annotated

from tachyon import Depends, FastAPI, HTTPException, status
from tachyon.security import HTTPAuthorizationCredentials, HTTPBearer, OpenIdConnect

oidc = OpenIdConnect(openIdConnectUrl="/.well-known/openid-configuration", description="The company's IdP.")


class HTTPBearer403(HTTPBearer):
    def make_not_authenticated_error(self) -> HTTPException:
        return HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Not authenticated")


app = FastAPI()


@app.get("/oidc")
def read_oidc(authorization: Annotated[str, Depends(oidc)]):
    return {"authorization": authorization}


@app.get("/legacy")
def read_legacy(credentials: Annotated[HTTPAuthorizationCredentials, Depends(HTTPBearer403())]):
    return {"token": credentials.credentials}
