"""Security helpers as dependencies: OAuth2 password flow, HTTP Basic/Bearer, API keys."""
from __future__ import annotations

import base64
import unittest
from typing import Annotated

from tachyon import Depends, FastAPI
from tachyon.security import (APIKeyCookie, APIKeyHeader, APIKeyQuery, HTTPAuthorizationCredentials, HTTPBasic,
                              HTTPBasicCredentials, HTTPBearer, OAuth2PasswordBearer, OAuth2PasswordRequestForm)
from tests.client_case import AppTestCase

oauth2 = OAuth2PasswordBearer(tokenUrl="token")
optional_oauth2 = OAuth2PasswordBearer(tokenUrl="token", auto_error=False)
basic = HTTPBasic()
bearer = HTTPBearer()
key_header, key_query, key_cookie = APIKeyHeader(name="x-key"), APIKeyQuery(name="key"), APIKeyCookie(name="key")

app = FastAPI()


@app.post("/token")
def token(form: Annotated[OAuth2PasswordRequestForm, Depends()]):
    return {"access_token": form.username, "token_type": "bearer", "scopes": form.scopes}


@app.get("/me")
def me(tok: Annotated[str, Depends(oauth2)]):
    return {"token": tok}


@app.get("/maybe")
def maybe(tok: Annotated[str | None, Depends(optional_oauth2)]):
    return {"token": tok}


@app.get("/basic")
def basic_route(c: Annotated[HTTPBasicCredentials, Depends(basic)]):
    return {"username": c.username, "password": c.password}


@app.get("/bearer")
def bearer_route(c: Annotated[HTTPAuthorizationCredentials, Depends(bearer)]):
    return {"scheme": c.scheme, "credentials": c.credentials}


@app.get("/keys")
def keys(h: Annotated[str, Depends(key_header)], q: Annotated[str, Depends(key_query)], c: Annotated[str, Depends(key_cookie)]):
    return [h, q, c]


class SecurityTest(AppTestCase):
    app = app

    def test_password_form_and_bearer_token(self) -> None:
        r = self.client.post("/token", data={"username": "ann", "password": "pw", "scope": "a b"})
        self.assertEqual(r.json(), {"access_token": "ann", "token_type": "bearer", "scopes": ["a", "b"]})
        r = self.client.post("/token", data={"username": "ann", "password": "pw", "grant_type": "code"})
        self.assertEqual(r.status_code, 422)
        self.assertEqual(r.json()["detail"][0]["loc"], ["body", "grant_type"])
        self.assertEqual(self.client.get("/me", headers={"Authorization": "Bearer abc"}).json(), {"token": "abc"})

    def test_missing_token_is_401_with_challenge(self) -> None:
        r = self.client.get("/me")
        self.assertEqual((r.status_code, r.json()), (401, {"detail": "Not authenticated"}))
        self.assertEqual(r.headers["www-authenticate"], "Bearer")
        self.assertEqual(self.client.get("/maybe").json(), {"token": None})

    def test_http_basic(self) -> None:
        auth = "Basic " + base64.b64encode(b"ann:secret").decode()
        self.assertEqual(self.client.get("/basic", headers={"Authorization": auth}).json(), {"username": "ann", "password": "secret"})
        r = self.client.get("/basic")
        self.assertEqual((r.status_code, r.headers["www-authenticate"]), (401, "Basic"))
        r = self.client.get("/basic", headers={"Authorization": "Basic !!!"})
        self.assertEqual((r.status_code, r.json()), (401, {"detail": "Not authenticated"}))

    def test_http_bearer(self) -> None:
        self.assertEqual(self.client.get("/bearer", headers={"Authorization": "Bearer t0k"}).json(),
                         {"scheme": "Bearer", "credentials": "t0k"})
        self.assertEqual(self.client.get("/bearer").status_code, 401)

    def test_api_keys(self) -> None:
        r = self.client.get("/keys?key=q", headers={"x-key": "h"}, cookies={"key": "c"})
        self.assertEqual(r.json(), ["h", "q", "c"])
        self.assertEqual(self.client.get("/keys?key=q").status_code, 401)


if __name__ == "__main__":
    unittest.main()
