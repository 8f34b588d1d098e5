"""Simple OAuth2 with Password and Bearer: ``/token`` reads an ``OAuth2PasswordRequestForm`` and answers a
bearer token; ``/users/me`` reads that token with ``OAuth2PasswordBearer`` and looks the user up.

(As in FastAPI's tutorial, the "token" is just the username and the "hash" a prefix: a toy, not security.)"""
from typing import Annotated

from pydantic import BaseModel

from tachyon import Depends, FastAPI, HTTPException, status
from tachyon.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm

accounts = {
    "ada": {
        "username": "ada",
        "full_name": "Ada Lovelace",
        "email": "ada@example.com",
        "hashed_password": "hashed:analytical",
        "disabled": False,
    },
    "charles": {
        "username": "charles",
        "full_name": "Charles Babbage",
        "email": None,
        "hashed_password": "hashed:difference",
        "disabled": True,
    },
}


def hash_password(password: str) -> str:
    return "hashed:" + password


class User(BaseModel):
    username: str
    email: str | None = None
    full_name: str | None = None
    disabled: bool | None = None


class UserInDB(User):
    hashed_password: str


oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")

app = FastAPI()


def decode_token(token: str) -> UserInDB | None:
    record = accounts.get(token)
    return UserInDB(**record) if record else None


async def get_current_user(token: Annotated[str, Depends(oauth2_scheme)]) -> UserInDB:
    user = decode_token(token)
    if user is None:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Invalid authentication credentials",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return user


async def get_current_active_user(current_user: Annotated[UserInDB, Depends(get_current_user)]) -> UserInDB:
    if current_user.disabled:
        raise HTTPException(status_code=status.HTTP_400_BAD_REQUEST, detail="Inactive user")
    return current_user


@app.post("/token")
async def login(form_data: Annotated[OAuth2PasswordRequestForm, Depends()]):
    record = accounts.get(form_data.username)
    if record is None or hash_password(form_data.password) != record["hashed_password"]:
        raise HTTPException(status_code=status.HTTP_400_BAD_REQUEST, detail="Incorrect username or password")
    return {"access_token": record["username"], "token_type": "bearer"}


@app.get("/users/me")
async def read_users_me(current_user: Annotated[User, Depends(get_current_active_user)]) -> User:
    return current_user
