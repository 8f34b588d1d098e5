"""HTTP Basic auth (FastAPI's tests/test_tutorial/test_security/test_tutorial006.py and test_tutorial007.py,
tests/test_security_http_basic_realm.py).

Expected values are current FastAPI's (fastapi/security/http.py, ``HTTPBasic.__call__``): every failure of the
header itself, whether missing, another scheme, not base64, not ASCII or without a ``:``, raises
``make_not_authenticated_error()``: 401 ``{"detail": "Not authenticated"}`` with
``WWW-Authenticate: Basic realm="vault"``. (Before FastAPI 0.122 the undecodable cases said
"Invalid authentication credentials"; fastapi PR #13786 made every HTTP class answer "Not authenticated",
and tests/test_security_http_basic_realm.py now expects it for ``Basic notabase64token``.)
"""
import base64
import unittest

from examples.compat import security_http_basic
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200

CHALLENGE = 'Basic realm="vault"'


def basic(raw: bytes) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(raw).decode("ascii")}


class HTTPBasicTest(AppTestCase):
    app = security_http_basic.app

    def assert_not_authenticated(self, response) -> None:
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json(), {"detail": "Not authenticated"})
        self.assertEqual(response.headers["www-authenticate"], CHALLENGE)

    def test_right_credentials(self) -> None:
        response = self.client.get("/users/me", headers=basic(b"curie:radium"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"username": "curie"})

    def test_scheme_is_case_insensitive(self) -> None:
        header = "basic " + base64.b64encode(b"curie:radium").decode("ascii")
        self.assertEqual(self.client.get("/users/me", headers={"Authorization": header}).json(), {"username": "curie"})

    def test_split_at_the_first_colon(self) -> None:
        self.assertEqual(self.client.get("/credentials", headers=basic(b"bob:pa:ss")).json(),
                         {"username": "bob", "password": "pa:ss"})
        self.assertEqual(self.client.get("/credentials", headers=basic(b"bob:")).json(),
                         {"username": "bob", "password": ""})
        self.assertEqual(self.client.get("/credentials", headers=basic(b":secret")).json(),
                         {"username": "", "password": "secret"})

    def test_wrong_credentials(self) -> None:
        for raw in (b"curie:polonium", b"pierre:radium"):
            response = self.client.get("/users/me", headers=basic(raw))
            self.assertEqual(response.status_code, 401)
            self.assertEqual(response.json(), {"detail": "Incorrect username or password"})
            self.assertEqual(response.headers["www-authenticate"], "Basic")

    def test_missing_header(self) -> None:
        self.assert_not_authenticated(self.client.get("/users/me"))
        self.assert_not_authenticated(self.client.get("/credentials"))

    def test_other_scheme(self) -> None:
        self.assert_not_authenticated(self.client.get("/users/me", headers={"Authorization": "Bearer curie"}))

    def test_not_base64(self) -> None:
        self.assert_not_authenticated(self.client.get("/users/me", headers={"Authorization": "Basic notabase64token"}))

    def test_no_colon(self) -> None:
        self.assert_not_authenticated(self.client.get("/credentials", headers=basic(b"curieradium")))

    def test_not_ascii(self) -> None:
        self.assert_not_authenticated(self.client.get("/credentials", headers=basic("curie:radiüm".encode())))

    def test_openapi(self) -> None:
        ok = {"200": RESPONSE_200}
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/users/me": {"get": {"summary": "Read Current User", "operationId": "read_current_user_users_me_get",
                                      "responses": ok, "security": [{"HTTPBasic": []}]}},
                "/credentials": {"get": {"summary": "Echo Credentials", "operationId": "echo_credentials_credentials_get",
                                         "responses": ok, "security": [{"HTTPBasic": []}]}},
            },
            "components": {"securitySchemes": {"HTTPBasic": {
                "type": "http", "scheme": "basic", "description": "The vault's own accounts."}}},
        })


if __name__ == "__main__":
    unittest.main()
