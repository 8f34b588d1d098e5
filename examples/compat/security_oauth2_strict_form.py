"""``OAuth2PasswordRequestFormStrict``: the password-flow form with ``grant_type=password`` required, as the
OAuth2 spec says (the plain ``OAuth2PasswordRequestForm`` lets it out)."""
from typing import Annotated

from tachyon import Depends, FastAPI, HTTPException
from tachyon.security import OAuth2PasswordBearer, OAuth2PasswordRequestFormStrict

passwords = {"grace": "cobol", "linus": "kernel"}

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token", description="Tokens come from POST /token.")

app = FastAPI()


@app.post("/token")
def issue_token(form_data: Annotated[OAuth2PasswordRequestFormStrict, Depends()]):
    if passwords.get(form_data.username) != form_data.password:
        raise HTTPException(status_code=400, detail="Incorrect username or password")
    return {
        "access_token": f"token-{form_data.username}",
        "token_type": "bearer",
        "grant_type": form_data.grant_type,
        "scopes": form_data.scopes,
        "client_id": form_data.client_id,
        "client_secret": form_data.client_secret,
    }


@app.get("/session")
def read_session(token: Annotated[str, Depends(oauth2_scheme)]):
    return {"token": token}
