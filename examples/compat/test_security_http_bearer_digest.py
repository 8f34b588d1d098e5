"""``HTTPBearer`` and ``HTTPDigest`` (FastAPI's tests/test_security_http_bearer.py,
tests/test_security_http_bearer_description.py, tests/test_security_http_digest.py).

Expected values are current FastAPI's (fastapi/security/http.py): a missing header, a header without
credentials and a header of another scheme all raise ``make_not_authenticated_error()``: 401
``{"detail": "Not authenticated"}`` with ``WWW-Authenticate`` set to the scheme's name, title-cased
(``Bearer``, ``Digest``); FastAPI before 0.122 answered 403, and 403 "Invalid authentication credentials" for
another scheme (changed by fastapi PR #13786). The credentials are stripped of surrounding whitespace
(fastapi/security/utils.py, fastapi PR #14786).
"""
import unittest

from examples.compat import security_http_bearer_digest
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200


class HTTPBearerDigestTest(AppTestCase):
    app = security_http_bearer_digest.app

    def assert_not_authenticated(self, response, challenge: str) -> None:
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json(), {"detail": "Not authenticated"})
        self.assertEqual(response.headers["www-authenticate"], challenge)

    def test_bearer(self) -> None:
        response = self.client.get("/bearer", headers={"Authorization": "Bearer eyJ.payload.sig"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"scheme": "Bearer", "credentials": "eyJ.payload.sig"})

    def test_bearer_scheme_keeps_its_spelling(self) -> None:
        response = self.client.get("/bearer", headers={"Authorization": "bearer eyJ.payload.sig"})
        self.assertEqual(response.json(), {"scheme": "bearer", "credentials": "eyJ.payload.sig"})

    def test_bearer_credentials_are_stripped(self) -> None:
        response = self.client.get("/bearer", headers={"Authorization": "Bearer   eyJ.payload.sig"})
        self.assertEqual(response.json(), {"scheme": "Bearer", "credentials": "eyJ.payload.sig"})

    def test_bearer_missing(self) -> None:
        self.assert_not_authenticated(self.client.get("/bearer"), "Bearer")

    def test_bearer_without_credentials(self) -> None:
        self.assert_not_authenticated(self.client.get("/bearer", headers={"Authorization": "Bearer"}), "Bearer")

    def test_bearer_other_scheme(self) -> None:
        self.assert_not_authenticated(self.client.get("/bearer", headers={"Authorization": "Basic notreally"}), "Bearer")

    def test_digest(self) -> None:
        value = 'Digest username="ann", realm="api", nonce="n0", response="r1"'
        response = self.client.get("/digest", headers={"Authorization": value})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {
            "scheme": "Digest", "credentials": 'username="ann", realm="api", nonce="n0", response="r1"'})

    def test_digest_missing(self) -> None:
        self.assert_not_authenticated(self.client.get("/digest"), "Digest")

    def test_digest_other_scheme(self) -> None:
        self.assert_not_authenticated(self.client.get("/digest", headers={"Authorization": "Bearer abc"}), "Digest")

    def test_openapi(self) -> None:
        ok = {"200": RESPONSE_200}
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/bearer": {"get": {"summary": "Read Bearer", "operationId": "read_bearer_bearer_get", "responses": ok,
                                    "security": [{"HTTPBearer": []}]}},
                "/digest": {"get": {"summary": "Read Digest", "operationId": "read_digest_digest_get", "responses": ok,
                                    "security": [{"DigestAuth": []}]}},
            },
            "components": {"securitySchemes": {
                "HTTPBearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                               "description": "A JWT from the login service."},
                "DigestAuth": {"type": "http", "scheme": "digest"},
            }},
        })


if __name__ == "__main__":
    unittest.main()
