"""tachyon.openapi.models, FastAPI's fastapi.openapi.models: the security classes keep their scheme as one
of these models (apps read ``scheme.model.name``), and a custom OAuth2 class builds its flows from them
(FastAPI's "OAuth2 with the token in a cookie" recipe)."""
from __future__ import annotations

import unittest
from typing import Optional

from tachyon import Depends, FastAPI, HTTPException, Request
from tachyon.openapi.models import APIKey, APIKeyIn, OAuthFlows as OAuthFlowsModel, Schema
from tachyon.security import APIKeyHeader, HTTPBearer, OAuth2
from tachyon.security.utils import get_authorization_scheme_param
from tachyon.testclient import TestClient


class OAuth2PasswordBearerWithCookie(OAuth2):
    def __init__(self, tokenUrl: str, scopes: Optional[dict] = None, auto_error: bool = True):  # noqa: N803
        flows = OAuthFlowsModel(password={"tokenUrl": tokenUrl, "scopes": scopes or {}})
        super().__init__(flows=flows, auto_error=auto_error)

    async def __call__(self, request: Request) -> Optional[str]:
        scheme, token = get_authorization_scheme_param(request.cookies.get("access_token"))
        if scheme.lower() != "bearer":
            raise HTTPException(status_code=401, detail="Not authenticated", headers={"WWW-Authenticate": "Bearer"})
        return token


class TenantKey(APIKeyHeader):
    async def __call__(self, request: Request) -> Optional[str]:
        return request.headers.get(self.model.name, "default").upper()


app = FastAPI()
cookie_token = OAuth2PasswordBearerWithCookie(tokenUrl="token", scopes={"me": "Read me"})
tenant = TenantKey(name="x-tenant")
bearer = HTTPBearer(bearerFormat="JWT", auto_error=False)


@app.get("/me")
def me(token: str = Depends(cookie_token), tenant_name: str = Depends(tenant), _=Depends(bearer)):
    return {"token": token, "tenant": tenant_name}


class OpenAPIModelsTest(unittest.TestCase):
    def test_custom_schemes_built_from_the_models(self) -> None:
        with TestClient(app) as client:
            self.assertEqual(client.get("/me").status_code, 401)
            client.cookies.set("access_token", "Bearer abc")
            self.assertEqual(client.get("/me", headers={"x-tenant": "acme"}).json(), {"token": "abc", "tenant": "ACME"})
            schemes = client.get("/openapi.json").json()["components"]["securitySchemes"]
        self.assertEqual(schemes, {
            "OAuth2PasswordBearerWithCookie": {"type": "oauth2", "flows": {"password": {"scopes": {"me": "Read me"}, "tokenUrl": "token"}}},
            "TenantKey": {"type": "apiKey", "in": "header", "name": "x-tenant"},
            "HTTPBearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
        })

    def test_models_take_the_specifications_names(self) -> None:
        key = APIKey(**{"in": APIKeyIn.query}, name="token")
        self.assertEqual((key.in_, key.name, key.type_.value), (APIKeyIn.query, "token", "apiKey"))
        self.assertEqual(tenant.model.in_, APIKeyIn.header)
        schema = Schema(type="string", **{"x-extension": 1})
        self.assertEqual(schema.model_dump(exclude_none=True, by_alias=True), {"type": "string", "x-extension": 1})


if __name__ == "__main__":
    unittest.main()
