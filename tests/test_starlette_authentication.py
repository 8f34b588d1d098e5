"""starlette.authentication without Starlette's middleware: a dependency that authenticates sets ``scope["auth"]``
and ``scope["user"]``, and ``requires`` guards the endpoint (expected values are FastAPI 0.143's)."""
from __future__ import annotations

import unittest

from tachyon import Depends, FastAPI, Request
from tachyon._starlette.authentication import (AuthCredentials, AuthenticationBackend, AuthenticationError,
                                               BaseUser, SimpleUser, UnauthenticatedUser, has_required_scope,
                                               requires)
from tachyon.responses import JSONResponse
from tachyon.testclient import TestClient


class TokenBackend(AuthenticationBackend):
    async def authenticate(self, conn):
        token = conn.headers.get("x-token")
        if token is None:
            return None
        if token == "bad":
            raise AuthenticationError("bad token")
        return AuthCredentials(token.split(",")), SimpleUser("alice")


async def authenticate(request: Request):
    result = await TokenBackend().authenticate(request)
    credentials, user = result if result is not None else (AuthCredentials(), UnauthenticatedUser())
    request.scope["auth"], request.scope["user"] = credentials, user


app = FastAPI(dependencies=[Depends(authenticate)])


@app.exception_handler(AuthenticationError)
async def authentication_failed(request, exc):
    return JSONResponse({"error": str(exc)}, status_code=401)


@app.get("/login", name="login")
def login():
    return {"page": "login"}


@app.get("/admin")
@requires("admin")
async def admin(request: Request):
    return {"user": request.user.display_name, "scopes": request.auth.scopes, "ok": request.user.is_authenticated}


@app.get("/sync")
@requires(["read", "write"], status_code=404)
def read_write(request: Request, q: int = 0):
    return {"user": request.user.identity, "q": q}


@app.get("/redirect")
@requires("admin", redirect="login")
async def redirected(request: Request):
    return {"ok": True}


@app.get("/check")
def check(request: Request):
    return {"admin": has_required_scope(request, ["admin"]), "name": request.user.display_name,
            "identity": request.user.identity, "authenticated": request.user.is_authenticated}


class RequiresTest(unittest.TestCase):
    client = TestClient(app)

    def test_missing_scope_is_403(self):
        response = self.client.get("/admin", headers={"x-token": "read"})
        self.assertEqual((response.status_code, response.json()), (403, {"detail": "Forbidden"}))

    def test_scopes_present_call_the_endpoint_with_its_parameters(self):
        self.assertEqual(self.client.get("/admin", headers={"x-token": "admin,read"}).json(),
                         {"user": "alice", "scopes": ["admin", "read"], "ok": True})
        self.assertEqual(self.client.get("/sync?q=3", headers={"x-token": "read,write"}).json(), {"user": "alice", "q": 3})

    def test_status_code_of_the_refusal(self):
        response = self.client.get("/sync?q=3", headers={"x-token": "read"})
        self.assertEqual((response.status_code, response.json()), (404, {"detail": "Not Found"}))

    def test_redirect_to_a_named_route_with_next(self):
        response = self.client.get("/redirect?x=1", follow_redirects=False)
        self.assertEqual((response.status_code, response.headers["location"]),
                         (303, "http://testserver/login?next=http%3A%2F%2Ftestserver%2Fredirect%3Fx%3D1"))

    def test_anonymous_user_and_authentication_error(self):
        self.assertEqual(self.client.get("/check").json(),
                         {"admin": False, "name": "", "identity": "", "authenticated": False})
        response = self.client.get("/check", headers={"x-token": "bad"})
        self.assertEqual((response.status_code, response.json()), (401, {"error": "bad token"}))

    def test_a_function_without_request_is_refused(self):
        with self.assertRaisesRegex(Exception, 'No "request" or "websocket" argument on function'):
            requires("x")(lambda x: x)

    def test_the_request_argument_must_be_a_request(self):
        guarded = requires("x")(lambda request: request)
        with self.assertRaisesRegex(AssertionError, "required to be of type 'Request' not 'int'"):
            guarded(1)

    def test_user_classes(self):
        with self.assertRaises(NotImplementedError):
            BaseUser().is_authenticated
        self.assertEqual((AuthCredentials(("a",)).scopes, AuthCredentials().scopes), (["a"], []))
        self.assertEqual(SimpleUser("bob").identity, "bob")


if __name__ == "__main__":
    unittest.main()
