"""``OpenIdConnect`` and overriding ``make_not_authenticated_error`` (FastAPI's
tests/test_security_openid_connect.py and docs/en/docs/how-to/authentication-error-status-code.md).
Expected: the header is passed through unparsed; a missing one is 401 ``Not authenticated`` with
``WWW-Authenticate: Bearer``; the scheme is documented as ``openIdConnect``; the override answers 403
without a challenge."""
import unittest

from examples.compat import security_open_id_connect
from tests.client_case import AppTestCase


class OpenIdConnectTest(AppTestCase):
    app = security_open_id_connect.app

    def test_header_is_passed_through(self) -> None:
        response = self.client.get("/oidc", headers={"Authorization": "Bearer  abc"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"authorization": "Bearer  abc"})

    def test_missing_header(self) -> None:
        response = self.client.get("/oidc")
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json(), {"detail": "Not authenticated"})
        self.assertEqual(response.headers["www-authenticate"], "Bearer")

    def test_overridden_error_is_403_without_challenge(self) -> None:
        response = self.client.get("/legacy", headers={"Authorization": "Basic abc"})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json(), {"detail": "Not authenticated"})
        self.assertNotIn("www-authenticate", response.headers)
        self.assertEqual(self.client.get("/legacy", headers={"Authorization": "Bearer t"}).json(), {"token": "t"})

    def test_openapi_security_scheme(self) -> None:
        document = self.client.get("/openapi.json").json()
        self.assertEqual(document["paths"]["/oidc"]["get"]["security"], [{"OpenIdConnect": []}])
        self.assertEqual(document["components"]["securitySchemes"]["OpenIdConnect"], {
            "type": "openIdConnect", "openIdConnectUrl": "/.well-known/openid-configuration",
            "description": "The company's IdP."})


if __name__ == "__main__":
    unittest.main()
