"""``OAuth2AuthorizationCodeBearer``: the bearer token of an OAuth2 authorization-code flow run by an external
identity provider; the app only reads the token and documents the flow (URLs, scopes) in OpenAPI."""
from typing import Annotated

from tachyon import Depends, FastAPI, Security
from tachyon.security import OAuth2AuthorizationCodeBearer

oauth2_scheme = OAuth2AuthorizationCodeBearer(
    authorizationUrl="https://id.example.com/oauth/authorize",
    tokenUrl="https://id.example.com/oauth/token",
    refreshUrl="https://id.example.com/oauth/refresh",
    scopes={"profile": "Read your profile.", "repos": "Read your repositories."},
    description="Sign in with the example identity provider.",
)

app = FastAPI()


def current_token(token: Annotated[str, Depends(oauth2_scheme)]) -> str:
    return token


@app.get("/status")
def read_status(token: Annotated[str, Depends(oauth2_scheme)]):
    return {"token": token}


@app.get("/profile")
def read_profile(token: Annotated[str, Security(oauth2_scheme, scopes=["profile"])]):
    return {"token": token, "section": "profile"}


@app.get("/repos")
def list_repos(token: Annotated[str, Security(current_token, scopes=["repos"])]):
    return {"token": token, "section": "repos"}
